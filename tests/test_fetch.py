"""The downloader, against a real HTTP server on 127.0.0.1 serving real files: resume, truncation, checksums.

The server (stdlib ``http.server`` in a thread) honours ``Range`` and can be told to ignore it or to cut
a body short while announcing its full length; an ``httpx.MockTransport`` stands in only for what a
server cannot do on request (a dropped connection before any byte).
"""

from __future__ import annotations

import hashlib
import json

import httpx
import pytest

from entente import fetch as fetch_module
from entente.config import snapshot_dir
from entente.errors import ChecksumMismatch, DownloadFailed
from entente.fetch import fetch
from http_support import Server


@pytest.fixture
def server():
    srv = Server()
    yield srv
    srv.close()


@pytest.fixture
def real_file():
    """A real file to serve: the snapshot's UN extract votes (Parquet, ~72 KiB)."""
    data = (snapshot_dir() / "unga" / "dgacm_votes.parquet").read_bytes()
    return data, hashlib.sha256(data).hexdigest()


@pytest.fixture(autouse=True)
def pins_home(tmp_path, monkeypatch):
    """ENTENTE_HOME (where the trust-on-first-use record lives) in the test's folder."""
    monkeypatch.setenv("ENTENTE_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_fresh_download_verifies_and_replaces(server, real_file, tmp_path):
    data, sha = real_file
    server.files["/votes.parquet"] = data
    dest = tmp_path / "out" / "votes.parquet"
    assert fetch(server.url("/votes.parquet"), dest, sha256=sha, progress=False, name="dgacm") == dest
    assert dest.read_bytes() == data
    assert not dest.with_name("votes.parquet.part").exists()
    assert server.log == [("/votes.parquet", None)]


def test_resume_sends_range_and_completes_the_bytes(server, real_file, tmp_path):
    data, sha = real_file
    server.files["/votes.parquet"] = data
    dest = tmp_path / "votes.parquet"
    dest.with_name("votes.parquet.part").write_bytes(data[:30_000])
    fetch(server.url("/votes.parquet"), dest, sha256=sha, progress=False, name="dgacm")
    assert server.log == [("/votes.parquet", "bytes=30000-")]
    assert dest.read_bytes() == data


def test_server_ignoring_range_gets_a_fresh_download(server, real_file, tmp_path):
    data, sha = real_file
    server.files["/votes.parquet"] = data
    server.ignore_range = True
    dest = tmp_path / "votes.parquet"
    dest.with_name("votes.parquet.part").write_bytes(b"stale bytes from another file")
    fetch(server.url("/votes.parquet"), dest, sha256=sha, progress=False, name="dgacm")
    assert server.log[0][1] == "bytes=29-"
    assert dest.read_bytes() == data


def test_truncated_body_fails_keeps_part_and_resumes_next_time(server, real_file, tmp_path):
    data, sha = real_file
    server.files["/votes.parquet"] = data
    server.truncate_at = 20_000
    dest = tmp_path / "votes.parquet"
    dest.write_bytes(b"previous copy")
    with pytest.raises(DownloadFailed) as info:
        fetch(server.url("/votes.parquet"), dest, sha256=sha, progress=False, name="dgacm")
    message = str(info.value)
    assert "dgacm votes.parquet" in message and server.url("/votes.parquet") in message
    assert "resume" in message and f"{len(data):,}" in message
    assert dest.read_bytes() == b"previous copy"                        # nothing replaced
    part = dest.with_name("votes.parquet.part")
    assert part.read_bytes() == data[:20_000]
    server.truncate_at = None
    fetch(server.url("/votes.parquet"), dest, sha256=sha, progress=False, name="dgacm")
    assert server.log[-1][1] == "bytes=20000-"
    assert dest.read_bytes() == data and not part.exists()


def test_checksum_mismatch_names_everything_and_replaces_nothing(server, real_file, tmp_path):
    data, sha = real_file
    server.files["/votes.parquet"] = data
    dest = tmp_path / "votes.parquet"
    dest.write_bytes(b"previous copy")
    wrong = "0" * 64
    with pytest.raises(ChecksumMismatch) as info:
        fetch(server.url("/votes.parquet"), dest, sha256=wrong, progress=False, name="dgacm")
    message = str(info.value)
    for needle in ("dgacm", wrong, sha, server.url("/votes.parquet"), "nothing was replaced"):
        assert needle in message
    assert dest.read_bytes() == b"previous copy"
    assert not dest.with_name("votes.parquet.part").exists()


def test_trust_on_first_use_records_then_requires_the_same_file(server, real_file, tmp_path, pins_home, capsys):
    data, sha = real_file
    url = server.url("/votes.parquet")
    server.files["/votes.parquet"] = data
    dest = tmp_path / "votes.parquet"
    fetch(url, dest, progress=False, name="dgacm")
    assert "no checksum is pinned" in capsys.readouterr().err
    assert json.loads((pins_home / "pins.json").read_text())[url]["sha256"] == sha
    fetch(url, dest, progress=False, name="dgacm")                       # same file: fine
    assert "matches the sha256 recorded on first download" in capsys.readouterr().err
    changed = data[:-10] + b"0123456789"
    server.files["/votes.parquet"] = changed
    with pytest.raises(ChecksumMismatch) as info:
        fetch(url, dest, progress=False, name="dgacm")
    assert "--accept-new" in str(info.value) and sha in str(info.value)
    assert dest.read_bytes() == data
    fetch(url, dest, progress=False, name="dgacm", accept_new=True)
    assert dest.read_bytes() == changed
    assert json.loads((pins_home / "pins.json").read_text())[url]["sha256"] == hashlib.sha256(changed).hexdigest()


def test_http_errors_and_dropped_connections_are_download_failed(server, tmp_path):
    with pytest.raises(DownloadFailed, match=r"HTTP 404.*new URL"):
        fetch(server.url("/missing.json"), tmp_path / "m.json", progress=False, name="dgacm")

    def refuse(request):
        raise httpx.ConnectError("connection refused", request=request)

    with pytest.raises(DownloadFailed, match=r"dgacm 80\.json from https://example\.org/80\.json failed: connection refused"):
        fetch("https://example.org/80.json", tmp_path / "80.json", transport=httpx.MockTransport(refuse),
              progress=False, name="dgacm")
    assert not (tmp_path / "80.json").exists()


def test_wrong_content_range_restarts(tmp_path, real_file):
    """A server answering a resume with another range than asked (MockTransport: ours cannot be told to)."""
    data, sha = real_file
    seen = []

    def handler(request):
        seen.append(request.headers.get("Range"))
        if request.headers.get("Range"):
            return httpx.Response(206, headers={"Content-Range": f"bytes 0-{len(data) - 1}/{len(data)}"}, content=data)
        return httpx.Response(200, content=data)

    dest = tmp_path / "votes.parquet"
    dest.with_name("votes.parquet.part").write_bytes(data[:100])
    fetch("https://example.org/votes.parquet", dest, sha256=sha, transport=httpx.MockTransport(handler),
          progress=False)
    assert seen == ["bytes=100-", None] and dest.read_bytes() == data


def test_progress_bar_goes_to_stderr(server, real_file, tmp_path, capsys):
    data, sha = real_file
    server.files["/votes.parquet"] = data
    fetch(server.url("/votes.parquet"), tmp_path / "v.parquet", sha256=sha, progress=True, name="dgacm")
    assert capsys.readouterr().out == ""
    assert fetch_module.pins_path().parent.name == "home"
