"""The network of states: blocs, signed multi-layer networks, axes and structural balance.

    from entente import network
    network.blocs(2023)                                   # UNGA voting blocs (Leiden), one year
    network.cached_blocs(2023)                            # the same, kept on disk (no igraph on a hit)
    network.bloc_history("IRN", 1990, 2025)               # one state's bloc, labels matched across years
    network.bloc_stability(1946, 2025)                    # modularity, NMI/adjusted Rand with the year before
    network.edges(2015, layers=["alignment", "alliance"]) # signed edge tables, one row per layer and pair
    network.combine(network.edges(2015))                  # one signed edge per pair (documented weights)
    network.signed_graph(2015)                            # all layers combined into one signed igraph graph
    network.axis(["RUS", "IRN", "CHN", "PRK"], 1990)      # an "axis": cohesion against random groups
    network.triads("IRN", "RUS", 2019)                    # third states both favour, both oppose, or split on
    network.balance(1990, 2020)                           # share of balanced triangles, frustration, per year

Modules: :mod:`~entente.network.blocs` (UNGA alignment graph, Leiden blocs, bloc history),
:mod:`~entente.network.ties` (the alignment graph's ties as plain arrays, without igraph),
:mod:`~entente.network.layers` (signed, weighted layers and their combination),
:mod:`~entente.network.graphs` (the combined network as an igraph/NetworkX graph; GraphML, GEXF),
:mod:`~entente.network.axis` (group cohesion against a region-matched random baseline),
:mod:`~entente.network.triads` (triads of a pair, structural balance of the whole network).
"""

from __future__ import annotations

from entente.network.axis import REGIONS, axis, region
from entente.network.blocs import alignment_graph, bloc_history, bloc_stability, blocs, cached_blocs
from entente.network.graphs import signed_graph, to_networkx, write_graph
from entente.network.layers import DEFAULT_WEIGHTS, LAYERS, combine, edges, layer
from entente.network.ties import alignment_ties
from entente.network.triads import balance, frustration, signed_adjacency, triad_counts, triads

__all__ = [
    "DEFAULT_WEIGHTS", "LAYERS", "REGIONS", "alignment_graph", "alignment_ties", "axis", "balance", "bloc_history", "bloc_stability", "blocs", "cached_blocs", "combine",
    "edges", "frustration", "layer", "region", "signed_adjacency", "signed_graph", "to_networkx", "triad_counts",
    "triads", "write_graph",
]
