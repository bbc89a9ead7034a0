"""Trade agreements from files the user supplies (DESTA, the WTO's RTA list), built here in the upstreams'
layouts: DESTA's dyadic list of treaties (CSV, Latin-1: ``base_treaty, number, name, entry_type, year,
entryforceyear, country1, country2, iso1, iso2`` and others such as ``typememb, regioncon``) and the WTO's
``AllRTAs.xlsx`` export (sheet ``AllRTAs``: ``RTA ID, RTA Name, Coverage, Type, Status, Date of Signature
(G), Date of Entry into Force (G), Inactive Date, Current signatories`` separated by ``;``, and others).

The agreements are real, checked by hand: the Interim Agreement leading to a free trade area between the
Eurasian Economic Union and its member states and Iran, signed 17 May 2018, in force 27 October 2019; and
the EAEU–Iran Free Trade Agreement, signed 25 December 2023, in force 15 May 2025, between Armenia, Belarus,
Kazakhstan, the Kyrgyz Republic, Russia and Iran (Eurasian Economic Commission, "Iran" trade agreement
page; WTO notification of the regional trade agreement, 23 April 2025). DESTA's treaty numbers and the
WTO's RTA IDs here are not checked (nothing asserted depends on them), nor are the exact names the two
databases give the agreements.
"""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl
import pytest

from entente import warehouse
from entente.brief import write_brief
from entente.sources import desta, wto_rta

INTERIM = ("Interim Agreement leading to formation of a free trade area between the Eurasian Economic Union "
           "and its Member States, of the one part, and the Islamic Republic of Iran, of the other part")
FTA = "Free Trade Agreement between the Eurasian Economic Union and its Member States and Iran"
EAEU = {"Armenia": 51, "Belarus": 112, "Kazakhstan": 398, "Kyrgyzstan": 417, "Russia": 643}


def desta_csv(path):
    """DESTA's dyadic rows for the two agreements: Iran with each EAEU member (Latin-1, as DESTA saves it)."""
    header = ["base_treaty", "number", "name", "entry_type", "consolidated", "year", "entryforceyear",
              "typememb", "regioncon", "country1", "country2", "iso1", "iso2"]
    with open(path, "w", newline="", encoding="latin-1") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for number, name, signed, in_force in ((900, INTERIM, 2018, 2019), (901, FTA, 2023, 2025)):
            for country, iso in EAEU.items():
                writer.writerow([number, number, name, "base_treaty", "", signed, in_force, "4", "Intercontinental",
                                 "Iran", country, 364, iso])
    return path


def wto_xlsx(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "AllRTAs"
    sheet.append(["RTA ID", "RTA Name", "Coverage", "Type", "Notification", "Date of notification (G)",
                  "Date of Signature (G)", "Date of Signature (S)", "Date of Entry into Force (G)",
                  "Date of Entry into Force (S)", "Inactive Date", "Status", "Current signatories",
                  "Original signatories", "Accession?", "RTA Composition", "Region"])
    parties = "Armenia; Belarus; Iran; Kazakhstan; Kyrgyz Republic; Russian Federation"
    sheet.append([9001, FTA, "Goods", "Free Trade Agreement", "GATT Art. XXIV", dt.datetime(2025, 4, 23),
                  dt.datetime(2023, 12, 25), None, dt.datetime(2025, 5, 15), None, None, "In Force", parties, parties,
                  "No", "Plurilateral; At least one Party is an RTA", "Europe; Middle East"])
    book.save(path)
    return path


def test_parse_desta_gives_cow_codes_and_years(tmp_path):
    table = desta.parse(desta_csv(tmp_path / "desta_list_of_treaties_02_03_dyads.csv")).to_pandas()
    assert len(table) == 10
    russia = table[table.ccode2 == 365].sort_values("year")
    assert russia[["ccode1", "year", "entryforceyear"]].values.tolist() == [[630, 2018, 2019], [630, 2023, 2025]]
    assert sorted(table.ccode2.unique()) == [365, 370, 371, 703, 705]    # Russia, Belarus, Armenia, Kazakhstan, Kyrgyzstan


def test_parse_wto_export_gives_agreements_and_parties(tmp_path):
    rtas, parties = wto_rta.parse(wto_xlsx(tmp_path / "AllRTAs.xlsx"))
    row = rtas.to_pylist()[0]
    assert (row["signed"], row["in_force"], row["signed_year"], row["coverage"]) == \
        (dt.date(2023, 12, 25), dt.date(2025, 5, 15), 2023, "Goods")
    assert dict(zip(*parties.select(["party", "ccode"]).to_pydict().values())) == {
        "Armenia": 371, "Belarus": 370, "Iran": 630, "Kazakhstan": 705, "Kyrgyz Republic": 703,
        "Russian Federation": 365}


def test_parse_desta_excel_reads_the_sheet_with_the_data(tmp_path):
    rows = list(csv.reader(open(desta_csv(tmp_path / "d.csv"), encoding="latin-1")))
    book = openpyxl.Workbook()
    book.active.title = "Notes"                       # DESTA's workbook: a first sheet of notes, then the data
    book.active.append(["Dyadic list of treaties; see the codebook"])
    data = book.create_sheet("Data")
    for row in rows:
        data.append([int(v) if v.isdigit() else v for v in row])
    book.save(tmp_path / "desta_list_of_treaties_02_03_dyads.xlsx")
    table = desta.parse(tmp_path / "desta_list_of_treaties_02_03_dyads.xlsx")
    assert table.equals(desta.parse(tmp_path / "d.csv"))


def test_a_file_of_another_layout_is_refused_by_name(tmp_path):
    (tmp_path / "x_dyads.csv").write_text("iso1,iso2,year\n364,643,2018\n", encoding="latin-1")
    with pytest.raises(ValueError, match=r"desta: x_dyads.csv lacks the columns \['base_treaty'.*dyadic file"):
        desta.parse(tmp_path / "x_dyads.csv")


@pytest.mark.slow    # over 6 s on 2 cores: the full suite (CI's first run) keeps it
def test_brief_names_the_shared_agreements_or_says_how_to_supply_them(fresh_home, tmp_path):
    warehouse.ensure(progress=False)
    bare = write_brief("IRN", "RUS", out=tmp_path / "bare")
    treaties = bare["sections"]["treaties"]
    assert treaties["trade_agreements"] == []
    assert treaties["trade_summary"] == (
        "Trade agreements need DESTA's or the WTO's list, which entente may not ship: save DESTA's dyadic list of "
        f"treaties (desta_list_of_treaties_02_03_dyads.csv) in {fresh_home / 'user' / 'desta'} or the WTO's "
        f"AllRTAs.xlsx export in {fresh_home / 'user' / 'wto_rta'}, then run `entente data build`.")
    (fresh_home / "user" / "desta").mkdir(parents=True)
    (fresh_home / "user" / "wto_rta").mkdir(parents=True)
    desta_csv(fresh_home / "user" / "desta" / "desta_list_of_treaties_02_03_dyads.csv")
    wto_xlsx(fresh_home / "user" / "wto_rta" / "AllRTAs.xlsx")
    warehouse.connection.cache_clear()
    warehouse.ensure(progress=False)
    brief = write_brief("IRN", "RUS", out=tmp_path / "full")
    treaties = brief["sections"]["treaties"]
    assert [(r["dataset"], r["signed"], r["in_force"]) for r in treaties["trade_agreements"]] == [
        ("desta", 2018, 2019), ("desta", 2023, 2025), ("wto_rta", 2023, 2025)]
    assert treaties["trade_summary"] == (
        f"In DESTA, Iran and Russia are both party to 2 trade agreements: {INTERIM} (signed 2018, in force 2019) "
        f"and {FTA} (signed 2023, in force 2025). In the WTO's RTA list, Iran and Russia are both party to 1 trade "
        f"agreement: {FTA} (signed 2023, in force 2025).")
    markdown = (tmp_path / "full" / "brief.md").read_text()
    assert treaties["trade_summary"] in markdown
    box = {row["table"]: row for row in brief["coverage"]}
    assert box["desta_dyads"]["covers"] == [2018, 2023] and box["desta_dyads"]["newer"]["kind"] == "user"
    # A window that ends before the FTA was signed names only the interim agreement.
    early = write_brief("IRN", "RUS", out=tmp_path / "early", start=2015, end=2020)
    assert [r["name"] for r in early["sections"]["treaties"]["trade_agreements"]] == [INTERIM]
    assert early["sections"]["treaties"]["trade_summary"].endswith(
        "In the WTO's RTA list, Iran and Russia share no trade agreement signed by 2020.")
