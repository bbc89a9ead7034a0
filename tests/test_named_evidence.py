"""Named evidence: COW's war list, ATOP's member- and alliance-level tables, the curated alliance names,
and the pair readers built on them (issue #11: "things are not named").

Known values come from the upstream files (tests/data/named_evidence_slices.md says how the slices
were cut) and from pandas checks of the bundled Parquet files.
"""

from __future__ import annotations

import zipfile

import pandas as pd
import pyarrow.parquet as pq
import pytest

from entente import config
from entente.errors import SchemaError
from entente.measures import alliances_named as named
from entente.pair.named import pair_alliances, pair_wars
from entente.sources import atop, cow_war

DATA = config.snapshot_dir()
TESTS = __import__("pathlib").Path(__file__).parent / "data"


# -- the COW war list ---------------------------------------------------------------------------------------

def test_war_list_names_every_war_with_its_dates(con):
    wars = con.execute("SELECT * FROM cow_war_inter_wars ORDER BY warnum").df().set_index("warnum")
    assert len(wars) == 95
    assert wars.loc[1, "war_name"] == "Franco-Spanish War"
    assert tuple(wars.loc[1, ["start_year", "start_month", "start_day", "end_year", "end_month", "end_day"]]) == (
        1823, 4, 7, 1823, 11, 13)
    for warnum, name, start, end in ((151, "Korean", 1950, 1953), (211, "Gulf War", 1990, 1991),
                                     (223, "Kargil War", 1999, 1999), (147, "First Kashmir", 1947, 1949)):
        assert (wars.loc[warnum, "war_name"], wars.loc[warnum, "start_year"], wars.loc[warnum, "end_year"]) == (
            name, start, end)
    unnamed = con.execute("SELECT DISTINCT warnum FROM cow_war_inter_dyad_year ANTI JOIN cow_war_inter_wars "
                          "USING (warnum)").fetchall()
    assert unnamed == []
    # The pair's years in the dyad table lie inside the war's own dates.
    outside = con.execute("SELECT count(*) FROM cow_war_inter_dyad_year d JOIN cow_war_inter_wars w USING (warnum) "
                          "WHERE d.year < w.start_year OR d.year > w.end_year").fetchone()[0]
    assert outside == 0


def test_war_list_parse_reads_the_upstream_csv_with_cr_line_ends():
    path = TESTS / "cow_inter_state_war_slice.csv"
    assert b"\r" in path.read_bytes() and b"\n" not in path.read_bytes()
    parsed = cow_war.parse(path)
    table = parsed[cow_war.WAR_LIST.file]
    snapshot = pq.read_table(DATA / cow_war.WAR_LIST.file).to_pandas()
    expected = snapshot[snapshot["warnum"].isin([1, 10, 147, 151, 211, 223])].reset_index(drop=True)
    pd.testing.assert_frame_equal(table.to_pandas(), expected)
    # War 10 fought a second spell: its end is the later of the two.
    raw = pd.read_csv(path, lineterminator="\r")
    second = raw[raw["WarNum"] == 10]
    assert second["EndYear2"].max() > second["EndYear1"].max()
    assert expected.set_index("warnum").loc[10, "end_year"] == second["EndYear2"].max()


def test_war_list_parse_rejects_another_layout(tmp_path):
    text = (TESTS / "cow_inter_state_war_slice.csv").read_bytes().replace(b"WarName", b"War_Name", 1)
    (tmp_path / "Inter-StateWarData_v4.0.csv").write_bytes(text)
    with pytest.raises(SchemaError, match="cow_war.*War_Name"):
        cow_war.parse(tmp_path / "Inter-StateWarData_v4.0.csv")


def test_war_list_upstream_is_pinned():
    csv = [u for u in cow_war.SOURCE.upstream if u.filename == "Inter-StateWarData_v4.0.csv"]
    assert len(csv) == 1 and csv[0].url == "https://correlatesofwar.org/wp-content/uploads/Inter-StateWarData_v4.0.csv"
    assert csv[0].sha256 == "2535e30b145141c331a07d12d91e498ad8bdd3db32ba8d3bd88c4fda54817731"
    assert cow_war.SOURCE.path(cow_war.WAR_LIST.file).exists()


# -- ATOP members and alliances -----------------------------------------------------------------------------

def _slice_zip(tmp_path):
    path = tmp_path / atop.RELEASE_ZIP
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(TESTS / "atop5_1m_slice.csv", "ATOP 5.1 (.csv)/atop5_1m.csv")
        archive.write(TESTS / "atop5_1a_slice.csv", "ATOP 5.1 (.csv)/atop5_1a.csv")
    return path


def test_atop_release_zip_parses_to_the_snapshot_rows(tmp_path):
    parsed = atop.parse(_slice_zip(tmp_path))
    assert sorted(parsed) == sorted([atop.MEMBERS.file, atop.ALLIANCES.file])
    ids = [3015, 3180, 3220, 3375, 3445, 3610]
    for spec in (atop.MEMBERS, atop.ALLIANCES):
        snapshot = pq.read_table(DATA / spec.file).to_pandas()
        expected = snapshot[snapshot["atopid"].isin(ids)].reset_index(drop=True)
        pd.testing.assert_frame_equal(parsed[spec.file].to_pandas(), expected)
    # The member file alone gives the member table.
    alone = atop.parse(TESTS / "atop5_1m_slice.csv")
    assert list(alone) == [atop.MEMBERS.file] and alone[atop.MEMBERS.file].num_rows == 78


def test_atop_release_zip_without_the_alliance_file_is_refused(tmp_path):
    path = tmp_path / "atop.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(TESTS / "atop5_1m_slice.csv", "atop5_1m.csv")
    with pytest.raises(SchemaError, match="atop5_1a.csv"):
        atop.parse(path)


def test_atop_tables_in_the_warehouse(con):
    assert con.execute("SELECT count(*), count(DISTINCT atopid) FROM atop_alliances").fetchone() == (789, 789)
    assert con.execute("SELECT count(*) FROM atop_members").fetchone()[0] == 2510
    # Every alliance has members, and the member count is the distinct states in the member table.
    assert con.execute("SELECT count(*) FROM atop_alliances a WHERE members <> (SELECT count(DISTINCT ccode) "
                       "FROM atop_members m WHERE m.atopid = a.atopid)").fetchone()[0] == 0
    prov = con.execute("SELECT dataset, source_file, sha256 FROM _provenance WHERE table_name = 'atop_members'").fetchone()
    assert prov == ("atop", atop.MEMBERS.file, atop.SOURCE.files[atop.MEMBERS.file])


def test_members_rebuild_the_dyad_year_table(con):
    """Pairs of members in force in the same year and phase give every dyad-year of atop_dyad_year; the
    flags (the first member's obligations) agree on all but 360 of 273,330 rows, where ATOP owes a
    member's pledge to some partners only (Locarno 1925, 2130: Britain and Italy guarantee France,
    Germany and Belgium, not each other), which the member-level file cannot say."""
    sql = """
    WITH yrs AS (SELECT m.*, y.year FROM atop_members m, range(1815, 2019) y(year)
                 WHERE y.year BETWEEN m.yrent AND coalesce(m.yrexit, 2018)),
    d AS (SELECT a.ccode AS ccode1, b.ccode AS ccode2, a.year, max(a.defense) de, max(a.offense) o,
                 max(a.neutral) n, max(a.nonagg) na, max(a.consul) c
          FROM yrs a JOIN yrs b ON a.atopid = b.atopid AND a.phase = b.phase AND a.year = b.year AND a.ccode <> b.ccode
          GROUP BY ALL)
    SELECT count(*), (SELECT count(*) FROM atop_dyad_year t ANTI JOIN d USING (ccode1, ccode2, year)),
           count(*) FILTER (WHERE t.atop_defense <> de OR t.atop_offense <> o OR t.atop_neutral <> n
                                  OR t.atop_nonagg <> na OR t.atop_consul <> c)
    FROM d JOIN atop_dyad_year t USING (ccode1, ccode2, year)"""
    matched, missing, differ = con.execute(sql).fetchone()
    assert missing == 0 and matched == 273_296 and differ == 360


# -- the curated names ------------------------------------------------------------------------------------

#: Spot checks: well-known alliances and the atopid the data tie them to (every row is checked below).
KNOWN = {3180: "NATO", 3075: "Rio Treaty", 3285: "Warsaw Pact", 3445: "Sino-North Korean", 3220: "Japan (1951)",
         3375: "Japan (1960)", 3015: "Arab League", 3260: "SEATO", 3275: "Baghdad Pact", 3215: "ANZUS",
         4220: "CSTO", 3240: "Republic of Korea", 3755: "Amity and Cooperation", 3460: "Neutrality of Laos",
         3740: "Helsinki", 1335: "Dual Alliance", 1350: "Triple Alliance", 1370: "Reinsurance Treaty",
         1385: "Franco-Russian Alliance", 1415: "Anglo-Japanese Alliance", 2130: "Locarno", 2395: "Anti-Comintern",
         2445: "Pact of Steel", 2470: "Molotov-Ribbentrop", 2515: "Tripartite Pact", 2525: "Soviet-Japanese Neutrality",
         3200: "Sino-Soviet Treaty", 3210: "Philippines", 3322: "Sevres", 3470: "Elysee", 3675: "Indo-Soviet",
         3743: "Sinai II", 3825: "Soviet-Vietnamese", 3850: "Egypt-Israel", 4640: "Israel-Jordan",
         4968: "Russian-Iranian", 4980: "Sino-Russian Treaty"}

#: Written-out founders and start months for some of them (the COW codes of the signatories).
FOUNDED = {3180: ("2 20 200 210 211 212 220 235 325 385 390 395", "1949-04"), 3445: ("710 731", "1961-07"),
           3285: ("265 290 310 315 339 355 360 365", "1955-05"), 3015: ("645 651 652 660 663 670", "1945-03"),
           3275: ("640 645", "1955-02"), 1335: ("255 300", "1879-10"), 1350: ("255 300 325", "1882-05"),
           2470: ("255 365", "1939-08"), 2515: ("255 325 740", "1940-09"), 3850: ("651 666", "1979-03"),
           3675: ("365 750", "1971-08"), 4980: ("365 710", "2001-07"), 3210: ("2 840", "1951-08")}


def _alliance(con, atopid):
    row = con.execute("SELECT begyr, begmo, endyr, endmo FROM atop_alliances WHERE atopid = ?", [atopid]).fetchone()
    assert row is not None, atopid
    begyr, begmo, endyr, endmo = row
    founders = con.execute("SELECT list(DISTINCT ccode ORDER BY ccode) FROM atop_members WHERE atopid = ? "
                           "AND yrent = ? AND moent = ?", [atopid, begyr, begmo]).fetchone()[0]
    return f"{begyr}-{begmo:02d}", (f"{endyr}-{endmo:02d}" if endyr is not None else None), founders


def test_each_name_is_tied_to_its_atopid_by_founders_and_start(con):
    """Every row: the founders are exactly the members entering in ATOP's first month, the start is that month,
    the name and the atopid are unique, and the justification gives the start year (and, where it writes a
    ``(COW …)`` list first, the founders; where it writes a bilateral span, ATOP's end)."""
    import re
    names = atop.alliance_names()
    assert len(names) >= 200
    assert not names["atopid"].duplicated().any() and not names["name"].duplicated().any()
    assert not names["name"].str.strip().eq("").any()
    for atopid, word in KNOWN.items():
        assert word in names.set_index("atopid").loc[atopid, "name"], atopid
    for row in names.itertuples():
        start, end, founders = _alliance(con, row.atopid)
        assert founders == sorted(int(c) for c in row.founders.split()), row.name
        assert row.founders == " ".join(str(c) for c in founders), row.name      # sorted, single spaces
        assert start == row.start, row.name
        assert row.start[:4] in row.justification, row.name
        codes = re.search(r"\(COW ([\d ]+)\)", row.justification)
        if codes:
            assert codes.group(1) == row.founders, row.name
        span = re.match(r"Bilateral, .*?\(COW [\d ]+\), (?:(\d{4}-\d{2}) to (\d{4}-\d{2})|from (\d{4}-\d{2})):",
                        row.justification)
        if span:
            assert len(founders) == 2, row.name
            assert (span.group(1) or span.group(3)) == start and span.group(2) == end, row.name
    for atopid, (founders, start) in FOUNDED.items():
        row = names.set_index("atopid").loc[atopid]
        assert (row.founders, row.start) == (founders, start), atopid


def test_the_atopids_a_justification_cites_say_what_it_claims(con):
    """``Not N`` names an alliance that differs in start month or founders; ``ends Y-M, when N begins`` is
    true of both rows; every atopid cited in parentheses exists."""
    import re
    names = atop.alliance_names()
    for row in names.itertuples():
        mine = _alliance(con, row.atopid)
        for other in re.findall(r"\bNot (\d{4})\b", row.justification):
            theirs = _alliance(con, int(other))
            assert (theirs[0], theirs[2]) != (mine[0], mine[2]), (row.name, other)
        for month, other in re.findall(r"ends (\d{4}-\d{2}), when (\d{4}) begins", row.justification):
            assert mine[1] == month and _alliance(con, int(other))[0] == month, (row.name, other)
        for other in re.findall(r"\((\d{4})\)", row.justification):
            if not 1815 <= int(other) <= 2018 or int(other) in set(names["atopid"]):
                _alliance(con, int(other))


def test_names_that_were_not_picked_start_elsewhere(con):
    """The near misses the justifications mention: 3150 (1948, not the Rio Treaty), 4400 (1993, not Tashkent)."""
    assert con.execute("SELECT begyr FROM atop_alliances WHERE atopid = 3150").fetchone()[0] == 1948
    assert con.execute("SELECT begyr FROM atop_alliances WHERE atopid = 4400").fetchone()[0] == 1993


# -- the pair readers ---------------------------------------------------------------------------------------

def test_usa_russia_1946_1991_no_defence_pact_only_two_wide_agreements(con):
    frame = pair_alliances("USA", "RUS", con, window=(1946, 1991))
    assert frame["atopid"].tolist() == [3460, 3740]
    # states ever members, West Germany (260) and Germany (255) counted once, as one line (entente.period)
    helsinki = con.execute("SELECT count(DISTINCT CASE WHEN ccode = 260 THEN 255 ELSE ccode END) FROM atop_members "
                           "WHERE atopid = 3740").fetchone()[0]
    assert frame["description"].tolist() == ["a multilateral consultation pact of 13 states, 1962–1964",
                                             f"a multilateral non-aggression pact of {helsinki} states, 1975–"]
    assert frame["name"].tolist() == ["Declaration on the Neutrality of Laos (Geneva 1962)",
                                      "Helsinki Final Act (CSCE; the OSCE from 1995)"]
    assert not any("defence" in ob or "offence" in ob for ob in frame["a_obligations"] + frame["b_obligations"])
    assert frame.loc[1, "shared_end"] == 1991     # clipped to the window
    assert frame.loc[1, "shared_spells"] == [(1975, 1991)]
    # And the same years as the dyad-year table: 1962–1964 consultation, 1975– non-aggression.
    years = con.execute("SELECT min(year), max(year) FROM atop_dyad_year WHERE ccode1 = 2 AND ccode2 = 365 "
                        "AND year BETWEEN 1946 AND 1991").fetchone()
    assert years == (1962, 1991)


def test_usa_britain_includes_nato(con):
    frame = pair_alliances("USA", "GBR", con).set_index("atopid")
    nato = frame.loc[3180]
    assert nato["name"] == "North Atlantic Treaty (NATO)"
    # 30 codes in ATOP, West Germany (260) and Germany (255) among them: 29 states by 2018
    states = con.execute("SELECT count(DISTINCT CASE WHEN ccode = 260 THEN 255 ELSE ccode END) FROM atop_members "
                         "WHERE atopid = 3180").fetchone()[0]
    assert not nato["bilateral"] and nato["members"] == states == 29 and nato["start"] == 1949 and nato["end"] is None
    assert nato["description"] == "a multilateral defence pact of 29 states, 1949–"
    assert nato["a_obligations"] == nato["b_obligations"] == ["defence", "non-aggression", "consultation"]
    assert frame.loc[2550, "description"] == "a multilateral defence pact of 43 states, 1942–1945"


def test_china_north_korea_1961_treaty_defence_both_ways(con):
    frame = pair_alliances(710, 731, con).set_index("atopid")
    treaty = frame.loc[3445]
    assert treaty["name"].startswith("Sino-North Korean Treaty") and treaty["bilateral"] and treaty["members"] == 2
    assert treaty["description"] == "a bilateral defence pact, 1961–" and treaty["end"] is None
    assert "defence" in treaty["a_obligations"] and "defence" in treaty["b_obligations"]


def test_japan_usa_only_the_united_states_pledges_defence(con):
    frame = pair_alliances("JPN", "USA", con).set_index("atopid")
    for atopid, years in ((3220, "1951–1960"), (3375, "1960–")):
        row = frame.loc[atopid]
        assert row["bilateral"] and row["description"] == f"a bilateral defence pact, {years}"
        assert "defence" in row["b_obligations"] and "defence" not in row["a_obligations"]
    assert frame.loc[3375, "a_obligations"] == ["non-aggression", "consultation"]
    sentence = named.pledges(frame.reset_index().query("atopid == 3375"), "Japan", "the United States")[0]
    assert sentence == ("Japan pledged non-aggression and consultation; the United States pledged defence, "
                        "non-aggression and consultation (3375, Treaty of Mutual Cooperation and Security between "
                        "the United States and Japan (1960), 1960–)")
    early = pair_alliances("JPN", "USA", con, window=(1900, 1950))
    assert early["atopid"].tolist() == [1455, 2095]


def test_north_korea_usa_non_aggression_comes_from_the_bali_treaty(con):
    """The PRK–USA non-aggression rows of atop_dyad_year (2009–2018) come from 3755, the 1976 Treaty of
    Amity and Cooperation in Southeast Asia, which North Korea joined in 2008 and the United States in 2009."""
    frame = pair_alliances("PRK", "USA", con)
    assert len(frame) == 1
    row = frame.iloc[0]
    assert row["atopid"] == 3755 and row["name"] == "Treaty of Amity and Cooperation in Southeast Asia (Bali 1976)"
    assert (row["shared_start"], row["shared_end"]) == (2009, 2018)
    assert row["a_obligations"] == row["b_obligations"] == ["non-aggression"]
    assert row["description"] == "a multilateral non-aggression pact of 34 states, 1976–"
    dyad = con.execute("SELECT min(year), max(year), min(atop_nonagg), max(atop_defense) FROM atop_dyad_year "
                       "WHERE ccode1 = 731 AND ccode2 = 2").fetchone()
    assert dyad == (2009, 2018, 1, 0)
    assert pair_alliances("PRK", "USA", con, window=(2016, 2018)).iloc[0]["shared_start"] == 2016


def test_india_pakistan_wars_named(con):
    frame = pair_wars("IND", "PAK", con)
    assert frame[["warnum", "war_name", "start", "end"]].values.tolist() == [
        [147, "First Kashmir", 1947, 1949], [166, "Second Kashmir", 1965, 1965], [178, "Bangladesh", 1971, 1971],
        [223, "Kargil War", 1999, 1999]]
    kargil = frame.set_index("warnum").loc[223]
    assert (kargil["a_outcome"], kargil["b_outcome"]) == ("won", "lost")
    assert (kargil["a_battle_deaths"], kargil["b_battle_deaths"]) == (474, 698)
    assert kargil["b_initiated"] and not kargil["a_initiated"]
    assert {kargil["a_side"], kargil["b_side"]} == {1, 2}
    assert pair_wars("IND", "PAK", con, window=(1960, 1980))["warnum"].tolist() == [166, 178]
    assert [e["table"] for e in frame.attrs["evidence"]] == ["cow_war_inter_dyad_year", "cow_war_inter_wars"]


def test_a_pair_that_never_fought_or_allied(con):
    assert pair_wars("IRN", "RUS", con).empty
    assert list(pair_wars("IRN", "RUS", con).columns) == named.WAR_COLUMNS
    empty = pair_alliances("USA", "PRK", con, window=(1950, 2000))
    assert empty.empty and list(empty.columns) == named.ALLIANCE_COLUMNS


# -- words ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("members", "obligations", "start", "end", "text"), [
    (2, ["non-aggression"], 2016, 2018, "a bilateral non-aggression pact, 2016–2018"),
    (30, ["defence", "non-aggression", "consultation"], 1949, None, "a multilateral defence pact of 30 states, 1949–"),
    (3, ["offence"], 1945, 1945, "a multilateral offence pact of 3 states, 1945"),
    (2, [], 1900, 1901, "a bilateral agreement, 1900–1901"),
])
def test_descriptions_read_as_sentences(members, obligations, start, end, text):
    assert named.describe(members, obligations, start, end) == text


def test_shared_alliances_cover_the_dyad_years(con):
    """For every 25th pair of atop_dyad_year, the years of the alliances the pair shared are its dyad-years."""
    members = con.execute("SELECT * FROM atop_members").df()
    alliances = con.execute("SELECT * FROM atop_alliances").df()
    dyads = con.execute("SELECT ccode1, ccode2, list(year ORDER BY year) FROM atop_dyad_year WHERE ccode1 < ccode2 "
                        "GROUP BY ALL ORDER BY ccode1, ccode2").fetchall()
    checked = 0
    for a, b, years in dyads[::25]:
        frame = named.shared_alliances(members, alliances, atop.alliance_names(), a, b)
        shared = set()
        for row in frame.itertuples():
            assert (row.shared_spells[0][0], row.shared_spells[-1][1]) == (row.shared_start, row.shared_end)
            for start, end in row.shared_spells:
                shared.update(range(start, end + 1))
        assert shared == set(years), (a, b)
        checked += 1
    assert checked > 200
