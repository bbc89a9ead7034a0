"""The README's examples run: every Python block is executed, every `entente …` line of its command
blocks is run through the command line's own entry point, with the exit status the README implies.

A line that cannot run here says why in :data:`CANNOT_RUN` (network, files beside the repository);
those still have to name a real command (their ``--help`` works).
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from entente.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"

#: Commands the README shows that cannot run in the test suite, and why.
CANNOT_RUN = {
    "data update dgacm": "downloads from the UN (network)",
    "events ingest --path ../shared/data/gdelt/raw": "reads GDELT files beside the repository",
    "events series IRN RUS --freq month --engine spark": "needs ingested GDELT events (and starts Spark)",
}

#: README lines whose documented outcome is an error, with the exit status it must have.
EXPECTED_STATUS = {
    "country Germany --year 1980": 1,        # the README shows it asking "did you mean …"
}

#: Files a README line reads, put in the working folder first (the README's article is one of the test
#: articles written for entente check).
FILES = {"check article.html --date 2024-03-01 --format md": {"article.html": "tests/data/check/us_china.html"}}

#: Lines that take more than a few seconds: run with the slow tests.
SLOW = ("brief ", "blocs --stability", "blocs --state", "balance ", "cite --brief", "frame dyad-years")


def _blocks(language: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)


def _commands() -> list[str]:
    lines = []
    for block in _blocks("bash"):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if line.startswith("entente ") and "pip install" not in line:
                lines.append(line.removeprefix("entente ").strip())
    return lines


COMMANDS = _commands()


def test_the_readme_has_examples_to_run():
    assert len(_blocks("python")) >= 2 and len(COMMANDS) >= 25
    assert set(CANNOT_RUN) <= set(COMMANDS) and set(EXPECTED_STATUS) <= set(COMMANDS)


@pytest.mark.parametrize("block", _blocks("python"), ids=lambda b: b.splitlines()[0][:40])
def test_python_examples_run(block, home, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    exec(compile(block, str(README), "exec"), {"__name__": "readme"})


def _marks(command: str):
    if command in CANNOT_RUN:
        return ()
    return (pytest.mark.slow,) if command.startswith(SLOW) else ()


@pytest.mark.parametrize("command", [pytest.param(c, marks=_marks(c)) for c in COMMANDS])
def test_command_line_examples_run(command, home, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    args = shlex.split(command)
    if command in CANNOT_RUN:
        words = [w for w in args if not w.startswith("-")][:2]
        try:
            code = main([*words, "--help"])
        except SystemExit as exit_:
            code = exit_.code
        assert code == 0 and "Usage:" in capsys.readouterr().out, f"{command}: not a command ({CANNOT_RUN[command]})"
        return
    for name, source in FILES.get(command, {}).items():
        (tmp_path / name).write_bytes((README.parent / source).read_bytes())
    code = main(args)
    out, err = capsys.readouterr()
    assert code == EXPECTED_STATUS.get(command, 0), f"entente {command} → {code}\n{err[-2000:]}"
    assert "Traceback" not in err
    if code == 0:
        assert out.strip() or list(tmp_path.iterdir()), f"entente {command} printed and wrote nothing"
