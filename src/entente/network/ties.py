"""One session-year's UNGA alignment ties as plain arrays: the edges of :func:`entente.network.alignment_graph`
without igraph.

Two states are tied when both voted on at least ``min_votes`` of the same roll calls and their alignment
``m_ij`` (Cohen's κ by default) beats the mean of their baselines; the weight is that excess,
``w_ij = m_ij − (b_i + b_j) / 2`` with ``b_i`` the state's mean ``m`` with all partners that year (Häge
2011; see :func:`entente.network.alignment_graph` for why). :func:`entente.network.blocs` builds its igraph
graph from these same arrays; the brief's network chart needs only the ties, so it does not import igraph.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from entente import warehouse
from entente.errors import BadInput, NoEvidence
from entente.measures.similarity import MEASURES
from entente.network.layers import excess_alignment, state_baselines
from entente.pair import alignment
from entente.store import Connection

__all__ = ["AlignmentTies", "alignment_ties", "check_year", "ties_from_pairs"]


def check_year(year) -> int:
    """``year`` as an int, or BadInput when it cannot be a UN General Assembly session-year."""
    if not (1946 <= int(year) <= 2100):
        raise BadInput(f"Year {year} is out of range; UN General Assembly votes run from 1946.")
    return int(year)


@dataclass(frozen=True)
class AlignmentTies:
    """The alignment graph of ``year`` as arrays: ``ccodes`` (the vertices, ascending), ``baseline`` (each
    vertex's b_i), ``ends`` (E × 2 vertex indices), ``weight`` (excess) and ``raw`` (the measure) per edge."""

    year: int
    measure: str
    min_votes: int
    ccodes: np.ndarray
    baseline: np.ndarray
    ends: np.ndarray
    weight: np.ndarray
    raw: np.ndarray

    def vcount(self) -> int:
        return len(self.ccodes)

    def ecount(self) -> int:
        return len(self.weight)


def ties_from_pairs(pairs: pd.DataFrame, year: int, measure: str, min_votes: int) -> AlignmentTies:
    """The ties of one year from its dyad rows (:func:`entente.pair.alignment.all_pairs`)."""
    pairs = excess_alignment(pairs, measure=measure, min_votes=min_votes)
    if pairs.empty:
        raise NoEvidence(f"No pair of states voted together on {min_votes} or more UN General Assembly "
                         f"roll calls in {year}. Try another year or a lower min_votes.")
    nodes = np.unique(np.concatenate([pairs["ccode1"].to_numpy(), pairs["ccode2"].to_numpy()]))
    baseline = state_baselines(pairs, measure).droplevel("year")       # each vertex's b_i
    kept = pairs[pairs["excess"] > 0]
    ends = np.column_stack([np.searchsorted(nodes, kept["ccode1"].to_numpy()),
                            np.searchsorted(nodes, kept["ccode2"].to_numpy())]).astype(np.int64).reshape(-1, 2)
    return AlignmentTies(year=int(year), measure=measure, min_votes=int(min_votes), ccodes=nodes.astype(int),
                         baseline=baseline.reindex(nodes).astype(float).to_numpy(), ends=ends,
                         weight=kept["excess"].astype(float).to_numpy(), raw=kept[measure].astype(float).to_numpy())


def alignment_ties(year: int, *, measure: str = "kappa", min_votes: int = 10,
                   con: Connection | None = None) -> AlignmentTies:
    """The ties of :func:`entente.network.alignment_graph` for ``year`` (same arguments), without igraph."""
    if measure not in MEASURES:
        raise BadInput(f"Unknown measure {measure!r}; use one of {', '.join(MEASURES)}.")
    year = check_year(year)
    pairs = alignment.all_pairs(start=year, end=year, con=con or warehouse.connection())
    return ties_from_pairs(pairs, year, measure, min_votes)
