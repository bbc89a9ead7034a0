"""`entente data update unsc_vetoes` from the UN's own veto list, served locally (no network).

The file is in the layout of the UN Peace and Security Data Hub's ``DPPA-SCVETOES`` CSV: the column
names are those public importers read from it (``id, draft_res#, date, record, agenda, short_agenda,
#_of_pms, url_for_res#, last_update`` and a 0/1 column per permanent member ``china``,
``russian_federation_ussr``, ``france``, ``united_states``, ``united_kingdom``; ISO dates; the meeting as
a bare number). The parser does not depend on their order.

The vetoes after the snapshot, checked by hand against citable records:

- 30 Sep 2022, S/2022/720, Russia, 9143rd meeting (press.un.org SC/15046: draft of Albania and the US on
  the "referenda" in four regions of Ukraine; 10 in favour, Brazil, China, Gabon, India abstaining);
- 18 Oct 2023, S/2023/773, United States (Brazil's draft on humanitarian pauses in Gaza; 12 in favour,
  Russia and the UK abstaining), meeting S/PV.9442;
- 25 Oct 2023, S/2023/792, China and Russia (the US draft on humanitarian pauses); its meeting number is
  left blank here, not having been checked;
- 8 Dec 2023, S/2023/970, United States, 9499th meeting (press.un.org SC/15519: the UAE's draft
  demanding an immediate humanitarian ceasefire in Gaza; 13 in favour, the UK abstaining).
- 20 Feb 2024, United States (Algeria's draft demanding an immediate humanitarian ceasefire in Gaza;
  13 in favour, the UK abstaining; widely reported that day); its symbol S/2024/173 is as a compiled list
  of the Gaza vetoes gives it, not checked against the document, and its meeting number is left blank.

The vetoes up to 8 July 2022 are the snapshot's 214 rows rebuilt in the UN's layout (the data lab
compiled them from the UN's list; they are kept from the data lab, not doubled). The ``agenda`` and ``short_agenda`` texts of the new rows are the Council's
agenda items as commonly given, not a claim about the UN file's exact wording (blank where not checked).
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import duckdb
import httpx
import pyarrow.parquet as pq
import pytest

from entente import catalog, config, refresh, warehouse
from entente.cli import main
from entente.config import snapshot_dir
from entente.errors import DownloadFailed, SchemaError
from entente.sources import unsc_vetoes
from http_support import Server

HEADER = ["id", "draft_res#", "date", "record", "agenda", "short_agenda", "#_of_pms", "china", "france",
          "russian_federation_ussr", "united_kingdom", "united_states", "url_for_res#", "last_update"]
MIDEAST = "The situation in the Middle East, including the Palestinian question"


def snapshot_rows() -> list[tuple]:
    """The snapshot's vetoes in the UN's layout: id, draft, date, record, agenda, short agenda, n, and the
    0/1 columns china, france, russian_federation_ussr, united_kingdom, united_states."""
    out = []
    for i, r in enumerate(pq.read_table(snapshot_dir() / unsc_vetoes.SNAPSHOT).to_pylist(), start=1):
        names = {r[f"member_veto{k}"] for k in (1, 2, 3)} - {None}
        record = r["meeting_record"] or ""
        out.append((str(i), "" if r["draft"].startswith("S/PV.") else r["draft"], r["date"].isoformat(),
                    record.removeprefix("S/PV.") if record.removeprefix("S/PV.").isdigit() else record,
                    r["agenda_item"] or "", r["crisis_topic"] or "", str(len(names)),
                    int("China" in names), int("France" in names), int(bool(names & {"USSR", "Russia"})),
                    int("UK" in names), int("USA" in names)))
    return out


NEW = [  # id, draft, date, record, agenda, short agenda, n, CHN FRA RUS GBR USA
    ("215", "S/2022/720", "2022-09-30", "9143", "", "Ukraine", "1", 0, 0, 1, 0, 0),
    ("216", "S/2023/773", "2023-10-18", "9442", MIDEAST, "Middle East", "1", 0, 0, 0, 0, 1),
    ("217", "S/2023/792", "2023-10-25", "", MIDEAST, "Middle East", "2", 1, 0, 1, 0, 0),
    ("218", "S/2023/970", "2023-12-08", "9499", MIDEAST, "Middle East", "1", 0, 0, 0, 0, 1),
]
ROWS = snapshot_rows() + NEW
URL = unsc_vetoes.SOURCE.upstream[0].url


def un_csv(rows=ROWS) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for row in rows:
        draft = row[1]
        writer.writerow([*row, f"https://undocs.org/{draft}" if draft else "", "2025-01-15"])
    return out.getvalue().encode()


class Mirror(httpx.BaseTransport):
    """The real upstream URL, answered by the local server (same path) over real HTTP."""

    def __init__(self, server: Server):
        self.server, self.inner = server, httpx.HTTPTransport()

    def handle_request(self, request):
        request.url = httpx.URL(self.server.url(request.url.raw_path.decode()))
        request.headers["host"] = request.url.netloc.decode()
        return self.inner.handle_request(request)


@pytest.fixture
def upstream():
    server = Server()
    server.files[httpx.URL(URL).path] = un_csv()
    yield server
    server.close()


def test_parse_un_list_appends_the_vetoes_after_the_snapshot(tmp_path):
    (tmp_path / "DPPA-SCVETOES.csv").write_bytes(un_csv())
    table = unsc_vetoes.parse(tmp_path / "DPPA-SCVETOES.csv")
    snapshot = pq.read_table(snapshot_dir() / unsc_vetoes.SNAPSHOT)
    assert table.schema.equals(unsc_vetoes.SCHEMA, check_metadata=False)
    assert table.num_rows == 214 + 4
    assert table.slice(0, 214).equals(snapshot.cast(unsc_vetoes.SCHEMA))       # the data lab's rows, unchanged
    new = table.slice(214).to_pylist()
    assert [(r["date"], r["draft"], r["meeting_record"]) for r in new] == [
        (dt.date(2022, 9, 30), "S/2022/720", "S/PV.9143"), (dt.date(2023, 10, 18), "S/2023/773", "S/PV.9442"),
        (dt.date(2023, 10, 25), "S/2023/792", None), (dt.date(2023, 12, 8), "S/2023/970", "S/PV.9499")]
    assert [(r["member_veto1"], r["member_veto2"]) for r in new] == [
        ("Russia", None), ("USA", None), ("China", "Russia"), ("USA", None)]
    ukraine, pause, joint = new[0], new[1], new[2]
    assert (ukraine["year"], ukraine["month"], ukraine["russia"], ukraine["ussr"], ukraine["crisis_topic"]) == \
        (2022, 9, 1, 0, "Ukraine")
    assert ukraine["agenda_item"] is None and ukraine["region"] is None
    assert (pause["usa"], pause["single_veto"], pause["multiple_vetoes"], pause["agenda_item"]) == (1, 1, 0, MIDEAST)
    assert (joint["china"], joint["russia"], joint["russia_china"], joint["multiple_vetoes"], joint["usa_uk"]) == \
        (1, 1, 1, 1, 0)


def test_un_list_with_a_bad_date_sets_the_line_aside_and_a_changed_layout_is_refused(tmp_path):
    rows = [*ROWS[:215], ("216", "S/2023/773", "18/10/2023", "9442", MIDEAST, "Middle East", "1", 0, 0, 0, 0, 1)]
    (tmp_path / "DPPA-SCVETOES.csv").write_bytes(un_csv(rows))
    # record 216 starts on line 220 of the file: some agenda items hold line breaks
    with pytest.warns(UserWarning, match=r"unsc_vetoes: 1 malformed line\(s\).*line 220.*date='18/10/2023'"):
        table = unsc_vetoes.parse(tmp_path / "DPPA-SCVETOES.csv")
    assert table.num_rows == 215 and table.column("draft").to_pylist()[-1] == "S/2022/720"
    text = un_csv().decode().replace("russian_federation_ussr", "russian_federation")
    (tmp_path / "DPPA-SCVETOES.csv").write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError, match=r"lacks \['russian_federation_ussr'\].*layout changed"):
        unsc_vetoes.parse(tmp_path / "DPPA-SCVETOES.csv")
    # A list cut short (here after 1980) would drop every veto since; it is refused, naming the counts.
    (tmp_path / "DPPA-SCVETOES.csv").write_bytes(un_csv([r for r in ROWS if r[2] < "1981"]))
    with pytest.raises(SchemaError, match=r"lists 1\d\d vetoed drafts up to 8 July 2022, where .* has 214: .*cut short"):
        unsc_vetoes.parse(tmp_path / "DPPA-SCVETOES.csv")


def _vetoes(path=None):
    con = duckdb.connect(str(path or config.warehouse_path()), read_only=True)
    try:
        rows = con.execute("SELECT count(*), max(date) FROM unsc_vetoes").fetchone()
        span = con.execute("SELECT first_year, last_year FROM _provenance WHERE table_name = 'unsc_vetoes'").fetchone()
        return rows, span
    finally:
        con.close()


@pytest.mark.slow    # over 6 s on 2 cores: the full suite (CI's first run) keeps it
def test_update_from_the_un_list_extends_coverage_and_offline_keeps_the_old_data(fresh_home, upstream, capsys,
                                                                                  monkeypatch):
    warehouse.ensure(progress=False)
    assert _vetoes() == ((214, dt.date(2022, 7, 8)), (1946, 2022))
    result = refresh.update("unsc_vetoes", transport=Mirror(upstream), progress=False)
    assert result.status == "updated" and result.rows == {unsc_vetoes.SNAPSHOT: 218}
    assert result.before == {unsc_vetoes.SNAPSHOT: 214}
    assert result.manifest["version"].endswith(f"; updated {dt.datetime.now(dt.timezone.utc):%Y-%m-%d} from DPPA-SCVETOES.csv")
    assert [path for path, _ in upstream.log] == ["/public/data/DPPA-SCVETOES/CSV"]
    assert _vetoes() == ((218, dt.date(2023, 12, 8)), (1946, 2023))           # coverage follows the data
    assert catalog.coverage(warehouse.connection(), catalog.UNSC_VETOES) == (1946, 2023)
    # The UN's list is living: a later list (one more veto) is taken without --accept-new, and grows the table.
    upstream.files[httpx.URL(URL).path] = un_csv([*ROWS, ("219", "S/2024/173", "2024-02-20", "", MIDEAST,
                                                          "Middle East", "1", 0, 0, 0, 0, 1)])
    later = refresh.update("unsc_vetoes", transport=Mirror(upstream), progress=False)
    assert later.status == "updated" and later.rows == {unsc_vetoes.SNAPSHOT: 219}
    assert _vetoes() == ((219, dt.date(2024, 2, 20)), (1946, 2024))
    assert not (fresh_home / "pins.json").exists() or URL not in (fresh_home / "pins.json").read_text()
    from entente.pair import council
    on_pair = council.vetoes(365, 369, con=warehouse.connection())["on_pair"]
    assert "S/2022/720" in set(on_pair["draft"])                             # Russia's veto on Ukraine's regions
    # Offline: every connection refused (a proxy on a port nobody listens on), so a clear DownloadFailed and
    # nothing changed; the CLI says so with exit status 1 and no traceback.
    before = (fresh_home / "refreshed" / "unsc_vetoes" / "manifest.json").read_bytes()
    dead = Server()
    dead_url = dead.base
    dead.close()
    monkeypatch.setenv("HTTPS_PROXY", dead_url)
    with pytest.raises(DownloadFailed, match=r"unsc_vetoes DPPA-SCVETOES\.csv from .* failed: .*Check the network"):
        refresh.update("unsc_vetoes", progress=False)
    assert (fresh_home / "refreshed" / "unsc_vetoes" / "manifest.json").read_bytes() == before
    assert _vetoes() == ((219, dt.date(2024, 2, 20)), (1946, 2024))
    capsys.readouterr()
    status = main(["data", "update", "unsc_vetoes", "--quiet"])
    err = capsys.readouterr().err
    assert status == 1 and "Download of unsc_vetoes DPPA-SCVETOES.csv" in err and "Traceback" not in err
    assert _vetoes() == ((219, dt.date(2024, 2, 20)), (1946, 2024))
