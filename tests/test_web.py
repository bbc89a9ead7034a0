"""The web app (``entente serve``): every page and its .json/.csv/.md, values against the Python API and
hand-written SQL, ETags, the one error shape for hostile input, and the guards (body size, rate, time).

The app is the real one over the session's warehouse (built from the bundled snapshot in a temporary
ENTENTE_HOME, tests/conftest.py); the client is Starlette's TestClient.
"""

from __future__ import annotations

import io
import socket
import threading
import time

import duckdb
import pandas as pd
import pytest
import uvicorn
from fastapi import Request
from fastapi.testclient import TestClient

from entente import catalog, warehouse
from entente.pair import alignment as pair_alignment
from entente.pair import evidence
from entente.sources import records
from entente.web import create_app
from entente.web.briefs import LiveBriefs
from entente.web.db import Warehouse, data_version
from entente.web.errors import ServerBusy
from entente.web.etag import matches, tag
from entente.web.guards import Buckets, RateLimit

PAIR = "/pair/IRN/RUS?from=1991&to=2025"
ERROR_KEYS = {"status", "code", "message", "hint"}


def hand_agreement(con, a: int, b: int, first: int, last: int) -> pd.DataFrame:
    """Per session-year, the share of roll calls both voted on where they voted alike, one abstention
    counting half: with votes coded 1 yes, 2 abstain, 3 no that is 1 − |x − y| / 2 (Voeten 2013)."""
    return con.execute(
        f"""SELECT r.year, count(*) AS n_votes, avg(1 - abs(va.vote - vb.vote) / 2) AS agree
            FROM {catalog.UNGA_VOTES} va JOIN {catalog.UNGA_VOTES} vb USING (rcid)
            JOIN {catalog.UNGA_ROLLCALLS} r USING (rcid)
            WHERE va.ccode = ? AND vb.ccode = ? AND r.year BETWEEN ? AND ?
            GROUP BY r.year ORDER BY r.year""", [a, b, first, last]).df()


def assert_error(response, status: int, code: str | None = None) -> dict:
    """The one error shape, no traceback text, and the security headers."""
    assert response.status_code == status, response.text[:300]
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS
    assert body["error"]["status"] == status
    if code is not None:
        assert body["error"]["code"] == code
    assert "Traceback" not in response.text and 'File "' not in response.text
    assert response.headers["x-content-type-options"] == "nosniff"
    return body["error"]


# ------------------------------------------------------------------------------------------ pages
@pytest.mark.slow
def test_pair_page_and_its_formats_agree_with_the_python_api(client, con):
    page = client.get(PAIR)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    # the brief's own template: its coverage box, its sections, charts in named containers
    assert 'id="coverage"' in html and 'id="alignment"' in html and 'id="trend"' in html
    for name in ("agree", "kappa", "trade", "trend"):
        assert f'<figure class="chart" data-chart="{name}">' in html
    assert "<script>" not in html          # the CSP allows scripts from /static only

    brief = client.get(PAIR.replace("/RUS?", "/RUS.json?")).json()
    assert brief["window"]["first"] == 1991 and brief["window"]["last"] == 2025
    series = pd.DataFrame(brief["sections"]["alignment"]["series"])
    api = pair_alignment.alignment("IRN", "RUS", start=1991, end=2025, con=con)
    hand = hand_agreement(con, 630, 365, 1991, 2025)
    assert series["year"].astype(int).tolist() == hand["year"].astype(int).tolist() == api["year"].tolist()
    assert series["n_votes"].astype(int).tolist() == hand["n_votes"].tolist()
    assert series["agree"].mean() == pytest.approx(hand["agree"].mean(), abs=1e-12)
    assert series["agree"].mean() == pytest.approx(api["agree"].mean(), abs=1e-12)
    assert series["kappa"].tolist() == pytest.approx(api["kappa"].tolist(), abs=1e-12)

    # the CSV of a section parses and equals the brief's rows and the API's frame
    csv = client.get(PAIR.replace("/RUS?", "/RUS.csv?") + "&section=alignment")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    frame = pd.read_csv(io.StringIO(csv.text))
    assert frame["year"].tolist() == api["year"].tolist()
    assert frame["n_votes"].tolist() == api["n_votes"].tolist()
    assert frame["agree"].tolist() == pytest.approx(api["agree"].tolist(), abs=1e-12)

    trade = pd.read_csv(io.StringIO(client.get(PAIR.replace("/RUS?", "/RUS.csv?") + "&section=trade").text))
    assert trade["year"].tolist() == [r["year"] for r in brief["sections"]["economy"]["series"]]
    assert trade["a_imports_from_b"].tolist() == pytest.approx(
        [r["a_imports_from_b"] for r in brief["sections"]["economy"]["series"]])

    md = client.get(PAIR.replace("/RUS?", "/RUS.md?"))
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    assert md.text.startswith(f"# {brief['title']}")
    assert "](/pair/IRN/RUS/charts/alignment_agree.svg?from=1991&to=2025)" in md.text
    svg = client.get("/pair/IRN/RUS/charts/alignment_agree.svg?from=1991&to=2025")
    assert svg.status_code == 200 and svg.headers["content-type"] == "image/svg+xml" and "<svg" in svg.text


@pytest.mark.slow
def test_pair_page_cites_its_datasets_and_compares(client):
    brief = client.get(PAIR.replace("/RUS?", "/RUS.json?")).json()
    sources = records()
    used = {e["dataset"] for s in brief["sections"].values() for e in s.get("evidence", [])} & set(sources)
    cited = {c["dataset"] for c in brief["citations"]}
    assert used and used <= cited
    html = client.get(PAIR).text
    for name in sorted(used)[:3]:
        for citation in sources[name].citations:
            assert citation.bibtex.split("{", 1)[1].split(",", 1)[0] in html   # its BibTeX key, to copy
    assert 'data-copy="cite-bibtex"' in html
    compared = client.get(PAIR + "&compare=CHN").text
    assert "China" in compared and 'id="comparison"' not in html


def test_names_redirect_to_codes(client):
    moved = client.get("/pair/Persia/Soviet%20Union.json?from=1991", follow_redirects=False)
    assert moved.status_code == 308 and moved.headers["location"] == "/pair/IRN/RUS.json?from=1991"
    moved = client.get("/pair/Iran/RUS.csv?section=trade&compare=China", follow_redirects=False)
    assert moved.headers["location"] == "/pair/IRN/RUS.csv?compare=CHN&section=trade"
    go = client.get("/go", params={"a": "Persia", "b": "Russia", "from": "1991", "to": ""}, follow_redirects=False)
    assert go.status_code == 303 and go.headers["location"] == "/pair/IRN/RUS?from=1991"


def test_home_page_and_suggestions(client):
    page = client.get("/")
    assert page.status_code == 200 and "/pair/IRN/RUS?from=1991" in page.text
    for fmt, kind in (("json", "application/json"), ("csv", "text/csv"), ("md", "text/markdown")):
        response = client.get(f"/index.{fmt}")
        assert response.status_code == 200 and response.headers["content-type"].startswith(kind)
    examples = client.get("/index.json").json()["examples"]
    assert pd.read_csv(io.StringIO(client.get("/index.csv").text))["href"].tolist()[-len(examples):] == \
        [e["href"] for e in examples]
    persia = client.get("/api/suggest", params={"q": "Persia"}).json()
    assert persia[0]["code"] == "IRN" and persia[0]["matched"] == "Persia"
    soviet = client.get("/api/suggest", params={"q": "Soviet"}).json()
    assert soviet[0]["ccode"] == 365
    assert client.get("/api/suggest", params={"q": "zzzzqqq"}).json() == []
    assert client.get("/api/suggest", params={"q": "Tehran"}).json()[0]["code"] == "IRN"      # the resolver's capitals
    assert client.get("/api/suggest", params={"q": "630"}).json()[0]["code"] == "IRN"
    assert client.get("/api/resolve", params={"q": "Persia"}).json()["ccode"] == 630


def test_sources_page_is_the_provenance_table(client, con):
    html = client.get("/sources")
    assert html.status_code == 200 and "_provenance" in html.text
    prov = warehouse.provenance(con)
    frame = pd.read_csv(io.StringIO(client.get("/sources.csv").text))
    assert frame["table_name"].tolist() == prov["table_name"].tolist()
    assert frame["rows"].tolist() == prov["rows"].tolist()
    data = client.get("/sources.json").json()
    assert data["data_version"] == data_version(con)
    unvotes = next(d for d in data["datasets"] if d["dataset"] == "unvotes")
    held = prov[prov["dataset"] == "unvotes"]
    assert unvotes["rows"] == int(held["rows"].sum()) and unvotes["licence"] == records()["unvotes"].licence
    datasets = pd.read_csv(io.StringIO(client.get("/sources.csv", params={"table": "datasets"}).text))
    assert set(datasets["dataset"]) == set(records())
    assert client.get("/sources.md").text.startswith("# entente's datasets")


def test_check_page_gives_the_fact_checkers_verdicts(client, con):
    import entente

    text = "India and Pakistan fought four wars since 1947. Russia and Iran are allies."
    expected = entente.check(text, date="2024-06-01", con=con)
    page = client.post("/check", data={"text": text, "date": "2024-06-01"})
    assert page.status_code == 200
    for verdict in expected["verdict"]:
        assert verdict in page.text
    as_json = client.post("/check.json", data={"text": text, "date": "2024-06-01"}).json()
    assert [c["verdict"] for c in as_json["claims"]] == expected["verdict"].tolist()
    assert [c["sentence"] for c in as_json["claims"]] == expected["sentence"].tolist()
    as_csv = pd.read_csv(io.StringIO(client.get("/check.csv", params={"text": text, "date": "2024-06-01"}).text))
    assert as_csv["verdict"].tolist() == expected["verdict"].tolist()
    assert client.get("/check.md", params={"text": text}).text.startswith("# Claims checked")
    # a sentence a spreadsheet would run as a formula comes back as text (a link can carry the article)
    hostile = '=HYPERLINK("http://example.org") India and Pakistan fought four wars since 1947.'
    cells = pd.read_csv(io.StringIO(client.get("/check.csv", params={"text": hostile}).text))["sentence"]
    assert cells.tolist() == ["'" + hostile]
    assert client.get("/check").status_code == 200


def test_api_mirrors_the_python_api(client, con):
    body = client.get("/api/pair/IRN/RUS/alignment", params={"from": 1991, "to": 2025}).json()
    api = pair_alignment.alignment("IRN", "RUS", start=1991, end=2025, con=con)
    assert [r["year"] for r in body["rows"]] == api["year"].tolist()
    assert [r["agree"] for r in body["rows"]] == pytest.approx(api["agree"].tolist(), abs=1e-12)
    trade = client.get("/api/pair/IRN/RUS/trade", params={"from": 2000, "to": 2010}).json()["rows"]
    full = evidence.trade(630, 365, con=con)
    window = full[full["year"].between(2000, 2010)]
    assert [r["year"] for r in trade] == window["year"].tolist()
    assert [r["total"] for r in trade] == pytest.approx(window["total"].tolist())
    news = client.get("/api/pair/IRN/RUS/events", params={"from": 2020})
    if news.status_code == 404:        # no GDELT events ingested in this ENTENTE_HOME: said so, in the shape
        assert_error(news, 404, "no_evidence")
    else:
        assert news.status_code == 200 and all(r["period"] >= "2020" for r in news.json()["rows"])
    schema = client.get("/openapi.json").json()
    assert "/api/pair/{a}/{b}/alignment" in schema["paths"]
    assert client.get("/api/provenance").json()[0]["table_name"] == warehouse.provenance(con)["table_name"][0]


# ------------------------------------------------------------------------------------------ ETags
@pytest.mark.slow
def test_the_pair_page_answers_304_to_its_etag(client):
    first = client.get(PAIR)
    assert client.get(PAIR, headers={"If-None-Match": first.headers["etag"]}).status_code == 304
    assert client.get(PAIR + "&compare=CHN", headers={"If-None-Match": first.headers["etag"]}).status_code == 200


def test_etag_is_the_data_version_and_gives_304(client, app):
    first = client.get("/api/pair/IRN/RUS/alignment?from=2000&to=2010")
    etag = first.headers["etag"]
    assert etag == tag(app.state.warehouse.version, "/api/pair/IRN/RUS/alignment", "from=2000&to=2010")
    again = client.get("/api/pair/IRN/RUS/alignment?from=2000&to=2010", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    other = client.get("/api/pair/IRN/RUS/alignment?from=2001&to=2010", headers={"If-None-Match": etag})
    assert other.status_code == 200 and other.headers["etag"] != etag
    assert tag("another-version", "/api/pair/IRN/RUS/alignment", "from=2000&to=2010") != etag
    assert matches(f'"x", {etag}', etag) and matches(etag.removeprefix("W/"), etag) and not matches('"x"', etag)


def test_pages_that_depend_on_more_than_the_data_carry_no_etag(client):
    assert "etag" not in client.get("/").headers                  # recent pairs: the server's memory
    assert "etag" not in client.get("/check.json", params={"text": "India and Pakistan fought a war."}).headers
    assert "etag" in client.get("/sources.json").headers


def test_data_version_changes_with_provenance(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("CREATE TABLE _provenance (table_name VARCHAR, dataset VARCHAR, rows BIGINT)")
    con.execute("INSERT INTO _provenance VALUES ('t', 'd', 1)")
    before = data_version(con)
    assert data_version(con) == before
    con.execute("UPDATE _provenance SET rows = 2")
    assert data_version(con) != before


# ------------------------------------------------------------------------------------- bad input
HOSTILE = [
    ("/pair/XXX/RUS", 404, "unknown_state"),
    ("/pair/XXX/RUS.json", 404, "unknown_state"),
    ("/pair/IR%27;DROP/RUS", 400, "bad_input"),
    ("/pair/IRN/RUS%27%20OR%201=1--", 400, "bad_input"),
    ("/pair/IRN/RUS?from=1991;DROP%20TABLE%20x", 400, "invalid_parameter"),
    ("/pair/IRN/RUS?compare=CHN%27%20OR%201=1--", 400, "bad_input"),
    ("/pair/IRN/RUS.csv?section=trade%27;DROP", 400, "bad_input"),
    ("/pair/IRN/RUS?from=-99999&to=99999999", 400, "bad_input"),
    ("/pair/IRN/RUS?from=2000&to=1990", 400, "bad_input"),
    ("/pair/IRN/RUS?from=1e9", 400, "invalid_parameter"),
    ("/pair/IRN/IRN", 400, "bad_input"),
    ("/pair/" + "A" * 5000 + "/RUS", 400, "bad_input"),
    ("/api/pair/XXX/RUS/alignment", 404, "unknown_state"),
    ("/api/pair/IRN/RUS/alignment?from=99999999", 400, "bad_input"),
    ("/api/resolve?q=%27%3B%20DROP%20TABLE%20unga_votes%3B--", 400, "bad_input"),
    ("/api/suggest?q=" + "x" * 500, 400, "invalid_parameter"),
    ("/static/../../etc/passwd", 404, "not_found"),
    ("/static/%2e%2e/%2e%2e/etc/passwd", 404, "not_found"),
    ("/static/..%2f..%2fetc%2fpasswd", 404, "not_found"),
    ("/sources.exe", 400, "bad_input"),
    ("/pair/IRN/RUS/charts/..%2f..%2fwarehouse.duckdb", 404, "not_found"),
    ("/pair/IRN/RUS/charts/warehouse.duckdb", 400, "bad_input"),
    ("/no/such/page", 404, "not_found"),
    ("/check.json", 400, "bad_input"),
    ("/check?text=" + "x" * 5000, 400, "invalid_parameter"),
]


@pytest.mark.parametrize("url, status, code", HOSTILE)
def test_hostile_input_is_a_4xx_in_the_one_shape(client, url, status, code):
    response = client.get(url)
    assert_error(response, status, code)
    assert "root:" not in response.text


def test_wrong_methods_are_405(client):
    for method, url in (("delete", "/pair/IRN/RUS"), ("post", "/sources"), ("put", "/check"),
                        ("post", "/api/pair/IRN/RUS/alignment"), ("patch", "/")):
        response = client.request(method.upper(), url)
        assert_error(response, 405, "method_not_allowed")
        assert "GET" in response.headers["allow"]


def test_head_is_get_without_the_body(client):
    head, get = client.head("/sources.json"), client.get("/sources.json")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["etag"] == get.headers["etag"] and head.headers["content-length"] == get.headers["content-length"]


def test_a_ten_megabyte_post_is_413(client):
    body = b"text=" + b"x" * (10 * 1024 * 1024)
    response = client.post("/check", content=body, headers={"content-type": "application/x-www-form-urlencoded"})
    assert_error(response, 413, "payload_too_large")

    def chunks():      # no Content-Length: counted as it streams
        yield b"text="
        for _ in range(12):
            yield b"x" * (1024 * 1024)

    streamed = client.post("/check", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"})
    assert_error(streamed, 413, "payload_too_large")
    assert_error(client.post("/check", data={"text": "India and Pakistan.", "date": "not a date"}), 400, "bad_input")


def test_a_browser_gets_the_error_as_a_page(client):
    response = client.get("/pair/XXX/RUS", headers={"Accept": "text/html"})
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert "unknown state" in response.text and "Unknown country" in response.text
    assert "Traceback" not in response.text


def test_security_headers_on_every_answer(client):
    for url in ("/", "/sources.json", "/static/entente.css", "/pair/XXX/RUS"):
        headers = client.get(url).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-frame-options"] == "DENY" and headers["referrer-policy"] == "same-origin"
        assert headers["x-content-type-options"] == "nosniff"


# ---------------------------------------------------------------------------------------- guards
def test_rate_limit_per_client_and_off_switch(home):
    limited = TestClient(create_app(per_minute=60, burst=3), raise_server_exceptions=False)
    answers = [limited.get("/api/suggest?q=ir").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    refused = limited.get("/api/suggest?q=ir")
    assert_error(refused, 429, "rate_limited")
    assert int(refused.headers["retry-after"]) >= 1
    assert limited.get("/static/entente.css").status_code == 200      # static files are not counted
    free = TestClient(create_app(rate_limit=False, per_minute=60, burst=3))
    assert {free.get("/api/suggest?q=ir").status_code for _ in range(6)} == {200}


def test_buckets_refill_with_time():
    now = [0.0]
    buckets = Buckets(per_minute=60, burst=2, clock=lambda: now[0])
    assert [buckets.take("a"), buckets.take("a")] == [0.0, 0.0]
    assert buckets.take("a") == pytest.approx(1.0)     # one token a second: a second to wait
    assert buckets.take("b") == 0.0                     # another client has its own bucket
    now[0] = 1.0
    assert buckets.take("a") == 0.0


def test_a_slow_query_is_stopped_with_503(home):
    store = Warehouse(warehouse.connect(progress=False), query_seconds=0.2)
    app = create_app(warehouse=store, rate_limit=False)

    @app.get("/slow-test-only")
    def slow(request: Request):
        with request.app.state.warehouse.cursor() as con:
            return con.execute("SELECT count(*) FROM range(100000000000) a").fetchall()

    response = TestClient(app, raise_server_exceptions=False).get("/slow-test-only")
    assert_error(response, 503, "timeout")
    with store.cursor() as con:    # the connection still answers afterwards
        assert con.execute("SELECT 42").fetchall() == [(42,)]


def test_brief_builders_are_limited_and_a_long_wait_is_503():
    started, release = threading.Event(), threading.Event()

    def slow():
        started.set()
        release.wait(5)
        return "built"

    kept = LiveBriefs(builders=1, wait=0.1)
    worker = threading.Thread(target=lambda: kept.get(("a",), slow))
    worker.start()
    started.wait(5)
    with pytest.raises(ServerBusy):
        kept.get(("b",), lambda: "never")
    release.set()
    worker.join(5)
    assert kept.get(("a",), lambda: "not rebuilt") == "built"      # kept
    assert kept.get(("b",), lambda: "now") == "now"                  # the slot is free again


def test_the_warehouse_is_opened_read_only(app):
    with app.state.warehouse.cursor() as con, pytest.raises(duckdb.Error, match="read-only"):
        con.execute("CREATE TABLE hostile (x INT)")


def test_serve_command_prints_the_address(home, monkeypatch):
    from click.testing import CliRunner

    from entente.cli import serve as serve_module

    seen = {}
    monkeypatch.setattr(serve_module.uvicorn, "run", lambda app, host, port, **kw: seen.update(app=app, host=host,
                                                                                                  port=port, **kw))
    monkeypatch.setattr(serve_module.process, "freeze_startup_heap", lambda: None)   # not in the test process
    result = CliRunner().invoke(serve_module.serve, ["--port", "8123", "--no-rate-limit"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123/" in result.output
    assert seen["port"] == 8123 and seen["host"] == "127.0.0.1"
    assert seen["proxy_headers"] and seen["forwarded_allow_ips"] == "127.0.0.1"   # a local proxy names the client
    assert TestClient(seen["app"]).get("/api/resolve?q=IRN").json()["ccode"] == 630
    assert RateLimit not in {m.cls for m in seen["app"].user_middleware}
    result = CliRunner().invoke(serve_module.serve, [], env={"ENTENTE_NO_RATE_LIMIT": ""})
    assert result.exit_code == 0 and seen["port"] == 8000
    assert RateLimit in {m.cls for m in seen["app"].user_middleware}
    CliRunner().invoke(serve_module.serve, [], env={"ENTENTE_NO_RATE_LIMIT": "1"})
    assert RateLimit not in {m.cls for m in seen["app"].user_middleware}
    CliRunner().invoke(serve_module.serve, ["--forwarded-allow-ips", "10.0.0.7"])
    assert seen["forwarded_allow_ips"] == "10.0.0.7"


def test_static_files_come_from_the_package():
    from importlib import resources

    folder = resources.files("entente.web") / "static"
    assert (folder / "entente.css").is_file() and (folder / "entente.js").is_file()
    templates = resources.files("entente.web") / "templates"
    assert (templates / "base.html.j2").is_file()


def test_a_client_trickling_its_body_gets_408(home):
    """A slow client (headers sent, the body promised and held back) is answered 408 in the one error shape
    once the body's time is up, through a real uvicorn server; it does not hold the server."""
    app = create_app(rate_limit=False, body_seconds=1.0)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline
        time.sleep(0.05)
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=15) as s:
            s.sendall(b"POST /check HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                      b"Content-Length: 1000\r\n\r\ntext=India")
            began = time.monotonic()
            answer = b""
            while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
                chunk = s.recv(65536)
                if not chunk:
                    break
                answer += chunk
            waited = time.monotonic() - began
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 408"), head[:80]
        assert 0.9 <= waited < 10
        assert b'"request_timeout"' in body and b"Traceback" not in body
        assert TestClient(app).get("/api/resolve?q=IRN").json()["ccode"] == 630     # the app still answers
    finally:
        server.should_exit = True
        thread.join(timeout=10)
