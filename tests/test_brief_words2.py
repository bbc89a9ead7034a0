"""More sentences of a brief read as an international-relations analyst reads them (see test_brief_words):
each test computes its fact from the warehouse with its own SQL and checks the sentence says it."""

from __future__ import annotations

from entente import catalog
from entente.brief import content, history


def _war_years(con, warnum: int, a: int, b: int) -> tuple[int, int]:
    frame = con.execute(f"""SELECT min(year) AS lo, max(year) AS hi FROM {catalog.COW_WARS}
                            WHERE warnum = ? AND ccode1 = ? AND ccode2 = ?""", [warnum, a, b]).df()
    return int(frame.lo[0]), int(frame.hi[0])


def _war_number(con, name: str) -> int:
    return int(con.execute(f"SELECT warnum FROM {catalog.COW_WAR_LIST} WHERE war_name = ?", [name]).df().iloc[0, 0])


def test_the_sino_japanese_wars_bear_the_names_histories_give_them(con):
    """COW's 'Second Sino-Japanese' war is Japan's invasion of Manchuria (1931–1933) and its 'Third' is what
    histories call the Second Sino-Japanese War (from 1937); COW's 'Manchurian' war is China against the
    Soviet Union in 1929, not Japan's invasion."""
    second, third, manchurian = (_war_number(con, n) for n in ("Second Sino-Japanese", "Third Sino-Japanese",
                                                                "Manchurian"))
    text = history.history(content.context("CHN", "JPN", start=1930, end=1950, con=con))["summary"]
    lo, hi = _war_years(con, second, 710, 740)
    assert f"the Japanese invasion of Manchuria (COW: the Second Sino-Japanese War, {lo}–{hi})" in text
    lo, hi = _war_years(con, third, 710, 740)
    assert f"the Second Sino-Japanese War (COW: the Third Sino-Japanese War, {lo}–{hi})" in text
    sides = con.execute(f"SELECT DISTINCT ccode1 FROM {catalog.COW_WARS} WHERE warnum = ?", [manchurian]).df()
    assert set(sides.ccode1) == {365, 710}          # no Japanese side: the 1929 railway war
    text = history.history(content.context("CHN", "RUS", start=1925, end=1935, con=con))["summary"]
    lo, hi = _war_years(con, manchurian, 710, 365)
    assert lo == hi and f"the Sino-Soviet conflict of {hi} (COW: the Manchurian War, {hi})" in text
    assert "invasion of Manchuria" not in text


def test_a_ucdp_conflict_names_its_cow_war_as_the_war_sentence_does(con):
    """India and China: the war sentence calls COW's Assam War the Sino-Indian War; the UCDP sentence that
    says the conflict includes it must use the same name, not COW's."""
    warnum = _war_number(con, "Assam")
    lo, hi = _war_years(con, warnum, 750, 710)
    text = history.history(content.context("IND", "CHN", start=1955, end=1970, con=con))["summary"]
    assert f"the Sino-Indian War (COW: the Assam War, {hi})" in text
    assert "which includes the Sino-Indian War" in text and text.count("Assam") == 1


def test_a_pact_with_no_name_is_given_its_atop_number(con):
    """Austria and Sardinia shared a bilateral defence pact from 1831 that entente's list of treaty names
    lacks: the sentence gives ATOP's number for it rather than an anonymous 'a bilateral defence pact'."""
    from entente.brief import treaties

    found = con.execute("""SELECT m.atopid, min(m.yrent) AS lo FROM atop_members m JOIN atop_alliances a USING (atopid)
                           WHERE a.members = 2 AND m.ccode IN (300, 325) GROUP BY m.atopid
                           HAVING count(DISTINCT m.ccode) = 2 ORDER BY lo""").df()
    first, lo = int(found.atopid[0]), int(found.lo[0])
    text = treaties.treaties(content.context("AUH", "ITA", end=1918, con=con))["summary"]
    assert f"ATOP alliance {first}, a bilateral defence pact (both members {lo}" in text
    assert "; a bilateral" not in text and ": a bilateral" not in text


def test_a_dispute_begun_before_the_window_is_said_to_run_into_it(con):
    """Iraq and Iran, 1975–1995: the earliest GML dispute counted began before 1975 (the Shatt al-Arab
    clashes): 'in 1975–1995 … the first began in 1973' reads as a slip, and names a year outside the window."""
    frame = con.execute(f"""SELECT dispnum, min(year) AS start, max(year) AS stop FROM {catalog.GML_MIDS}
                            WHERE ccode1 = 645 AND ccode2 = 630 GROUP BY dispnum
                            HAVING min(year) <= 1995 AND max(year) >= 1975""").df()
    first, last = int(frame.start.min()), int(frame.start.max())
    assert first < 1975
    text = history.history(content.context("IRQ", "IRN", start=1975, end=1995, con=con))["summary"]
    assert (f"the first was already under way in 1975, begun before this window, and the last began in {last}"
            in text)
    assert str(first) not in text.split("GML")[1].split(". ")[0]       # no year outside the window named
    text = history.history(content.context("IRQ", "IRN", start=1976, end=1995, con=con))["summary"]
    assert "before this window" not in text                             # none began before 1976


def test_china_before_1971_is_not_said_to_have_no_seat_unexplained(con):
    """India and China, 1955–1970: the vote data hold no vote under China's code (710) before 1971, but
    China's seat was filled, by the Republic of China, whose votes they file under Taiwan (713). 'China cast
    no vote' alone would tell an analyst the seat was empty."""
    years = con.execute(f"""SELECT v.ccode, min(r.year) AS lo, max(r.year) AS hi FROM {catalog.UNGA_VOTES} v
                            JOIN {catalog.UNGA_ROLLCALLS} r USING (rcid) WHERE v.ccode IN (710, 713)
                            GROUP BY v.ccode""").df().set_index("ccode")
    assert years.loc[710, "lo"] > 1970 and years.loc[713, "lo"] <= 1955 and years.loc[713, "hi"] >= 1970
    brief = content.assemble("IND", "CHN", start=1955, end=1970)
    said = "China's seat was held by the Republic of China, whose votes the data file under Taiwan, COW 713"
    assert said in brief["pair"]["b"]["in_window"]
    assert f"China cast no vote in 1955–1970: {said} throughout these years" in \
        brief["sections"]["alignment"]["no_evidence"]
    assert f"until October 1971 {said}" in content.assemble("IND", "CHN", start=1960, end=1980)["pair"]["b"]["in_window"]
    assert "Republic of China" not in content.assemble("IND", "CHN", start=1975, end=1980)["pair"]["b"]["in_window"]


def test_a_war_the_pair_fought_in_part_gives_the_wars_years_and_theirs(con):
    """Germany and France: COW puts them on opposite sides of World War II only in 1939–1940 (France fell);
    'World War II (1939–1940)' misdates the war. The sentence gives the war's years from COW's war list
    and the pair's from the dyad-years."""
    warnum = _war_number(con, "World War II")
    whole = con.execute(f"SELECT start_year, end_year FROM {catalog.COW_WAR_LIST} WHERE warnum = ?",
                        [warnum]).df().iloc[0]
    lo, hi = _war_years(con, warnum, 255, 220)
    assert (lo, hi) != (int(whole.start_year), int(whole.end_year))
    text = history.history(content.context("GMY", "FRN", end=1945, con=con))["summary"]
    assert (f"World War II ({int(whole.start_year)}–{int(whole.end_year)}; on opposite sides in {lo}–{hi})"
            in text)
    lo, hi = _war_years(con, _war_number(con, "Franco-Prussian"), 255, 220)
    assert f"the Franco-Prussian War ({lo}–{hi})" in text       # the whole war: no second span


def test_trade_missing_while_a_side_was_out_of_the_state_system_says_so(con):
    """China and Japan, 1930–1950: COW Trade's last figure for the pair is 1945, and Japan (occupied) is out
    of the COW state system from August 1945 to April 1952; the years after are missing because COW Trade
    records members only, which the sentence says instead of leaving the gap unexplained."""
    last = int(con.execute(f"""SELECT max(year) FROM {catalog.COW_TRADE} WHERE ccode1 = 710 AND ccode2 = 740
                               AND year <= 1950 AND (flow1 >= 0 OR flow2 >= 0)""").df().iloc[0, 0])
    spells = con.execute(f"SELECT styear, endyear FROM {catalog.COW_STATES} WHERE ccode = 740").df()
    member = {y for lo, hi in zip(spells.styear, spells.endyear) for y in range(int(lo), int(hi) + 1)}
    out = [y for y in range(last + 1, 1951) if y not in member]
    assert out == list(range(last + 1, 1951))
    from entente.brief import economy

    text = economy.economy(content.context("CHN", "JPN", start=1930, end=1950, con=con))["summary"]
    assert (f"after {last} ({out[0]}–{out[-1]}): Japan was not a member of the COW state system in "
            f"{out[0]}–{out[-1]}, so those years are missing") in text
    text = economy.economy(content.context("UKG", "FRN", end=1914, con=con))["summary"]
    assert "not a member" not in text           # both members in 1914: no reason is invented


def test_a_mean_across_the_end_of_the_cold_war_gives_each_eras_mean(con):
    """Turkey and Russia, 1946–2025: one mean yearly agreement pools the Soviet Union's years with Russia's.
    The first sentence (the 'In brief' line) gives each era's mean beside it, each computed here in SQL from
    the yearly alignment table, and none for a window that does not span 1992 on both sides."""
    from entente.brief import prose

    means = con.execute("""SELECT year >= 1992 AS late, avg(agree) AS agree, min(year) AS lo, max(year) AS hi
                           FROM m_unga_alignment_dyad_year WHERE ccode1 = 365 AND ccode2 = 640
                           GROUP BY 1 ORDER BY 1""").df()
    early, late = means.iloc[0], means.iloc[1]
    brief = content.assemble("TUR", "RUS")
    line = prose.overview(brief)[0]["text"]
    assert (f"; {round(100 * early.agree)}% in {int(early.lo)}–{int(early.hi)} and {round(100 * late.agree)}% "
            "from 1992)") in line
    assert " in 1946–1991 and " not in prose.overview(content.assemble("TUR", "RUS", start=1995))[0]["text"]


def test_a_sanctions_case_with_several_senders_is_not_called_one_sides_own(con):
    """China and Japan, 1930–1950: the one TIES case between them is the 1950 embargo on China, in which
    TIES lists Japan among several senders; '1 by Japan against China' alone would make it Japan's own case."""
    from entente.brief import council

    cases = con.execute("""SELECT caseid, [sender1, sender2, sender3, sender4, sender5] AS senders
                           FROM ties_cases WHERE targetstate = 710 AND startyear BETWEEN 1945 AND 1950
                           AND list_contains([sender1, sender2, sender3, sender4, sender5], 740)""").df()
    assert len(cases) == 1 and len([s for s in cases.senders[0] if s is not None and s == s]) > 1
    ctx = content.context("CHN", "JPN", start=1930, end=1950, con=con)
    text = council.security_council(ctx.a, ctx.b, con, window=(1930, 1950))["summary"]
    assert "(1 by Japan against China, as one of several senders)" in text


def test_trade_between_the_koreas_is_said_to_be_missed_by_the_data(con):
    """COW Trade gives the Koreas no flow of US$1 million or more after 2002 (checked here in SQL), though
    their trade ran through the Kaesong zone to 2016: South Korea does not count it as foreign trade. The
    economy sentence says so rather than leave 'neither imported US$0.5 million' as a fact about the Koreas."""
    from entente.brief import economy

    top = con.execute(f"""SELECT max(greatest(flow1, flow2)) FROM {catalog.COW_TRADE}
                          WHERE ccode1 = 731 AND ccode2 = 732 AND year BETWEEN 2003 AND 2014""").df().iloc[0, 0]
    assert top < 1
    for start, end in ((1950, None), (2003, 2014)):
        out = economy.economy(content.context("PRK", "ROK", start=start, end=end, con=con))
        assert "South Korea counts its trade with North Korea as trade within the nation" in \
            (out.get("summary") or out["no_evidence"])
    out = economy.economy(content.context("PRK", "CHN", start=2000, end=2014, con=con))
    assert "within the nation" not in (out.get("summary") or out.get("no_evidence"))


def test_the_pacts_a_pair_made_with_each_other_come_before_shared_memberships(con):
    """Peru and Ecuador share seven ATOP pacts; the two they made with each other (two members, found here in
    SQL) were hidden among 'and 3 others' behind many-state pacts. They are now named first."""
    from entente.brief import treaties

    ids = con.execute("""SELECT a.atopid FROM atop_alliances a WHERE a.members = 2 AND a.atopid IN (
                           SELECT atopid FROM atop_members WHERE ccode = 135
                           INTERSECT SELECT atopid FROM atop_members WHERE ccode = 130) ORDER BY a.begyr""").df()
    assert len(ids) >= 2
    text = treaties.treaties(content.context("PER", "ECU", con=con))["summary"]
    listed = text.split(": ", 1)[1]
    for atopid in ids.atopid:
        assert f"ATOP alliance {int(atopid)}, a bilateral" in listed
        assert listed.index(f"ATOP alliance {int(atopid)}") < listed.index("multilateral")


def test_a_conflict_longer_than_the_pairs_part_in_it_says_so(con):
    """Turkey and Russia: UCDP's conflict 299 (Syria, over government) runs far beyond the years the two were
    on opposite sides in it; its name carries the pair's years, so the sentence gives UCDP's own (SQL here).
    India and China's conflict 274 has no years without them on opposite sides: no such clause."""
    lo, hi = (int(x) for x in con.execute(f"""SELECT min(year), max(year) FROM {catalog.UCDP_CONFLICTS}
                                              WHERE conflict_id = 299""").df().iloc[0])
    text = history.history(content.context("TUR", "RUS", con=con))["summary"]
    assert f"(UCDP conflict 299, in UCDP's data from {lo} to {hi}; the years given are the two's on opposite sides" in text
    assert "in UCDP's data from" not in history.history(content.context("IND", "CHN", con=con))["summary"]


def test_wars_numbered_from_1816_by_cow_get_the_names_histories_use(con):
    """COW's 'First Russo-Turkish War' (1828–1829) is not the first: Russia and the Ottomans fought a dozen
    wars before it; its 'Seven Weeks War' is the Austro-Prussian War. The sentence gives the names histories
    use, COW's beside them with its years (from COW's war list here)."""
    rows = con.execute(f"""SELECT war_name, start_year, end_year FROM {catalog.COW_WAR_LIST}
                           WHERE war_name IN ('First Russo-Turkish', 'Seven Weeks')""").df().set_index("war_name")
    lo, hi = (int(x) for x in rows.loc["First Russo-Turkish"])
    text = history.history(content.context("TUR", "RUS", con=con))["summary"]
    assert f"the Russo-Turkish War of {lo}–{hi} (COW: the First Russo-Turkish War, {lo}–{hi})" in text
    year = int(rows.loc["Seven Weeks", "start_year"])
    text = history.history(content.context("AUH", "ITA", end=1918, con=con))["summary"]
    assert f"the Austro-Prussian War (COW: the Seven Weeks War, {year})" in text


def test_a_last_years_share_above_the_whole_is_flagged_where_it_is_said(con):
    """Korea and Japan, 1904: COW Trade gives their trade as more than Korea's whole trade (the pair's flows
    against Korea's imports plus exports, both read here in SQL). The sentence that states the share flags it
    on the spot rather than present 154% as Korea's dependence on Japan."""
    from entente.brief import economy

    pair = con.execute(f"SELECT flow1 + flow2 FROM {catalog.COW_TRADE} WHERE ccode1 = 730 AND ccode2 = 740 "
                       "AND year = 1904").df().iloc[0, 0]
    total = con.execute(f"SELECT imports + exports FROM {catalog.COW_TRADE_STATES} WHERE ccode = 730 "
                        "AND year = 1904").df().iloc[0, 0]
    assert pair > total
    text = economy.economy(content.context(730, "JPN", con=con))["summary"]
    assert f"their trade was {100 * pair / total:.1f}% of Korea's total trade (more than the whole: an error in " \
           "the data) and" in text
    text = economy.economy(content.context("UKG", "FRN", end=1914, con=con))["summary"]
    assert "more than the whole" not in text


def test_no_trend_with_far_apart_ends_does_not_read_as_stable_trade(con):
    """India and Pakistan, 2011–2020: IMF DOTS totals (read here in SQL) fall from about US$2 billion to a
    few hundred million, yet the log-linear trend (scipy here) is not clear at 95%. 'No clear rise or fall'
    alone would read as stable trade; the sentence says the ends lie far apart and the years swing."""
    import math

    from scipy import stats

    from entente.brief import economy

    rows = con.execute("""SELECT year, coalesce(imf_imports_1from2, imf_exports_2to1)
                                 + coalesce(imf_imports_2from1, imf_exports_1to2) AS total
                          FROM imf_dots_dyad_year WHERE ccode1 = 750 AND ccode2 = 770 AND year BETWEEN 2011 AND 2020
                          ORDER BY year""").df()
    assert len(rows) == 10 and rows.total.iloc[-1] < rows.total.iloc[0] / 2
    fit = stats.linregress(rows.year.astype(float), [math.log(v) for v in rows.total])
    half = stats.t.ppf(0.975, len(rows) - 2) * fit.stderr
    assert fit.slope - half < 0 < fit.slope + half
    text = economy.economy(content.context("IND", "PAK", con=con))["summary"]
    assert ("Over 2011–2020 it shows no clear rise or fall, though it ended far below where it began: the years "
            "between swing too much to call it a trend") in text
    text = economy.economy(content.context("UKG", "FRN", end=1914, con=con))["summary"]
    assert "no clear rise or fall (" in text and "far below" not in text      # ends within a factor of 2


def test_a_conflict_named_with_years_past_the_window_says_which_lie_within_it(con):
    """India and China, 1955–1970: UCDP's conflict 274 is named for its years 1962–2020; within the window it
    was active in few of them (UCDP's conflict-year rows, read here in SQL), which the sentence says."""
    years = sorted(int(y) for y in con.execute(f"SELECT DISTINCT year FROM {catalog.UCDP_CONFLICTS} "
                                                "WHERE conflict_id = 274").df().year)
    inside = [y for y in years if 1955 <= y <= 1970]
    assert max(years) > 1970 and len(inside) < inside[-1] - inside[0] + 1
    text = history.history(content.context("IND", "CHN", start=1955, end=1970, con=con))["summary"]
    assert (f"(UCDP conflict 274, active in {len(inside)} of the {inside[-1] - inside[0] + 1} years "
            f"{inside[0]}–{inside[-1]} within this window") in text
    assert "within this window" not in history.history(content.context("IND", "CHN", con=con))["summary"]
