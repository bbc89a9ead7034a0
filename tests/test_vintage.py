"""Every dataset in a brief says the last year it covers and whether a newer version can be fetched."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from entente import refresh
from entente.brief import write_brief
from entente.config import snapshot_dir


def test_vintage_says_which_datasets_can_bring_newer_data(home):
    assert refresh.vintage("unsc_vetoes") == {"kind": "online", "command": "entente data update unsc_vetoes",
                                              "text": "can be fetched with entente data update unsc_vetoes"}
    # ATOP 5.1 and COW trade 4.0 are one release each: an update re-checks them, nothing newer comes.
    for name in ("atop", "cow_trade", "cow_war", "ucdp_acd"):
        assert refresh.vintage(name) == {"kind": "release", "command": f"entente data update {name}",
                                         "text": "none to fetch (a fixed release)"}
    sipri = refresh.vintage("sipri")
    assert sipri["kind"] == "user" and sipri["command"] is None
    assert sipri["text"] == f"save a newer export of your own in {home / 'user' / 'sipri'}"
    assert refresh.vintage("no_such_dataset")["kind"] == "none"
    listing = refresh.datasets().set_index("name")["newer"]          # `entente data list` shows the same
    assert listing["unsc_vetoes"] == "entente data update unsc_vetoes"
    assert (listing["cow_trade"], listing["sipri"]) == ("no (fixed release)", "your own file")


@pytest.fixture(scope="module")
def iran_russia(home, tmp_path_factory):
    out = tmp_path_factory.mktemp("vintage")
    return out, write_brief("IRN", "RUS", out=out)


def test_the_coverage_box_gives_last_year_and_update_in_json_markdown_and_html(iran_russia):
    out, brief = iran_russia
    box = {row["table"]: row for row in json.loads((Path(out) / "brief.json").read_text())["coverage"]}
    vetoes, trade, unga = box["unsc_vetoes"], box["cow_trade_dyad_year"], box["m_unga_alignment_dyad_year"]
    assert (vetoes["last_year"], vetoes["newer"]["kind"]) == (2022, "online")
    assert vetoes["text"].endswith("Newer data: can be fetched with entente data update unsc_vetoes")
    assert (trade["last_year"], trade["newer"]["kind"]) == (2014, "release")
    assert trade["text"] == "covers 1870–2014; nothing for 1816–1869, 2015–2025. Newer data: none to fetch (a fixed release)"
    # The UNGA alignment is derived: it answers for the Voeten and DGACM releases it is built from.
    assert unga["newer"] == {"kind": "release", "command": None,
                             "text": "none to fetch (fixed releases of unvotes, dgacm)"}
    markdown = (Path(out) / "brief.md").read_text()
    assert "| Dataset | Used for | Covers | Within 1816–2025 | Newer data |" in markdown
    row = next(line for line in markdown.splitlines() if line.startswith("| UN Security Council vetoes"))
    dates = pd.read_parquet(snapshot_dir() / "unsc" / "unsc_vetoes_1946_2022.parquet")["date"]
    first, last = dates.min(), dates.max()           # the list's first and last veto: 1946-02-16, 2022-07-08
    after = last + dt.timedelta(days=1)
    assert row.endswith(f"| {first:%-d %B %Y} – {last:%-d %B %Y} (the day of the last veto in the list) | nothing for "
                        f"1816–1945, {after:%-d %B %Y} – 2025 | can be fetched with `entente data update unsc_vetoes` |")
    html = (Path(out) / "index.html").read_text()
    assert "<th>Newer data</th>" in html
    assert "<td>can be fetched with <code>entente data update unsc_vetoes</code></td>" in html
    assert len(re.findall(r"<td>none to fetch \(a fixed release\)</td>", html)) >= 6
