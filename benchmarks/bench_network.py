"""Benchmark: the network of states for every year — blocs, structural balance, an axis baseline.

Three steps, each run by entente and by the same step written with NetworkX's pure-Python algorithms,
on the same inputs read once from the warehouse:

- **blocs 1946–2025**: entente ``network.bloc_history(None, 1946, 2025)`` (the whole pipeline: graphs,
  Leiden partitions, cores, label matching; with the default ``engine="leidenalg"`` and with igraph's
  own Leiden, ``engine="igraph"``) against ``networkx.community.louvain_communities`` on the same
  excess-κ graphs (graph building included, nothing else); and, like for like, entente's graphs and
  Leiden memberships alone. Modularity of the partitions is reported (weighted, γ = 1), so speed is
  not bought with worse blocs.
- **balance 1946–2025**: entente ``network.balance(..., with_frustration=False)`` (edge tables read and
  combined, then triangle types from traces of matrix products) against the same edge reading and
  combination followed by a triangle enumeration over a NetworkX graph (each edge's common neighbours).
  Triangle counts must agree exactly (checked).
- **axis baseline 1990–2025**: entente's vectorised draws (:func:`entente.network.axis.baseline_draws`,
  1,000 region-matched groups per year for RUS, IRN, CHN, PRK) against the same draws evaluated one by
  one as the mean edge weight of ``G.subgraph(group)`` on a NetworkX κ graph. Means must agree (checked).

Times are the best of ``--repeat`` runs (the NetworkX steps run once unless ``--repeat-nx``).
Usage: ``python benchmarks/bench_network.py [--repeat 3] [--json benchmarks/results_network.json]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time

import igraph as ig
import leidenalg
import networkx as nx
import numpy as np
import pandas as pd

from entente import network, warehouse
from entente.pair import alignment
from entente.network.axis import baseline_draws, region
from entente.network.layers import excess_alignment

START, END = 1946, 2025
AXIS = [365, 630, 710, 731]
AXIS_START, DRAWS, SEED = 1990, 1000, 42


def best_of(fn, repeat):
    times, result = [], None
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


# -- blocs ---------------------------------------------------------------------------------------------
def entente_blocs(con, engine="leidenalg"):
    return network.bloc_history(None, START, END, engine=engine, con=con)


def entente_partitions(pairs: pd.DataFrame, engine: str):
    """Only the graphs and Leiden memberships, year by year (the like-for-like part of the blocs step)."""
    from entente.errors import NoEvidence
    from entente.network.blocs import _graph_from_pairs, _membership

    out = {}
    for year, rows in pairs.groupby("year", sort=True):
        try:
            graph = _graph_from_pairs(rows, int(year), "kappa", 10)
        except NoEvidence:
            continue
        out[int(year)] = _membership(graph, 1.0, SEED, engine)
    return out


def networkx_blocs(pairs: pd.DataFrame):
    """Louvain (NetworkX, pure Python) on the same excess-κ graphs: {year: (graph, communities)}."""
    out = {}
    for year, rows in pairs.groupby("year", sort=True):
        rows = excess_alignment(rows)
        kept = rows[rows["excess"] > 0]
        if kept.empty:  # a session without 10 shared roll calls for any pair: entente skips it too
            continue
        g = nx.Graph()
        g.add_nodes_from(np.unique(np.concatenate([rows["ccode1"], rows["ccode2"]])).tolist())
        g.add_weighted_edges_from(zip(kept["ccode1"].tolist(), kept["ccode2"].tolist(), kept["excess"].tolist()))
        out[int(year)] = (g, nx.community.louvain_communities(g, weight="weight", resolution=1.0, seed=SEED))
    return out


def modularities(history: pd.DataFrame, louvain: dict) -> tuple[float, float]:
    """Mean weighted modularity over years: entente's blocs and NetworkX's Louvain, on the same graphs."""
    ours, theirs = [], []
    for year, (g, communities) in louvain.items():
        rows = history[history["year"] == year]
        blocs = [set(group["ccode"]) for _, group in rows.groupby("bloc")]
        ours.append(nx.community.modularity(g, blocs, weight="weight"))
        theirs.append(nx.community.modularity(g, communities, weight="weight"))
    return float(np.mean(ours)), float(np.mean(theirs))


# -- balance -------------------------------------------------------------------------------------------
def entente_balance(con):
    return network.balance(START, END, con=con, with_frustration=False)


def networkx_balance(con):
    combined = network.combine(network.edges(START, END, con=con))
    rows = []
    for year, group in combined.groupby("year", sort=True):
        g = nx.Graph()
        g.add_edges_from((a, b, {"sign": s}) for a, b, s in
                         zip(group["ccode1"].tolist(), group["ccode2"].tolist(), group["sign"].tolist()))
        counts = [0, 0, 0, 0]
        for u, v in g.edges():
            if u > v:
                u, v = v, u
            for w in nx.common_neighbors(g, u, v):
                if w > v:
                    counts[[g[u][v]["sign"], g[v][w]["sign"], g[u][w]["sign"]].count(-1)] += 1
        rows.append({"year": int(year), "ppp": counts[0], "ppn": counts[1], "pnn": counts[2], "nnn": counts[3]})
    return pd.DataFrame(rows)


# -- axis baseline -------------------------------------------------------------------------------------
def axis_inputs(con):
    """Per year: κ matrix, nodes, regions, the group's region mix (as :func:`network.axis` builds them)."""
    pairs = con.execute("SELECT year, ccode1, ccode2, kappa FROM m_unga_alignment_dyad_year "
                        "WHERE year BETWEEN ? AND ? AND n_votes >= 10", [AXIS_START, END]).df()
    out = []
    for year, rows in pairs.groupby("year", sort=True):
        nodes = np.unique(np.concatenate([rows["ccode1"], rows["ccode2"]]))
        i, j = np.searchsorted(nodes, rows["ccode1"]), np.searchsorted(nodes, rows["ccode2"])
        kappa = np.full((len(nodes), len(nodes)), np.nan)
        kappa[i, j] = kappa[j, i] = rows["kappa"].to_numpy()
        present = [c for c in AXIS if c in set(nodes)]
        mix = pd.Series([region(c) for c in present]).value_counts().sort_index().to_dict()
        out.append((int(year), rows, nodes, kappa, np.array([region(c) for c in nodes]), mix))
    return out


def entente_axis(inputs):
    return {year: baseline_draws(kappa, regions, mix, draws=DRAWS, rng=np.random.default_rng([SEED, year]))
            for year, _, _, kappa, regions, mix in inputs}


def networkx_axis(inputs):
    """The same groups, one NetworkX subgraph per draw: mean κ over the subgraph's edges."""
    out = {}
    for year, rows, nodes, _, regions, mix in inputs:
        g = nx.Graph()
        g.add_weighted_edges_from(zip(rows["ccode1"].tolist(), rows["ccode2"].tolist(), rows["kappa"].tolist()))
        rng = np.random.default_rng([SEED, year])  # same stream, same draws as entente
        parts = []
        for name, k in mix.items():
            pool = np.flatnonzero(regions == name)
            parts.append(pool[rng.random((DRAWS, len(pool))).argsort(axis=1)[:, :k]])
        groups = nodes[np.concatenate(parts, axis=1)]
        values = []
        for group in groups:
            sub = g.subgraph(group.tolist())
            weights = [d["weight"] for _, _, d in sub.edges(data=True)]
            values.append(float(np.mean(weights)) if weights else np.nan)
        out[year] = np.array(values)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--repeat-nx", type=int, default=1)
    parser.add_argument("--json", help="Write results here.")
    args = parser.parse_args()
    con = warehouse.connect()
    network.blocs(2000, con=con)  # warm up: imports, the country registry
    results = {}

    seconds, history = best_of(lambda: entente_blocs(con), args.repeat)
    fast_seconds, fast_history = best_of(lambda: entente_blocs(con, "igraph"), args.repeat)
    pairs = alignment.all_pairs(start=START, end=END, con=con)
    nx_seconds, louvain = best_of(lambda: networkx_blocs(pairs), args.repeat_nx)
    partitions = {}
    for engine in ("leidenalg", "igraph"):
        t, _ = best_of(lambda: entente_partitions(pairs, engine), args.repeat)
        partitions[engine] = {"entente": round(t, 3), "networkx": round(nx_seconds, 3),
                              "ratio": round(nx_seconds / t, 1)}
    ours, theirs = modularities(history, louvain)
    fast_q, _ = modularities(fast_history, louvain)
    results["blocs"] = {"entente": round(seconds, 3), "networkx": round(nx_seconds, 3),
                        "ratio": round(nx_seconds / seconds, 1), "years": int(history["year"].nunique()),
                        "engine": "leidenalg", "modularity_entente": round(ours, 4),
                        "modularity_networkx": round(theirs, 4)}
    blocs_igraph = {"entente": round(fast_seconds, 3), "networkx": round(nx_seconds, 3),
                    "ratio": round(nx_seconds / fast_seconds, 1), "engine": "igraph",
                    "modularity_entente": round(fast_q, 4)}

    seconds, ours_b = best_of(lambda: entente_balance(con), args.repeat)
    nx_seconds, theirs_b = best_of(lambda: networkx_balance(con), args.repeat_nx)
    merged = ours_b.merge(theirs_b, on="year", suffixes=("", "_nx"), validate="1:1")
    for c in ("ppp", "ppn", "pnn", "nnn"):
        assert (merged[c] == merged[f"{c}_nx"]).all(), f"triangle counts differ: {c}"
    results["balance"] = {"entente": round(seconds, 3), "networkx": round(nx_seconds, 3),
                          "ratio": round(nx_seconds / seconds, 1), "years": len(merged),
                          "triangles": int(ours_b["triangles"].sum())}

    inputs = axis_inputs(con)
    seconds, fast = best_of(lambda: entente_axis(inputs), args.repeat)
    nx_seconds, slow = best_of(lambda: networkx_axis(inputs), args.repeat_nx)
    for year in fast:
        np.testing.assert_allclose(fast[year], slow[year], rtol=1e-9, err_msg=f"axis draws differ in {year}")
    axis_total, _ = best_of(lambda: network.axis(AXIS, AXIS_START, END, draws=DRAWS, seed=SEED, con=con),
                            args.repeat)
    results["axis_baseline"] = {"entente": round(seconds, 4), "networkx": round(nx_seconds, 3),
                                "ratio": round(nx_seconds / seconds, 1), "years": len(fast), "draws": DRAWS,
                                "axis_total_entente": round(axis_total, 3)}

    total = sum(r["entente"] for r in results.values())
    total_nx = sum(r["networkx"] for r in results.values())
    total_fast = total - results["blocs"]["entente"] + blocs_igraph["entente"]
    steps = {**results, "blocs (igraph)": blocs_igraph, "partitions only": partitions["leidenalg"],
             "partitions (ig)": partitions["igraph"]}
    for name, r in steps.items():
        print(f"{name:15s} entente {r['entente']:8.3f} s   networkx {r['networkx']:8.3f} s   {r['ratio']:6.1f}x")
    print(f"blocs {START}–{END}: {results['blocs']['entente']:.2f} s (leidenalg), {blocs_igraph['entente']:.2f} s "
          f"(igraph); modularity {ours:.4f} / {fast_q:.4f} vs NetworkX Louvain {theirs:.4f}")
    print(f"all three steps: entente {total:.2f} s (igraph engine {total_fast:.2f} s), networkx {total_nx:.2f} s "
          f"→ {total_nx / total:.1f}x ({total_nx / total_fast:.1f}x)")
    if args.json:
        with open(args.json, "w") as handle:
            json.dump({"results": {**results, "blocs_igraph_engine": blocs_igraph,
                                   "blocs_partitions_only_leidenalg": partitions["leidenalg"],
                                   "blocs_partitions_only_igraph": partitions["igraph"]},
                       "total": {"entente": round(total, 3), "networkx": round(total_nx, 3),
                                 "ratio": round(total_nx / total, 1), "entente_igraph_engine": round(total_fast, 3),
                                 "ratio_igraph_engine": round(total_nx / total_fast, 1)},
                       "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                   "networkx": nx.__version__, "igraph": ig.__version__,
                                   "leidenalg": leidenalg.version, "numpy": np.__version__}}, handle, indent=2)


if __name__ == "__main__":
    main()
