"""``entente brief`` in two processes: the sections of APART read in a child while the parent reads the
rest; the brief is the same as in one process, and a child that fails or is not ready costs nothing but time."""

from __future__ import annotations

import io
import json
import math
import os
import pickle
import subprocess
import sys

import pandas as pd

from entente.brief import content
from entente.cli import _ahead

IRN, RUS = 630, 365


def _sections(brief: dict) -> dict:
    """The brief's sections as JSON text: what a reader sees, without the time it was made."""
    return json.loads(json.dumps(brief["sections"], default=str))


def _same(x, y) -> bool:
    """Equal, floats to 12 significant digits: DuckDB's parallel sums differ in their last digits from one
    run to the next, in one process too."""
    if isinstance(x, dict) and isinstance(y, dict):
        return list(x) == list(y) and all(_same(x[k], y[k]) for k in x)
    if isinstance(x, list) and isinstance(y, list):
        return len(x) == len(y) and all(_same(a, b) for a, b in zip(x, y))
    if isinstance(x, float) and isinstance(y, float):
        return math.isclose(x, y, rel_tol=1e-12) or (math.isnan(x) and math.isnan(y))
    return x == y


class _Failed:
    """An ``apart`` whose child gave nothing (crashed, killed, or the warehouse was not ready)."""

    taken = 0

    def take(self):
        self.taken += 1
        return None


def test_sections_from_a_failed_child_are_read_here(con):
    failed = _Failed()
    here = content.assemble(IRN, RUS, start=1992, end=2020, con=con)
    fallback = content.assemble(IRN, RUS, start=1992, end=2020, con=con, apart=failed)
    assert failed.taken == 1
    assert _same(_sections(fallback), _sections(here)) and fallback["coverage"] == here["coverage"]
    assert list(fallback["sections"]) == list(content.SECTIONS)


def _parts(a, b, **window) -> list[dict]:
    """What the child sends, in order, read here."""
    parts = []
    content.apart(a, b, send=parts.append, **window)
    return parts


class _Given:
    def __init__(self, parts):
        self.parts = list(parts)

    def take(self):
        return self.parts.pop(0) if self.parts else None


def test_parts_taken_from_elsewhere_are_used_and_put_in_order(con):
    """The table and the sections apart are taken as given, the third parties written here from that table;
    the brief's sections in SECTIONS order, and on_section sees the later ones last."""
    parts = _parts(IRN, RUS, start=1992, end=2020)
    assert list(parts[0]) == [content.APART_SHARED] and list(parts[1]) == list(content.APART)
    parts[1]["limits"]["section"]["summary"] = "marked"
    parts[0][content.APART_SHARED].attrs["threshold"] = 7.5     # the method's words say which table was used
    seen = []
    brief = content.assemble(IRN, RUS, start=1992, end=2020, con=con, apart=_Given(parts),
                             on_section=lambda b, name: seen.append(name))
    assert brief["sections"]["limits"]["summary"] == "marked"
    assert list(brief["sections"]) == list(content.SECTIONS)
    assert seen[-2:] == ["third_parties", *content.APART] and sorted(seen) == sorted(content.SECTIONS)
    assert "at least 7.5 standard deviation" in brief["sections"]["third_parties"]["method"]


def test_a_child_that_stops_after_the_table_leaves_the_limits_here(con):
    parts = _parts(IRN, RUS, start=1992, end=2020)
    brief = content.assemble(IRN, RUS, start=1992, end=2020, con=con, apart=_Given(parts[:1]))
    here = content.assemble(IRN, RUS, start=1992, end=2020, con=con)
    assert _same(_sections(brief), _sections(here))


def _child(args, env):
    return subprocess.run([sys.executable, "-m", "entente.cli.brief_apart", *args], capture_output=True, env=env)


def test_the_child_writes_its_parts_and_nothing_else(home, con, tmp_path):
    env = {**os.environ, "ENTENTE_HOME": str(home)}
    done = _child(["Iran", "Russia", "--from", "1992", "--to", "2020", "--out", str(tmp_path / "b")], env)
    assert done.returncode == 0, done.stderr.decode()
    stream = io.BytesIO(done.stdout)             # the whole of stdout is the pickles, one after the other
    table, sections = pickle.load(stream), pickle.load(stream)
    assert stream.read() == b""
    here = _parts(IRN, RUS, start=1992, end=2020)
    pd.testing.assert_frame_equal(table[content.APART_SHARED], here[0][content.APART_SHARED])
    assert _same(json.loads(json.dumps(sections, default=str)), json.loads(json.dumps(here[1], default=str)))


def test_the_child_leaves_an_unbuilt_warehouse_to_the_parent(tmp_path):
    env = {**os.environ, "ENTENTE_HOME": str(tmp_path / "fresh")}
    done = _child(["IRN", "RUS"], env)
    assert done.returncode == 3 and done.stdout == b""
    assert not (tmp_path / "fresh" / "warehouse.duckdb").exists()


def test_no_child_when_none_can_be_started(monkeypatch):
    monkeypatch.setattr(_ahead.sys, "executable", "/nonexistent/python")
    assert _ahead.start("entente.cli.brief_apart", ["IRN", "RUS"]) is None


def test_ahead_gives_none_for_a_child_that_fails(home):
    child = _ahead.Ahead("entente.cli.brief_apart", ["Atlantis", "RUS"])
    assert child.take() is None
    child.cancel()


def test_the_brief_command_is_the_same_in_one_process_and_in_two(home, tmp_path):
    """The whole command from the shell, with its child and without (ENTENTE_ONE_PROCESS=1)."""
    out = {}
    for label, one in (("two", "0"), ("one", "1")):
        env = {**os.environ, "ENTENTE_HOME": str(home), _ahead.ONE_PROCESS: one, "ENTENTE_DEBUG": "1"}
        done = subprocess.run([sys.executable, "-m", "entente", "brief", "IND", "PAK", "--from", "1990",
                               "--out", str(tmp_path / label)], capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        assert "gave no result" not in done.stderr     # the child's sections were used, not read again here
        brief = json.loads((tmp_path / label / "brief.json").read_text(encoding="utf-8"))
        out[label] = (_sections(brief), brief["coverage"], (tmp_path / label / "brief.md").read_text().splitlines())
    assert _same(out["two"][0], out["one"][0]) and out["two"][1] == out["one"][1]
    differ = [(x, y) for x, y in zip(out["two"][2], out["one"][2]) if x != y]
    assert len(differ) <= 1 and all("Generated" in x or "generated" in x for x, _ in differ), differ[:3]
