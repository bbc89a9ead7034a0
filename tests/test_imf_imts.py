"""`entente data update imf_trade`: IMF IMTS (2021 onwards) from the IMF's SDMX 3.0 API, served locally.

The answer in tests/data/imf_imts/ is in the API's SDMX-CSV layout (its README says where each value comes
from); a real HTTP server on 127.0.0.1 serves it at the real query's path, and a forwarding transport sends
the real URL there. Offline is a closed local port: a real refused connection."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import httpx
import pandas as pd
import pytest

from entente import refresh
from entente.cli import main
from entente.errors import DownloadFailed, SchemaError
from entente.sources import imf_dots, imf_imts
from entente.sources._parsing import MalformedLinesWarning, malformed_lines
from http_support import Server

ANSWER = Path(__file__).parent / "data" / "imf_imts" / "imts_annual_2021_onwards.csv"
URL = httpx.URL(imf_imts.SOURCE.upstream[0].url)


class Mirror(httpx.BaseTransport):
    """Sends the real upstream request to the local server (same path and query), over real HTTP."""

    def __init__(self, server: Server):
        self.server, self.inner, self.accept = server, httpx.HTTPTransport(), []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.accept.append(request.headers.get("accept"))
        request.url = httpx.URL(self.server.url(request.url.raw_path.decode()))
        request.headers["host"] = request.url.netloc.decode()
        return self.inner.handle_request(request)


@pytest.fixture
def upstream():
    server = Server()
    server.files[URL.raw_path.decode()] = ANSWER.read_bytes()
    yield server
    server.close()


def test_parse_reads_the_sdmx_csv_answer():
    tables = imf_imts.parse(ANSWER)
    dyads = tables[imf_imts.DYAD_FILE].to_pandas().set_index(["ccode1", "ccode2", "year"])
    # France (220) imports from the United States (2), 2022: 56,004,917,567 US dollars = 56,004.918 million
    assert dyads.loc[(2, 220, 2022), "imf_imports_2from1"] == pytest.approx(56004.918)
    # Korea (732) exports to China (710), 2024: 132,902.972 million
    assert dyads.loc[(710, 732, 2024), "imf_exports_2to1"] == pytest.approx(132902.972)
    # Iran and Russia, 2020, in IMTS layout: the same figures as the DOTS workbooks give
    dots = imf_dots.parse([Path(__file__).parent / "data" / "imf_dots" / f for f in ("DOTS_95.xlsx", "DOTS_162.xlsx")])
    dots = dots[imf_dots.DYAD_FILE].to_pandas().set_index(["ccode1", "ccode2", "year"])
    for flow in imf_dots._FLOWS:
        assert dyads.loc[(365, 630, 2020), flow] == pytest.approx(dots.loc[(365, 630, 2020), flow])
    states = tables[imf_imts.STATE_FILE].to_pandas().set_index(["ccode", "year"])
    assert states.loc[(630, 2020), "imf_exports"] == pytest.approx(14209.226)      # Iran's World (G001) row
    assert imf_dots.dropped(tables[imf_imts.DYAD_FILE]) == {"partner is not_a_cow_state": 1}   # Russia → Hong Kong


def test_bad_lines_are_set_aside_and_a_changed_layout_refused(tmp_path):
    bad = tmp_path / "imts.csv"
    bad.write_text(ANSWER.read_text() + "dataflow,IMF.STA:IMTS(1.0.0),R,FRA,MG_CIF_USD,DEU,A,2022,n/a,6,,,,,,,,\n")
    with pytest.warns(MalformedLinesWarning):
        table = imf_imts.parse(bad)[imf_imts.DYAD_FILE]
    [reject] = malformed_lines(table)
    assert reject["line"] == 12 and "OBS_VALUE='n/a'" in reject["reason"]
    assert table.num_rows == 3                                       # the good lines are all there
    renamed = tmp_path / "other.csv"
    renamed.write_text(ANSWER.read_text().replace("COUNTERPART_COUNTRY", "PARTNER"))
    with pytest.raises(SchemaError, match=r"no column\(s\) \['COUNTERPART_COUNTRY'\]"):
        imf_imts.parse(renamed)


def test_update_fetches_checks_and_swaps_in(fresh_home, upstream, capsys):
    mirror = Mirror(upstream)
    result = refresh.update("imf_trade", transport=mirror, progress=False)
    assert result.status == "updated" and result.rows[imf_imts.DYAD_FILE] == 3
    assert [path for path, _ in upstream.log] == [URL.raw_path.decode()]
    assert mirror.accept == ["application/vnd.sdmx.data+csv;version=2.0.0"]     # the API answers CSV when asked
    pins = fresh_home / "pins.json"
    assert not pins.exists() or str(URL) not in json.loads(pins.read_text())     # a live query is never pinned
    capsys.readouterr()
    assert main(["trade", "FRA", "USA", "--format", "csv"]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out)).set_index("year")
    # COW to 2014, IMF DOTS 2015–2020, then IMTS: France's own report of its 2022 imports from the US
    assert (frame.at[2014, "dataset"], frame.at[2020, "dataset"], frame.at[2022, "dataset"]) == (
        "COW Trade v4.0", "IMF DOTS", "IMF IMTS")
    assert frame.at[2022, "a_imports_from_b"] == pytest.approx(56004.918)
    assert pd.isna(frame.at[2022, "estimated"]) and frame.at[2020, "estimated"] in (False, "False")  # IMTS: no flag
    assert 2021 not in frame.index                         # no IMTS figure for that year in this answer


def test_update_offline_fails_clearly_and_changes_nothing(fresh_home):
    closed = Server()
    closed.close()                                         # a port nobody listens on: a real refused connection
    with pytest.raises(DownloadFailed, match="imf_trade"):
        refresh.update("imf_trade", transport=Mirror(closed), progress=False)
    assert imf_imts.SOURCE.path(imf_imts.DYAD_FILE).parent.name == "trade"   # still the bundled (empty) file
    shutil.rmtree(fresh_home, ignore_errors=True)
