"""Warehouse tables derived from the sources: the stacked UNGA roll-call series and alignment measures.

Each step reads source tables from the warehouse being built and writes derived tables with
:func:`entente.warehouse.write_derived`. ``STEPS`` is what :func:`entente.warehouse.build` runs after
the sources are loaded.
"""

from __future__ import annotations

from importlib.metadata import version as _version

from entente import warehouse
from entente.measures.rollcalls import stack_rollcalls
from entente.measures.similarity import dyad_similarity

VERSION = f"entente {_version('entente')}"


def unga(con) -> None:
    """``unga_rollcalls``, ``unga_votes``, ``unga_rollcall_issues``: one series, 1946 – latest."""
    from entente.measures.topics import classify_frame

    resolutions = con.table("dgacm_resolutions").df()
    rollcalls, votes, issues = stack_rollcalls(
        con.table("unvotes_rollcalls").df(),
        con.table("unvotes_votes").df(),
        con.table("unvotes_issues").df(),
        resolutions,
        con.table("dgacm_votes").df(),
        classify_frame(resolutions),
    )
    inputs = ["unvotes_rollcalls", "unvotes_votes", "unvotes_issues", "dgacm_resolutions", "dgacm_votes"]
    warehouse.write_derived(con, "unga_rollcalls", rollcalls, inputs, VERSION)
    warehouse.write_derived(con, "unga_votes", votes, inputs, VERSION)
    warehouse.write_derived(con, "unga_rollcall_issues", issues, inputs, VERSION)


def alignment(con) -> None:
    """``m_unga_alignment_dyad_year``: every pair, every session-year, all roll calls.

    Per-issue and calendar-year variants are computed on request (entente.pair.alignment), in well under a
    second, rather than stored: they would be five times the size of this table.
    """
    votes = con.execute(
        "SELECT v.rcid, v.ccode, v.vote, r.year FROM unga_votes v JOIN unga_rollcalls r USING (rcid)"
    ).df()
    warehouse.write_derived(con, "m_unga_alignment_dyad_year", dyad_similarity(votes, ["year"]),
                            ["unga_votes", "unga_rollcalls"], VERSION)


STEPS = [("stack UN roll calls", unga), ("alignment, every dyad-year", alignment)]
