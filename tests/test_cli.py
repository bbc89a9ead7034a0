"""The command line: help that teaches, formats that round-trip, one-line errors."""

from __future__ import annotations

import inspect
import io
import json
import subprocess
import sys

import click
import pandas as pd
import pytest
from click.testing import CliRunner

from entente.cli import COMMANDS, cli, main
from entente.pair import alignment


def _commands(group: click.Group, prefix=()):
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


def test_every_command_has_help_with_text():
    runner = CliRunner()
    for path, command in _commands(cli):
        assert command.help and len(command.help) > 20, path
        result = runner.invoke(cli, [*path, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output, path
    top = runner.invoke(cli, ["--help"]).output
    assert "entente brief IRN RUS" in top


def test_help_lists_every_command_from_the_registry_as_the_commands_say_it():
    """`entente --help` is written from COMMANDS without importing the commands; each summary must be the
    first paragraph of the command's own help, so the listing is the one click would write from them."""
    code = ("import sys; from entente.cli import cli; from click.testing import CliRunner; "
            "out = CliRunner().invoke(cli, ['--help']).output; "
            "loaded = sorted(m for m in sys.modules if m.startswith('entente.cli.') and not m.startswith('entente.cli._')); "
            "heavy = sorted(m for m in ('pandas', 'matplotlib', 'igraph', 'ibis', 'duckdb') if m in sys.modules); "
            "print(repr((out, loaded, heavy)))")
    lazy, loaded, heavy = eval(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                              check=True).stdout)
    assert loaded == [] and heavy == [], (loaded, heavy)
    for name, entry in COMMANDS.items():
        command = cli.get_command(click.Context(cli), name)
        assert entry.summary == " ".join(inspect.cleandoc(command.help).split("\n\n")[0].split()), name
    assert CliRunner().invoke(cli, ["--help"]).output == lazy   # every command now loaded: the same text


def _run(args, capsys):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_alignment_csv_and_json_agree(home, capsys):
    code, csv_text, _ = _run(["alignment", "IRN", "RUS", "--from", "2015", "--format", "csv"], capsys)
    assert code == 0
    frame = pd.read_csv(io.StringIO(csv_text))
    code, json_text, _ = _run(["alignment", "Iran", "Russian Federation", "--from", "2015", "--format", "json"], capsys)
    assert code == 0
    records = pd.DataFrame(json.loads(json_text))
    assert frame.year.tolist() == records.year.tolist() == list(range(2015, 2026))
    assert frame.agree.round(12).tolist() == records.agree.round(12).tolist()


def test_parquet_needs_out_and_writes(home, tmp_path, capsys):
    code, _, err = _run(["partners", "IRN", "--year", "2023", "--format", "parquet"], capsys)
    assert code == 2 and "--out" in err
    target = tmp_path / "p.parquet"
    code, _, _ = _run(["partners", "IRN", "--year", "2023", "--top", "0", "--format", "parquet", "--out", str(target)],
                      capsys)
    assert code == 0 and len(pd.read_parquet(target)) > 150


def test_errors_are_one_line_with_the_value_and_a_suggestion(home, capsys):
    code, out, err = _run(["alignment", "Persai", "RUS"], capsys)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "Persai" in err and "Iran (IRN, COW 630)" in err
    code, _, err = _run(["partners", "IRN", "--year", "1800"], capsys)   # refused by the option's range
    assert code == 2 and "1800" in err and "1816<=x<=2100" in err


def test_a_bug_inside_is_one_line_with_status_70_and_the_traceback_on_demand(home, capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("a column that is not there")

    monkeypatch.setattr(alignment, "alignment", broken)
    monkeypatch.delenv("ENTENTE_DEBUG", raising=False)
    code, out, err = _run(["alignment", "IRN", "RUS"], capsys)
    assert code == 70 and out == "" and "Traceback" not in err
    assert err.count("\n") == 1 and "KeyError" in err and "ENTENTE_DEBUG=1" in err
    monkeypatch.setenv("ENTENTE_DEBUG", "1")
    with pytest.raises(KeyError):
        main(["alignment", "IRN", "RUS"])


def test_brief_command_writes_the_three_files(home, tmp_path, capsys):
    code, out, _ = _run(["brief", "IRN", "RUS", "--out", str(tmp_path / "b")], capsys)
    assert code == 0
    assert "Iran and Russia" in out and "agreed on" in out
    for name in ("index.html", "brief.md", "brief.json", "charts/alignment_agree.svg"):
        assert (tmp_path / "b" / name).stat().st_size > 500, name


def test_python_dash_m_entente(home):
    result = subprocess.run([sys.executable, "-m", "entente", "country", "Persia", "--format", "csv"],
                            capture_output=True, text=True, check=True)
    assert "630" in result.stdout and "IRN" in result.stdout


def test_cite_prints_bibtex(capsys):
    code, out, _ = _run(["cite", "unvotes", "--bibtex"], capsys)
    assert code == 0 and "@article{bailey2017" in out
    code, _, err = _run(["cite", "nosuchdata"], capsys)
    assert code == 2 and "nosuchdata" in err
    code, out, _ = _run(["cite", "natural_earth", "--bibtex"], capsys)   # a bundled file outside the warehouse
    assert code == 0 and "@misc{naturalearth2018" in out and "4.1.0" in out


def test_pair_commands_print_the_briefs_tables(home, capsys):
    code, out, _ = _run(["history", "IND", "PAK", "--wars", "--format", "csv"], capsys)
    assert code == 0
    wars = pd.read_csv(io.StringIO(out))
    assert wars.start.tolist() == [1947, 1965, 1971, 1999]
    code, out, _ = _run(["vetoes", "RUS", "CHN", "--format", "csv"], capsys)
    joint = pd.read_csv(io.StringIO(out)).query("kind == 'joint'")
    assert code == 0 and len(joint) == 14
    code, _, err = _run(["trend", "IRN", "RUS", "--weights", "vibes=1"], capsys)
    assert code == 1 and "vibes" in err


def test_a_piped_table_is_printed_whole(home, capsys):
    """Redirected or piped, the table keeps every value (rich would cut cells to fit 80 columns)."""
    from entente.pair import evidence

    code = main(["trade", "IRN", "RUS"])
    out = capsys.readouterr().out
    last = evidence.trade("IRN", "RUS").iloc[-1]
    row = next(line for line in out.splitlines() if line.startswith(f"│ {int(last.year)} "))
    assert code == 0 and "…" not in out
    assert f"{last.a_imports_from_b:.3f}" in row and "IMF DOTS" in row
