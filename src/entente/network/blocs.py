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

import functools
import hashlib
import json
import os
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import numpy as np
import pandas as pd

from entente import config, countries, warehouse
from entente.errors import BadInput, EntenteError, NoEvidence
from entente.network.ties import alignment_ties, check_year, ties_from_pairs
from entente.pair import alignment
from entente.store import Connection, one

if TYPE_CHECKING:
    import igraph as ig

__all__ = ["alignment_graph", "bloc_history", "bloc_stability", "blocs", "cached_blocs"]

CORE_SHARE = 0.25  # the top quarter of a bloc by within-bloc strength is its core


_check_year = check_year


def _graph_from_pairs(pairs: pd.DataFrame, year: int, measure: str, min_votes: int) -> ig.Graph:
    """Build the excess-alignment graph of one year from its dyad rows (see :func:`alignment_graph`)."""
    return _graph_from_ties(ties_from_pairs(pairs, year, measure, min_votes))


def _graph_from_ties(ties) -> ig.Graph:
    """The igraph graph of :func:`entente.network.ties.ties_from_pairs`' arrays, with their attributes."""
    import igraph as ig   # heavy (and it imports matplotlib): only where a graph is built

    graph = ig.Graph(n=ties.vcount(), edges=ties.ends.tolist())
    graph.vs["ccode"] = ties.ccodes.astype(int).tolist()
    graph.vs["baseline"] = ties.baseline.astype(float).tolist()
    graph.es["weight"] = ties.weight.astype(float).tolist()
    graph.es[ties.measure] = ties.raw.astype(float).tolist()
    graph["year"], graph["measure"], graph["min_votes"] = ties.year, ties.measure, ties.min_votes
    return graph


def alignment_graph(year: int, *, measure: str = "kappa", min_votes: int = 10,
                    con: Connection | None = None) -> ig.Graph:
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
    return _graph_from_ties(alignment_ties(year, measure=measure, min_votes=min_votes, con=con))


ENGINES = ("leidenalg", "igraph")


def _membership(graph: ig.Graph, resolution: float, seed: int, engine: str) -> list[int]:
    """Leiden memberships from leidenalg (the default) or from igraph's own C implementation.

    Both maximise the same quality (RB configuration model = modularity with resolution γ) until an
    iteration no longer improves it; igraph's is about 20 times faster but follows another random
    path, so in some years it settles on a different partition of (on average) equal modularity.
    igraph draws from Python's ``random``; a private ``random.Random(seed)`` keeps it reproducible.
    """
    import igraph as ig   # heavy (igraph imports matplotlib), and only needed on a cache miss (cached_blocs)

    if engine == "leidenalg":
        import leidenalg

        return leidenalg.find_partition(graph, leidenalg.RBConfigurationVertexPartition, weights="weight",
                                        resolution_parameter=resolution, seed=seed, n_iterations=-1).membership
    if engine != "igraph":
        raise BadInput(f"Unknown engine {engine!r}; use one of {', '.join(ENGINES)}.")
    import random

    ig.set_random_number_generator(random.Random(seed))
    try:
        return graph.community_leiden(objective_function="modularity", weights="weight", resolution=resolution,
                                      n_iterations=-1).membership
    finally:
        ig.set_random_number_generator(random)


def _partition(graph: ig.Graph, resolution: float, seed: int, engine: str = "leidenalg") -> pd.DataFrame:
    """Leiden (RB configuration model) on ``graph``; blocs numbered 1.. by size, then lowest ccode."""
    membership = _membership(graph, resolution, seed, engine)
    frame = pd.DataFrame({"ccode": graph.vs["ccode"], "raw": membership})
    # within-bloc strength: the sum of a state's edge weights to members of its own bloc
    ends = np.array(graph.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    weight = np.asarray(graph.es["weight"], dtype=float)
    member = np.asarray(membership)
    inside = member[ends[:, 0]] == member[ends[:, 1]]
    # both ends of each edge in edge order, so each state's sum is accumulated in the same order as a loop
    strength = np.bincount(ends[inside].ravel(), np.repeat(weight[inside], 2), minlength=graph.vcount())
    frame["strength"] = strength
    # blocs numbered by size (largest first), ties by lowest ccode
    ccode = frame["ccode"].to_numpy()
    raws, raw = np.unique(member, return_inverse=True)
    size = np.bincount(raw)
    first = np.full(len(raws), np.iinfo(np.int64).max)
    np.minimum.at(first, raw, ccode)
    number = np.empty(len(raws), dtype=np.int64)
    number[np.lexsort((first, -size))] = np.arange(1, len(raws) + 1)
    frame["bloc"] = number[raw]
    frame["bloc_size"] = size[raw]
    # core: the top quarter of each bloc by strength (ties: the earlier vertex, as rank(method="first"))
    order = np.lexsort((np.arange(len(frame)), -strength, frame["bloc"].to_numpy()))
    rank = np.empty(len(frame), dtype=np.int64)
    starts = np.r_[0, np.flatnonzero(np.diff(frame["bloc"].to_numpy()[order])) + 1]
    position = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    rank[order] = position + 1
    frame["core"] = rank <= np.maximum(1, np.floor(CORE_SHARE * frame["bloc_size"].to_numpy()))
    return frame.drop(columns="raw")


@functools.lru_cache(maxsize=None)
def _label(ccode: int, year: int | None = None) -> tuple[str, str]:
    return countries.resolve(ccode).abb, countries.name(ccode, year)


def _present(frame: pd.DataFrame, year: int, graph: ig.Graph, resolution: float, seed: int) -> pd.DataFrame:
    labels = [_label(int(c), year) for c in frame["ccode"]]
    frame.insert(0, "year", year)
    frame.insert(2, "abb", [abb for abb, _ in labels])
    frame.insert(3, "name", [name for _, name in labels])
    frame = frame[["year", "ccode", "abb", "name", "bloc", "bloc_size", "core", "strength"]]
    frame = frame.sort_values(["bloc", "core", "strength"], ascending=[True, False, False], ignore_index=True)
    frame.attrs.update(modularity=_modularity(graph, frame), resolution=resolution, seed=seed,
                       measure=graph["measure"], min_votes=graph["min_votes"], year=year)
    return frame


def _modularity(graph: ig.Graph, frame: pd.DataFrame) -> float:
    bloc = dict(zip(frame["ccode"], frame["bloc"]))
    return float(graph.modularity([bloc[c] for c in graph.vs["ccode"]], weights="weight"))


def blocs(year: int, *, resolution: float = 1.0, seed: int = 42, measure: str = "kappa", min_votes: int = 10,
          engine: str = "leidenalg", graph: ig.Graph | None = None, con: Connection | None = None) -> pd.DataFrame:
    """Voting blocs of one session-year: year, ccode, abb, name, bloc, bloc_size, core, strength.

    Leiden community detection (Traag et al. 2019) on :func:`alignment_graph`, maximising the
    Reichardt–Bornholdt configuration-model quality ``Σ_ij (w_ij − γ k_i k_j / 2m) δ(σ_i, σ_j)`` with
    ``γ = resolution`` (higher → more, smaller blocs), iterated until stable, with a fixed ``seed``:
    the same arguments give the same blocs. Blocs are numbered 1, 2, ... by size (ties: lowest
    ccode). ``strength`` is a state's summed edge weight to its own bloc; ``core`` marks the top
    quarter of each bloc by that strength (at least one state). ``frame.attrs["modularity"]`` holds
    the weighted (γ = 1) Newman modularity of the partition, from igraph (leidenalg's own
    ``partition.modularity`` ignores the weights). Rows: bloc, then core first, then strength.
    ``engine``: ``"leidenalg"`` (default) or ``"igraph"``, igraph's own, faster Leiden (see
    :func:`_membership`: same quality function, a different random path). ``graph``: that year's
    :func:`alignment_graph` with the same ``measure`` and ``min_votes``, when the caller has built it
    already (a brief draws it too), so it is not built twice.
    """
    year = _check_year(year)
    if graph is None:
        graph = alignment_graph(year, measure=measure, min_votes=min_votes, con=con)
    elif (graph["year"], graph["measure"], graph["min_votes"]) != (year, measure, min_votes):
        raise BadInput(f"blocs() got the alignment graph of {graph['year']} ({graph['measure']}, min_votes "
                       f"{graph['min_votes']}) for {year} ({measure}, min_votes {min_votes}); pass that year's graph.")
    return _present(_partition(graph, resolution, seed, engine), year, graph, resolution, seed)


#: Raise when :func:`blocs` would give another frame for the same arguments (a new column, core rule...).
CACHE_VERSION = 1


def _cache_path(con: Connection, **key) -> Path | None:
    """``$ENTENTE_HOME/cache/blocs/<year>-<sha256>.json``: the hash of :func:`blocs`' arguments and the
    fingerprint the warehouse behind ``con`` was built with (so a rebuilt or refreshed warehouse is a new
    file), :data:`CACHE_VERSION` and the versions of igraph and leidenalg; None when ``con`` has no recorded
    fingerprint or there is no home folder."""
    try:
        row = one(con, "SELECT value FROM _meta WHERE key = 'fingerprint'")
        home = config.home()
    except (duckdb.Error, EntenteError, OSError):
        return None
    if not row:
        return None
    versions = {name: metadata.version(name) for name in ("igraph", "leidenalg")}   # read without importing
    text = json.dumps({**key, "warehouse": row[0], "method": CACHE_VERSION, **versions}, sort_keys=True)
    return home / "cache" / "blocs" / f"{key['year']}-{hashlib.sha256(text.encode()).hexdigest()[:32]}.json"


def _read_cached(path: Path) -> pd.DataFrame:
    data = json.loads(path.read_text(encoding="utf-8"))
    frame = pd.DataFrame(data["columns"])
    # text columns keep the dtype pandas infers, as :func:`blocs` builds them (object under pandas 2, str under 3)
    frame = frame.astype({"year": "int64", "ccode": "int64", "bloc": "int64", "bloc_size": "int64", "core": "bool",
                          "strength": "float64"})
    frame.attrs.update(data["attrs"])
    return frame


def _write_cached(path: Path, frame: pd.DataFrame) -> None:
    """Written to a temporary file, then renamed (a reader never sees half a file); without a writable
    cache the blocs are simply computed again next time."""
    data = {"columns": {c: frame[c].tolist() for c in frame.columns}, "attrs": dict(frame.attrs)}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, path)
    except (OSError, TypeError, ValueError):
        pass


def cached_blocs(year: int, *, resolution: float = 1.0, seed: int = 42, measure: str = "kappa",
                 min_votes: int = 10, engine: str = "leidenalg", con: Connection | None = None) -> pd.DataFrame:
    """:func:`blocs` of ``year``, kept on disk: the same frame and ``attrs``, read back without building the
    graph or importing igraph and leidenalg (about 0.5 s a brief). Leiden with a fixed seed is deterministic,
    so the cache is keyed by the arguments and the warehouse's fingerprint (:func:`_cache_path`). JSON keeps
    every float exactly (shortest repr round-trips)."""
    year = _check_year(year)
    con = con or warehouse.connection()
    path = _cache_path(con, year=year, resolution=float(resolution), seed=int(seed), measure=measure,
                       min_votes=int(min_votes), engine=engine)
    if path is not None:
        try:
            return _read_cached(path)
        except (OSError, ValueError, KeyError, TypeError):   # not computed yet, or unreadable: compute it
            pass
    frame = blocs(year, resolution=resolution, seed=seed, measure=measure, min_votes=min_votes, engine=engine,
                  con=con)
    if path is not None:
        _write_cached(path, frame)
    return frame


def _match(previous: pd.DataFrame, current: pd.DataFrame, next_label: int) -> tuple[dict[int, int], int]:
    """Map this year's bloc numbers to last year's labels by maximum total overlap (Hungarian)."""
    from scipy.optimize import linear_sum_assignment

    # overlap[b, l]: states in bloc b this year and under label l last year (rows, columns sorted)
    last = dict(zip(previous["ccode"].tolist(), previous["label"].tolist()))
    pairs = [(b, last[c]) for c, b in zip(current["ccode"].tolist(), current["bloc"].tolist()) if c in last]
    mapping: dict[int, int] = {}
    if pairs:
        blocs_now, labels_then = np.array(pairs, dtype=np.int64).T
        index, r = np.unique(blocs_now, return_inverse=True)
        columns, c = np.unique(labels_then, return_inverse=True)
        overlap = np.zeros((len(index), len(columns)), dtype=np.int64)
        np.add.at(overlap, (r, c), 1)
        rows, cols = linear_sum_assignment(-overlap)
        for i, j in zip(rows, cols):
            if overlap[i, j] > 0:
                mapping[int(index[i])] = int(columns[j])
    for bloc in sorted(current["bloc"].unique()):
        if bloc not in mapping:
            mapping[int(bloc)] = next_label
            next_label += 1
    return mapping, next_label


def bloc_history(state=None, start: int = 1946, end: int = 2025, *, resolution: float = 1.0, seed: int = 42,
                 measure: str = "kappa", min_votes: int = 10, engine: str = "leidenalg",
                 con: Connection | None = None) -> pd.DataFrame:
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
    pair that shared ``min_votes`` roll calls is skipped. ``engine``: as in :func:`blocs`.
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
    frames, previous, next_label, modularity = [], pd.DataFrame(columns=["ccode", "label"]), 1, {}
    for year, year_pairs in pairs.groupby("year", sort=True):
        try:
            graph = _graph_from_pairs(year_pairs, int(year), measure, min_votes)
        except NoEvidence:
            continue
        current = _present(_partition(graph, resolution, seed, engine), int(year), graph, resolution, seed)
        mapping, next_label = _match(previous, current, next_label)
        current["label"] = current["bloc"].map(mapping)
        last = dict(zip(previous["ccode"], previous["label"]))
        same = current["ccode"].map(last).eq(current["label"])
        carried = same.groupby(current["label"]).transform("mean")
        current["carried"] = carried.where(current["label"].isin(set(last.values())))
        anchors = current.sort_values("strength", ascending=False).drop_duplicates("label")
        current["anchor"] = current["label"].map(dict(zip(anchors["label"], anchors["abb"])))
        modularity[int(year)] = current.attrs["modularity"]
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
    out.attrs.update(resolution=resolution, seed=seed, measure=measure, min_votes=min_votes, modularity=modularity)
    return out


def bloc_stability(start: int = 1946, end: int = 2025, **options) -> pd.DataFrame:
    """How stable the blocs are from one year to the next: one row per year of :func:`bloc_history`.

    Columns: year, states, blocs, modularity (weighted Newman modularity of that year's partition),
    nmi and adjusted_rand (the partition compared with the year before, on the states present both
    years: normalised mutual information, Danon et al. 2005, and the adjusted Rand index, Hubert &
    Arabie 1985, both from ``igraph.compare_communities``; 1 = the same blocs, about 0 = unrelated),
    kept (share of those states whose matched label is unchanged). The first year has no comparison
    (NaN). ``options`` go to :func:`bloc_history` (resolution, seed, measure, min_votes, engine, con).
    """
    import igraph as ig   # heavy: compare_communities only

    history = bloc_history(None, start, end, **options)
    rows, previous = [], None
    for year, current in history.groupby("year", sort=True):
        row = {"year": int(year), "states": len(current), "blocs": int(current["bloc"].nunique()),
               "modularity": history.attrs["modularity"][int(year)], "nmi": np.nan, "adjusted_rand": np.nan,
               "kept": np.nan}
        if previous is not None:
            both = current.merge(previous, on="ccode", suffixes=("", "_prev"))
            if len(both) > 1:
                now, then = both["bloc"].tolist(), both["bloc_prev"].tolist()
                row["nmi"] = ig.compare_communities(then, now, method="nmi")
                row["adjusted_rand"] = ig.compare_communities(then, now, method="adjusted_rand")
                row["kept"] = float((both["label"] == both["label_prev"]).mean())
        rows.append(row)
        previous = current[["ccode", "bloc", "label"]]
    out = pd.DataFrame(rows)
    out.attrs.update({k: v for k, v in history.attrs.items() if k != "modularity"})
    return out
