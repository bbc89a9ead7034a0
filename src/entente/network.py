"""The network of states: voting blocs in the UN General Assembly, one session-year at a time.

Each session-year is a weighted graph: states are vertices, and two states are joined when they vote
together more than each of them usually does (see :func:`alignment_graph` for the weight and why).
Blocs are communities of that graph found by the Leiden algorithm (Traag, Waltman & van Eck 2019,
Scientific Reports 9:5233) with a fixed seed, so the same call gives the same blocs. Blocs found
year by year carry arbitrary labels; :func:`bloc_history` matches them across consecutive years so
that a bloc keeps its label while its membership carries over.

References: Häge 2011 (Political Analysis 19:3), chance-corrected agreement; Traag et al. 2019, Leiden.
"""

from __future__ import annotations

import igraph as ig
import leidenalg
import numpy as np
import pandas as pd

from entente import alignment, countries, warehouse
from entente.errors import BadInput, NoEvidence
from entente.measures.similarity import MEASURES

__all__ = ["alignment_graph", "blocs", "bloc_history"]

CORE_SHARE = 0.25  # the top quarter of a bloc by within-bloc strength is its core


def _check_year(year) -> int:
    if not (1946 <= int(year) <= 2100):
        raise BadInput(f"Year {year} is out of range; UN General Assembly votes run from 1946.")
    return int(year)


def _graph_from_pairs(pairs: pd.DataFrame, year: int, measure: str, min_votes: int) -> ig.Graph:
    """Build the excess-alignment graph of one year from its dyad rows (see :func:`alignment_graph`)."""
    pairs = pairs[(pairs["n_votes"] >= min_votes) & pairs[measure].notna()]
    if pairs.empty:
        raise NoEvidence(f"No pair of states voted together on {min_votes} or more UN General Assembly "
                         f"roll calls in {year}. Try another year or a lower min_votes.")
    nodes = np.unique(np.concatenate([pairs["ccode1"].to_numpy(), pairs["ccode2"].to_numpy()]))
    both = pd.concat([pairs[["ccode1", measure]].set_axis(["ccode", "m"], axis=1),
                      pairs[["ccode2", measure]].set_axis(["ccode", "m"], axis=1)])
    baseline = both.groupby("ccode")["m"].mean()
    excess = pairs[measure] - (pairs["ccode1"].map(baseline) + pairs["ccode2"].map(baseline)) / 2
    kept = pairs.assign(weight=excess)[excess > 0]
    index = {int(c): i for i, c in enumerate(nodes)}
    graph = ig.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in zip(kept["ccode1"], kept["ccode2"])])
    graph.vs["ccode"] = [int(c) for c in nodes]
    graph.vs["baseline"] = [float(baseline[c]) for c in nodes]
    graph.es["weight"] = kept["weight"].astype(float).tolist()
    graph.es[measure] = kept[measure].astype(float).tolist()
    graph["year"], graph["measure"], graph["min_votes"] = year, measure, min_votes
    return graph


def alignment_graph(year: int, *, measure: str = "kappa", min_votes: int = 10, con=None) -> ig.Graph:
    """The UNGA alignment graph of one session-year: states as vertices, excess alignment as weights.

    Vertices carry ``ccode`` and ``baseline`` (the state's mean ``measure`` with all partners that
    year); edges carry ``weight`` and the raw ``measure``. A pair is an edge when both voted on at
    least ``min_votes`` of the same roll calls and its alignment exceeds the pair's baseline::

        weight_ij = m_ij − (b_i + b_j) / 2,   kept only where weight_ij > 0,
        b_i = mean over partners j of m_ij     (m = Cohen's κ by default)

    Why κ above baseline rather than κ shifted to be positive ((κ + 1) / 2): κ already removes the
    agreement expected from each state's vote shares (Häge 2011), but in the General Assembly most
    resolutions pass by large majorities, so nearly every pair is positively aligned. Shifted κ makes
    a near-complete graph of near-equal weights: Leiden still splits it, but the weighted modularity
    of its best partition is only 0.05–0.09 (1975, 1985, 2015, 2023), i.e. the blocs barely stand
    out from the consensus. Subtracting each state's own baseline keeps only the ties that are
    closer than a state's usual ties, which is what a bloc is: modularity 0.45–0.50 in those years.
    Using the mean of the two baselines (not the larger) keeps states that agree with everyone,
    and so rarely beat their own mean, connected to the partners they beat it with most.
    """
    if measure not in MEASURES:
        raise BadInput(f"Unknown measure {measure!r}; use one of {', '.join(MEASURES)}.")
    year = _check_year(year)
    pairs = alignment.all_pairs(start=year, end=year, con=con or warehouse.connection())
    return _graph_from_pairs(pairs, year, measure, min_votes)


def _partition(graph: ig.Graph, resolution: float, seed: int) -> pd.DataFrame:
    """Leiden (RB configuration model) on ``graph``; blocs numbered 1.. by size, then lowest ccode."""
    part = leidenalg.find_partition(graph, leidenalg.RBConfigurationVertexPartition, weights="weight",
                                    resolution_parameter=resolution, seed=seed, n_iterations=-1)
    frame = pd.DataFrame({"ccode": graph.vs["ccode"], "raw": part.membership})
    # within-bloc strength: the sum of a state's edge weights to members of its own bloc
    strength = np.zeros(graph.vcount())
    member = part.membership
    for edge, w in zip(graph.es, graph.es["weight"]):
        s, t = edge.tuple
        if member[s] == member[t]:
            strength[s] += w
            strength[t] += w
    frame["strength"] = strength
    order = frame.groupby("raw").agg(size=("ccode", "size"), first=("ccode", "min"))
    order = order.sort_values(["size", "first"], ascending=[False, True])
    frame["bloc"] = frame["raw"].map({raw: i + 1 for i, raw in enumerate(order.index)})
    frame["bloc_size"] = frame.groupby("bloc")["ccode"].transform("size")
    rank = frame.groupby("bloc")["strength"].rank(method="first", ascending=False)
    frame["core"] = rank <= np.maximum(1, np.floor(CORE_SHARE * frame["bloc_size"]))
    frame.attrs["modularity"] = float(part.modularity)
    return frame.drop(columns="raw")


def _present(frame: pd.DataFrame, year: int, graph: ig.Graph, resolution: float, seed: int) -> pd.DataFrame:
    abbs = {c: countries.resolve(int(c)).abb for c in frame["ccode"]}
    frame.insert(0, "year", year)
    frame.insert(2, "abb", frame["ccode"].map(abbs))
    frame.insert(3, "name", [countries.name(int(c)) for c in frame["ccode"]])
    frame = frame[["year", "ccode", "abb", "name", "bloc", "bloc_size", "core", "strength"]]
    frame = frame.sort_values(["bloc", "core", "strength"], ascending=[True, False, False], ignore_index=True)
    frame.attrs.update(modularity=_modularity(graph, frame), resolution=resolution, seed=seed,
                       measure=graph["measure"], min_votes=graph["min_votes"], year=year)
    return frame


def _modularity(graph: ig.Graph, frame: pd.DataFrame) -> float:
    bloc = dict(zip(frame["ccode"], frame["bloc"]))
    return float(graph.modularity([bloc[c] for c in graph.vs["ccode"]], weights="weight"))


def blocs(year: int, *, resolution: float = 1.0, seed: int = 42, measure: str = "kappa", min_votes: int = 10,
          con=None) -> pd.DataFrame:
    """Voting blocs of one session-year: year, ccode, abb, name, bloc, bloc_size, core, strength.

    Leiden community detection (Traag et al. 2019) on :func:`alignment_graph`, maximising the
    Reichardt–Bornholdt configuration-model quality ``Σ_ij (w_ij − γ k_i k_j / 2m) δ(σ_i, σ_j)`` with
    ``γ = resolution`` (higher → more, smaller blocs), iterated until stable, with a fixed ``seed``:
    the same arguments give the same blocs. Blocs are numbered 1, 2, ... by size (ties: lowest
    ccode). ``strength`` is a state's summed edge weight to its own bloc; ``core`` marks the top
    quarter of each bloc by that strength (at least one state). ``frame.attrs["modularity"]`` holds
    the weighted (γ = 1) Newman modularity of the partition, from igraph (leidenalg's own
    ``partition.modularity`` ignores the weights). Rows: bloc, then core first, then strength.
    """
    year = _check_year(year)
    graph = alignment_graph(year, measure=measure, min_votes=min_votes, con=con)
    return _present(_partition(graph, resolution, seed), year, graph, resolution, seed)


def _match(previous: pd.DataFrame, current: pd.DataFrame, next_label: int) -> tuple[dict[int, int], int]:
    """Map this year's bloc numbers to last year's labels by maximum total overlap (Hungarian)."""
    from scipy.optimize import linear_sum_assignment

    shared = current.merge(previous, on="ccode")
    overlap = pd.crosstab(shared["bloc"], shared["label"])
    mapping: dict[int, int] = {}
    if not overlap.empty:
        rows, cols = linear_sum_assignment(-overlap.to_numpy())
        for r, c in zip(rows, cols):
            if overlap.iat[r, c] > 0:
                mapping[int(overlap.index[r])] = int(overlap.columns[c])
    for bloc in sorted(current["bloc"].unique()):
        if bloc not in mapping:
            mapping[int(bloc)] = next_label
            next_label += 1
    return mapping, next_label


def bloc_history(state=None, start: int = 1946, end: int = 2025, *, resolution: float = 1.0, seed: int = 42,
                 measure: str = "kappa", min_votes: int = 10, con=None) -> pd.DataFrame:
    """Blocs year by year with labels matched across years; one state's rows, or everyone's if None.

    Columns: year, ccode, abb, name, bloc (this year's number from :func:`blocs`), label (matched
    across years), bloc_size, core, strength, carried (share of the bloc that held the same label
    the year before; NaN in the first year or for a new label), anchor (abb of the bloc's
    strongest member).

    Matching: the first year's labels are its bloc numbers. For each later year, the overlap table
    (states in bloc b this year and in label l last year) is solved as an assignment problem that
    maximises total overlap (Hungarian method, ``scipy.optimize.linear_sum_assignment``); a bloc
    takes the label it is assigned if it shares at least one state with it, and blocs left over get
    a new label. Matching chains year to year, so labels depend on ``start``. A year without any
    pair that shared ``min_votes`` roll calls is skipped.
    """
    start, end = _check_year(start), _check_year(end)
    if start > end:
        raise BadInput(f"--from {start} is after --to {end}.")
    who = countries.resolve(state) if state is not None else None
    con = con or warehouse.connection()
    pairs = alignment.all_pairs(start=start, end=end, con=con)
    if who is not None:
        active = set(pairs.loc[pairs["ccode1"].eq(who.ccode) | pairs["ccode2"].eq(who.ccode), "year"])
        if not active:
            raise NoEvidence(f"{who.label} cast no UN General Assembly vote in {start}–{end}.")
    frames, previous, next_label = [], pd.DataFrame(columns=["ccode", "label"]), 1
    for year, year_pairs in pairs.groupby("year", sort=True):
        try:
            graph = _graph_from_pairs(year_pairs, int(year), measure, min_votes)
        except NoEvidence:
            continue
        current = _present(_partition(graph, resolution, seed), int(year), graph, resolution, seed)
        mapping, next_label = _match(previous, current, next_label)
        current["label"] = current["bloc"].map(mapping)
        last = dict(zip(previous["ccode"], previous["label"]))
        same = current["ccode"].map(last).eq(current["label"])
        carried = same.groupby(current["label"]).transform("mean")
        current["carried"] = carried.where(current["label"].isin(set(last.values())))
        anchors = current.sort_values("strength", ascending=False).drop_duplicates("label")
        current["anchor"] = current["label"].map(dict(zip(anchors["label"], anchors["abb"])))
        current.attrs = {}
        frames.append(current)
        previous = current[["ccode", "label"]]
    if not frames:
        raise NoEvidence(f"No UN General Assembly roll calls with {min_votes}+ shared votes in {start}–{end}.")
    out = pd.concat(frames, ignore_index=True)
    out = out[["year", "ccode", "abb", "name", "bloc", "label", "bloc_size", "core", "strength", "carried",
               "anchor"]]
    if who is not None:
        out = out[out["ccode"] == who.ccode].reset_index(drop=True)
    out.attrs.update(resolution=resolution, seed=seed, measure=measure, min_votes=min_votes)
    return out
