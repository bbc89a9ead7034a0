"""Hostile files for `entente data update`: Hypothesis mutates real upstream files of three sources.

The files: GDELT's ``CAMEO.eventcodes.txt`` (``tests/data/gdelt_lookups``, as published), the UNSC vetoes
CSV (the World Politics Data Lab layout) and the TIES cases CSV, both written from every snapshot row.
Each example drops lines, cuts the file at a byte, duplicates lines, blanks a column or puts junk in a
cell, then runs the update's checks (:func:`entente.refresh.check`: inputs, parse, layout, guard; the
trial build and the swap are the same for any table that passes, and tests/test_update_guard.py runs them).

The property: the update either passes, and then an independent count (pandas, on what ``parse()``
gives) finds no table that lost more than ``MAX_LOSS`` of its rows or of a column's values nor a broken
key; or it is refused with an :class:`~entente.errors.EntenteError`, and when the refusal is
:class:`~entente.errors.UpdateRefused` the same count finds the loss. Any other exception fails.
"""

from __future__ import annotations

import csv
import io
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from entente import ingest, refresh
from entente.config import snapshot_dir
from entente.errors import EntenteError, UpdateRefused
from entente.sources import cameo, table_keys, ties, unsc_vetoes
from test_update_guard import gdelt_lookups

VETOES = "unsc/unsc_vetoes_1946_2022.parquet"
TIES = "sanctions/ties_v4_1_cases.parquet"


@pytest.fixture(scope="module")
def upstream(tmp_path_factory):
    """name → (module, folder for --file, the file to mutate, its separator, the snapshot table it makes)."""
    root = tmp_path_factory.mktemp("upstream")
    lookups = gdelt_lookups(root / "cameo")
    vetoes = pq.read_table(snapshot_dir() / VETOES).to_pandas()
    vetoes["date"] = [f"{d.month}/{d.day}/{d.year}" for d in vetoes["date"]]
    vetoes = vetoes.rename(columns={"china": "China", "france": "France", "russia": "Russia", "ussr": "USSR",
                                    "usa": "USA", "uk": "UK"})
    (root / "vetoes").mkdir()
    vetoes.to_csv(root / "vetoes" / "unsc_vetoes_1946_sept2022.csv", index=False)
    (root / "ties").mkdir()
    pq.read_table(snapshot_dir() / TIES).to_pandas().to_csv(root / "ties" / "TIESv4-1.csv", index=False)
    return {
        "cameo": (cameo, lookups, "CAMEO.eventcodes.txt", "\t", "cameo/cameo_event_codes.parquet"),
        "unsc_vetoes": (unsc_vetoes, root / "vetoes", "unsc_vetoes_1946_sept2022.csv", ",", VETOES),
        "ties": (ties, root / "ties", "TIESv4-1.csv", ",", TIES),
    }


@pytest.fixture(scope="module")
def empty_home(tmp_path_factory):
    """An ENTENTE_HOME with no refreshed copy: the data in use are the bundled snapshot."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ENTENTE_HOME", str(tmp_path_factory.mktemp("home")))
        yield


# --- mutations ---------------------------------------------------------------------------------------

def _rows(text: str, sep: str) -> list[list[str]]:
    if sep == "\t":                                   # GDELT lookups: no quoting
        return [line.split("\t") for line in text.splitlines()]
    return list(csv.reader(io.StringIO(text)))


def _text(rows: list[list[str]], sep: str) -> str:
    if sep == "\t":
        return "".join("\t".join(r) + "\r\n" for r in rows)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


JUNK = st.sampled_from(["", "x", "NA", "-9", "19x6", "1e309", "é", '"', "\t", ",", "  ", "0", "-1.5", "2024-13-45"])


@st.composite
def mutation(draw, data: bytes, sep: str) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(["drop", "truncate", "duplicate", "blank column", "junk cell"]))
    lines = data.splitlines(keepends=True)
    if kind == "truncate":
        return kind, data[: draw(st.integers(0, len(data)))]
    if kind in ("drop", "duplicate"):
        start = draw(st.integers(1, len(lines) - 1))                  # keep the header line
        length = draw(st.integers(1, max(1, len(lines) // draw(st.sampled_from([200, 20, 5, 1])))))
        picked = lines[start:start + length]
        kept = lines[:start] + lines[start + length:] if kind == "drop" else lines[:start] + picked + lines[start:]
        return kind, b"".join(kept)
    rows = _rows(data.decode("utf-8"), sep)
    column = draw(st.integers(0, len(rows[0]) - 1))
    if kind == "blank column":
        share = draw(st.sampled_from([0.05, 0.5, 1.0]))
        step = max(1, round(1 / share))
        rows = [rows[0]] + [[("" if i % step == 0 and c == column else v) for c, v in enumerate(r)]
                            for i, r in enumerate(rows[1:])]
    else:
        row = draw(st.integers(1, len(rows) - 1))
        if column < len(rows[row]):
            rows[row][column] = draw(JUNK)
    return kind, _text(rows, sep).encode("utf-8")


# --- the independent count -----------------------------------------------------------------------------

def losses(module, new: pd.DataFrame, old: pd.DataFrame, file: str) -> list[str]:
    """What the guard must object to, counted with pandas: empty, rows or values lost, key broken."""
    found = []
    if len(new) == 0:
        return ["no rows"]
    if len(old) - len(new) > refresh.MAX_LOSS * len(old):
        found.append("rows")
    for column in old.columns:
        had, has = int(old[column].notna().sum()), int(new[column].notna().sum())
        if had and had - has > refresh.MAX_LOSS * had:
            found.append(column)
    key = list(table_keys(module).get(file, ()))
    if key and new.duplicated(subset=key).any():
        found.append("duplicated key")
    if key and any(new[c].isna().any() and not old[c].isna().any() for c in key):
        found.append("null key")
    return found


@pytest.mark.parametrize("name, examples", [("cameo", 20), ("unsc_vetoes", 20), ("ties", 8)])  # ties parses slowest
def test_a_mutated_file_is_swapped_in_whole_or_refused(upstream, empty_home, tmp_path_factory, name, examples):
    module, folder, filename, sep, file = upstream[name]
    original = (folder / filename).read_bytes()
    old = pq.read_table(snapshot_dir() / file).to_pandas()
    work = tmp_path_factory.mktemp(f"fuzz-{name}")
    shutil.copytree(folder, work, dirs_exist_ok=True)
    target = work if name == "cameo" else work / filename      # a folder of lookups, or the one file
    seen = {"passed": 0, "refused": 0, "other": 0}

    @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(change=mutation(original, sep))
    def run(change):
        kind, data = change
        (work / filename).write_bytes(data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                result = refresh.check(name, file=target, progress=False)
            except UpdateRefused as exc:
                with ingest.collecting():
                    parsed = module.parse(work / filename)
                new = (parsed[file] if isinstance(parsed, dict) else parsed).to_pandas()
                assert losses(module, new, old, file), (kind, str(exc))      # refused for a loss that is there
                seen["refused"] += 1
                return
            except EntenteError:
                seen["other"] += 1                                           # unreadable, another layout...
                return
        new = result.tables[file].to_pandas()                                 # what update would swap in
        assert losses(module, new, old, file) == [], kind                    # never silently degraded
        assert result.rows[file] == len(new) and result.before[file] == len(old)
        seen["passed"] += 1

    run()
    (work / filename).write_bytes(original)
    assert refresh.check(name, file=target, progress=False).rows[file] == len(old)
    assert seen["passed"] and seen["refused"], seen
