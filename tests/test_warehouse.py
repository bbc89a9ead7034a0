"""The warehouse: built from the real snapshot, atomic under kill -9, readable by several processes."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from entente import config, store, warehouse
from entente.errors import ChecksumMismatch
from entente.sources import registry, sources_markdown

DERIVED_TABLES = {"unga_rollcalls", "unga_votes", "unga_rollcall_issues", "m_unga_alignment_dyad_year"}


def _expected_tables() -> set[str]:
    """Every table a build must write: one per bundled snapshot file (named in _provenance), plus derived ones."""
    con = duckdb.connect()
    try:
        con.execute(store.PROVENANCE_DDL)
        for module in registry().values():
            if module.SOURCE.files:
                warehouse.write_source(con, module)
        return {r[0] for r in con.execute("SELECT table_name FROM _provenance").fetchall()} | DERIVED_TABLES
    finally:
        con.close()


@pytest.fixture(scope="module")
def expected_tables() -> set[str]:
    return _expected_tables()


def test_provenance_counts_match_the_snapshot_files(con, expected_tables):
    prov = warehouse.provenance(con).set_index("table_name")
    assert set(prov.index) == expected_tables
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert tables - {"_provenance", "_meta", "_rejects"} == expected_tables      # nothing written without provenance
    for module in registry().values():
        for file, sha in module.SOURCE.files.items():
            rows = prov[prov.source_file == file]
            assert len(rows) == 1, file
            assert rows.sha256.iat[0] == sha
            assert rows.rows.iat[0] == pq.read_metadata(config.snapshot_dir() / file).num_rows
    for table in expected_tables:
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == prov.loc[table, "rows"]
    assert prov.loc["unvotes_votes", "rows"] == 870_109       # SOURCES.md §1a
    assert prov.loc["dgacm_votes", "rows"] == 128_399         # SOURCES.md §1c


def test_sources_markdown_is_current():
    assert (config.snapshot_dir() / "SOURCES.md").read_text(encoding="utf-8") == sources_markdown()


def test_every_source_has_licence_citation_and_checksums():
    for name, module in registry().items():
        s = module.SOURCE
        assert s.licence and s.url.startswith("http") and s.version, name
        assert s.citations and all(c.bibtex.lstrip().startswith("@") and c.key in c.bibtex for c in s.citations)
        assert all(len(sha) == 64 for sha in s.files.values()), name


def _build_script(path: Path) -> list[str]:
    return [sys.executable, "-c", f"from entente import warehouse; warehouse.build({str(path)!r}, progress=False)"]


def _tables(path: Path) -> set[str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        assert con.execute("SELECT value FROM _meta WHERE key = 'fingerprint'").fetchone()[0] == warehouse.fingerprint()
        return {r[0] for r in con.execute("SELECT table_name FROM _provenance").fetchall()}
    finally:
        con.close()


@pytest.mark.slow    # over 6 s on 2 cores: the full suite (CI's first run) keeps it
def test_kill_9_mid_build_leaves_old_warehouse_or_none(tmp_path, expected_tables):
    path = tmp_path / "warehouse.duckdb"
    rng = random.Random(20261127)
    # No warehouse yet: a killed build must leave none.
    for _ in range(3):
        proc = subprocess.Popen(_build_script(path))
        time.sleep(rng.uniform(0.3, 1.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert not path.exists() or _tables(path) == expected_tables
    warehouse.build(path, progress=False)
    before = path.stat().st_ino
    assert _tables(path) == expected_tables
    # A warehouse exists: killed rebuilds at random points must leave it whole.
    killed_mid_build = 0
    for _ in range(8):
        proc = subprocess.Popen(_build_script(path))
        time.sleep(rng.uniform(0.2, 2.0))
        killed_mid_build += proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert _tables(path) == expected_tables
    assert killed_mid_build >= 4
    before = path.stat().st_ino
    # The next use sweeps what killed builders left behind, without rebuilding a current warehouse.
    mp = pytest.MonkeyPatch()
    mp.setenv("ENTENTE_HOME", str(tmp_path))
    try:
        assert warehouse.ensure(progress=False) == path
    finally:
        mp.undo()
    assert path.stat().st_ino == before
    assert not list(tmp_path.glob("warehouse.duckdb.building-*"))


def test_two_processes_read_at_once(home):
    path = config.warehouse_path()
    mine = duckdb.connect(str(path), read_only=True)
    try:
        code = ("import duckdb,sys; c=duckdb.connect(sys.argv[1], read_only=True); "
                "print(c.execute('SELECT count(*) FROM unga_votes').fetchone()[0])")
        other = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
        assert int(other.stdout) == mine.execute("SELECT count(*) FROM unga_votes").fetchone()[0]
    finally:
        mine.close()


@pytest.mark.slow    # over 6 s on 2 cores: the full suite (CI's first run) keeps it
def test_rebuilds_when_schema_version_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("ENTENTE_HOME", str(tmp_path))
    warehouse.ensure(progress=False)
    first = config.warehouse_path().stat().st_mtime_ns
    warehouse.ensure(progress=False)
    assert config.warehouse_path().stat().st_mtime_ns == first        # current: not rebuilt
    monkeypatch.setattr(config, "SCHEMA_VERSION", config.SCHEMA_VERSION + 1000)
    warehouse.ensure(progress=False)
    assert config.warehouse_path().stat().st_mtime_ns != first


def test_corrupt_snapshot_file_is_a_checksum_error_and_keeps_the_old_warehouse(tmp_path, monkeypatch):
    snapshot = tmp_path / "snapshot"
    shutil.copytree(config.snapshot_dir(), snapshot)
    target = snapshot / "unga" / "dgacm_votes.parquet"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    monkeypatch.setattr(config, "snapshot_dir", lambda: snapshot)
    path = tmp_path / "warehouse.duckdb"
    with pytest.raises(ChecksumMismatch, match="dgacm") as info:
        warehouse.build(path, progress=False)
    assert "entente data update dgacm" in str(info.value)
    assert not path.exists()
    assert not list(tmp_path.glob("warehouse.duckdb.building-*"))


@pytest.mark.slow    # over 6 s on 2 cores: the full suite (CI's first run) keeps it
def test_a_user_supplied_file_triggers_a_rebuild(tmp_path, monkeypatch):
    """SIPRI may not be bundled: dropping the user's export into $ENTENTE_HOME/user/sipri rebuilds with it (the
    real export beside the repository when it is there, else one written in SIPRI's layout for the test)."""
    from shared_support import SIPRI_RAW
    from upstream_formats import SIPRI_ROWS, write_sipri_export

    if SIPRI_RAW is not None:
        export, rows = SIPRI_RAW, 25_024                               # SOURCES.md §6
    else:
        export, rows = write_sipri_export(tmp_path / "trade-register.csv"), len(SIPRI_ROWS)
    monkeypatch.setenv("ENTENTE_HOME", str(tmp_path))
    path = warehouse.ensure(progress=False)
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'sipri_transfers'").fetchone()[0] == 0
    con.close()
    target = tmp_path / "user" / "sipri" / export.name.replace("-", "_")
    target.parent.mkdir(parents=True)
    shutil.copy(export, target)
    path = warehouse.ensure(progress=False)
    con = duckdb.connect(str(path), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM sipri_transfers").fetchone()[0] == rows
    finally:
        con.close()
