"""Hostile input at the command line (issue #15 items 7-10): each reproduction from the issue, run on
the real warehouse, and the shared checks behind them (entente.cli: parameter types, resolve_states,
parse_weights, main()'s one-line errors, config.home)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time

import pandas as pd
import pytest

from entente import config
from entente.cli import main
from entente.cli._input import parse_weights
from entente.cli._output import _whole_numbers
from entente.errors import AmbiguousCountry, BadInput, OutputError


def _run(args, capsys):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def _one_line_error(err: str) -> bool:
    lines = [line for line in err.splitlines() if line.strip()]
    return "Traceback" not in err and any(line.startswith("Error: ") for line in lines) and \
        sum(line.startswith("Error: ") for line in lines) == 1


# ---------------------------------------------------------------------------------- counts (--top)
@pytest.mark.parametrize("args", [["third-parties", "IRN", "RUS", "--top", "-3"],
                                  ["partners", "IRN", "--year", "2023", "--top", "-5"],
                                  ["draw", "pair", "IRN", "RUS", "--year", "2019", "-n", "-1", "--out", "x.svg"],
                                  ["axis", "IRN", "RUS", "--draws", "0"]])
def test_negative_counts_are_refused(args, capsys):
    code, out, err = _run(args, capsys)
    assert code == 2 and out == "" and "is not in the range" in err


def test_partners_top_gives_each_partner_once(home, capsys):
    code, out, _ = _run(["partners", "IRN", "--year", "2023", "--top", "5", "--format", "csv"], capsys)
    frame = pd.read_csv(io.StringIO(out))
    assert code == 0 and len(frame) == 10 and frame["ccode"].is_unique
    code, out, _ = _run(["third-parties", "IRN", "RUS", "--top", "3", "--format", "csv"], capsys)
    assert code == 0 and len(pd.read_csv(io.StringIO(out))) == 3


# ---------------------------------------------------------------------------- the same state twice
@pytest.mark.parametrize("args", [
    ["vetoes", "RUS", "RUS"], ["history", "RUS", "Russia"], ["treaties", "RUS", "Soviet Union"],
    ["trade", "RUS", "365"], ["sanctions", "RUS", "RUS"], ["alignment", "RUS", "the Kremlin"],
    ["third-parties", "RUS", "RUS"], ["triads", "RUS", "RUS", "--year", "2019"], ["trend", "RUS", "RUS"],
    ["brief", "RUS", "Russian Federation"], ["draw", "pair", "RUS", "RUS", "--year", "2019", "--out", "x.svg"],
])
def test_the_same_state_twice_is_refused(args, capsys):
    code, out, err = _run(args, capsys)
    assert code == 1 and out == "" and _one_line_error(err)
    assert "Both states are Russia (RUS, COW 365)" in err and "give two different states" in err


def test_a_group_with_a_state_twice_is_refused(capsys):
    code, _, err = _run(["axis", "RUS", "IRN", "Russia"], capsys)
    assert code == 1 and "Russia (RUS, COW 365) is given twice ('RUS' and 'Russia')" in err


def test_brief_compare_must_be_a_third_state(capsys):
    code, _, err = _run(["brief", "IRN", "RUS", "--compare", "Persia"], capsys)
    assert code == 1 and "one of the pair" in err


def test_dyad_refuses_one_state_twice_and_ambiguous_names():
    import entente

    with pytest.raises(BadInput, match=r"Both states are Russia \(RUS, COW 365\)"):
        entente.dyad("RUS", "Russia")
    with pytest.raises(AmbiguousCountry, match="North Korea"):
        entente.dyad("Korea", "USA")
    assert entente.dyad("Yemen", "USA", year=1995).a.ccode == 679


# ------------------------------------------------------------------------------------ ambiguity
@pytest.mark.parametrize("args, choices", [
    (["country", "Korea"], ["South Korea (KOR, COW 732)", "North Korea (PRK, COW 731)"]),
    (["country", "Congo"], ["(COG, COW 484)", "(COD, COW 490)"]),
    (["country", "Germany", "--year", "1980"], ["COW 260", "COW 265", "Germany in 1980"]),
    (["country", "Yemen", "--year", "1980"], ["COW 678", "COW 680"]),
    (["alignment", "Korea", "USA"], ["COW 732", "COW 731"]),
    (["alignment", "Germany", "ISR", "--from", "1980"], ["COW 260", "COW 265"]),
])
def test_ambiguous_names_list_the_choices(args, choices, capsys):
    code, out, err = _run(args, capsys)
    assert code == 1 and out == "" and _one_line_error(err) and "did you mean" in err
    assert all(c in err for c in choices)


@pytest.mark.parametrize("query, year, ccode", [("Guinea", None, 438), ("Sudan", None, 625), ("Yemen", 1995, 679),
                                                ("Germany", 1995, 255), ("Korea", 1900, 730), ("Yemen", 1960, 678)])
def test_names_of_one_state_are_not_ambiguous(query, year, ccode, capsys):
    code, out, _ = _run(["country", query, "--format", "csv", *(["--year", str(year)] if year else [])], capsys)
    assert code == 0 and pd.read_csv(io.StringIO(out))["ccode"].tolist() == [ccode]


# --------------------------------------------------------------------------------- anachronism
def test_country_notes_a_state_outside_the_system_that_year(capsys):
    code, out, err = _run(["country", "Czechoslovakia", "--year", "2000", "--format", "csv"], capsys)
    assert code == 0 and pd.read_csv(io.StringIO(out))["ccode"].tolist() == [315]
    assert "Note: Czechoslovakia (cow:CZE, COW 315) was not in the state system in 2000" in err
    assert "1945–1992" in err


@pytest.mark.parametrize("args, message", [
    (["alignment", "Czechoslovakia", "USA", "--from", "2000"], "was not in the state system in 2000–"),
    (["partners", "GDR", "--year", "1995"],
     "German Democratic Republic (GDR, COW 265) was not in the state system in 1995"),
    (["triads", "South Vietnam", "USA", "--year", "1990"], "not in the state system in 1990"),
    (["alignment", "IRN", "RUS", "--from", "2010", "--to", "2000"], "--from 2010 is after --to 2000"),
])
def test_commands_needing_the_state_in_the_years_refuse(args, message, capsys):
    code, _, err = _run(args, capsys)
    assert code == 1 and _one_line_error(err) and message in err


def test_a_name_means_the_same_state_in_every_command(home, capsys):
    """`country X --year Y` and `alignment X ... --from Y` agree (DEU in 1980 is the FRG, 260)."""
    for query, year, ccode in [("DEU", 1980, 260), ("Yemen", 1995, 679), ("YEM", 1985, 678), ("Sanaa", 1985, 678)]:
        code, out, _ = _run(["country", query, "--year", str(year), "--format", "csv"], capsys)
        assert code == 0 and pd.read_csv(io.StringIO(out))["ccode"].tolist() == [ccode]
        code, out, _ = _run(["alignment", query, "USA", "--from", str(year), "--format", "csv"], capsys)
        assert code == 0 and set(pd.read_csv(io.StringIO(out))["ccode1"]) == {ccode}, query


# --------------------------------------------------------------------------- files and folders
def test_out_into_a_missing_folder(home, tmp_path, capsys):
    target = tmp_path / "no" / "such" / "p.csv"
    code, out, err = _run(["partners", "IRN", "--year", "2023", "-f", "csv", "--out", str(target)], capsys)
    assert code == 1 and _one_line_error(err) and str(target) in err and "does not exist" in err


def test_out_with_a_name_too_long(home, tmp_path, capsys):
    target = tmp_path / ("x" * 300 + ".csv")
    code, _, err = _run(["partners", "IRN", "--year", "2023", "-f", "csv", "--out", str(target)], capsys)
    assert code == 1 and _one_line_error(err) and "File name too long" in err and "shorten" in err


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux /proc")
@pytest.mark.parametrize("args", [["partners", "IRN", "--year", "2023", "-f", "parquet", "--out", "/proc/x"],
                                  ["brief", "IRN", "RUS", "--out", "/proc/x"]])
def test_out_where_no_file_can_be(home, args, capsys):
    code, _, err = _run(args, capsys)
    assert code == 1 and _one_line_error(err) and "/proc/x" in err and "choose another folder" in err


def test_out_into_a_file_as_folder(home, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = _run(["partners", "IRN", "--year", "2023", "-f", "csv", "--out", str(blocker / "p.csv")], capsys)
    assert code == 1 and _one_line_error(err) and "not a folder" in err


@pytest.mark.parametrize("args", [["partners", "IRN", "--year", "2023", "--out", ""],
                                  ["brief", "IRN", "RUS", "--out", " "],
                                  ["draw", "map", "--year", "2000", "--out", ""]])
def test_empty_out_is_an_error(args, capsys):
    code, out, err = _run(args, capsys)
    assert code == 2 and out == "" and "--out" in err and "is empty" in err


def test_entente_home_must_be_a_writable_folder(tmp_path, monkeypatch):
    a_file = tmp_path / "f"
    a_file.write_text("x")
    for bad, message in [("/dev/null", "not a folder"), (str(a_file), "not a folder"),
                         (str(a_file / "sub"), "cannot be created")]:
        monkeypatch.setenv("ENTENTE_HOME", bad)
        with pytest.raises(OutputError, match=message) as err:
            config.home()
        assert bad in str(err.value) and "set ENTENTE_HOME" in str(err.value)
    fresh = tmp_path / "new" / "home"
    monkeypatch.setenv("ENTENTE_HOME", str(fresh))
    assert config.home() == fresh and fresh.is_dir()


@pytest.mark.skipif(not os.path.isdir("/proc/1") or os.access("/proc/1", os.W_OK),
                    reason="needs a folder this user cannot write (as root, /proc/1)")
def test_entente_home_read_only(monkeypatch):
    monkeypatch.setenv("ENTENTE_HOME", "/proc/1")
    with pytest.raises(OutputError, match="is not writable"):
        config.home()


def test_entente_home_errors_from_the_command_line(tmp_path):
    env = {**os.environ, "ENTENTE_HOME": "/dev/null"}
    result = subprocess.run([sys.executable, "-m", "entente", "alignment", "IRN", "RUS"], capture_output=True,
                            text=True, env=env)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip() == ("Error: ENTENTE_HOME is '/dev/null', which is not a folder; set ENTENTE_HOME to "
                                     "a folder you can write to (it is created if missing).")


# ------------------------------------------------------------------------------ numbers in CSV
def test_csv_counts_are_integers(home, capsys):
    code, out, _ = _run(["third-parties", "IRN", "RUS", "--format", "csv"], capsys)
    text = pd.read_csv(io.StringIO(out), dtype=str)
    assert code == 0 and len(text) > 150
    for column in ("ccode", "rank_a", "rank_b"):   # ranks were written "187.0"
        assert text[column].dropna().str.fullmatch(r"[0-9]+").all(), column


def test_whole_numbers_keep_measures_and_missing_values():
    frame = pd.DataFrame({"year": [1866.0, 1867.0], "rank_a": [1.0, None], "agree": [1.0, 0.0],
                          "mean_rank": [2.0, 3.0], "total": [3.0, 4.0], "start": [1.5, 2.0]})
    out = _whole_numbers(frame)
    assert str(out["year"].dtype) == "Int64" and out["year"].tolist() == [1866, 1867]
    assert str(out["rank_a"].dtype) == "Int64" and out["rank_a"].isna().tolist() == [False, True]
    for column in ("agree", "mean_rank", "total", "start"):   # measures, unnamed counts, fractions stay float
        assert out[column].dtype == float, column
    assert out.to_csv(index=False).splitlines()[1] == "1866,1,1.0,2.0,3.0,1.5"


# ------------------------------------------------------------------------------------- weights
@pytest.mark.parametrize("text, message", [
    ("unga=1e308,alliance=1e308", r"from 0 to 1e\+06"), ("unga=inf", "from 0 to"), ("unga=nan", "from 0 to"),
    ("unga=-1", "from 0 to"), ("unga=0,alliance=0", "all 0"), ("unga=1,unga=2", "given twice"),
    ("unga", "not name=number"), ("=1", "not name=number"), (",", "holds no weight"),
])
def test_weights_are_checked_at_the_boundary(text, message):
    with pytest.raises(BadInput, match=message):
        parse_weights(text)


def test_weights_are_normalised():
    assert parse_weights("unga=1,alliance=3") == {"unga": 0.25, "alliance": 0.75}
    assert parse_weights("alignment=2,rivalry=1", normalise=False) == {"alignment": 2.0, "rivalry": 1.0}


def test_huge_weights_fail_with_one_line(home, capsys):
    for args in (["trend", "IRN", "RUS", "--weights", "unga=1e308,alliance=1e308"],
                 ["triads", "IRN", "RUS", "--year", "2019", "--weights", "alignment=1e308"]):
        code, out, err = _run(args, capsys)
        assert code == 1 and out == "" and _one_line_error(err) and "1e308" in err


def test_scaled_weights_give_the_same_index(home, capsys):
    _, small, _ = _run(["trend", "IRN", "RUS", "--weights", "unga=1,alliance=3", "-f", "csv"], capsys)
    _, large, _ = _run(["trend", "IRN", "RUS", "--weights", "unga=1000,alliance=3000", "-f", "csv"], capsys)
    a, b = pd.read_csv(io.StringIO(small)), pd.read_csv(io.StringIO(large))
    assert len(a) > 50 and a["index"].round(12).equals(b["index"].round(12))


# ------------------------------------------------------------------------------ years and text
@pytest.mark.parametrize("args", [["blocs", "--year", "3000"], ["alignment", "IRN", "RUS", "--from", "99999999999999"],
                                  ["country", "Iran", "--year", "-5"], ["network", "--year", "1700"],
                                  ["draw", "timeline", "IRN", "--from", "0", "--out", "t.svg"]])
def test_years_are_bounded(args, capsys):
    code, _, err = _run(args, capsys)
    assert code == 2 and "1816<=x<=2100" in err


def test_free_text_is_bounded(capsys):
    code, _, err = _run(["network", "--year", "2015", "--layers", "a" * 10_000, "--format", "csv"], capsys)
    assert code == 2 and "at most 500" in err
    code, _, err = _run(["trend", "IRN", "RUS", "--weights", "unga=1\x00"], capsys)
    assert code == 2 and "control characters" in err


def test_a_huge_name_is_refused_at_once(capsys):
    start = time.perf_counter()
    code, out, err = _run(["country", "A" * 100_000], capsys)
    assert time.perf_counter() - start < 0.5
    assert code == 1 and out == "" and "at most 200 characters; got 100,000" in err and len(err) < 300
