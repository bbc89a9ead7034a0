"""Alliance obligations between two states as spells: ATOP v5.1 and COW Formal Alliances v4.1.

Both datasets are directed dyad-year tables that list only the years in which the pair shared at least
one alliance, with one 0/1 flag per obligation type. A spell is a run of consecutive years with the
flag set. In ATOP (Leeds et al. 2002) the types are defence, offence, neutrality, non-aggression and
consultation; in COW (Gibler 2009) defence, neutrality, non-aggression and entente, and a defence pact
usually carries the weaker types too, so COW's flags overlap by construction.

A spell that ends in the last year a dataset covers may still be running: ``open_at_end`` says so,
with ``coverage_end``, because "no alliance after 2018" in ATOP means "no data", not "none".
"""

from __future__ import annotations

import pandas as pd

from entente.codings import ATOP_OBLIGATIONS as ATOP_TYPES
from entente.codings import COW_OBLIGATIONS as COW_TYPES


def spells(years: pd.Series) -> list[tuple[int, int]]:
    """Runs of consecutive years: [1942, 1943, 1945] → [(1942, 1943), (1945, 1945)]."""
    values = sorted(set(int(y) for y in years))
    runs: list[tuple[int, int]] = []
    for year in values:
        if runs and year == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], year)
        else:
            runs.append((year, year))
    return runs


def obligation_spells(dyad_year: pd.DataFrame, a: int, b: int, types: dict[str, str],
                      coverage_end: int) -> pd.DataFrame:
    """One row per (obligation, spell) for ``a`` towards ``b``: obligation, start, end, years, open_at_end."""
    rows = dyad_year[(dyad_year["ccode1"] == a) & (dyad_year["ccode2"] == b)]
    out = []
    for column, label in types.items():
        for start, end in spells(rows.loc[rows[column] == 1, "year"]):
            out.append({"obligation": label, "start": start, "end": end, "years": end - start + 1,
                        "open_at_end": end == coverage_end, "coverage_end": coverage_end})
    frame = pd.DataFrame(out, columns=["obligation", "start", "end", "years", "open_at_end", "coverage_end"])
    return frame.sort_values(["start", "obligation"], kind="stable").reset_index(drop=True)
