"""Kept data answers (:mod:`entente.web.answers`): a data address asked again is answered from memory with
the same bytes and headers, never across data versions, never for an error, an HTML page or a page that
follows the calendar; the store stays within its byte budget, least recently used out first."""

from __future__ import annotations

import gc
import os
import platform
import shutil

import anyio.to_thread
import duckdb
from fastapi.testclient import TestClient

from entente import config
from entente.pair import alignment
from entente.web import create_app, process
from entente.web.answers import Kept, is_data_address
from entente.web.db import Warehouse, attach

ALIGNMENT = "/api/pair/IRN/RUS/alignment?from=2000&to=2010"


def test_a_data_answer_is_kept_and_sent_again_unchanged(client, app, monkeypatch):
    first = client.get(ALIGNMENT)
    assert first.status_code == 200
    key = ("/api/pair/IRN/RUS/alignment", b"from=2000&to=2010", app.state.warehouse.version)
    assert app.state.kept_answers.get(key)[2] == first.content

    # the route is not run again: a kept answer is sent even when the handler would now fail
    calls = []
    monkeypatch.setattr(alignment, "alignment", lambda *a, **k: calls.append(a) or 1 / 0)
    again = client.get(ALIGNMENT)
    assert again.content == first.content and calls == []
    assert again.headers["etag"] == first.headers["etag"]                        # the outer layers still run
    assert again.headers["content-security-policy"] == first.headers["content-security-policy"]
    assert again.headers["content-type"] == first.headers["content-type"]


def test_a_new_data_version_is_not_answered_from_the_old(client, app, monkeypatch):
    client.get(ALIGNMENT)
    kept_before = len(app.state.kept_answers)
    monkeypatch.setattr(app.state.warehouse, "_version", "a-rebuilt-warehouse")
    answer = client.get(ALIGNMENT)
    assert answer.status_code == 200
    assert ("/api/pair/IRN/RUS/alignment", b"from=2000&to=2010", "a-rebuilt-warehouse") in \
        app.state.kept_answers._answers
    assert len(app.state.kept_answers) == kept_before + 1


def test_errors_pages_and_untagged_addresses_are_not_kept(client, app):
    app.state.kept_answers.clear()
    assert client.get("/api/resolve?q=Atlantis").status_code == 404
    assert client.get("/sources").status_code == 200                             # HTML: not here
    assert client.get("/check.json", params={"text": "India and Pakistan fought a war."}).status_code == 200
    assert len(app.state.kept_answers) == 0
    assert client.get("/sources.json").status_code == 200
    assert len(app.state.kept_answers) == 1


def test_which_addresses_are_data():
    assert is_data_address("/pair/IRN/RUS.json") and is_data_address("/pair/IRN/RUS/charts/trade.svg")
    assert is_data_address("/api/suggest") and is_data_address("/blocs/map.geojson")
    assert not is_data_address("/pair/IRN/RUS") and not is_data_address("/static/app.js")
    assert not is_data_address("/check.json") and not is_data_address("/index.json")


def test_the_store_keeps_within_its_bytes_least_recently_used_out_first():
    kept = Kept(keep_bytes=1000, max_answer_bytes=600)
    for name in "abc":
        kept.put((name,), 200, [], b"x" * 300)
    assert kept.bytes == 900 and len(kept) == 3
    kept.get(("a",))                                  # a is now the most recently used
    kept.put(("d",), 200, [], b"y" * 300)             # 1200 > 1000: the least recently used (b) goes
    assert kept.get(("b",)) is None and kept.get(("a",)) is not None
    assert kept.bytes == sum(len(v[2]) for v in kept._answers.values()) == 900
    kept.put(("huge",), 200, [], b"z" * 601)          # over the per-answer cap: sent, never kept
    assert kept.get(("huge",)) is None
    kept.put(("a",), 200, [], b"w" * 10)              # replacing an answer counts its new size only
    assert kept.bytes == 610


# ------------------------------------------------------------------------------------------ the process
def test_the_app_limits_its_worker_threads(app):
    with TestClient(app) as running:                         # the lifespan runs inside the app's event loop
        tokens = running.portal.call(lambda: anyio.to_thread.current_default_thread_limiter().total_tokens)
    assert tokens == process.WORKER_THREADS < 40              # AnyIO's default is 40


def test_malloc_arenas_and_the_frozen_heap():
    assert process.limit_malloc_arenas(8) is (platform.libc_ver()[0] == "glibc")
    before = gc.get_freeze_count()
    try:
        process.freeze_startup_heap()
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()


# ------------------------------------------------------------------------------------------ a rebuilt warehouse
def test_a_warehouse_rebuilt_while_serving_is_followed(home, tmp_path):
    """``entente data update`` renames a new file into place; the app reads it without a restart, and no
    kept answer from the old one is sent again."""
    live = tmp_path / "warehouse.duckdb"
    shutil.copy(config.warehouse_path(), live)
    store = Warehouse(attach(live), path=live, check_seconds=0)
    client = TestClient(create_app(warehouse=store, rate_limit=False), raise_server_exceptions=False)
    before = client.get("/api/provenance")
    assert before.status_code == 200 and client.get("/api/provenance").content == before.content

    rebuilt = tmp_path / "warehouse.duckdb.building"
    shutil.copy(live, rebuilt)
    with duckdb.connect(str(rebuilt)) as con:             # a new build: one dataset's row count changed
        first = con.execute("SELECT table_name FROM _provenance ORDER BY table_name LIMIT 1").df().iloc[0, 0]
        con.execute("UPDATE _provenance SET rows = rows + 1 WHERE table_name = ?", [first])
    old_version = store.version
    os.replace(rebuilt, live)

    after = client.get("/api/provenance")
    assert store.version != old_version
    assert after.headers["etag"] != before.headers["etag"]
    rows_before = {r["table_name"]: r["rows"] for r in before.json()}
    rows_after = {r["table_name"]: r["rows"] for r in after.json()}
    assert rows_after[first] == rows_before[first] + 1
    assert {k: v for k, v in rows_after.items() if k != first} == {k: v for k, v in rows_before.items() if k != first}


def test_a_half_written_file_is_not_followed(home, tmp_path):
    live = tmp_path / "warehouse.duckdb"
    shutil.copy(config.warehouse_path(), live)
    store = Warehouse(attach(live), path=live, check_seconds=0)
    version = store.version
    broken = tmp_path / "broken"
    broken.write_bytes(b"not a duckdb file" * 100)
    os.replace(broken, live)
    assert store.follow_rebuilds() is False and store.version == version
    with store.cursor() as cur:                              # still answers from the file it has open
        assert cur.execute("SELECT count(*) FROM _provenance").df().iloc[0, 0] > 0
