"""The brief's third-parties and limits sections on the real warehouse (issue #11): shared adversaries need
hard evidence with each side, everything stays in the window, states carry the names of the period, and
the sentences agree with the tables they show. Expected facts are computed here, independently, in SQL."""

from __future__ import annotations

import re

import pytest

from entente import countries
from entente.brief import third_states as ts
from entente.brief import third_words as tw
from entente.brief import typeset
from entente.period import span

IND, PAK, CHN, USA, RUS, CUB = 750, 770, 710, 2, 365, 40
MICROSTATES = {983, 986, 970, 331, 987, 947, 946, 223, 221, 232, 955, 935, 990}   # Marshall Is. … Samoa
YEAR = re.compile(r"(?<![\d.])(1[89]\d\d|20\d\d)(?![\d.])")


def _sections(con, a, b, window):
    sa, sb = countries.resolve(a), countries.resolve(b)
    table = ts.third_party_table(sa, sb, con, window)
    return table, ts.third_parties(sa, sb, con, table=table, window=window), ts.limits(sa, sb, con, table=table,
                                                                                        window=window)


@pytest.fixture(scope="module")
def ind_pak(con):
    return _sections(con, "IND", "PAK", (2001, 2010))


@pytest.fixture(scope="module")
def ind_pak_recent(con):
    return _sections(con, "IND", "PAK", None)


@pytest.fixture(scope="module")
def usa_ussr(con):
    return _sections(con, "USA", "RUS", (1946, 1991))


def _texts(tp: dict, lim: dict) -> list[str]:
    """Every sentence the two sections write: summaries, method and each named state's evidence."""
    out = [tp["summary"], tp["method"], lim["summary"]]
    for key in ("adversaries", "friends", "un_distant"):
        out += [r["evidence"] for r in tp[key]]
    for key in ("third_states", "unshared"):
        out += [r["evidence"] for r in lim[key]]
    return out


# ------------------------------------------------------------------------- hard evidence, by hand
def _hostile_years(con, x: int, start: int, end: int) -> dict[int, set]:
    """Years of the window with a rivalry (TD or TSS), a MID (GML, then COW MID after GML's last year)
    or an imposed TIES sanction between ``x`` and each other state."""
    years: dict[int, set] = {}
    for table in ("td_rivalries", "tss_rivalries"):
        for c1, c2, s, e in con.execute(f"SELECT ccode1, ccode2, styear, endyear FROM {table} WHERE (ccode1 = ? OR "
                                        "ccode2 = ?) AND styear <= ? AND endyear >= ?", [x, x, end, start]).fetchall():
            years.setdefault(c2 if c1 == x else c1, set()).update(range(max(s, start), min(e, end) + 1))
    gml_last = con.execute("SELECT max(year) FROM gml_mid_dir_dyad_year").fetchone()[0]
    rows = con.execute("SELECT ccode2, year FROM gml_mid_dir_dyad_year WHERE ccode1 = ? AND year BETWEEN ? AND ? "
                       "UNION ALL SELECT ccode2, year FROM cow_mid_dir_dyad_year WHERE ccode1 = ? AND year BETWEEN ? "
                       "AND ? AND year > ?", [x, start, end, x, start, end, gml_last]).fetchall()
    for c, y in rows:
        years.setdefault(c, set()).add(y)
    # sanctions count in the years both states were in the system (countries.is_member, read from the
    # snapshot): TIES follows open cases past a target that ceased to exist, and codes a few before a state entered
    cow = set(countries.states()["ccode"])
    exists = lambda c, y: c in cow and countries.is_member(c, y)  # noqa: E731
    cases = con.execute("SELECT sender1, sender2, sender3, sender4, sender5, primarysender, targetstate, startyear, "
                        "coalesce(endyear, ongoingasofyear) FROM ties_cases WHERE imposition = 1").fetchall()
    for *senders, target, s, e in cases:
        e = s if e is None else e      # no end and not followed: the start year alone
        senders = {int(v) for v in senders if v is not None and v < 1000}
        if target is None or target >= 1000 or s > end or e < start:
            continue
        others = senders if target == x else ({int(target)} if x in senders else set())
        for c in others - {x}:
            years.setdefault(c, set()).update(y for y in range(max(s, start), min(e, end) + 1)
                                              if exists(c, y) and exists(x, y))
    return years


def _allied_years(con, x: int, start: int, end: int) -> dict[int, set]:
    years: dict[int, set] = {}
    rows = con.execute("SELECT ccode2, year FROM atop_dyad_year WHERE ccode1 = ? AND year BETWEEN ? AND ? AND "
                       "(atop_defense = 1 OR atop_offense = 1) UNION ALL SELECT ccode2, year FROM "
                       "cow_alliance_dyad_year WHERE ccode1 = ? AND year BETWEEN ? AND ? AND cow_defense = 1",
                       [x, start, end, x, start, end]).fetchall()
    for c, y in rows:
        years.setdefault(c, set()).add(y)
    return years


def _spell_texts(years) -> list[str]:
    """{1946, …, 1980, 1990} → ["1946–1980", "1990"], written here apart from the code under test."""
    out, run = [], []
    for y in sorted(years):
        if run and y != run[-1] + 1:
            out.append(run)
            run = []
        run.append(y)
    out += [run] if run else []
    return [str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in out]


def _in(spells: list[str]) -> str:
    """A sentence's years: "in 1946–1980", "in 1896–1900 and 1942–1980", "in 5 spells between 1816 and 1955"."""
    if len(spells) > 3:
        return f"in {len(spells)} spells between {spells[0][:4]} and {spells[-1][-4:]}"
    return "in " + (spells[0] if len(spells) == 1 else ", ".join(spells[:-1]) + " and " + spells[-1])


def _opposed(con, x, start, end) -> dict[int, set]:
    """Each state's years of hostility with ``x`` in which no defence or offence pact bound them."""
    hostile, allied = _hostile_years(con, x, start, end), _allied_years(con, x, start, end)
    return {c: ys - allied.get(c, set()) for c, ys in hostile.items() if ys - allied.get(c, set())}


def _disputes(con, state: int, other: int, first: int, last: int) -> bool:
    """A militarized dispute-year of ``state`` against ``other`` in the window (GML, then COW MID after GML's end)."""
    return con.execute(
        "SELECT count(*) FROM (SELECT year FROM gml_mid_dir_dyad_year WHERE ccode1 = ? AND ccode2 = ? AND year BETWEEN ? AND ? "
        "UNION ALL SELECT year FROM cow_mid_dir_dyad_year WHERE ccode1 = ? AND ccode2 = ? AND year BETWEEN ? AND ? "
        "AND year > (SELECT max(year) FROM gml_mid_dir_dyad_year))",
        [state, other, first, last, state, other, first, last]).fetchall()[0][0] > 0


def _at_once(first: set, second: set, tolerance: int = 2) -> bool:
    return any(abs(x - y) <= tolerance for x in first for y in second)


@pytest.mark.parametrize("fixture, pair, window", [("ind_pak", (IND, PAK), (2001, 2010)),
                                                   ("usa_ussr", (USA, RUS), (1946, 1991))])
def test_shared_adversaries_are_exactly_those_with_hard_evidence_against_each(request, con, fixture, pair, window):
    """Opposed by both sides within two years of each other, and against each side either a rivalry or a
    militarized dispute with a stance below zero — sanctions alone make no adversary (the table's stance is
    checked against its formula in test_third_parties)."""
    table, tp, _ = request.getfixturevalue(fixture)
    oa, ob = _opposed(con, pair[0], *window), _opposed(con, pair[1], *window)
    rows = table.set_index("ccode")
    against = {c for c in rows.index
               if all(isinstance(rows.at[c, f"rivalry{s}"], str)
                      or (_disputes(con, pair[0 if s == "_a" else 1], c, *window) and rows.at[c, f"stance{s}"] < 0)
                      for s in ("_a", "_b"))}
    expect = {c for c in set(oa) & set(ob) if _at_once(oa[c], ob[c])} & against - set(pair)
    assert set(table.loc[table["class"] == "shared adversary", "ccode"]) == expect
    # a state adversary of each side only in years far apart is not a shared adversary
    apart = {c for c in set(oa) & set(ob) if not _at_once(oa[c], ob[c])}
    assert not apart & set(table.loc[table["class"] == "shared adversary", "ccode"])
    assert [r["ccode"] for r in tp["adversaries"]] == list(table.loc[table["class"] == "shared adversary",
                                                                     "ccode"].head(10))


def test_ind_pak_no_microstate_is_a_shared_adversary(ind_pak, ind_pak_recent):
    for table, tp, _ in (ind_pak, ind_pak_recent):
        named = {r["ccode"] for r in tp["adversaries"]}
        assert not named & MICROSTATES
        assert not set(table.loc[table["class"] == "shared adversary", "ccode"]) & MICROSTATES
        for state in ("Marshall Islands", "Palau", "Nauru", "San Marino"):
            assert state not in tp["summary"]
    # 2016–2025: no third state has hard evidence with both; the sentence says so, and why the data stop.
    _, tp, _ = ind_pak_recent
    assert tp["adversaries"] == [] and "no third state was an adversary of both India and Pakistan" in tp["summary"]
    assert "rivalries to 2020" in tp["summary"]
    # The microstates are still there, labelled for what they are: UN-vote distance.
    assert {983, 986} <= {r["ccode"] for r in tp["un_distant"]}


def test_each_shared_adversary_states_its_kinds_of_evidence(usa_ussr, con):
    # (India and Pakistan in 2001–2010 have none since sanctions alone make no adversary: the United States
    # sanctioned India after 1998 and had disputes with Pakistan)
    _, tp, _ = usa_ussr
    assert tp["adversaries"]
    for side, who in ((USA, "the United States"), (RUS, "the Soviet Union")):
        hostile = _hostile_years(con, side, 1946, 1991)
        for r in tp["adversaries"]:
            assert r["ccode"] in hostile
            assert re.search(rf"(sanctions (on|from|both ways with)|militarized disputes? with|rival of) .*{who}|"
                             rf"rival of both", r["evidence"]), r["evidence"]


def test_china_is_indias_adversary_by_rivalry_checked_against_thompson_dreyer(ind_pak, con):
    spells = con.execute("SELECT styear, endyear FROM td_rivalries WHERE ((ccode1 = ? AND ccode2 = ?) OR "
                         "(ccode1 = ? AND ccode2 = ?)) AND styear <= 2010 AND endyear >= 2001",
                         [IND, CHN, CHN, IND]).fetchall()
    assert len(spells) == 1
    first, last = max(spells[0][0], 2001), min(spells[0][1], 2010)
    _, _, lim = ind_pak
    china = [r for r in lim["unshared"] if r["ccode"] == CHN and r["kind"] == "hostility"]
    assert len(china) == 1 and china[0]["side"] == "IND"
    assert f"rival of India (Thompson–Dreyer and Thompson–Sakuwa–Suhas, {first}–{last})" in china[0]["evidence"]
    assert f"of India, China (rival, Thompson–Dreyer and Thompson–Sakuwa–Suhas, {first}–{last}" in lim["summary"]


def test_usa_ussr_cold_war_window_stays_in_the_window_and_in_its_names(usa_ussr, con):
    table, tp, lim = usa_ussr
    assert table.attrs["window"] == (1946, 1991) and tp["window"] == [1946, 1991] == lim["window"]
    assert tp["blocs"]["year"] <= 1991 and tp["network"]["year"] <= 1991 and lim["triads"]["year"] <= 1991
    assert "Soviet Union" in tp["summary"] and "Soviet Union" in lim["summary"]
    assert "In 1991 they sat" in tp["summary"] or "In 1991 both sat" in tp["summary"]
    for text in _texts(tp, lim):
        assert "Russia" not in text, text
        late = [int(y) for y in YEAR.findall(text) if int(y) > 1991]
        assert not late, text
    nodes = {n["ccode"]: n["name"] for n in tp["network"]["nodes"]}
    assert nodes[RUS] == "Soviet Union"
    assert "China" in [r["name"] for r in tp["adversaries"]]          # rival of both, allied with one for a time
    china = next(r for r in tp["adversaries"] if r["name"] == "China")
    # the Sino-Soviet pact (ATOP, by hand) ended before the years China was against both: history, no "though"
    allied = _spell_texts(_allied_years(con, RUS, 1946, 1991)[CHN])
    assert "rival of both" in china["evidence"] and "though" not in china["evidence"]
    assert f"allied with the Soviet Union ({', '.join(allied)})" in china["evidence"]
    assert f"allied with the Soviet Union {_in(allied)})" in tp["summary"]


def test_default_window_is_unchanged(ind_pak_recent, con):
    last = con.execute("SELECT max(year) FROM m_unga_alignment_dyad_year").fetchone()[0]
    table, tp, lim = ind_pak_recent
    assert table.attrs["window"] == (last - 9, last) and tp["window"] == [last - 9, last] == lim["window"]


# ---------------------------------------------------------------------- sentences agree with tables
def _topic_agreement(con, a, b, start, end) -> dict[str, tuple[float, int]]:
    rows = con.execute("""
        SELECT i.issue, avg(1 - abs(x.vote - y.vote) / 2) AS agree, count(*) AS n
        FROM unga_votes x JOIN unga_votes y ON x.rcid = y.rcid AND y.ccode = ?
        JOIN unga_rollcalls r ON r.rcid = x.rcid JOIN unga_rollcall_issues i ON i.rcid = x.rcid
        WHERE x.ccode = ? AND r.year BETWEEN ? AND ? GROUP BY i.issue""", [b, a, start, end]).fetchall()
    return {issue: (agree, n) for issue, agree, n in rows}


@pytest.mark.parametrize("fixture, pair", [("ind_pak_recent", (IND, PAK)), ("usa_ussr", (USA, RUS)),
                                           ("ind_pak", (IND, PAK))])
def test_split_most_is_the_least_agreement_among_topics_with_enough_votes(request, con, fixture, pair):
    from entente.measures.third_parties import MIN_VOTES
    from entente.measures.topics import TOPICS

    _, _, lim = request.getfixturevalue(fixture)
    per = {k: v for k, v in _topic_agreement(con, *pair, *lim["window"]).items() if v[1] >= MIN_VOTES}
    issue = min(per, key=lambda k: per[k][0])
    agree, n = per[issue]
    row = lim["topics"][0]
    assert row["issue"] == issue                # the table shows the least agreement first
    if agree >= max(row["mean_a"], row["mean_b"]):    # no topic parts them: the sentence must not say "split"
        assert (f"their agreement is lowest on {tw.topic_words(TOPICS[issue])}, and still above each side's "
                f"average: {100 * agree:.0f}% on {n} roll calls") in lim["summary"]
        assert "split most" not in lim["summary"]
    else:
        assert f"split most on {tw.topic_words(TOPICS[issue])}: {100 * agree:.0f}% agreement on {n} roll calls" \
            in lim["summary"]


def test_triad_example_agrees_with_its_row(con):
    """The Serbia case: in 2016 Russia's tie with Serbia is positive because an ATOP pact (+0.67) outweighs
    UN votes below baseline (−0.18); the old sentence read the sign, the table the κ part, and disagreed."""
    from entente import network

    serbia = network.triads(CUB, RUS, 2016, con=con).set_index("ccode").loc[345]
    assert serbia.sign_b > 0 and "alignment -0.18" in serbia.evidence_b
    words = ts.tie_words(int(serbia.sign_b), serbia.evidence_b)
    assert words.startswith("positive on balance") and "+0.67 outweighs UN votes below" in words and "−0.18" in words
    for window in ((2007, 2016), (1986, 1995)):           # a friendly pair, then a hostile one
        _, _, lim = _sections(con, "CUB", "RUS", window)
        triads = lim["triads"]
        first = triads["unbalanced"][0]
        sentence = lim["summary"][lim["summary"].index("In the signed network"):]
        example = sentence[sentence.index(f"e.g. {typeset.the(first['name'])}:"):]
        a_part, b_part = example.split("'s tie with it is ", 1)[1].split(", ", 1)
        for sign, text in ((first["sign_a"], a_part), (first["sign_b"], b_part.split("'s ", 1)[1])):
            assert text.startswith("positive" if sign > 0 else "negative"), example
        for part in (first["evidence_a"] + ", " + first["evidence_b"]).split(", "):
            value = part.rsplit(" ", 1)[1]
            assert typeset.signed(float(value)) in example, (part, example)
        if triads["pair_sign"] < 0:
            assert "is itself negative" in sentence and first["sign_a"] == first["sign_b"]
        else:
            assert first["sign_a"] != first["sign_b"]


def test_divergence_is_said_in_words(usa_ussr, ind_pak_recent):
    for _, _, lim in (usa_ussr, ind_pak_recent):
        # a long window is read by era (tests/test_third_party_eras.py): its sentence names the strongest era's state
        top = max(lim["by_era"], key=lambda r: r["strength"]) if "by_era" in lim else lim["third_states"][0]
        sentence = lim["summary"].split(". ")[0]
        assert "divergence" not in sentence and typeset.the(top["name"]) in sentence
        assert f"{top['divergence']:.2f}" not in sentence
    _, _, lim = usa_ussr
    assert "by_era" not in ind_pak_recent[2]          # ten years: one window
    assert lim["summary"].startswith("Read decade by decade (one stance over all of 1946–1991 would pool eras that do "
                                     "not belong together), the third state the United States and the Soviet Union "
                                     "treated most differently was Cuba, in 1970–1979: the Soviet Union voted with it "
                                     "more than with most states")


# ------------------------------------------------------------------------------------------ grammar
def test_words_helpers():
    assert tw.topic_words("Palestinian conflict") == "the Palestinian conflict"
    assert tw.topic_words("Nuclear weapons and nuclear material") == "nuclear weapons and nuclear material"
    assert tw.name(RUS, 1985) == "Soviet Union" and tw.name(RUS, 2000) == "Russia"


@pytest.mark.parametrize("fixture", ["ind_pak", "ind_pak_recent", "usa_ussr"])
def test_sentences_read_well(request, fixture):
    _, tp, lim = request.getfixturevalue(fixture)
    for text in _texts(tp, lim):
        assert not re.search(r"\b(\d{4})–\1\b", text), text                     # no 1945–1945
        assert "-0.00" not in text and "−0.00" not in text and "+0.00" not in text, text
        assert not re.search(r"(?<![\d.,])1 (states|triangles|roll calls|militarized disputes|others)\b", text), text
        assert "  " not in text and ".." not in text, text


def test_a_window_before_un_votes_has_no_blocs_network_or_topics(con):
    _, tp, lim = _sections(con, "USA", "GBR", (1920, 1940))
    assert "network" not in tp and "blocs" not in tp and lim["topics"] == [] and "split most" not in lim["summary"]
    assert "the Soviet Union (Russia until 1921; against both in " in tp["summary"]     # named over its evidence
    for text in _texts(tp, lim):
        assert all(1920 <= int(y) <= 1940 for y in YEAR.findall(text)), text


def test_rivalry_spells_are_named_per_dataset_and_cut_to_the_window(con):
    # Russia, not Cuba: Britain's only evidence against Cuba in 2005–2014 is EU sanctions, and sanctions alone
    # make no adversary
    _, tp, _ = _sections(con, "USA", "GBR", (2005, 2014))
    assert CUB not in {r["ccode"] for r in tp["adversaries"]}
    russia = next(r for r in tp["adversaries"] if r["ccode"] == RUS)
    spans = []
    for table, label in (("td_rivalries", "Thompson–Dreyer"), ("tss_rivalries", "Thompson–Sakuwa–Suhas")):
        (s, e), = con.execute(f"SELECT styear, endyear FROM {table} WHERE ccode1 = 2 AND ccode2 = 365 "
                              "AND styear <= 2014 AND endyear >= 2005").fetchall()
        spans.append(f"{label}, {span(max(s, 2005), min(e, 2014))}")
    assert f"rival of the United States ({'; '.join(spans)})" in russia["evidence"]
    first = min(int(sp.split(", ")[1][:4]) for sp in spans)
    assert re.search(rf"Russia \(against both in [^;]*; rival of the United States in {first}–2014; disputes with "
                     r"both in ", tp["summary"]), tp["summary"]


def test_one_shared_adversary_reads_in_the_singular(con):
    _, tp, _ = _sections(con, "CUB", "RUS", (2016, 2025))
    assert [r["ccode"] for r in tp["adversaries"]] == [USA]
    # the years both rivalries overlap in the window, by hand
    last, = con.execute("SELECT min(e) FROM (SELECT max(endyear) AS e FROM tss_rivalries WHERE ccode1 = 2 AND "
                        "ccode2 IN (40, 365) GROUP BY ccode2)").fetchall()[0]
    assert "1 third state was an adversary of both Cuba and Russia on hard evidence: the United States " \
           f"(against both in 2016–{min(last, 2025)}; rival of both in 2016–{min(last, 2025)})." in tp["summary"]


def test_blocs_use_the_latest_year_both_voted(con):
    """The German Democratic Republic's last UN votes end before the window does: the bloc sentence
    falls back to the last year both voted, not to no sentence."""
    last = con.execute("SELECT max(r.year) FROM unga_votes v JOIN unga_rollcalls r USING (rcid) "
                       "WHERE v.ccode = 265").fetchone()[0]
    assert last < 1995
    blocs = ts.pair_blocs(countries.resolve(265), countries.resolve(RUS), con, (1985, 1995))
    assert blocs["year"] <= last and blocs["summary"].startswith(f"In {blocs['year']} ")


def test_long_lists_of_years_are_cut_in_sentences_not_in_tables(con):
    """Russia's disputes with China run over many spells: the limits sentence gives first and last year and
    the number of spells, counted here from the table's own list; the table row keeps every spell."""
    _, tp, lim = _sections(con, "IRN", "RUS", (1816, 2025))
    china = next(r for r in lim["unshared"] if r["ccode"] == CHN and r["kind"] == "hostility")
    years = re.search(r"militarized disputes with Russia \(([^)]+)\)", china["evidence"])
    assert years, china
    spells = [p.strip() for p in years.group(1).split(",")]
    assert len(spells) > 3
    short = f"{spells[0].split('–')[0]}–{spells[-1].split('–')[-1]}, in {len(spells)} spells"
    assert short in lim["summary"] and years.group(1).strip() not in lim["summary"]


def test_adversaries_of_one_side_strongest_first(con):
    """Israel and Egypt, 1948–2025: Syria, Israel's rival with dozens of disputes, leads Israel's adversaries
    that Egypt does not share (Egypt's one sanctions case with Syria fell in years the two were allied), and
    the list runs by strength: 3 for a rivalry, 1 a dispute up to 5, 1 for sanctions."""
    syria = 652
    table, _, lim = _sections(con, "ISR", "EGY", (1948, 2025))
    row = table.set_index("ccode").loc[syria]
    assert row.opposed_a and row.hostile_b and not row.opposed_b
    israel = [r for r in lim["unshared"] if r["kind"] == "hostility" and r["side"] == "ISR"]
    assert israel[0]["ccode"] == syria
    by_code = table.set_index("ccode")
    strength = [3 * isinstance(by_code.at[r["ccode"], "rivalry_a"], str) + min(int(by_code.at[r["ccode"], "disputes_a"]), 5)
                + int(by_code.at[r["ccode"], "sanctions_a"] > 0) for r in israel]
    assert strength == sorted(strength, reverse=True) and strength[0] == 3 + 5 + 1
    unshared = lim["summary"][lim["summary"].index("Adversaries of one side only"):]
    assert unshared.index("of Israel, Syria (rival") < unshared.index("Lebanon")


def test_the_coverage_note_says_ties_lists_cases_begun_to_its_last_start(con):
    """Past TIES's last case start, the note says cases begun to that year (followed to the last year any case
    was followed), not "sanctions to" the follow-up year; both years read here with SQL."""
    begun, followed = con.execute("SELECT max(startyear), max(coalesce(endyear, ongoingasofyear)) "
                                  "FROM ties_cases").fetchall()[0]
    assert begun < followed
    _, tp, _ = _sections(con, "USA", "CHN", (1990, 2020))
    assert f"sanctions cases begun to {begun} (followed to {followed})" in tp["summary"]
    _, tp, _ = _sections(con, "USA", "CHN", (1990, begun))          # a window the cases' starts cover
    assert "sanctions cases begun" not in tp["summary"] and "sanctions to" not in tp["summary"]
