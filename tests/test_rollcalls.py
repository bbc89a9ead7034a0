"""Stacking Voeten's roll calls with the UN's extract: session 74 once, ES sessions placed, votes intact."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from entente.config import snapshot_dir
from entente.measures.rollcalls import DGACM_RCID_BASE, session_of


def test_session_74_is_counted_once(con):
    calls = con.table("unga_rollcalls").df()
    assert not calls.symbol.dropna().duplicated().any() or _only_voeten_duplicates(calls)
    s74 = calls[calls.session == 74]
    assert len(s74) == 91 and set(s74.source) == {"unvotes"}
    dgacm = pd.read_parquet(snapshot_dir() / "unga" / "dgacm_resolutions.parquet")
    later = dgacm[~dgacm.session.isin(["74"])]
    assert (calls.source == "dgacm").sum() == len(later)
    assert set(calls.loc[calls.source == "dgacm", "symbol"]) == set(later.symbol)


def _only_voeten_duplicates(calls):
    """Voeten repeats a symbol for separate votes on paragraphs or amendments of one resolution."""
    dup = calls[calls.symbol.duplicated(keep=False) & calls.symbol.notna()]
    return set(dup.source) == {"unvotes"}


def test_vote_rows_are_the_sum_of_both_sources_minus_the_overlap(con):
    voeten = pd.read_parquet(snapshot_dir() / "unga" / "votes.parquet", columns=["rcid"])
    dg = pd.read_parquet(snapshot_dir() / "unga" / "dgacm_votes.parquet", columns=["session"])
    expected = len(voeten) + int((dg.session != "74").sum())
    assert con.execute("SELECT count(*) FROM unga_votes").fetchone()[0] == expected


@pytest.mark.parametrize("symbol, session, year", [
    ("A/RES/ES-11/1", 76, 2021),      # 2 Mar 2022, during the 76th session (opened Sept 2021)
    ("A/RES/ES-11/4", 77, 2022),      # 12 Oct 2022
    ("A/RES/ES-10/21", 78, 2023),     # 27 Oct 2023
    ("A/RES/ES-10/24", 79, 2024),     # 18 Sep 2024, after the 79th opened on 10 Sep 2024
    ("A/RES/80/1", 80, 2025),
])
def test_emergency_sessions_belong_to_the_regular_session_sitting(con, symbol, session, year):
    row = con.execute("SELECT session, year, rcid FROM unga_rollcalls WHERE symbol = ?", [symbol]).fetchone()
    if row is None:
        pytest.skip(f"{symbol} not in this snapshot")
    assert row[0] == session and row[1] == year and row[2] >= DGACM_RCID_BASE


def test_session_of_dates():
    assert session_of(dt.date(2022, 3, 2)) == 76
    assert session_of(dt.date(2021, 9, 14)) == 76
    assert session_of(dt.date(2021, 8, 31)) == 75


def test_iran_russia_on_ukraine_emergency_votes(con):
    """SOURCES.md §12: Russia no on ES-11/1–6; Iran abstained on 1, 2, 6, no on 3 and 5, absent on 4."""
    rows = con.execute("""
        SELECT r.symbol, v.ccode, v.vote FROM unga_votes v JOIN unga_rollcalls r USING (rcid)
        WHERE r.symbol LIKE 'A/RES/ES-11/%' AND v.ccode IN (365, 630)""").df()
    votes = {(s, c): v for s, c, v in rows.itertuples(index=False)}
    for k in range(1, 7):
        assert votes[(f"A/RES/ES-11/{k}", 365)] == 3
    assert [votes.get((f"A/RES/ES-11/{k}", 630)) for k in range(1, 7)] == [2, 2, 3, None, 3, 2]


def test_iran_russia_same_vote_share_in_un_extract_matches_sources_spot_check(con):
    """SOURCES.md §12 (DGACM, by calendar year): 2020 .70, 2021 .69, 2022 .67, 2023 .68, 2024 .65, 2025 .79, 2026 .64."""
    frame = con.execute("""
        SELECT r.calendar_year AS y, avg(CASE WHEN a.vote = b.vote THEN 1.0 ELSE 0.0 END) AS same, count(*) AS n
        FROM unga_votes a JOIN unga_votes b ON a.rcid = b.rcid AND a.ccode = 630 AND b.ccode = 365
        JOIN unga_rollcalls r ON r.rcid = a.rcid WHERE r.source = 'dgacm' GROUP BY 1 ORDER BY 1""").df()
    got = dict(zip(frame.y, frame.same.round(2)))
    assert got == {2020: 0.70, 2021: 0.69, 2022: 0.67, 2023: 0.68, 2024: 0.65, 2025: 0.79, 2026: 0.64}
    assert dict(zip(frame.y, frame.n))[2025] == 178
