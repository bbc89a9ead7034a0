"""Refreshing datasets: the UN extract parser, safe ingest, atomic swaps (under kill -9), list/verify/cite.

No network: the nine upstream files of ``dgacm`` are rebuilt in the real extract layout from the snapshot
(the layouts of ``data_extract/74.json``, ``77.json``, ``80.json`` and ``ES-11.json`` at UNxml/GAresolutions,
read with the search tool) and served by a real HTTP server on 127.0.0.1; a forwarding transport sends the
real upstream URLs there.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import httpx
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from entente import config, ingest, refresh, warehouse
from entente.cli import main
from entente.config import snapshot_dir
from entente.errors import ChecksumMismatch, DownloadFailed, SchemaError, SourceError
from entente.sources import dgacm, refreshed_dir, registry
from test_fetch import Server

DATA = Path(__file__).parent / "data"
RES, VOTES = "unga/dgacm_resolutions.parquet", "unga/dgacm_votes.parquet"
SESSION_NAMES = {"74": "Seventy-fourth session", "75": "Seventy-fifth session", "76": "Seventy-sixth session",
                 "77": "Seventy-seventh session", "78": "Seventy-eighth session", "79": "Seventy-ninth session",
                 "80": "Eightieth session", "ES-10": "Tenth emergency special session",
                 "ES-11": "Eleventh emergency special session"}


# --- the upstream extract, rebuilt in its real layout from the snapshot rows ------------------------

def _snapshot():
    return (pd.read_parquet(snapshot_dir() / RES), pd.read_parquet(snapshot_dir() / VOTES))


def extract_record(r, votes: pd.DataFrame) -> str:
    """One line of ``data_extract/<session>.json`` for snapshot resolution ``r``, in its session's layout.

    Seen upstream: 74 writes ``"voting_type": "By a recorded vote"``, dates ``2019-11-07 00:00:00`` and
    ASCII-escaped JSON with ", " separators; 75–77 compact UTF-8 JSON, dates ``12 December 2022``; 78–80
    ``"voting_type": "adoptedRecordedVote"`` plus ``"adoption_type"``; ES-11 only ``"adoption_type"``.
    Subjects carry their vocabulary (and an agenda entry that is not UNBIS); a name listed twice in the
    source (A/RES/75/290 A) is listed twice again, so that ``n_*_listed`` comes back the same.
    """
    lists = {}
    for vote, key, listed in (("yes", "MS_in_favour", r.n_yes_listed), ("no", "MS_against", r.n_no_listed),
                              ("abstain", "MS_abstaining", r.n_abstain_listed)):
        names = votes[votes.vote == vote].ms_name.tolist()
        lists[key] = names * 2 if listed and listed == 2 * len(names) else names
    tally = {key: "N.A." if pd.isna(value) else str(int(value)) for key, value in
             (("MS_in_favour_count", r.yes_count), ("MS_against_count", r.no_count),
              ("MS_abstaining_count", r.abstain_count))}
    date = r.adoption_date
    subjects = [[s, "UNBIS Thesaurus"] for s in r.subjects_unbis.split("|") if s]
    sdgs = [s for s in r.sdgs.split("|") if s]
    head = {"symbol": r.symbol, "resolution_number": r.resolution_number, "title": r.title,
            "session": SESSION_NAMES[r.session], "adoption_meeting": "plenary meeting"}
    middle = {"originating_document": r.draft, "report_paragraph": "N.A.", "committee": r.committee,
              "agenda_item": r.agenda_item, "agenda_item_name": r.agenda_item_name}
    if r.session == "74":
        record = {**head, "adoption_date": f"{date:%Y-%m-%d} 00:00:00", **middle, "voting_type": "By a recorded vote",
                  **tally, "pv": r.meeting, **lists, "sponsors": [], "additional_sponsors": [], "SDGs": sdgs,
                  "subjects": subjects}
        return json.dumps(record)
    if r.session.startswith("ES"):
        record = {**head, "adoption_date": f"{date.day} {date:%B %Y}", **middle, "adoption_type": "By a recorded vote",
                  **tally, "pv": r.meeting, **lists, "sponsors": [], "additional_sponsors": [], "SDGs": sdgs,
                  "subjects": subjects}
        return json.dumps(record)
    late = r.session in ("78", "79", "80")
    record = {"symbol": r.symbol, "pv": r.meeting, **head, "adoption_date": f"{date.day} {date:%B %Y}", **middle,
              "sponsors": [], "additional_sponsors": [],
              "voting_type": "adoptedRecordedVote" if late else "By a recorded vote", "SDGs": sdgs, **lists, **tally,
              **({"adoption_type": "By a recorded vote"} if late else {}),
              "subjects": subjects + [[r.agenda_item.split()[-1], f"A/{r.session}/251"]]}
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


# Two real records adopted without a vote (A/RES/80/5 as in 80.json, A/RES/74/1 as in 74.json, lists cut):
# parse() must skip them.
WITHOUT_VOTE = {
    "80.json": json.dumps({"symbol": "A/RES/80/5", "pv": "A/80/PV.28", "resolution_number": "80/5.",
                           "title": "Doha Political Declaration of the “World Social Summit” under the title “the "
                           "Second World Summit for Social Development”", "session": "Eightieth session",
                           "adoption_meeting": "28th plenary meeting", "adoption_date": "4 November 2025",
                           "originating_document": "A/80/L.5", "report_paragraph": "N.A.",
                           "committee": "Without reference to a Main Committee", "agenda_item": "Agenda item 25 (b)",
                           "agenda_item_name": "Social development", "sponsors": [], "additional_sponsors": [],
                           "voting_type": "adoptedWithoutVote", "SDGs": [], "MS_in_favour": [], "MS_against": [],
                           "MS_abstaining": [], "MS_in_favour_count": "0", "MS_against_count": "0",
                           "MS_abstaining_count": "0", "adoption_type": "Without a vote",
                           "subjects": [["SOCIAL DEVELOPMENT", "UNBIS Thesaurus"], ["25b", "A/80/251"]]},
                          ensure_ascii=False, separators=(",", ":")),
    "74.json": json.dumps({"symbol": "A/RES/74/1", "resolution_number": "74/1.", "title": "Scale of assessments for "
                           "the apportionment of the expenses of the United Nations: requests under Article 19 of "
                           "the Charter", "session": "Seventy-fourth session", "adoption_meeting": "14th plenary meeting",
                           "adoption_date": "2019-10-10 00:00:00", "originating_document": "A/74/483",
                           "report_paragraph": "6", "committee": "Fifth Committee", "agenda_item": "Agenda item 139",
                           "agenda_item_name": "Scale of assessments for the apportionment of the expenses of the "
                           "United Nations", "voting_type": "Without a vote", "MS_in_favour_count": "N.A.",
                           "MS_against_count": "N.A.", "MS_abstaining_count": "N.A.", "pv": "A/74/PV.14",
                           "MS_in_favour": [], "MS_against": [], "MS_abstaining": [], "sponsors": [],
                           "additional_sponsors": [], "SDGs": [],
                           "subjects": [["Comoros", "UNBIS Thesaurus"], ["Somalia", "UNBIS Thesaurus"]]}),
}


def write_extract(folder: Path, resolutions: pd.DataFrame, votes: pd.DataFrame) -> Path:
    """Write ``resolutions`` as the upstream files (one per ``source_file``), in the files' own order."""
    folder.mkdir(parents=True, exist_ok=True)
    by_symbol = dict(tuple(votes.groupby("symbol", sort=False)))
    for source_file, group in resolutions.groupby("source_file"):
        name = Path(source_file).name
        lines = [extract_record(r, by_symbol.get(r.symbol, votes.iloc[:0])) for r in group.itertuples(index=False)]
        if name in WITHOUT_VOTE:
            lines.insert(1, WITHOUT_VOTE[name])
        lines.sort(key=lambda line: json.loads(line)["symbol"])            # upstream files sort by symbol text
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def extracts(tmp_path_factory):
    """``new``: all 731 recorded votes; ``old``: the same files before the last batch of session 80 (the
    extract is uploaded in batches, SOURCES.md §1c): its 12 latest resolutions missing."""
    res, votes = _snapshot()
    root = tmp_path_factory.mktemp("extract")
    new = write_extract(root / "new", res, votes)
    latest = set(res[res.session == "80"].sort_values(["adoption_date", "symbol"]).symbol.tail(12))
    old = write_extract(root / "old", res[~res.symbol.isin(latest)], votes[~votes.symbol.isin(latest)])
    counts = {"new": (len(res), len(votes)),
              "old": (len(res) - len(latest), int((~votes.symbol.isin(latest)).sum()))}
    return {"new": new, "old": old, "counts": counts}


def _sorted(table: pa.Table, keys) -> pa.Table:
    return table.sort_by([(k, "ascending") for k in keys]).replace_schema_metadata(None)


# --- parse() on the real layout ---------------------------------------------------------------------

def test_dgacm_parse_gives_back_the_snapshot_rows(tmp_path):
    res, votes = _snapshot()
    symbols = ["A/RES/74/9", "A/RES/74/10", "A/RES/75/254 A-C", "A/RES/75/290 A", "A/RES/77/124", "A/RES/77/293",
               "A/RES/80/4", "A/RES/80/7", "A/RES/ES-11/1", "A/RES/ES-11/6"]
    few = res[res.symbol.isin(symbols)]
    folder = write_extract(tmp_path, few, votes[votes.symbol.isin(symbols)])
    # The extract writes some names decomposed or padded: "T\u00dcRKI\u0307YE" (ES-11.json), "COMOROS " (80.json).
    for name in ("ES-11.json", "80.json"):
        text = (folder / name).read_text(encoding="utf-8")
        text = text.replace("TÜRKİYE", "T\u00dcRKI\u0307YE").replace('"CUBA"', '"CUBA "')
        (folder / name).write_text(text, encoding="utf-8")
    with ingest.collecting() as rejects:
        parts = [dgacm.parse(path) for path in sorted(folder.glob("*.json"))]
    assert rejects == []
    got_res = pa.concat_tables([p[RES] for p in parts])
    got_votes = pa.concat_tables([p[VOTES] for p in parts])
    want_res = pq.read_table(snapshot_dir() / RES).filter(pa.compute.is_in(pa.compute.field("symbol"),
                                                                            pa.array(symbols)))
    want_votes = pq.read_table(snapshot_dir() / VOTES).filter(pa.compute.is_in(pa.compute.field("symbol"),
                                                                                pa.array(symbols)))
    assert got_res.num_rows == len(symbols) and got_votes.num_rows == want_votes.num_rows == 1468
    assert _sorted(got_res, ["symbol"]).equals(_sorted(want_res, ["symbol"]))
    assert _sorted(got_votes, ["symbol", "ccode"]).equals(_sorted(want_votes, ["symbol", "ccode"]))


def test_dgacm_parse_sets_aside_bad_lines_with_numbers(tmp_path):
    res, votes = _snapshot()
    symbols = ["A/RES/80/4", "A/RES/80/6", "A/RES/80/7"]
    folder = write_extract(tmp_path, res[res.symbol.isin(symbols)], votes[votes.symbol.isin(symbols)])
    path = folder / "80.json"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["symbol"] for x in lines] == ["A/RES/80/4", "A/RES/80/5", "A/RES/80/6", "A/RES/80/7"]
    lines[2] = lines[2].replace('"ALBANIA"', '"ATLANTIS"')            # A/RES/80/6: a name that is no state
    rec = json.loads(lines[3])                                       # A/RES/80/7: Israel both yes and no
    rec["MS_against"].append("ISRAEL")
    lines[3] = json.dumps(rec, ensure_ascii=False, separators=(",", ":"))
    lines.insert(1, lines[0][: len(lines[0]) // 2])                    # line 2: a record cut in half
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with ingest.collecting() as gathered:
        out = dgacm.parse(path)
    found = pd.concat(gathered)
    assert found.line.tolist() == [2, 4, 5]
    assert found.reason.str.contains("not a JSON object").iat[0]
    assert "ATLANTIS" in found.reason.iat[1] and "A/RES/80/6" in found.reason.iat[1]
    assert "ISRAEL is listed as both yes and no" in found.reason.iat[2]
    assert (found.file == "80.json").all()
    got = out[VOTES].to_pandas()
    want = votes[votes.symbol.isin(symbols)]
    assert len(got) == len(want) - 2                                 # Albania on 80/6, Israel on 80/7
    assert not ((got.symbol == "A/RES/80/7") & (got.iso3c == "ISR")).any()
    assert out[RES].num_rows == 3
    assert ingest.summary(found, "dgacm") == ("3 malformed lines set aside: 80.json lines 2, 4, 5 — "
                                              "see `entente data rejects dgacm`")


def test_dgacm_truncated_file_and_changed_layout_are_errors(tmp_path):
    res, votes = _snapshot()
    symbols = ["A/RES/ES-11/1", "A/RES/ES-11/4", "A/RES/ES-11/6"]
    folder = write_extract(tmp_path, res[res.symbol.isin(symbols)], votes[votes.symbol.isin(symbols)])
    path = folder / "ES-11.json"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 500])
    with pytest.raises(SourceError, match=r"dgacm: ES-11\.json is truncated: its last line \(line 3\)"):
        dgacm.parse(path)
    path.write_bytes(data.replace(b'"MS_in_favour"', b'"in_favour"').replace(b'"MS_against"', b'"against"'))
    with pytest.raises(SchemaError) as info:
        dgacm.parse(path)
    message = str(info.value)
    assert "3 of 3 records lack ['MS_against', 'MS_in_favour']" in message
    assert "'in_favour'" in message and "Expected keys" in message and "parse() needs updating" in message


# --- read_delimited on real GDELT lines -------------------------------------------------------------

GDELT2_COLUMNS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode "
    "Actor1EthnicCode Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
    "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code "
    "Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code IsRootEvent EventCode EventBaseCode "
    "EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles AvgTone Actor1Geo_Type "
    "Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long "
    "Actor1Geo_FeatureID Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code "
    "Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID ActionGeo_Type ActionGeo_FullName "
    "ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID "
    "DATEADDED SOURCEURL").split()   # GDELT's own documentation (gdeltPyR data/events2.csv), 61 columns
GDELT2_TYPES = {"GLOBALEVENTID": "int64", "SQLDATE": "date32", "Year": "int16", "QuadClass": "int8",
                "GoldsteinScale": "float64", "NumMentions": "int32", "AvgTone": "float64", "DATEADDED": "int64"}


def test_read_delimited_sets_aside_corrupt_lines_of_a_real_gdelt_export(tmp_path):
    raw = gzip.decompress((DATA / "gdelt2_20241022130000_export_head300.CSV.gz").read_bytes()).split(b"\n")
    assert raw[-1] == b"" and len(raw) == 301
    lines = raw[:-1]
    lines[16] = lines[16].rsplit(b"\t", 1)[0]                        # line 17: SOURCEURL missing (60 fields)
    lines[203] = lines[203][:30] + b"\xe9" + lines[203][30:]          # line 204: a Latin-1 byte, not UTF-8
    fields = lines[250].split(b"\t")
    fields[1] = b"2024-13-45"                                        # line 251: an impossible SQLDATE
    lines[250] = b"\t".join(fields)
    path = tmp_path / "20241022130000.export.CSV.gz"
    path.write_bytes(gzip.compress(b"\n".join(lines) + b"\n"))
    with ingest.collecting() as gathered:
        table, rejects = ingest.read_delimited(path, GDELT2_COLUMNS, GDELT2_TYPES, dataset="gdelt")
    assert rejects.line.tolist() == [17, 204, 251]
    assert rejects.reason.iat[0] == "expected 61 fields, found 60"
    assert rejects.reason.iat[1].startswith("not valid utf-8: byte 0x")
    assert "SQLDATE" in rejects.reason.iat[2] and "2024-13-45" in rejects.reason.iat[2]
    assert rejects.text.iat[0].startswith(lines[16][:20].decode())
    assert table.num_rows == 297
    assert table.schema.field("SQLDATE").type == pa.date32() and table.schema.field("AvgTone").type == pa.float64()
    ids = table["GLOBALEVENTID"].to_pylist()
    assert ids[0] == 1205570994 and len(set(ids)) == 297
    assert len(gathered) == 1 and (gathered[0].file == path.name).all()
    assert ingest.summary(gathered[0], "gdelt").startswith("3 malformed lines set aside: "
                                                           "20241022130000.export.CSV.gz lines 17, 204, 251")


def test_read_delimited_refuses_another_layout(tmp_path):
    with pytest.raises(SchemaError) as info:
        ingest.read_delimited(DATA / "gdelt1_20151207_export_head40.CSV.gz", GDELT2_COLUMNS, dataset="gdelt")
    message = str(info.value)
    assert "40 of 40 lines do not have 61 fields (most have 58)" in message and "SOURCEURL" in message
    cut = tmp_path / "cut.CSV.gz"
    cut.write_bytes((DATA / "gdelt2_20241022130000_export_head300.CSV.gz").read_bytes()[:12_000])
    with pytest.raises(SourceError, match="damaged or truncated"):
        ingest.read_delimited(cut, GDELT2_COLUMNS, dataset="gdelt")


# --- update: download, check, swap ------------------------------------------------------------------

class Mirror(httpx.BaseTransport):
    """Sends requests for the real upstream URLs to the local server (same path), over real HTTP."""

    def __init__(self, server: Server):
        self.server, self.inner = server, httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.url = httpx.URL(self.server.url(request.url.raw_path.decode()))
        request.headers["host"] = request.url.netloc.decode()
        return self.inner.handle_request(request)


@pytest.fixture
def upstream(extracts):
    """The local server, serving the ``new`` extract at the upstream URLs' paths."""
    server = Server()
    serve(server, extracts["new"])
    yield server
    server.close()


def serve(server: Server, folder: Path) -> None:
    for u in dgacm.SOURCE.upstream:
        server.files[httpx.URL(u.url).path] = (folder / u.filename).read_bytes()


def counts(path: Path | None = None) -> dict:
    """Rows of the dgacm tables, their _provenance rows and sha256, read from the warehouse file as it is."""
    con = duckdb.connect(str(path or config.warehouse_path()), read_only=True)
    try:
        out = {}
        for table in ("dgacm_resolutions", "dgacm_votes"):
            rows, sha = con.execute("SELECT rows, sha256 FROM _provenance WHERE table_name = ?", [table]).fetchone()
            key = "symbol" if table == "dgacm_resolutions" else "symbol || '|' || ccode"
            actual, distinct = con.execute(f"SELECT count(*), count(DISTINCT {key}) FROM {table}").fetchone()
            out[table] = {"rows": rows, "count": actual, "distinct": distinct, "sha256": sha}
        out["fingerprint"] = con.execute("SELECT value FROM _meta WHERE key = 'fingerprint'").fetchone()[0]
        return out
    finally:
        con.close()


def pair(c: dict) -> tuple[int, int]:
    return c["dgacm_resolutions"]["count"], c["dgacm_votes"]["count"]


@pytest.mark.slow    # over 6 s on 2 cores: the full suite (CI's first run) keeps it
def test_update_downloads_parses_and_swaps_in(fresh_home, upstream, extracts, capsys):
    result = refresh.update("dgacm", transport=Mirror(upstream), progress=False)
    assert result.status == "updated" and len(result.rejects) == 0
    assert result.rows == {RES: 731, VOTES: 128_399}
    assert sorted(path for path, _ in upstream.log) == sorted(httpx.URL(u.url).path for u in dgacm.SOURCE.upstream)
    assert "no checksum is pinned" in capsys.readouterr().err            # trust on first use, said so
    pins = json.loads((fresh_home / "pins.json").read_text())
    assert len(pins) == 9 and {p["dataset"] for p in pins.values()} == {"dgacm"}
    # The refreshed copy is what Source.path serves, and it holds the snapshot's rows.
    manifest = json.loads((refreshed_dir("dgacm") / "manifest.json").read_text())
    assert manifest["origin"] == "download" and manifest["version"] == dgacm.SOURCE.version
    path = dgacm.SOURCE.path(VOTES)
    assert path == refreshed_dir("dgacm") / manifest["generation"] / VOTES
    assert _sorted(pq.read_table(path), ["symbol", "ccode"]).equals(
        _sorted(pq.read_table(snapshot_dir() / VOTES), ["symbol", "ccode"]))
    # The warehouse was swapped in, current, and built from the refreshed files.
    c = counts()
    assert pair(c) == (731, 128_399) and c["fingerprint"] == warehouse.fingerprint()
    assert c["dgacm_votes"]["sha256"] == manifest["files"][VOTES]["sha256"] != dgacm.SOURCE.files[VOTES]
    prov = warehouse.provenance(warehouse.connection()).set_index("table_name")
    assert prov.loc["dgacm_votes", "origin"] == "download" and pd.notna(prov.loc["dgacm_votes", "refreshed_at"])
    assert prov.loc["unvotes_votes", "origin"] == "snapshot"
    # Unchanged upstream: nothing to do, nothing rebuilt; --force: parsed again, same rows, no duplicates.
    inode = config.warehouse_path().stat().st_ino
    again = refresh.update("dgacm", transport=Mirror(upstream), progress=False)
    assert again.status == "unchanged" and config.warehouse_path().stat().st_ino == inode
    forced = refresh.update("dgacm", transport=Mirror(upstream), progress=False, force=True)
    assert forced.status == "updated" and forced.manifest["generation"] != manifest["generation"]
    c2 = counts()
    assert pair(c2) == (731, 128_399)
    for table in ("dgacm_resolutions", "dgacm_votes"):
        assert c2[table]["count"] == c2[table]["rows"] == c2[table]["distinct"]
    # Files trusted on first use are downloaded again by each update, to notice an upstream change.
    assert len(upstream.log) == 27


def _state(root: Path) -> dict:
    files = {p.relative_to(root): p.read_bytes() for p in (root / "refreshed").rglob("*")
             if p.is_file() and not p.name.endswith(".lock")}
    return {"files": files, "warehouse": counts(), "inode": config.warehouse_path().stat().st_ino}


@pytest.mark.slow    # over 6 s on 2 cores: the full suite (CI's first run) keeps it
def test_checksum_mismatch_and_truncation_leave_everything_as_it_was(fresh_home, upstream, extracts):
    mirror = Mirror(upstream)
    refresh.update("dgacm", transport=mirror, progress=False)
    before = _state(fresh_home)
    path80 = httpx.URL(dgacm.SOURCE.upstream[6].url).path
    first = upstream.files[path80]
    upstream.files[path80] = (extracts["old"] / "80.json").read_bytes()        # upstream changed 80.json
    with pytest.raises(ChecksumMismatch) as info:
        refresh.update("dgacm", transport=mirror, progress=False)
    message = str(info.value)
    assert "dgacm 80.json" in message and hashlib.sha256(first).hexdigest() in message
    assert hashlib.sha256(upstream.files[path80]).hexdigest() in message and "--accept-new" in message
    assert _state(fresh_home) == before
    # A body cut short: DownloadFailed, nothing changed, and the next attempt resumes the partial file.
    upstream.files[path80] = first
    cached = fresh_home / "downloads" / "dgacm" / "80.json"
    cached.unlink()
    upstream.truncate_at, upstream.truncate_only = 50_000, path80
    with pytest.raises(DownloadFailed, match=r"dgacm 80\.json .* was cut short \(got 50,000 of"):
        refresh.update("dgacm", transport=mirror, progress=False)
    assert _state(fresh_home) == before
    upstream.truncate_at = None
    result = refresh.update("dgacm", transport=mirror, progress=False)
    assert (path80, "bytes=50000-") in upstream.log
    assert result.status == "unchanged" and _state(fresh_home)["warehouse"] == before["warehouse"]
    # Accepting the changed file re-pins it and refreshes (the last 12 resolutions of session 80 go).
    upstream.files[path80] = (extracts["old"] / "80.json").read_bytes()
    result = refresh.update("dgacm", transport=mirror, progress=False, accept_new=True)
    assert result.status == "updated" and pair(counts()) == extracts["counts"]["old"]


def test_changed_column_layout_is_a_schema_error(fresh_home, extracts, monkeypatch):
    refresh.update("dgacm", file=extracts["old"], progress=False)
    before = _state(fresh_home)
    real = dgacm.parse

    def renamed(path):
        out = real(path)
        votes = out[VOTES]
        out[VOTES] = votes.rename_columns(["vote_choice" if c == "vote" else c for c in votes.column_names])
        return out

    monkeypatch.setattr(dgacm, "parse", renamed)
    with pytest.raises(SchemaError) as info:
        refresh.update("dgacm", file=extracts["new"], progress=False)
    message = str(info.value)
    assert message.startswith("dgacm: the refreshed unga/dgacm_votes.parquet has another column layout")
    assert "missing ['vote']" in message and "unexpected ['vote_choice']" in message
    assert "'ms_name', 'vote', 'vote_code'" in message and "previous data stays in use" in message
    assert _state(fresh_home) == before


def test_source_path_prefers_a_verified_refreshed_copy(fresh_home, extracts):
    assert dgacm.SOURCE.path(VOTES) == snapshot_dir() / VOTES
    refresh.update("dgacm", file=extracts["old"], progress=False)
    manifest = json.loads((refreshed_dir("dgacm") / "manifest.json").read_text())
    copy = refreshed_dir("dgacm") / manifest["generation"] / VOTES
    assert dgacm.SOURCE.path(VOTES) == copy
    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0xFF
    copy.write_bytes(bytes(data))
    with pytest.raises(ChecksumMismatch, match=r"dgacm.*entente data update dgacm"):
        dgacm.SOURCE.path(VOTES)
    code = main(["data", "verify"])
    assert code == 1
    # A refresh made against another snapshot file is not used (the package shipped a newer snapshot).
    manifest["files"][VOTES]["snapshot_sha256"] = "0" * 64
    (refreshed_dir("dgacm") / "manifest.json").write_text(json.dumps(manifest))
    with pytest.warns(UserWarning, match="another version of the bundled snapshot"):
        assert dgacm.SOURCE.path(VOTES) == snapshot_dir() / VOTES


def test_update_without_a_parser_says_so(fresh_home, capsys, monkeypatch):
    # Every bundled source has a parser today; take one away to check what a new, unparsed source says.
    name = "ties"
    monkeypatch.delattr(registry()[name], "parse")
    with pytest.raises(SourceError, match=rf"{name} cannot be refreshed yet: .* has no parse\(\)"):
        refresh.update(name, progress=False)
    assert main(["data", "update", name, "--quiet"]) == 1
    assert f"{name} cannot be refreshed yet" in capsys.readouterr().err


# --- CLI: update with rejects, list, verify, rejects, cite --------------------------------------------

def test_cli_update_list_verify_rejects(fresh_home, extracts, tmp_path, capsys):
    folder = tmp_path / "upstream"
    folder.mkdir()
    for path in extracts["new"].iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    lines = (folder / "79.json").read_text(encoding="utf-8").splitlines()
    lines.insert(16, lines[16][:-40])                                # line 17: a record cut short
    record = json.loads(lines[40])                                   # line 41: a state that does not exist
    record["MS_in_favour"][0] = "ZEMBLA"
    lines[40] = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    (folder / "79.json").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["data", "update", "dgacm", "--file", str(folder), "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert ("Updated dgacm: dgacm_resolutions 731, dgacm_votes 128,399 → 128,398 rows (file); "
            "2 malformed lines set aside.") in out
    assert ("2 malformed lines set aside: 79.json lines 17, 41 — see `entente data rejects dgacm`") in err
    assert main(["data", "rejects", "dgacm", "--format", "json"]) == 0
    found = pd.DataFrame(json.loads(capsys.readouterr().out))
    assert found.line.tolist() == [17, 41] and "ZEMBLA" in found.reason.iat[1]
    assert main(["data", "list", "--format", "json"]) == 0
    listing = pd.DataFrame(json.loads(capsys.readouterr().out)).set_index("name")
    assert listing.loc["dgacm", "coverage"] == "2019–2026" and listing.loc["dgacm", "rows"] == 731 + 128_398
    assert listing.loc["dgacm", "refreshed"].endswith("UTC (file)")
    assert listing.loc["unvotes", "refreshed"] == "snapshot" and listing.loc["unvotes", "coverage"] == "1946–2020"
    assert listing.loc["cow_states", "licence"].startswith("Distributed free of charge")
    assert main(["data", "verify"]) == 0
    assert "checks passed" in capsys.readouterr().out
    warehouse.connection().close()
    warehouse.connection.cache_clear()
    con = duckdb.connect(str(config.warehouse_path()))                   # tamper with the warehouse
    con.execute("DELETE FROM dgacm_votes WHERE iso3c = 'IRN'")
    con.close()
    assert main(["data", "verify"]) == 1
    err = capsys.readouterr().err
    assert "MISMATCH dgacm dgacm_votes: rows in the warehouse against _provenance: expected 128398, got 127" in err


def test_cite_brief_lists_what_the_brief_uses(home, capsys):
    from entente.brief.content import assemble
    from entente.sources import registry

    brief = assemble("IRN", "RUS")
    evidence = {e["dataset"] for section in brief["sections"].values() for e in section.get("evidence", [])}
    assert {"unvotes", "dgacm"} <= evidence
    evidence &= set(registry())          # derived tables ("entente (derived)") are cited through their inputs
    assert main(["cite", "--brief", "IRN", "RUS"]) == 0
    out = capsys.readouterr().out
    cited = set(re.findall(r"^\[(\w+)\] ", out, flags=re.M))
    assert cited == evidence | {"cow_states", "gw_states", "countrycode"}
    for key in ("@incollection{voeten2013", "@article{bailey2017", "@misc{undgacm2026"):
        assert key in out, key
    assert main(["cite", "dgacm", "--bibtex"]) == 0
    assert capsys.readouterr().out.lstrip().startswith("@misc{undgacm2026")


# --- kill -9 at random points ------------------------------------------------------------------------

@pytest.mark.slow    # over 6 s on 2 cores: the full suite (CI's first run) keeps it
def test_kill_9_during_update_leaves_old_or_new(fresh_home, extracts, monkeypatch):
    """Kill ``entente data update dgacm --file ...`` at random points, many times: the warehouse always opens,
    its dgacm tables hold the rows _provenance records, and they are the data before or after the update."""
    want = extracts["counts"]
    refresh.update("dgacm", file=extracts["old"], progress=False)
    state = "old"
    assert pair(counts()) == want["old"]
    env = {**os.environ, "ENTENTE_HOME": str(fresh_home)}
    rng = random.Random(20261127)
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "entente", "data", "update", "dgacm", "--file", str(extracts["new"]),
                    "--quiet"], env=env, check=True, capture_output=True)
    whole = time.monotonic() - started                                 # one uninterrupted update
    state = "new"
    assert pair(counts()) == want["new"]
    killed_running, outcomes = 0, []
    for _ in range(15):
        target = "old" if state == "new" else "new"
        proc = subprocess.Popen([sys.executable, "-m", "entente", "data", "update", "dgacm", "--file",
                                 str(extracts[target]), "--quiet"], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, whole * 1.05))
        killed_running += proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        c = counts()                                                   # opens, as it is, read-only
        for table in ("dgacm_resolutions", "dgacm_votes"):
            assert c[table]["count"] == c[table]["rows"] == c[table]["distinct"], table
        assert pair(c) in (want[state], want[target])
        manifest = json.loads((refreshed_dir("dgacm") / "manifest.json").read_text())
        committed = "new" if manifest["files"][RES]["rows"] == want["new"][0] else "old"
        assert committed in (state, target)
        if c["fingerprint"] != warehouse.fingerprint():                # committed, not yet swapped in
            assert pair(c) == want[state] and committed == target
            warehouse.ensure(progress=False)                           # the next use rebuilds it
            c = counts()
        assert pair(c) == want[committed]
        assert c["dgacm_votes"]["sha256"] == manifest["files"][VOTES]["sha256"]
        outcomes.append((state, committed))
        state = committed
    assert killed_running >= 10, outcomes
    # A last, whole update sweeps what the killed ones left behind.
    subprocess.run([sys.executable, "-m", "entente", "data", "update", "dgacm", "--file", str(extracts["new"]),
                    "--quiet", "--force"], env=env, check=True, capture_output=True)
    assert pair(counts()) == want["new"]
    assert not list(fresh_home.glob("warehouse.duckdb.staged-*")) and not list(fresh_home.glob("warehouse.duckdb.building-*"))
    leftovers = [p.name for p in refreshed_dir("dgacm").iterdir() if p.is_dir()]
    assert len(leftovers) <= 2 and not [n for n in leftovers if n.startswith(".staging")]
