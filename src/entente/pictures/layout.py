"""The network picture around a pair or a group without drawing it: who is shown, their ties, where they sit.

The graph is one year's UNGA alignment graph (:func:`entente.network.alignment_graph`, or its plain
arrays :func:`entente.network.alignment_ties`): two states are joined when their Cohen's κ beats the
mean of their baselines, and the edge weight is that excess. Around a focus (a pair or a group),
:func:`describe` keeps the ``n`` **strongest neighbours**: third states ranked by the sum of their edge
weights to the focus states (a state joined to none of them scores 0 and is not shown; ties go to the
lower COW code), and every edge among the shown states. :func:`layout` places them with the
force-directed algorithm of Fruchterman & Reingold (1991, "Graph drawing by force-directed placement",
Software: Practice and Experience 21(11):1129–1164), weighted, started from a circle.

Nothing here imports igraph or matplotlib, so the brief's Vega-Lite network
chart (:mod:`entente.brief.charts`) needs neither; :mod:`entente.pictures.graphs` draws the same
description with matplotlib for ``entente draw``.
"""

from __future__ import annotations

import numpy as np

from entente import countries
from entente.errors import NoEvidence
from entente.pictures import palette

__all__ = ["describe", "layout", "pair_colours", "strongest_neighbours"]

FOCUS_COLOUR = palette.PAIR_COLOUR   # the states drawn around: the pair's own colour in the brief's charts
NEIGHBOUR_COLOUR = "#9fb3d1"
BOTH_COLOUR = "#8e6bb0"

EDGE_NOTE = ("A line joins two states that voted together more than each usually does (Cohen's κ above the mean "
             "of their baselines); thicker = closer.")


def _ties(graph) -> tuple[dict, list[int], list[tuple[int, int, float]]]:
    """(year/measure/min_votes, vertex ccodes, edges as (ccode, ccode, weight)) of an igraph alignment graph
    or of :class:`entente.network.ties.AlignmentTies` (duck-typed: igraph is not imported here)."""
    if hasattr(graph, "vs"):   # an igraph graph from entente.network.alignment_graph
        meta = {k: graph[k] for k in ("year", "measure", "min_votes")}
        codes = [int(c) for c in graph.vs["ccode"]]
        pairs, weights = graph.get_edgelist(), graph.es["weight"]
    else:
        meta = {"year": graph.year, "measure": graph.measure, "min_votes": graph.min_votes}
        codes = [int(c) for c in graph.ccodes]
        pairs, weights = graph.ends.tolist(), graph.weight.tolist()
    return meta, codes, [(codes[s], codes[t], float(w)) for (s, t), w in zip(pairs, weights)]


def _neighbours(edges, focus: list[int], n: int) -> list[tuple[int, float]]:
    ties: dict[int, float] = {}
    for ccode in focus:
        for s, t, w in edges:
            if ccode in (s, t):
                other = t if s == ccode else s
                if other not in focus:
                    ties[other] = ties.get(other, 0.0) + w
    return sorted(ties.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def strongest_neighbours(graph, focus: list[int], n: int) -> list[tuple[int, float]]:
    """The ``n`` third states with the largest summed edge weight to the ``focus`` states: (ccode, tie)."""
    return _neighbours(_ties(graph)[2], list(focus), n)


def describe(graph, focus: list[int], n: int) -> dict:
    """A JSON-ready picture of the focus and its neighbours: year, focus, nodes, edges (weights as in the graph).

    Nodes carry ccode, code (ISO3, else COW letters), name, focus (bool) and ``ties``: the weight to
    each focus state (0 if not joined). Edges are every graph edge between two shown states, from the
    lower ccode to the higher.
    """
    meta, codes, edges = _ties(graph)
    present = set(codes)
    missing = [c for c in focus if c not in present]
    if missing:
        who = ", ".join(countries.label(c) for c in missing)
        raise NoEvidence(f"{who} cast no UN General Assembly vote (with {meta['min_votes']}+ roll calls shared) "
                         f"in {meta['year']}; try another year.")
    shown = list(focus) + [c for c, _ in _neighbours(edges, list(focus), n)]
    inside = set(shown)
    weight, kept = {}, []
    for s, t, w in edges:
        if s in inside and t in inside:
            weight[(s, t)] = weight[(t, s)] = w
            kept.append({"source": min(s, t), "target": max(s, t), "weight": round(w, 6)})
    year = int(meta["year"])
    nodes = []
    for ccode in shown:
        state = countries.resolve(ccode)
        nodes.append({"ccode": ccode, "code": palette.short(ccode, year), "name": state.name,
                      "focus": ccode in focus,
                      "ties": {str(f): round(weight.get((ccode, f), 0.0), 6) for f in focus if f != ccode}})
    return {"year": year, "measure": meta["measure"], "focus": list(focus), "n": n,
            "nodes": nodes, "edges": sorted(kept, key=lambda e: (e["source"], e["target"]))}


ITERATIONS = 500


def layout(net: dict, seed: int) -> dict[int, tuple[float, float]]:
    """Positions of a :func:`describe` result's nodes, ccode → (x, y) centred and scaled into [-1, 1].

    Fruchterman & Reingold (1991): in a square frame of side 2 with ideal distance ``k = √(4 / n)``, every
    pair of nodes repels with force ``k² / d`` and every edge attracts with ``w · d² / k`` (``w``: the edge's
    weight over the heaviest, so closer allies pull harder); each step moves a node along its net force by
    at most the temperature, which cools linearly from 0.2 (a tenth of the frame) to 0 over
    :data:`ITERATIONS` steps, and keeps it inside the frame. Nodes start on a circle in the order of
    ``net["nodes"]``, nudged by at most 10⁻³ from ``numpy.random.default_rng(seed)`` so that symmetric
    starts can break: the same ``net`` and ``seed`` give the same positions.
    """
    codes = [node["ccode"] for node in net["nodes"]]
    n = len(codes)
    if n == 0:
        return {}
    at = {c: i for i, c in enumerate(codes)}
    turns = 2 * np.pi * np.arange(n) / n
    xy = np.column_stack([np.cos(turns), np.sin(turns)])
    xy += np.random.default_rng(seed).uniform(-1e-3, 1e-3, size=xy.shape)
    ends = np.array([(at[e["source"]], at[e["target"]]) for e in net["edges"]], dtype=np.int64).reshape(-1, 2)
    weights = np.array([e["weight"] for e in net["edges"]], dtype=float)
    top = weights.max() if len(weights) else 1.0
    weights = weights / (top or 1.0)
    k = np.sqrt(4.0 / n)
    for step in range(ITERATIONS):
        temperature = 0.2 * (1 - step / ITERATIONS)
        delta = xy[:, None, :] - xy[None, :, :]                     # delta[i, j] = x_i − x_j
        dist = np.maximum(np.hypot(delta[..., 0], delta[..., 1]), 1e-9)
        np.fill_diagonal(dist, np.inf)
        force = (delta / dist[..., None] * (k * k / dist)[..., None]).sum(axis=1)   # repulsion, all pairs
        if len(ends):
            pull = xy[ends[:, 0]] - xy[ends[:, 1]]
            d = np.maximum(np.hypot(pull[:, 0], pull[:, 1]), 1e-9)
            along = pull / d[:, None] * (weights * d * d / k)[:, None]
            np.add.at(force, ends[:, 0], -along)
            np.add.at(force, ends[:, 1], along)
        length = np.maximum(np.hypot(force[:, 0], force[:, 1]), 1e-12)
        xy += force / length[:, None] * np.minimum(length, temperature)[:, None]
        np.clip(xy, -1.0, 1.0, out=xy)
    xy -= xy.mean(axis=0)
    scale = np.abs(xy).max() or 1.0
    return {c: (float(x), float(y)) for c, (x, y) in zip(codes, xy / scale)}


def pair_colours(net: dict, a: int, b: int) -> dict[int, str]:
    """A and B in the brief's colours; neighbours by whom they are tied to: both, A only, B only."""
    out = {a: palette.A_COLOUR, b: palette.B_COLOUR}
    for node in net["nodes"]:
        if node["focus"]:
            continue
        ta, tb = node["ties"].get(str(a), 0) > 0, node["ties"].get(str(b), 0) > 0
        out[node["ccode"]] = BOTH_COLOUR if ta and tb else ("#e6b89c" if ta else "#a9d1b5")
    return out
