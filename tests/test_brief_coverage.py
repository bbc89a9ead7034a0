"""What a brief says about its data's coverage, read for real pairs and checked against the warehouse with
SQL written here: each dataset's coverage said once, the same way in its section and in the coverage table,
and a year without a figure never worded as a year without trade."""

from __future__ import annotations

import datetime as dt

import pytest

from entente import catalog
from entente.brief import content, sections


def _sql(con, sql, params=()):
    return con.execute(sql, list(params)).df().iloc[0].tolist()


@pytest.fixture(scope="module")
def usa_china(con):
    """The Security Council and trade sections of the USA–China brief (1860–2025), and its coverage table."""
    ctx = content.context("USA", "CHN", con=con)
    done = content.compute(ctx, ["economy", "security_council"])
    return ctx, done, {row["table"]: row for row in content.coverage_box(ctx)}


def test_the_veto_list_ends_on_its_last_veto_in_the_section_and_the_table(con, usa_china):
    ctx, done, box = usa_china
    first, last = _sql(con, "SELECT min(date), max(date) FROM unsc_vetoes")
    assert (last.year, last.month, last.day) == (2022, 7, 8)            # the list's title says "Sept 2022"
    day_after = last + dt.timedelta(days=1)
    summary = done["security_council"]["section"]["summary"]
    said = (f"The veto list ends with the veto of {last:%-d %B %Y}; later vetoes ({day_after:%-d %B %Y} – "
            f"{ctx.window.last}) are not in these data.")
    assert said in summary and summary.count("The veto list") == 1
    assert summary.startswith(f"From {first:%B %Y} to {last:%-d %B %Y}, ")
    row = box["unsc_vetoes"]
    assert row["covers_text"] == f"{first:%-d %B %Y} – {last:%-d %B %Y} (the day of the last veto in the list)"
    assert row["within_text"] == (f"nothing for {ctx.window.first}–{first.year - 1}, {day_after:%-d %B %Y} – "
                                  f"{ctx.window.last}")
    assert "1946 – Sept 2022" not in row["heading"]      # the release's name is not given as its coverage


def test_ties_is_cases_begun_then_followed_said_once_alike(con, usa_china):
    ctx, done, box = usa_china
    begun_first, begun_last, followed = _sql(
        con, "SELECT min(startyear), max(startyear), max(coalesce(endyear, ongoingasofyear, startyear)) FROM ties_cases")
    assert (begun_first, begun_last, followed) == (1945, 2005, 2013)
    words = f"sanctions cases begun in {begun_first}–{begun_last} and followed to {followed} at the latest"
    summary = done["security_council"]["section"]["summary"]
    assert summary.count("TIES lists sanctions cases begun") == 1 and "TIES covers" not in summary
    assert (f"TIES lists {words}; cases begun later ({begun_last + 1}–{ctx.window.last}) are not in these data."
            in summary)
    row = box["ties_cases"]
    assert row["covers_text"] == words
    ties_row = next(r for r in done["security_council"]["section"]["coverage"] if r["dataset"] == "ties")
    assert (ties_row["note"], ties_row["followed_to"]) == (words, followed)       # the section's JSON says it alike
    assert row["within_text"] == (f"no cases begun in {ctx.window.first}–{begun_first - 1} or "
                                  f"{begun_last + 1}–{ctx.window.last}")


def test_trade_years_without_figures_are_missing_not_no_trade(con):
    """West Germany–East Germany, 1949–1990: COW Trade's rows for the pair (read here) stop in 1959, the last
    two at 0; 1960–1990 have no row at all (peacesciencer dropped dyad-years whose flows were all COW's -9).
    The section read as if trade had stopped; it must say those years have no figure."""
    years = _sql(con, f"SELECT list(year ORDER BY year), max(year) FILTER (WHERE flow1 + flow2 > 0) "
                      f"FROM {catalog.COW_TRADE} WHERE ccode1 = 260 AND ccode2 = 265")
    rows, last_positive = list(years[0]), int(years[1])
    assert rows == list(range(1955, 1960)) and last_positive == 1957
    ctx = content.context("GFR", "GDR", con=con)
    assert (ctx.window.first, ctx.window.last) == (1949, 1990)
    out = sections.economy(ctx)
    text = out["summary"]
    assert text.startswith(f"In {rows[-1]} (COW Trade), neither West Germany nor East Germany imported as much as")
    assert f"The last earlier year with a figure above that is {last_positive}:" in text
    assert (f"COW Trade holds no figure for trade between West Germany and East Germany after {rows[-1]} "
            f"({rows[-1] + 1}–{ctx.window.last}): those years are missing, not years without trade.") in text
    assert "The last year of 1949–1990" not in text
    # a window within COW Trade's years reads no IMF figure, so the IMF is not among the data covered
    cow_last = _sql(con, "SELECT last_year FROM _provenance WHERE table_name = ?", [str(catalog.COW_TRADE)])[0]
    assert ctx.window.last <= cow_last
    assert [r["table"] for r in out["coverage"]] == [str(catalog.COW_TRADE)]


def test_trade_with_figures_to_the_end_says_nothing_is_missing(con):
    """India–Pakistan: the pair has COW figures for every year to 2014 and IMF figures to 2020 (read here)."""
    last = _sql(con, f"SELECT max(year) FROM {catalog.COW_TRADE} WHERE ccode1 = 750 AND ccode2 = 770")[0]
    assert last == 2014
    text = sections.economy(content.context("IND", "PAK", con=con))["summary"]
    assert "missing, not years without trade" not in text


def test_the_coverage_table_lists_only_data_the_brief_read(con):
    """Germany–France to 1945: GML's disputes (to 2010) and COW Trade (to 2014) cover the whole window, read
    here from _provenance, so COW MID 5.0 (read after GML's last year) and IMF DOTS (after COW's) are not
    used; the table listed both, the IMF with 'nothing for 1816–1945'."""
    ctx = content.context("GMY", "FRN", end=1945, con=con)
    gml_last, cow_trade_last = (
        _sql(con, "SELECT last_year FROM _provenance WHERE table_name = ?", [str(t)])[0]
        for t in (catalog.GML_MIDS, catalog.COW_TRADE))
    assert ctx.window.last == 1945 < min(gml_last, cow_trade_last)
    content.compute(ctx, ["history", "economy"])
    tables = [row["table"] for row in content.coverage_box(ctx)]
    assert str(catalog.GML_MIDS) in tables and str(catalog.COW_TRADE) in tables
    assert str(catalog.COW_MIDS) not in tables and str(catalog.IMF_TRADE) not in tables


def test_a_fetched_veto_list_is_covered_to_the_day_it_was_fetched():
    """After `entente data update unsc_vetoes` the list speaks to the day it was fetched (catalog.event_dates);
    the table's cells say so, with the last veto, and the window's days after that day."""
    row = {"covers": [1946, 2025], "outside": [[1900, 1945]], "first_date": "1946-02-16",
           "last_event": "2022-07-08", "searched_to": "2025-11-30", "event": "veto"}
    covers, within = content._covers_words(row, 2025)
    assert covers == "16 February 1946 – 30 November 2025 (the day the list was fetched; its last veto: 8 July 2022)"
    assert within == "nothing for 1900–1945, December 2025"
    assert content._covers_words({**row, "searched_to": "2025-12-31"}, 2025)[1] == "nothing for 1900–1945"


def test_no_trade_above_half_a_million_is_said_only_of_years_with_figures(con):
    """Armenia–Azerbaijan, 1991–2020: COW Trade has rows for 1992–2014 and the IMF one flow for 2015 (read
    here); 1991 and 2016–2020 have no figure. 'No trade of US$0.5 million or more in 1991–2020' claimed those
    years too."""
    cow = _sql(con, f"SELECT list(year ORDER BY year) FROM {catalog.COW_TRADE} WHERE ccode1 = 371 AND ccode2 = 373")[0]
    imf = _sql(con, f"SELECT list(year ORDER BY year) FROM {catalog.IMF_TRADE} WHERE ccode1 = 371 AND ccode2 = 373 "
                    "AND year > 2014")[0]
    assert list(cow) == list(range(1992, 2015)) and list(imf) == [2015]
    ctx = content.context("ARM", "AZE", con=con)
    assert (ctx.window.first, ctx.window.last) == (1991, 2025)
    text = sections.economy(ctx)["no_evidence"]
    assert ("record no trade of US$0.5 million or more a year between Armenia and Azerbaijan in 1992–2015, the 24 "
            "years of 1991–2020 with figures") in text
    assert "the other years of 1991–2020 have no figure, which is not the same as zero" in text


def test_west_germany_figures_stop_in_1959_with_every_partner_but_two(con):
    """The general case behind West Germany–East Germany (documented in sources/cow_trade.py): after 1959 COW
    Trade has West Germany's figures only with Belgium and Luxembourg (read here), so its trade with the United
    States in 1960–1990 is missing too, and the brief says so rather than stopping the series silently."""
    late = _sql(con, f"SELECT list(DISTINCT CASE WHEN ccode1 = 260 THEN ccode2 ELSE ccode1 END) FROM {catalog.COW_TRADE} "
                     "WHERE (ccode1 = 260 OR ccode2 = 260) AND year >= 1960")[0]
    assert sorted(late) == [211, 212]
    last_usa = _sql(con, f"SELECT max(year) FROM {catalog.COW_TRADE} WHERE ccode1 = 2 AND ccode2 = 260")[0]
    assert last_usa == 1959
    text = sections.economy(content.context("GFR", "USA", con=con))["summary"]
    assert ("COW Trade holds no figure for trade between West Germany and the United States after 1959 (1960–1990): "
            "those years are missing, not years without trade.") in text


def test_a_window_within_ties_years_is_told_only_which_cases_it_holds(con):
    """West Germany–East Germany, 1949–1990: every year of the window lies within the years TIES's cases began
    (read here), so the section says which cases the list holds and names no later year."""
    from entente import countries
    from entente.brief import council

    first, last = _sql(con, "SELECT min(startyear), max(startyear) FROM ties_cases")
    got = council.security_council(countries.resolve("GFR"), countries.resolve("GDR"), con, (1949, 1990))
    assert 1990 < last
    assert got["summary"].endswith(f"TIES lists sanctions cases begun in {first}–{last}.")
