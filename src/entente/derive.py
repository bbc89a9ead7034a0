"""Warehouse tables derived from the sources: the stacked UNGA roll-call series and alignment measures.

Each step reads source tables from the warehouse being built and returns the tables it derives
(name → data); :func:`entente.warehouse.build` writes them after the sources are loaded, with a
``_provenance`` row naming the inputs. ``STEPS`` lists (label, step, inputs).
"""

from __future__ import annotations

from importlib.metadata import version as _version

import pandas as pd

from entente.measures.rollcalls import stack_rollcalls
from entente.measures.similarity import dyad_similarity
from entente.measures.topics import classify_frame
from entente.store import Connection

VERSION = f"entente {_version('entente')}"


UNGA_INPUTS = ("unvotes_rollcalls", "unvotes_votes", "unvotes_issues", "dgacm_resolutions", "dgacm_votes")


def unga(con: Connection) -> dict[str, pd.DataFrame]:
    """``unga_rollcalls``, ``unga_votes``, ``unga_rollcall_issues``: one series, 1946 – latest."""
    resolutions = con.table("dgacm_resolutions").df()
    rollcalls, votes, issues = stack_rollcalls(
        con.table("unvotes_rollcalls").df(),
        con.table("unvotes_votes").df(),
        con.table("unvotes_issues").df(),
        resolutions,
        con.table("dgacm_votes").df(),
        classify_frame(resolutions),
    )
    return {"unga_rollcalls": rollcalls, "unga_votes": votes, "unga_rollcall_issues": issues}


def alignment(con: Connection) -> dict[str, pd.DataFrame]:
    """``m_unga_alignment_dyad_year``: every pair, every session-year, all roll calls.

    Per-issue and calendar-year variants are computed on request (entente.pair.alignment), in well under a
    second, rather than stored: they would be five times the size of this table.
    """
    votes = con.execute(
        "SELECT v.rcid, v.ccode, v.vote, r.year FROM unga_votes v JOIN unga_rollcalls r USING (rcid)"
    ).df()
    return {"m_unga_alignment_dyad_year": dyad_similarity(votes, ["year"])}


STEPS = [("stack UN roll calls", unga, UNGA_INPUTS),
         ("alignment, every dyad-year", alignment, ("unga_votes", "unga_rollcalls"))]
