"""Sentences of a brief read as an international-relations analyst reads them: each test states a fact
computed here from the warehouse (SQL or pandas) and checks that the sentence says it, and says nothing
the data do not (a window the data do not open, a name the state did not bear, an unnamed treaty)."""

from __future__ import annotations

import pytest

from entente import catalog
from entente.brief import content


def _first_member_year(con, ccode: int) -> int:
    return int(con.execute(f"SELECT min(styear) FROM {catalog.COW_STATES} WHERE ccode = ?", [ccode]).df().iloc[0, 0])


def _first_rivalry_year(con, a: int, b: int) -> int:
    return int(con.execute(f"""SELECT min(styear) FROM {catalog.TSS_RIVALRIES}
                               WHERE (ccode1 = ? AND ccode2 = ?) OR (ccode1 = ? AND ccode2 = ?)""",
                           [a, b, b, a]).df().iloc[0, 0])


@pytest.mark.parametrize("a, b, ca, cb, later", [("GRC", "TUR", 350, 640, 350), ("IRN", "RUS", 630, 365, 630)])
def test_a_default_window_opened_by_the_pairs_history_says_so(con, a, b, ca, cb, later):
    """Greece joins the COW system in 1828 and Persia in 1855, but their rivalries start earlier: the window
    opens with the rivalry, and the clause must not call those years 'both states' shared years'."""
    ctx = content.context(a, b, con=con)
    entered, rivalry = _first_member_year(con, later), _first_rivalry_year(con, ca, cb)
    assert rivalry < entered and ctx.window.first == rivalry
    reason = content.window_reason(ctx)
    assert "shared years" not in reason
    assert f"from {rivalry}, the first year the rivalry data record the pair" in reason
    assert f"joined the COW state system only in {entered}" in reason


def test_a_default_window_of_shared_years_says_so(con):
    ctx = content.context("ISR", "SYR", con=con)
    assert ctx.window.first == max(_first_member_year(con, 666), _first_member_year(con, 652))
    assert content.window_reason(ctx).startswith("both states' shared years")
    assert content.window_reason(content.context("ISR", "SYR", start=1960, end=1970, con=con)) is None


def _dispute_years(con, a: int, b: int, first: int, last: int):
    """(first start, last end) of the GML disputes between ``a`` and ``b`` that overlap first–last."""
    frame = con.execute(f"""SELECT dispnum, min(year) AS start, max(year) AS stop FROM {catalog.GML_MIDS}
                            WHERE ccode1 = ? AND ccode2 = ? GROUP BY dispnum""", [a, b]).df()
    frame = frame[(frame.start <= last) & (frame.stop >= first)]
    return int(frame.start.min()), int(frame.stop.max()), int(frame.start.max())


def test_disputes_across_the_ottoman_empire_and_turkey_name_both(con):
    """The GML disputes between Greece and Turkey begin in the 1820s, a century before the Republic: the
    sentence that counts them names the Ottoman Empire for the years it was one (COW's own names)."""
    from entente import countries
    from entente.brief import history

    ctx = content.context("GRC", "TUR", start=1828, end=2010, con=con)
    first, _, _ = _dispute_years(con, 350, 640, 1828, 2010)
    ottoman = countries.name(640, first, article=True)
    republic = countries.name(640, 2010)
    assert ottoman != republic
    last_ottoman = max(y for y in range(first, 2011) if countries.name(640, y, article=True) == ottoman)
    text = history.history(ctx)["summary"]
    assert f"disputes between Greece and {republic} ({ottoman} until {last_ottoman}) in 1828–2010" in text


def test_disputes_that_all_began_in_one_year_say_so_once(con):
    from entente.brief import history

    ctx = content.context("GRC", "TUR", start=1974, end=1974, con=con)
    first, _, last = _dispute_years(con, 350, 640, 1974, 1974)
    assert first == last == 1974
    text = history.history(ctx)["summary"]
    assert "all began in 1974" in text and "the first began in 1974, the last in 1974" not in text


PAIRS_WITH_PACTS = [("RUS", "UKR", 365, 369), ("JPN", "CHN", 740, 710), ("PAK", "AFG", 770, 700),
                    ("MOR", "ALG", 600, 615), ("IRN", "RUS", 630, 365), ("GRC", "TUR", 350, 640)]


@pytest.mark.parametrize("a, b, ca, cb", PAIRS_WITH_PACTS)
def test_every_pact_a_pair_shared_bilaterally_is_named(con, a, b, ca, cb):
    """A bilateral pact the two signed with each other is the treaty an analyst looks for first: each one
    ATOP holds for these pairs (found here with SQL) carries its name, not only "a bilateral pact"."""
    from entente.pair.named import pair_alliances

    ids = set(con.execute("""SELECT atopid FROM atop_alliances WHERE members = 2 AND atopid IN (
                               SELECT atopid FROM atop_members WHERE ccode = ?
                               INTERSECT SELECT atopid FROM atop_members WHERE ccode = ?)""", [ca, cb]).df()["atopid"])
    assert ids
    frame = pair_alliances(ca, cb, con=con).set_index("atopid")
    assert {i for i in ids if not isinstance(frame.loc[i, "name"], str)} == set()


@pytest.mark.parametrize("a, b, start, end", [("EGY", "ISR", 1948, 1979), ("RUS", "UKR", 1992, 2025),
                                              ("USA", "CUB", None, None), ("JPN", "CHN", None, None)])
def test_non_aggression_pacts_are_not_called_alliances(con, a, b, start, end):
    """ATOP codes the Egypt–Israel peace treaty as an alliance (non-aggression); a brief may call the set
    'alliances' only when every pact in it carries a defence or offence pledge (from atop_members here)."""
    from entente.brief import sections

    ctx = content.context(a, b, start=start, end=end, con=con)
    ca, cb = ctx.a.ccode, ctx.b.ccode
    pledges = con.execute("""SELECT m.atopid, max(m.defense) + max(m.offense) AS armed
                             FROM atop_members m JOIN (SELECT atopid FROM atop_members WHERE ccode = ?
                                                       INTERSECT SELECT atopid FROM atop_members WHERE ccode = ?) s
                             USING (atopid) WHERE m.ccode IN (?, ?) AND m.yrent <= ? AND coalesce(m.yrexit, 9999) >= ?
                             GROUP BY m.atopid""", [ca, cb, ca, cb, ctx.window.last, ctx.window.first]).df()
    text = sections.treaties(ctx)["summary"]
    assert len(pledges)
    if (pledges["armed"] > 0).all():
        assert f"ATOP records {len(pledges)} alliances" in text
    else:
        assert "alliance" not in text.split(":")[0]
        assert f"{int((pledges['armed'] > 0).sum()) or 'none'} with a defence pledge" in text


def _pair_totals(con, a: int, b: int, first: int, last: int):
    """Total trade a–b per year from the raw tables, for a trend of the last ten years: IMF DOTS (importer's
    report, else the exporter's) for every year of the decade when it has both flows in each, else COW Trade
    to its last year and the IMF after, as the brief documents; pandas, not entente's functions."""
    lo, hi = sorted((a, b))
    cow = con.execute(f"SELECT year, flow1 + flow2 AS total FROM {catalog.COW_TRADE} WHERE ccode1 = ? AND ccode2 = ?",
                      [lo, hi]).df().set_index("year")["total"]
    cow_end = int(con.execute(f"SELECT max(year) FROM {catalog.COW_TRADE}").df().iloc[0, 0])
    imf = con.execute(f"SELECT * FROM {catalog.IMF_TRADE} WHERE ccode1 = ? AND ccode2 = ?", [lo, hi]).df()
    imf = imf.set_index("year")
    one = imf["imf_imports_1from2"].fillna(imf["imf_exports_2to1"])
    two = imf["imf_imports_2from1"].fillna(imf["imf_exports_1to2"])
    both = (one + two).dropna()
    spliced = cow.combine_first(both[both.index > cow_end]).sort_index()
    spliced = spliced[(spliced.index >= first) & (spliced.index <= last)].dropna()
    spliced = spliced[spliced > 0]
    decade = spliced[spliced.index > spliced.index.max() - 10]
    if all(y in both.index for y in decade.index if y <= cow_end):
        return both[both.index.isin(decade.index)]
    return decade


@pytest.mark.parametrize("a, b, ca, cb, start, end", [("EGY", "ISR", 651, 666, 1979, 2025),
                                                      ("GRC", "TUR", 350, 640, None, None),
                                                      ("RUS", "UKR", 365, 369, 1992, 2025),
                                                      ("JPN", "CHN", 740, 710, None, None)])
def test_trade_growth_is_claimed_only_from_a_trend_the_years_support(con, a, b, ca, cb, start, end):
    """Egypt–Israel trade was US$432 million in 2010 and US$136 million in 2020, but fell by two thirds by
    2014 and recovered: the end points' 10.9% a year is not a trend. The brief names a rate only when the
    log-linear trend of the last ten years (scipy here) has a 95% interval that excludes 0."""
    import numpy as np
    from scipy import stats

    from entente.brief import sections

    ctx = content.context(a, b, start=start, end=end, con=con)
    decade = _pair_totals(con, ca, cb, ctx.window.first, ctx.window.last)
    fit = stats.linregress(decade.index.to_numpy(dtype=float), np.log(decade.to_numpy(dtype=float)))
    half = stats.t.ppf(0.975, len(decade) - 2) * fit.stderr
    text = sections.economy(ctx)["summary"]
    years = f"{decade.index.min()}–{decade.index.max()}"
    if fit.slope - half > 0 or fit.slope + half < 0:
        verb = "grew" if fit.slope > 0 else "shrank"
        rate, decimals = abs(100 * np.expm1(fit.slope)), 1      # one decimal, more for two significant figures
        while round(rate, decimals) < 10 ** (1 - decimals):
            decimals += 1
        assert f"Over {years} it {verb} by about {rate:.{decimals}f}% a year" in text
    else:
        assert f"Over {years} it shows no clear rise or fall" in text
        assert " grew " not in text and " shrank " not in text


def test_a_window_inside_cows_years_names_cow_trade_alone(con):
    """Iraq–Iran 1979–1990 lies wholly within COW Trade's years (its last year read here): the sentence on
    their trade must not cite the IMF series that only continues COW after it."""
    from entente.brief import sections

    cow_end = int(con.execute(f"SELECT max(year) FROM {catalog.COW_TRADE}").df().iloc[0, 0])
    assert 1990 < cow_end
    section = sections.economy(content.context("IRQ", "IRN", start=1979, end=1990, con=con))
    text = section.get("summary") or section.get("no_evidence")
    assert "COW Trade" in text and "IMF" not in text


def test_agreement_level_with_an_average_as_printed_is_not_called_below_it(con):
    """Egypt and Israel in 1979: their agreement (55.8%) and Israel's mean agreement with all its partners
    (56.2%), both from the yearly dyad table here, print as 56%; the sentence may not call one below the other."""
    from entente.brief import prose

    def mean(code):
        return con.execute(f"SELECT avg(agree) FROM {catalog.UNGA_ALIGNMENT} WHERE year = 1979 AND "
                           "(ccode1 = ? OR ccode2 = ?)", [code, code]).df().iloc[0, 0]
    pair = con.execute(f"SELECT agree FROM {catalog.UNGA_ALIGNMENT} WHERE ccode1 = 651 AND ccode2 = 666 "
                       "AND year = 1979").df()["agree"].iloc[0]
    egypt, israel = mean(651), mean(666)
    assert pair < israel and prose.pct(pair) == prose.pct(israel) and pair < egypt
    text = prose._relative("Egypt", "Israel", pair, egypt, israel, "in 1979")
    assert text == ("Their 56% agreement is below Egypt's average agreement with all states in 1979 and level with "
                    "Israel's (Egypt 89%, Israel 56%).")


@pytest.mark.parametrize("a, b", [("USA", "CUB"), ("MOR", "ALG")])
def test_a_trend_verdict_never_prints_a_zero_rate(con, a, b):
    """A 'falling' verdict means the slope and both ends of its 95% interval are below 0: none may print as 0
    (the US share of trade with Cuba falls by well under 0.005 percentage points a year). The slope has two
    significant figures, its interval ends the same decimals, with the minus sign (U+2212); an end too small
    for them is "just below 0". Each printed figure must also be the section's own number to its precision."""
    import re

    from entente.brief import sections

    section = sections.trend(content.context(a, b, con=con))
    found = re.findall(r"\(([+−][\d.]+) percentage points a year; 95% interval ([+−][\d.]+|just below 0) to "
                       r"([+−][\d.]+|just below 0)\)", section["summary"])
    assert found and "-" not in found[0][0]
    d = section["direction"]["trade"]
    places = len(found[0][0].split(".")[1])
    assert len(found[0][0].lstrip("+−0.")) == 2
    for text, value in zip(found[0], (d["slope"], d["ci_low"], d["ci_high"])):
        if text == "just below 0":
            assert -0.5 * 10 ** -places < 100 * value < 0
            continue
        number = float(text.replace("−", "-"))
        assert number != 0 and number < 0 and len(text.split(".")[1]) == places
        assert number == pytest.approx(100 * value, abs=0.51 * 10 ** -places)


@pytest.mark.parametrize("start, end, expect", [(1974, 1974, "1974 is one year: too few for a trend"),
                                                (2022, 2025, "No series shows a clear rise or fall within 2022–2025")])
def test_a_short_window_does_not_speak_of_its_last_decade(con, start, end, expect):
    from entente.brief import sections

    text = sections.trend(content.context("IRN", "RUS", start=start, end=end, con=con))["summary"]
    assert "last decade" not in text and text.startswith(expect)


def test_coverage_rows_give_the_datas_versions_once(con):
    """The coverage box named the UN votes 'UNGA votes entente 0.1.0' (the derived table's build, not the
    data) and the IMF's 'IMF DOTS DOTS as exported …'. A derived table shows its inputs' versions, read
    here from _provenance, and no heading repeats a word."""
    ctx = content.context("GRC", "TUR", start=2000, end=2020, con=con)
    unga = ctx.coverage(catalog.UNGA_ALIGNMENT, "UN General Assembly votes", dataset_label="UNGA votes")
    imf = ctx.coverage(catalog.IMF_TRADE, "trade flows", dataset_label="IMF DOTS")
    versions = con.execute("SELECT DISTINCT dataset, version FROM _provenance WHERE dataset IN ('unvotes', 'dgacm')"
                           ).df().set_index("dataset")["version"]
    assert all(f"{name} {version}" in unga["heading"] for name, version in versions.items())
    for heading in (unga["heading"], imf["heading"]):
        words = heading.split()
        assert all(x != y for x, y in zip(words, words[1:])), heading


def test_a_sanctions_case_begun_before_the_window_is_named_as_the_state_was_in_it(con):
    """TIES case 1959080801 (Egypt against Israel, 1959–1979) is in force in 1979: a brief for 1979–2025 counts
    it, but Egypt was no longer the United Arab Republic then; the sentence names Egypt and says the case
    began before the window."""
    from entente import countries
    from entente.brief import council

    cases = con.execute(f"SELECT startyear, endyear FROM {catalog.TIES} WHERE sender1 = 651 AND targetstate = 666 "
                        "AND startyear < 1979 AND endyear >= 1979").df()
    assert len(cases) == 1
    begun = int(cases.startyear.iloc[0])
    assert countries.name(651, begun) != countries.name(651, 1979)
    text = council.security_council(countries.resolve("EGY"), countries.resolve("ISR"), con, window=(1979, 2025))["summary"]
    assert f"1 by {countries.name(651, 1979)} against Israel, begun before 1979" in text
    assert countries.name(651, begun) not in text


def test_a_bloc_of_one_and_a_whole_set_of_triangles_read_as_english(con):
    """Afghanistan voted alone in 2023 (its bloc in the cached bloc table has one member, itself): the
    sentence read 'in one of 1 state (with )'. Every triangle of that year unbalanced read '34 of the 34'."""
    from entente import countries, network
    from entente.brief import third_states

    pk, af = countries.resolve("PAK"), countries.resolve("AFG")
    blocs = network.cached_blocs(2023, con=con)
    mine = blocs.loc[blocs.ccode == 700, "bloc"].iloc[0]
    assert (blocs.bloc == mine).sum() == 1
    text = third_states.pair_blocs(pk, af, con, (1947, 2025))["summary"]
    assert text.startswith("In 2023 ") and "Afghanistan in a bloc of its own" in text and "(with )" not in text
    triads = third_states.signed_triads(pk, af, con, (1947, 2025))
    assert triads["unbalanced_count"] == triads["triads"] > 1
    sentence = third_states.triad_sentence(triads, "Pakistan", "Afghanistan")
    assert f"all {triads['triads']} triangles the pair forms" in sentence and " of the " not in sentence.split(",")[0]


def test_no_adversary_is_claimed_absent_where_no_data_reach(con):
    """Iran–Russia from 2022: rivalries, disputes and sanctions are all coded to earlier years (their last
    years read here with SQL), so the brief may not say that no third state 'had' a rivalry, dispute or
    sanctions with each: it says the data end before the window."""
    from entente import countries
    from entente.brief import third_states

    last = max(int(con.execute(sql).df().iloc[0, 0]) for sql in (
        f"SELECT max(endyear) FROM {catalog.TSS_RIVALRIES}", f"SELECT max(year) FROM {catalog.GML_MIDS}",
        f"SELECT max(year) FROM {catalog.COW_MIDS}", f"SELECT max(coalesce(endyear, startyear)) FROM {catalog.TIES}"))
    assert last < 2022
    text = third_states.third_parties(countries.resolve("IRN"), countries.resolve("RUS"), con, window=(2022, 2025))["summary"]
    assert "none had a rivalry" not in text
    assert f"the rivalry, dispute and sanctions data end by {last}, before these years" in text


def test_a_window_before_a_state_existed_is_refused_by_the_api_too(con):
    """Ukraine joins the COW system in 1991 (read from cow_states here). `entente brief` refused RUS–UKR
    1950–1960, but the API wrote a brief about 'Ukraine' in the 1950s that said the two 'cast no vote on
    the same roll call', though the Ukrainian SSR's seat voted with the Soviet Union on every one."""
    from entente.errors import BadInput

    joined = _first_member_year(con, 369)
    assert joined > 1960
    common = con.execute(f"SELECT count(*) FROM {catalog.UNGA_ALIGNMENT} WHERE ccode1 = 365 AND ccode2 = 369 "
                         "AND year BETWEEN 1950 AND 1960").df().iloc[0, 0]
    assert common > 0
    with pytest.raises(BadInput, match=f"not in the state system in 1950–1960 \\(COW: {joined}–\\)"):
        content.context("RUS", "UKR", start=1950, end=1960, con=con)


def test_a_dataset_inside_the_window_at_both_ends_says_so_in_one_clause(con):
    """UCDP/PRIO (its years read here) starts after 1827 and ends before 2025: the clause read 'the data
    begin in 1946; the data end in 2024; 2025 lies beyond them'."""
    ctx = content.context("GRC", "TUR", con=con)
    lo, hi = (int(v) for v in con.execute(f"SELECT min(year), max(year) FROM {catalog.UCDP_CONFLICTS}").df().iloc[0])
    assert ctx.window.first < lo and hi < ctx.window.last
    rec = ctx.coverage(catalog.UCDP_CONFLICTS, "armed conflicts")
    assert ctx.gap_clause(rec) == f" (the data cover only {lo}–{hi} of {ctx.window.first}–{ctx.window.last})"


def test_zero_trade_in_rounded_figures_is_not_called_no_trade_at_all(con):
    """COW Trade gives Iraq–Iran flows of 0 in 1981–1990 (read here): whole millions, so under US$0.5 million,
    not proof of none; and one dataset takes a singular verb."""
    from entente.brief import sections

    flows = con.execute(f"SELECT flow1, flow2 FROM {catalog.COW_TRADE} WHERE ccode1 = 630 AND ccode2 = 645 "
                        "AND year BETWEEN 1981 AND 1990").df()
    assert len(flows) == 10 and (flows.fillna(0) == 0).all().all()
    text = sections.economy(content.context("IRQ", "IRN", start=1979, end=1990, con=con))["no_evidence"]
    assert text.startswith("COW Trade records no trade of US$0.5 million or more a year between Iraq and Iran")


@pytest.mark.slow        # writes a whole brief with its charts (about 15 s on 2 cores)
def test_html_shows_commands_as_code_not_backticks(con, tmp_path):
    """The sentences carry Markdown code spans (`entente data update imf_trade`); the HTML page showed the
    backticks. Each backticked command of the Markdown appears in the HTML as <code>, never with backticks."""
    import re

    from entente.brief.render import write_brief

    out = write_brief("GRC", "TUR", out=tmp_path / "b", start=2000, end=2025, con=con)
    md = (tmp_path / "b" / "brief.md").read_text()
    page = (tmp_path / "b" / "index.html").read_text()
    commands = set(re.findall(r"`(entente [^`]+)`", md))
    assert commands, out
    body = re.sub(r"<script.*?</script>", "", page, flags=re.S)
    for command in commands:
        assert f"<code>{command}</code>" in body and f"`{command}`" not in body


def test_a_sentence_with_a_command_is_escaped_and_coded_for_html(con):
    """The economy sentence of a window past the trade data names a command in backticks: HTML gets it as
    <code>, with the rest of the sentence escaped."""
    from entente.brief import sections
    from entente.brief.render import html_prose

    text = sections.economy(content.context("GRC", "TUR", start=2000, end=2025, con=con))["summary"]
    assert "`entente data update imf_trade`" in text
    shown = str(html_prose(text + " <b>"))
    assert "<code>entente data update imf_trade</code>" in shown and "`" not in shown and "&lt;b&gt;" in shown


def test_trade_above_a_sides_total_trade_is_flagged(con):
    """COW Trade's France–Germany rows for the occupation years exceed France's own total trade (imports plus
    exports, from cow_trade_state_year here): the brief says those years are errors, with the years."""
    from entente.brief import sections
    from entente.measures.treaties import spells

    flows = con.execute(f"""SELECT d.year, (d.flow1 + d.flow2) / (s.imports + s.exports) AS share
                            FROM {catalog.COW_TRADE} d JOIN {catalog.COW_TRADE_STATES} s
                            ON s.ccode = 220 AND s.year = d.year
                            WHERE d.ccode1 = 220 AND d.ccode2 = 255 AND d.year <= 1945""").df()
    bad = flows[flows.share > 1]
    assert len(bad)
    years = " and ".join("–".join(str(y) for y in sorted({lo, hi})) for lo, hi in spells(bad.year.astype(int)))
    text = sections.economy(content.context("FRN", "GMY", start=1816, end=1945, con=con))["summary"]
    assert (f"In {years} the figures put their trade above France's total trade (up to "
            f"{100 * bad.share.max():,.0f}% of it)") in text
    assert "errors in the data" in text


def test_the_comparison_counts_disputes_as_the_history_does_and_says_their_years(con):
    """Russia–China: GML's disputes (to 2010) then COW MID 5.0's that began after, as the history section
    counts them (SQL on both tables here); the column names the dispute data's years, not the whole window."""
    from entente import countries
    from entente.brief import sections

    gml_last = int(con.execute(f"SELECT max(year) FROM {catalog.GML_MIDS}").df().iloc[0, 0])
    cow_last = int(con.execute(f"SELECT max(year) FROM {catalog.COW_MIDS}").df().iloc[0, 0])
    def ids(table, where=""):
        return set(con.execute(f"""SELECT dispnum FROM {table} WHERE ccode1 = 365 AND ccode2 = 710 GROUP BY dispnum
                                   HAVING min(year) >= 1816 {where}""").df()["dispnum"])
    expected = len(ids(catalog.GML_MIDS)) + len(ids(catalog.COW_MIDS, f"AND min(year) > {gml_last}"))
    assert cow_last > gml_last
    ctx = content.context("IRN", "RUS", con=con)
    found = sections.comparison(ctx, countries.resolve("CHN"))
    row = next(r for r in found["rows"] if r["pair"] == "Russia–China")
    assert row["disputes"] == expected
    assert found["disputes_window"] == f"{ctx.window.first}–{cow_last}"


def test_a_topic_they_agree_on_more_than_with_others_is_not_a_plain_split(con):
    """Greece and Turkey agree least on human rights, yet more than either agrees with its other partners
    (topic agreement from the votes here, with SQL): the sentence says 'still above', not 'against'."""
    from entente import countries
    from entente.brief import third_states

    found = third_states.limits(countries.resolve("GRC"), countries.resolve("TUR"), con, window=(1946, 2025))
    worst = found["topics"][0]
    agree = con.execute("""SELECT avg(1 - abs(x.vote - y.vote) / 2) FROM unga_votes x
                           JOIN unga_votes y ON x.rcid = y.rcid AND y.ccode = 640
                           JOIN unga_rollcall_issues i ON i.rcid = x.rcid WHERE x.ccode = 350 AND i.issue = ?""",
                        [worst["issue"]]).df().iloc[0, 0]
    assert round(100 * agree) == round(100 * worst["agree"])
    assert round(100 * agree) > max(round(100 * worst["mean_a"]), round(100 * worst["mean_b"]))
    assert (f"and still above each side's average: {round(100 * agree)}% on {int(worst['n_votes']):,} roll calls"
            in found["summary"]) and "split most" not in found["summary"]


def test_a_last_year_of_zeros_is_not_reported_as_trade(con):
    """Egypt–Israel before the peace treaty: COW Trade's flows are 0 in 1979 and above 0 in only one year of
    1948–1979 (read here). The sentence read 'Egypt imported under US$1 million of goods from Israel and Israel
    under US$1 million from Egypt'; it now says neither reached half a million and names the one year."""
    from entente.brief import sections

    rows = con.execute(f"SELECT year, flow1, flow2 FROM {catalog.COW_TRADE} WHERE ccode1 = 651 AND ccode2 = 666 "
                       "AND year BETWEEN 1948 AND 1979 ORDER BY year").df()
    assert rows.iloc[-1].year == 1979 and rows.iloc[-1].flow1 == 0 and rows.iloc[-1].flow2 == 0
    positive = rows[(rows.flow1 + rows.flow2) > 0]
    text = sections.economy(content.context("EGY", "ISR", start=1948, end=1979, con=con))["summary"]
    assert text.startswith("In 1979 (COW Trade), neither Egypt nor Israel imported as much as US$0.5 million")
    assert f"The last year of 1948–1979 with a figure above that is {int(positive.year.max())}" in text


def test_one_direction_of_zeros_names_the_year_it_was_not_zero(con):
    """Israel–Syria: COW has Israel's imports from Syria only, 0 in every year but one (read here), and no
    figure for Syria's imports from Israel. The sentence read 'in 2014, Israel imported under US$1 million'."""
    from entente.brief import sections

    rows = con.execute(f"SELECT year, flow1 AS syria_from_israel, flow2 AS israel_from_syria FROM {catalog.COW_TRADE} "
                       "WHERE ccode1 = 652 AND ccode2 = 666").df()
    assert rows.syria_from_israel.isna().all()
    seen = rows.dropna(subset=["israel_from_syria"])
    above = seen[seen.israel_from_syria > 0]
    assert len(above) == 1
    text = sections.economy(content.context("ISR", "SYR", con=con))["no_evidence"]
    assert f"every one 0 (under half a million US dollars: the figures are whole millions) except {int(above.year.iloc[0])}" in text
    assert "in 2014" not in text


def test_the_coverage_box_and_the_trade_sentence_name_the_same_newer_data(con):
    """The trade sentence says `entente data update imf_trade` fetches years after IMF DOTS; the coverage box
    said of IMF DOTS 'none to fetch'. With no IMTS rows in the warehouse (checked here), both name the command."""
    from entente.brief import sections

    assert con.execute(f"SELECT count(*) FROM {catalog.IMTS_TRADE}").df().iloc[0, 0] == 0     # no IMTS rows fetched
    section = sections.economy(content.context("GRC", "TUR", start=2000, end=2025, con=con))
    assert "`entente data update imf_trade`" in section["summary"]
    imf = next(r for r in section["coverage"] if r["label"] == "IMF DOTS")
    assert imf["newer"]["command"] == "entente data update imf_trade" and imf["newer"]["kind"] == "online"


def test_an_alliance_counts_a_state_once_across_its_codes(con):
    """ATOP lists both West Germany (260) and Germany (255) among NATO's members (read here): 30 codes, 29
    states by 2018. The description may not call NATO 'a pact of 30 states' in data that end in 2018."""
    from entente.pair.named import pair_alliances

    codes = set(con.execute("SELECT DISTINCT ccode FROM atop_members WHERE atopid = 3180").df()["ccode"])
    assert {255, 260} <= codes
    states = len(codes - {260})
    nato = pair_alliances("GRC", "TUR", con=con).set_index("atopid").loc[3180]
    assert nato["members"] == states == len(codes) - 1
    assert f"of {states} states" in nato["description"]


def test_newer_data_is_offered_only_where_it_would_reach_the_window(con):
    """France–Germany 1816–1945: the veto list (from 1946, read here) and IMF DOTS reach past 1945, so fetching
    newer vetoes or IMF IMTS adds nothing to the brief; the coverage box said both could be fetched."""
    ctx = content.context("FRN", "GMY", start=1816, end=1945, con=con)
    first_veto = int(con.execute(f"SELECT min(year) FROM {catalog.UNSC_VETOES}").df().iloc[0, 0])
    assert first_veto > 1945
    from entente.brief import council, sections   # noqa: F401  (the sections record their coverage on ctx)

    sections.economy(ctx)
    ctx.coverage(catalog.UNSC_VETOES, "vetoes", dataset_label="UN Security Council vetoes")
    rows = {r["label"]: r for r in content.coverage_box(ctx)}
    for label in ("IMF DOTS", "UN Security Council vetoes"):
        assert rows[label]["newer"]["kind"] != "online", label
        assert "none needed" in rows[label]["newer"]["text"] or "none to fetch" in rows[label]["newer"]["text"]


def test_a_first_year_after_the_data_is_refused_with_the_datas_last_year(con):
    """--from 2026 with no --to: the window ran 2026–2025 and the brief said Greece 'was not in the state
    system in 2026–2025'. The last year any relations dataset speaks for is read here from the warehouse."""
    from entente.errors import BadInput

    last = content.last_data_year(con)
    years = [int(con.execute(f"SELECT max(year) FROM {t}").df().iloc[0, 0]) for t in
             (catalog.UNGA_ALIGNMENT, catalog.UCDP_CONFLICTS, catalog.ATOP, catalog.COW_TRADE, catalog.COW_MIDS)]
    assert last == max(years)
    with pytest.raises(BadInput, match=f"--from {last + 1} is after {last}, the last year the data speak for"):
        content.context("GRC", "TUR", start=last + 1, con=con)


def test_a_future_window_says_where_the_data_end(con):
    """--from 2030: the error said 1816–<this year> were 'the years entente has evidence for', but the data
    end earlier (their last year read here); it now names that year."""
    import datetime as dt

    from entente.errors import BadInput

    future = dt.date.today().year + 4
    with pytest.raises(BadInput, match=f"--from {future} is in the future; the data speak for 1816–"
                                       f"{content.last_data_year(con)}"):
        content.context("GRC", "TUR", start=future, end=future + 10, con=con)


@pytest.mark.parametrize("a, b, start, end, code, side", [("FRN", "GMY", 1950, 2000, 260, "b"),
                                                          ("YEM", "SAU", 1980, 2000, 678, "a")])
def test_a_lineage_name_runs_to_the_year_its_state_ended(con, a, b, start, end, code, side):
    """West Germany ends on 2 October 1990 and North Yemen on 21 May 1990 (cow_states, read here); in that year
    the united state's code takes over, but the earlier name was still borne: 'until 1990', not 'until 1989'."""
    from entente import countries

    ended = int(con.execute(f"SELECT max(endyear) FROM {catalog.COW_STATES} WHERE ccode = ?", [code]).df().iloc[0, 0])
    ctx = content.context(a, b, start=start, end=end, con=con)
    names = dict(zip("ab", ctx.names_over(start, end)))
    assert f"({countries.name(code, ended)} until {ended})" in names[side]


def test_the_header_note_says_until_for_a_name_the_window_opens_with(con):
    """The Ottoman Empire did not begin in 1827: a note for a window opening in 1827 says it was Turkey's name
    'until' the year COW's name changes (found here by scanning countries.name year by year)."""
    from entente import countries, period

    ctx = content.context("GRC", "TUR", con=con)
    first = ctx.window.first
    old = countries.name(640, first, article=True)
    changed = next(y for y in range(first, ctx.window.last + 1) if countries.name(640, y, article=True) != old)
    assert period.name_changes(ctx.b, ctx.window) == f"Turkey was {old} until {changed - 1}."


def test_the_trade_note_gives_each_reason_with_its_count_in_one_list(con):
    """Japan–China: where COW and the IMF both have a flow (1960–2014), count the flows more than 10% apart
    and those 1–10% apart (importer's report, else exporter's; COW's whole-million rounding allowed) with
    pandas here; the note read '…; otherwise they differ by 1–10%, … (11 flow-years); they differ by more
    than 10% (16 flow-years)'."""
    import numpy as np

    from entente.brief import sections

    cow = con.execute(f"SELECT year, flow1, flow2 FROM {catalog.COW_TRADE} WHERE ccode1 = 710 AND ccode2 = 740 "
                      "AND year >= 1960").df().set_index("year")
    imf = con.execute(f"SELECT * FROM {catalog.IMF_TRADE} WHERE ccode1 = 710 AND ccode2 = 740").df().set_index("year")
    pairs = [(cow["flow1"], imf["imf_imports_1from2"].fillna(imf["imf_exports_2to1"])),
             (cow["flow2"], imf["imf_imports_2from1"].fillna(imf["imf_exports_1to2"]))]
    gaps = []
    for c, i in pairs:
        both = c.to_frame("cow").join(i.rename("imf"), how="inner").dropna()
        gaps += [abs(x - y) / abs(y) if abs(x - y) > 0.5 else 0.0 for x, y in zip(both.cow, both.imf)]
    gaps = np.array(gaps)
    apart, revised = int((gaps > 0.10).sum()), int(((gaps > 0.01) & (gaps <= 0.10)).sum())
    note = sections.economy(content.context("JPN", "CHN", con=con))["note"]
    assert (f": otherwise in {revised} flow-years the two differ by 1–10%, the IMF having revised its figures since "
            f"COW drew them; in {apart} they differ by more than 10%.") in note
