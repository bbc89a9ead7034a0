"""The Security Council section (brief/council.py), read as a reader reads it, against the snapshot."""

from __future__ import annotations

import datetime as dt
import json
import re

import pandas as pd
import pytest

from entente import countries
from entente.brief import council as c
from entente.config import snapshot_dir

MEMBERS = ["member_veto1", "member_veto2", "member_veto3"]


@pytest.fixture(scope="module")
def raw():
    return pd.read_parquet(snapshot_dir() / "unsc" / "unsc_vetoes_1946_2022.parquet")


def _cast_by(raw, *names):
    return raw[MEMBERS].isin(list(names)).any(axis=1)


def section(con, a, b, window=None):
    return c.security_council(countries.resolve(a), countries.resolve(b), con, window)


# ------------------------------------------------------------------------------------------- words
@pytest.mark.parametrize(("n", "noun", "text"), [
    (1, "veto", "1 veto"), (2, "veto", "2 vetoes"), (0, "veto", "no vetoes"), (1, "case", "1 case"),
    (2, "case", "2 cases"), (1, "sanctions case", "1 sanctions case"), (5, "draft", "5 drafts"),
])
def test_count(n, noun, text):
    assert c.count(n, noun) == text


@pytest.mark.parametrize(("values", "text"), [
    ([1971], "1971"), ([1971, 1971, 1971], "1971"), ([1957, 1962, 1971, 1971, 1971], "1957, 1962 and 1971"),
    ([1981, 1982], "1981 and 1982"), ([1981, 1982, 1983, 1990], "1981–1983 and 1990"),
])
def test_years(values, text):
    assert c.years(values) == text


def test_span_and_article():
    assert (c.span(1945, 1945), c.span(1945, 2005)) == ("1945", "1945–2005")
    assert (c.the("Soviet Union"), c.the("United Kingdom"), c.the("Russia"), c.the("India")) == (
        "the Soviet Union", "the United Kingdom", "Russia", "India")


def test_state_name_by_period():
    assert c.state_name(365, 1946, 1991) == "Soviet Union"
    assert c.state_name(365, 1992, 2025) == "Russia"
    assert c.state_name(365, 1946, 2025) == "Russia (the Soviet Union until 1991)"
    assert c.state_name(750, 1946, 2025) == "India"
    assert c.state_name(365, 1900, 2025) == "Russia (the Russian Empire until 1916, the Soviet Union in 1922–1991)"
    assert c.state_name(651, 1950, 1961) == "Egypt (the United Arab Republic in 1958–1961)"   # a passing name is not the main one
    assert c.state_name(345, 2000, 2010) == "Serbia (Yugoslavia until 2002, Serbia and Montenegro in 2003–2005)"


JULY = dt.date(2022, 7, 8)


@pytest.mark.parametrize(("last", "start", "end", "text"), [
    (JULY, 1946, None, "H."),
    (JULY, 1946, 2021, "H."),
    (JULY, 1946, 2025, "H; later vetoes (9 July 2022 – 2025) are not in these data."),     # from the day after
    (JULY, 1946, 2022, "H; later vetoes (9 July – 31 December 2022) are not in these data."),
    (JULY, 2022, 2024, "H; later vetoes (9 July 2022 – 2024) are not in these data."),
    (JULY, 2023, 2025, "H; it says nothing about 2023–2025."),
    (JULY, 2024, 2024, "H; it says nothing about 2024."),
    (dt.date(2022, 12, 20), 1946, 2023, "H; later vetoes (21 December 2022 – 2023) are not in these data."),
    (dt.date(2022, 12, 31), 1946, 2023, "H; later vetoes (2023) are not in these data."),
    (dt.date(2022, 12, 31), 1946, 2022, "H."),
    (dt.date(2022, 9, 30), 1946, 2022, "H; later vetoes (October–December 2022) are not in these data."),
    (dt.date(2025, 11, 30), 1992, 2025, "H; later vetoes (December 2025) are not in these data."),
    (2005, 1946, 2025, "H; later vetoes (2006–2025) are not in these data."),
    (2005, 1946, 2006, "H; later vetoes (2006) are not in these data."),
    (2005, 2010, 2020, "H; it says nothing about 2010–2020."),
])
def test_coverage_gap(last, start, end, text):
    assert c.coverage_gap("H", "vetoes", last, start, end) == text


def test_coverage_gap_names_what_is_missing():
    assert c.coverage_gap("H", "cases", 2005, 1946, 2025, missing="cases begun later") == (
        "H; cases begun later (2006–2025) are not in these data.")


# ------------------------------------------------------------------------------------ the section
def test_india_pakistan_soviet_vetoes_listed(con, raw):
    # independent: the data lab's India-Pakistan topic, less the 1961 Goa draft it mislabels
    expected = raw[(raw.crisis_topic == "India-Pakistan") & ~raw.agenda_item.str.contains("Goa")]
    assert _cast_by(expected, "USSR").all() and expected.year.tolist() == [1957, 1962, 1971, 1971, 1971]
    got = section(con, "IND", "PAK")
    on_pair = got["vetoes"]["on_pair"]
    assert [r["draft"] for r in on_pair] == expected.draft.tolist()
    assert [r["year"] for r in on_pair] == [1957, 1962, 1971, 1971, 1971]
    assert {r["vetoed_by"] for r in on_pair} == {"Soviet Union"}
    assert got["vetoes"]["by_vetoer"] == [{"vetoer": "Soviet Union", "vetoes": 5, "first_year": 1957,
                                           "last_year": 1971, "years": "1957, 1962 and 1971"}]
    summary = got["summary"]
    first, last = raw.date.min(), raw.date.max()          # the list's first and last veto, read from the file
    assert summary.startswith(f"From {first:%B %Y} to {last:%-d %B %Y}, 5 drafts on matters concerning India and "
                              "Pakistan were vetoed in the Security Council, all by the Soviet Union (1957, 1962 and 1971).")
    assert "Neither India nor Pakistan cast a veto (only the permanent members can)." in summary
    now = dt.date.today().year  # an open window ends this year, and the text says what the data miss
    day_after = last + dt.timedelta(days=1)
    assert (f"The veto list ends with the veto of {last:%-d %B %Y}; later vetoes ({day_after:%-d %B %Y} – {now}) "
            "are not in these data." in summary)
    ties = pd.read_parquet(snapshot_dir() / "sanctions" / "ties_v4_1_cases.parquet")
    followed = int(ties.endyear.fillna(ties.ongoingasofyear).fillna(ties.startyear).max())
    begun = (int(ties.startyear.min()), int(ties.startyear.max()))
    assert (begun, followed) == ((1945, 2005), 2013)
    assert (f"TIES lists sanctions cases begun in {begun[0]}–{begun[1]} and followed to {followed} at the latest; "
            f"cases begun later ({begun[1] + 1}–{now}) are not in these data." in summary)
    assert summary.count("TIES lists sanctions cases begun") == 1                   # its coverage, said once
    assert got["window"] == {"start": None, "end": None}
    assert "S/5033" not in {r["draft"] for r in on_pair}  # Goa: India and Portugal
    used = {e["used_for"]: e for e in got["evidence"]}
    assert used["vetoes on drafts concerning the pair"]["rows"] == 5
    assert used["vetoes on drafts concerning the pair"]["coverage"] == ["1946-02-16", str(raw.date.max())]
    json.dumps(got)


def test_india_portugal_goa(con):
    on_pair = section(con, "IND", "POR")["vetoes"]["on_pair"]
    goa = [r for r in on_pair if r["draft"] == "S/5033"]
    assert len(goa) == 1 and goa[0]["crisis_topic"] == "India-Portugal"
    assert "India-Pakistan" in goa[0]["topic_note"]


def test_usa_israel(con, raw):
    usa = raw[_cast_by(raw, "USA")]
    on_israel = usa[usa.crisis_topic.str.contains("Israel") | usa.agenda_item.str.contains(r"\bIsrael", regex=True)]
    others = raw[~_cast_by(raw, "USA") & raw.crisis_topic.str.contains("Israel")
                 & raw.agenda_item.str.contains(r"\bUSA\b|United States", regex=True)]
    assert others.draft.tolist() == ["S/3710 (as amended)", "S/3713/Rev.1 (as amended)"]  # Suez, 1956
    got = section(con, "USA", "ISR")
    on_pair = pd.DataFrame(got["vetoes"]["on_pair"])
    assert sorted(on_pair.loc[on_pair.a_cast, "draft"]) == sorted(on_israel.draft)
    assert sorted(on_pair.loc[~on_pair.a_cast, "draft"]) == sorted(others.draft)
    by = {r["vetoer"]: r["vetoes"] for r in got["vetoes"]["by_vetoer"]}
    assert by["United States"] == len(on_israel) == 44
    n = len(on_israel) + len(others)
    assert f"{n} drafts on matters concerning the United States and Israel" in got["summary"]
    assert "44 vetoes by the United States" in got["summary"]


def test_russia_ukraine(con, raw):
    expected = raw[_cast_by(raw, "Russia") & (raw.crisis_topic == "Ukraine")]
    got = section(con, "RUS", "UKR")
    on_pair = got["vetoes"]["on_pair"]
    assert [r["draft"] for r in on_pair] == expected.draft.tolist()
    assert {2014, 2022} <= {r["year"] for r in on_pair}
    assert {r["vetoed_by"] for r in on_pair} == {"Russia"}
    # the 1946 veto on the Ukrainian SSR's telegram about Greece names no state Ukraine
    ssr = raw[raw.agenda_item.str.contains("Ukrainian Soviet Socialist Republic")]
    assert ssr.year.tolist() == [1946]
    assert not set(ssr.draft) & {r["draft"] for r in on_pair + got["vetoes"]["a_on_b"]}
    assert "all by Russia (2014, 2015 and 2022)" in got["summary"]
    # sanctions directions name the states as they were called when the cases began
    soviet = section(con, "YUG", "RUS")["summary"]
    assert "by Russia (the Soviet Union until 1991) against Yugoslavia" in soviet
    assert "between them" in soviet  # the pair is named once, in the first sentence


def test_window_cold_war(con, raw):
    got = section(con, "USA", "RUS", (1946, 1991))
    on_pair = got["vetoes"]["on_pair"]
    assert on_pair and all(r["year"] <= 1991 for r in on_pair)
    assert {r["vetoed_by"] for r in on_pair} == {"Soviet Union"}
    assert got["vetoes"]["by_a"] == (_cast_by(raw, "USA") & (raw.year <= 1991)).sum()
    assert got["vetoes"]["by_b"] == (_cast_by(raw, "USSR", "Russia") & (raw.year <= 1991)).sum()
    assert got["window"] == {"start": 1946, "end": 1991}
    summary = got["summary"]
    assert "concerning the United States and the Soviet Union" in summary
    assert "Russia" not in summary
    assert all(r["start"] <= 1991 for r in got["sanctions_between"])
    # the whole range names the seat by its two names
    whole = section(con, "USA", "RUS")["summary"]
    assert "the Soviet Union cast 90 vetoes (1946–1984) and, as Russia, 31 (1993–2022)" in whole


def test_window_before_the_data(con):
    got = section(con, "RUS", "TUR", (1900, 1940))
    assert got["summary"] == ("The veto list starts in February 1946; it says nothing about 1900–1940. "
                              "TIES starts in 1945; it says nothing about 1900–1940.")
    assert got["vetoes"]["on_pair"] == [] and got["vetoes"]["by_a"] == 0
    assert got["no_evidence"] == got["summary"]
    assert "no_evidence" not in section(con, "RUS", "TUR", (1900, 1950))


def test_window_beyond_the_data(con, raw):
    last = pd.Timestamp(raw.date.max())
    assert (last.year, last.month) == (2022, 7)
    got = section(con, "IND", "PAK", (2023, 2025))
    assert got["vetoes"]["on_pair"] == [] and got["sanctions_between"] == []
    assert got["summary"] == ("The veto list ends with the veto of 8 July 2022; it says nothing about 2023–2025. "
                              "TIES lists sanctions cases begun in 1945–2005 and followed to 2013 at the latest; "
                              "it says nothing about 2023–2025.")
    assert got["no_evidence"] == got["summary"]
    ukraine = section(con, "RUS", "UKR", (1992, 2025))["summary"]
    assert ("The veto list ends with the veto of 8 July 2022; later vetoes (9 July 2022 – 2025) are not in these "
            "data." in ukraine)
    assert "cases begun later (2006–2025) are not in these data." in ukraine
    assert ukraine.startswith("From 1992 to 8 July 2022, ")
    gaps = {r["dataset"]: r["gap"] for r in section(con, "RUS", "UKR", (1992, 2025))["coverage"]}
    assert gaps["unsc_vetoes"].startswith("The veto list ends with the veto of 8 July 2022")


@pytest.mark.parametrize(("a", "b", "window"), [
    ("IND", "PAK", None), ("USA", "ISR", None), ("RUS", "CHN", None), ("USA", "IRN", (1979, 1981)),
    ("UK", "IND", (2000, 2010)), ("USA", "UK", (2000, 2010)), ("FRA", "UK", None), ("CHN", "USA", (1980, 2025)),
])
def test_summary_grammar(con, a, b, window):
    got = section(con, a, b, window)
    summary = got["summary"]
    assert not re.search(r"\b1 (vetoes|cases|drafts|sanctions cases)\b", summary), summary
    assert not re.search(r"\b(?!1 )\d+ (veto|case|draft|sanctions case)\b", summary), summary
    assert not re.search(r"\b0 ", summary), summary
    assert "1 drafts were" not in summary and "1 draft were" not in summary
    assert " the the " not in summary and ".." not in summary
    assert not re.search(r"\b(\d{4})–\1\b", summary), summary  # 1945, not 1945–1945
    json.dumps(got)
    for e in got["evidence"]:
        assert {"dataset", "version", "table", "rows", "coverage", "used_for", "window"} <= set(e)


def test_one_draft_reads_in_the_singular(con):
    summary = section(con, "IRN", "RUS")["summary"]
    assert summary.startswith("From February 1946 to 8 July 2022, 1 draft on matters concerning Iran and Russia (the Soviet Union "
                              "until 1991) was vetoed in the Security Council by the Soviet Union (1980).")
    assert "The Soviet Union cast 90 vetoes (1946–1984) and, as Russia, 31 (1993–2022)." in summary
    assert re.search(r"TIES lists no sanctions case between them, and \d+ cases against either", summary)


def test_has_the_keys_the_templates_read(con):
    """The keys brief.html.j2 and brief.md.j2 read (the section this one replaced had them too)."""
    sa, sb = countries.resolve("IRN"), countries.resolve("RUS")
    new = c.security_council(sa, sb, con)
    assert {"title", "summary", "vetoes", "sanctions_between", "sanctions_by_adversaries", "coverage",
            "evidence"} <= set(new)
    assert {"by_a", "by_b", "joint", "a_on_b", "b_on_a", "on_pair"} <= set(new["vetoes"])
    assert (new["vetoes"]["by_a"], new["vetoes"]["by_b"]) == (0, 121)      # Iran holds no veto; Russia's and the USSR's
    assert new["vetoes"]["b_on_a"][0]["vetoed_by"] == "Soviet Union"  # the data say "USSR"
    assert new["sanctions_between"] == []


def test_window_keeps_sanctions_by_their_known_years(con):
    raw = pd.read_parquet(snapshot_dir() / "sanctions" / "ties_v4_1_cases.parquet")
    senders = ["sender1", "sender2", "sender3", "sender4", "sender5", "primarysender"]
    us_iran = raw[raw[senders].eq(2).any(axis=1) & (raw.targetstate == 630)]
    until = us_iran.endyear.fillna(us_iran.ongoingasofyear).fillna(us_iran.startyear)
    expected = us_iran[(us_iran.startyear <= 1981) & (until >= 1979)]
    assert len(expected) and len(expected) < len(us_iran)
    from entente.pair import council as vs

    got = vs.sanctions("USA", "IRN", window=(1979, 1981), con=con)["ties_between"]
    assert sorted(got.loc[got.direction == "a_to_b", "caseid"]) == sorted(expected.caseid)


def test_a_downloaded_veto_list_speaks_to_the_day_it_was_fetched(con):
    """After `entente data update unsc_vetoes` downloads the UN's list, its silence holds to the day it was
    fetched, not only to its last veto: the gap sentence and the coverage row move to that day."""
    import duckdb

    from entente import config

    mem = duckdb.connect()
    mem.execute(f"ATTACH '{config.warehouse_path()}' AS w (READ_ONLY)")
    for table in ("unsc_vetoes", "ties_cases", "td_rivalries", "tss_rivalries", "_provenance"):
        mem.execute(f'CREATE TABLE "{table}" AS SELECT * FROM w."{table}"')
    mem.execute("DETACH w")
    before = c.security_council(countries.resolve("RUS"), countries.resolve("UKR"), mem, (1992, 2025))
    mem.execute("UPDATE _provenance SET origin = 'download', refreshed_at = TIMESTAMP '2025-11-30 09:00:00' "
                "WHERE table_name = 'unsc_vetoes'")
    after = c.security_council(countries.resolve("RUS"), countries.resolve("UKR"), mem, (1992, 2025))
    gap = {r["dataset"]: r for r in after["coverage"]}["unsc_vetoes"]
    assert {r["dataset"]: r for r in before["coverage"]}["unsc_vetoes"]["gap"].startswith(
        "The veto list ends with the veto of 8 July 2022; later vetoes (9 July 2022 – 2025)")
    assert gap["gap"] == ("The veto list was searched to 30 November 2025, the day it was fetched (its last veto: "
                          "8 July 2022); later vetoes (December 2025) are not in these data.")
    assert gap["last_date"] == "2025-11-30"
    assert after["summary"].startswith("From 1992 to 30 November 2025, ")
    assert gap["note"].endswith("list fetched 30 November 2025")
