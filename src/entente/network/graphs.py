"""The signed network of one year as a graph: igraph for computing, NetworkX, GraphML and GEXF for export.

:func:`signed_graph` combines the layers of :mod:`entente.network.layers` (see there for each layer's
sign and weight and for the combination) into one igraph graph: vertices are states (``ccode``, ``abb``,
``name``), edges carry ``sign`` (±1), ``weight`` (|score|), ``score`` and each layer's contribution
``w_<layer>``. :func:`to_networkx` converts it (nodes keyed by COW code); :func:`write_graph` writes
GraphML (igraph's writer) or GEXF (NetworkX's writer).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from entente.errors import BadInput, NoEvidence
from entente.network.layers import combine, edges, state_label
from entente.store import Connection

__all__ = ["graph_from_edges", "signed_graph", "to_networkx", "write_graph"]


def graph_from_edges(combined: pd.DataFrame, year: int):
    """An igraph graph of one year's combined (or single-layer) edges; vertices carry ccode, abb, name."""
    import igraph as ig

    rows = combined[combined["year"] == year]
    nodes = np.unique(np.concatenate([rows["ccode1"].to_numpy(), rows["ccode2"].to_numpy()])).astype(int)
    index = {c: i for i, c in enumerate(nodes)}
    graph = ig.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in zip(rows["ccode1"], rows["ccode2"])])
    labels = [state_label(int(c), int(year)) for c in nodes]
    graph.vs["ccode"] = [int(c) for c in nodes]
    graph.vs["abb"] = [lab[0] for lab in labels]
    graph.vs["name"] = [lab[1] for lab in labels]
    for column in rows.columns:
        if column in ("ccode1", "ccode2", "year", "layer"):
            continue
        values = rows[column].to_numpy()
        graph.es[column] = [int(v) for v in values] if column == "sign" else [float(v) for v in values]
    graph["year"] = int(year)
    return graph


def signed_graph(year: int, layers=None, *, weights: dict[str, float] | None = None,
                 con: Connection | None = None, strict: bool = False,
                 **options):
    """The combined signed network of one year as an igraph graph.

    Vertices: ``ccode``, ``abb``, ``name`` (every state with at least one edge). Edges: ``sign`` (±1),
    ``weight`` (|score|), ``score`` and the per-layer contributions ``w_<layer>`` (see :func:`combine`).
    Graph attributes: ``year``, ``layers`` (comma-separated), ``weights``, ``missing`` (layers skipped
    for want of data) and ``empty`` (layers without an edge that year, e.g. beyond their data's end). ``layers``/``weights``/``options``: see :func:`edges`, :func:`combine`.
    """
    table = edges(year, year, layers, con=con, strict=strict, **options)
    combined = combine(table, weights)
    if combined.empty:
        raise NoEvidence(f"No layer among {', '.join(table.attrs['layers']) or 'those asked'} has an edge in {year}. "
                         f"Coverage: {_coverage_text(table.attrs['coverage'])}.")
    graph = graph_from_edges(combined, int(year))
    graph["layers"] = ",".join(table.attrs["layers"])
    graph["weights"] = ",".join(f"{k}={v:g}" for k, v in combined.attrs["weights"].items())
    graph["missing"] = ",".join(table.attrs["missing"])
    graph["empty"] = ",".join(table.attrs["empty"])
    return graph


def _coverage_text(spans: dict) -> str:
    return "; ".join(f"{n} {s[0]}–{s[1]}" if s else f"{n} absent" for n, s in spans.items())


def to_networkx(graph):
    """The igraph graph as a ``networkx.Graph`` (nodes keyed by ccode, all attributes kept)."""
    import networkx as nx

    out = nx.Graph(**{k: graph[k] for k in graph.attributes()})
    for v in graph.vs:
        out.add_node(int(v["ccode"]), **v.attributes())
    for e in graph.es:
        s, t = e.tuple
        out.add_edge(int(graph.vs[s]["ccode"]), int(graph.vs[t]["ccode"]), **e.attributes())
    return out


def write_graph(graph, path: str | Path, fmt: str) -> Path:
    """Write ``graph`` as GraphML (igraph's writer) or GEXF (networkx's writer)."""
    path = Path(path)
    if fmt == "graphml":
        graph.write_graphml(str(path))
    elif fmt == "gexf":
        import networkx as nx

        nx.write_gexf(to_networkx(graph), path)
    else:
        raise BadInput(f"Unknown graph format {fmt!r}; use graphml or gexf (or parquet/csv for the edge table).")
    return path
