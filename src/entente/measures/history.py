"""A pair's history of wars, militarized disputes and rivalries: tables in, tables out.

Inputs are the warehouse's directed dyad-year tables, so rows for ``(a, b)`` already carry ``a``'s
values in the ``*1`` columns and ``b``'s in ``*2``. Codes follow the sources:

- COW Inter-State War v4.0 (Sarkees & Wayman 2010, *Resort to War*): ``initiator*`` 1 = initiated,
  ``outcome*`` (:data:`WAR_OUTCOME`), ``batdeath*`` battle deaths (−9 unknown → missing).
- GML MIDs v2.2.1 (Gibler, Miller & Little 2016, ISQ 60(4)): ``hostlev*`` (:data:`HOSTILITY`),
  ``hiact*`` highest action, ``fatality*`` (:data:`FATALITY`), ``orig*`` 1 = originator (0 = joiner),
  ``sidea*`` 1 = on the side that took the first militarized action. Dyads are "naive": every pair on
  opposite sides of a multilateral dispute, whether or not the two clashed directly.
- Strategic rivalries (Thompson & Dreyer 2012; Thompson, Sakuwa & Suhas 2021): spells with start and
  end years; a spell ending in the data's last year may be ongoing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from entente.codings import FATALITY, HOSTILITY, WAR_OUTCOME


def _pair(frame: pd.DataFrame, a: int, b: int) -> pd.DataFrame:
    return frame[(frame["ccode1"] == a) & (frame["ccode2"] == b)]


def _missing(series: pd.Series) -> pd.Series:
    """COW/MID missing codes (−9 unknown, −8 not applicable) → NA."""
    return series.where(series >= 0)


def wars(war_dyad_year: pd.DataFrame, a: int, b: int) -> pd.DataFrame:
    """One row per COW inter-state war fought between ``a`` and ``b`` (on opposite sides).

    Columns: warnum, start, end (years of the dyad's participation), a_initiated, b_initiated,
    a_outcome, b_outcome (labels), a_battle_deaths, b_battle_deaths (the participant's whole-war
    battle deaths; missing when COW codes them unknown).
    """
    rows = _pair(war_dyad_year, a, b)
    if rows.empty:
        return pd.DataFrame(columns=["warnum", "start", "end", "a_initiated", "b_initiated", "a_outcome",
                                     "b_outcome", "a_battle_deaths", "b_battle_deaths"])
    g = rows.groupby("warnum")
    out = pd.DataFrame({
        "start": g["year"].min(), "end": g["year"].max(),
        "a_initiated": g["initiator1"].max().astype(bool), "b_initiated": g["initiator2"].max().astype(bool),
        "a_outcome": g["outcome1"].first().map(WAR_OUTCOME), "b_outcome": g["outcome2"].first().map(WAR_OUTCOME),
        "a_battle_deaths": _missing(g["batdeath1"].max()), "b_battle_deaths": _missing(g["batdeath2"].max()),
    }).reset_index()
    return out.sort_values("start", kind="stable").reset_index(drop=True)


def disputes(mid_dyad_year: pd.DataFrame, a: int, b: int) -> pd.DataFrame:
    """One row per militarized dispute between ``a`` and ``b``, oldest first.

    Columns: dispnum, start, end (years), a_hostility, b_hostility (highest level each reached in the
    dispute, 1–5), hostility (the dyad's highest), hostility_label, a_originator, b_originator,
    a_first_to_act (``a`` on the side that took the first militarized action), fatality_label (the
    higher of the two sides' fatality codes).
    """
    rows = _pair(mid_dyad_year, a, b)
    columns = ["dispnum", "start", "end", "a_hostility", "b_hostility", "hostility", "hostility_label",
               "a_originator", "b_originator", "a_first_to_act", "fatality_label"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    g = rows.groupby("dispnum")
    out = pd.DataFrame({
        "start": g["year"].min(), "end": g["year"].max(),
        "a_hostility": _missing(g["hostlev1"].max()), "b_hostility": _missing(g["hostlev2"].max()),
        "a_originator": g["orig1"].max().astype(bool), "b_originator": g["orig2"].max().astype(bool),
        "a_first_to_act": g["sidea1"].max().astype(bool),
        "fatality_code": _missing(pd.concat([g["fatality1"].max(), g["fatality2"].max()], axis=1).max(axis=1)),
    }).reset_index()
    out["hostility"] = out[["a_hostility", "b_hostility"]].max(axis=1)
    out["hostility_label"] = out["hostility"].map(HOSTILITY)
    out["fatality_label"] = out.pop("fatality_code").map(FATALITY)
    return out[columns].sort_values(["start", "dispnum"], kind="stable").reset_index(drop=True)


def disputes_by_decade(dispute_table: pd.DataFrame) -> pd.DataFrame:
    """Count of dispute onsets per decade and the highest hostility reached in each."""
    if dispute_table.empty:
        return pd.DataFrame(columns=["decade", "disputes", "highest_hostility"])
    decade = (dispute_table["start"] // 10) * 10
    out = dispute_table.groupby(decade).agg(disputes=("dispnum", "size"), highest_hostility=("hostility", "max"))
    return out.rename_axis("decade").reset_index()


def rivalry_spells(rivalries: pd.DataFrame, a: int, b: int) -> pd.DataFrame:
    """Rivalry spells between ``a`` and ``b`` in a non-directed rivalry table (``ccode1 < ccode2``)."""
    lo, hi = sorted((a, b))
    return rivalries[(rivalries["ccode1"] == lo) & (rivalries["ccode2"] == hi)].sort_values("styear").reset_index(drop=True)


def years_since(last_year: float | None, coverage_end: int) -> int | None:
    """Years from ``last_year`` to the end of a dataset's coverage (None if there was none)."""
    if last_year is None or (isinstance(last_year, float) and np.isnan(last_year)):
        return None
    return int(coverage_end) - int(last_year)
