"""``entente country``: which state a name or code means. It reads the state registry only (no pandas, no
warehouse), so it answers in a fraction of a second."""

from __future__ import annotations

import click

from entente import countries
from entente.cli._input import YEAR, membership_note
from entente.cli._output import emit_rows, format_options, note


@click.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--year", type=YEAR, help="Resolve year-dependent names (Yemen 1980 → the Yemen Arab Republic; "
                                        "Korea 1900 → Korea, COW 730).")
@format_options
def country(query, year, fmt, out) -> None:
    """Which state a name or code means (COW, ISO3, G-W, names and aliases).

    \b
    Examples:
      entente country Persia "Soviet Union" 630 GMY Tehran
      entente country Korea --year 1900

    A name that meant two states ("Korea", "Congo", "Germany" in 1980) is refused with both listed;
    a state outside the state system in --year is given with a note.
    """
    rows = []
    for q in query:
        s = countries.resolve(q, year=year, strict=True)
        if year is not None and (text := membership_note(s, year)):
            note(text)
        rows.append({"query": q, "ccode": s.ccode, "abb": s.abb, "iso3": s.iso3, "gwcode": s.gwcode,
                     "name": s.name})
    emit_rows(rows, fmt, out)
