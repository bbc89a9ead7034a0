"""Small inputs written for the tests in the exact layout of upstreams entente may not ship (SIPRI, GSDB).

SIPRI's terms and the GSDB's (given on request, no licence to redistribute) keep their data out of the
repository. The tests that parse them use the real files beside the repository when they are there
(``shared_support.py``) and otherwise these files: the upstream's own layout — header lines, column
names, separators, line ends, quoting — copied from the real exports, with a handful of rows **written
for the tests** (deal and case numbers from 990001 / 9901, designations starting ``TEST``), not taken
from SIPRI or the GSDB. Every value a test expects is worked out by hand from the rows below.

SIPRI trade-register CSV (as exported 12 Feb 2026): ASCII, 11 lines of notes, the header, then one line
per deal and delivery year; every line ends with ``;`` and CRLF except the last, which has no line end.
Booleans are ``Yes``/``No`` or empty; TIV in millions.

GSDB case file (``GSDB_V3.csv``, the layout of entente.sources.gsdb): comma-separated, a header of 16
snake_case columns, fields quoted where they hold commas, empty ``descr_trade`` where there is no trade
sanction.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

#: The notes above SIPRI's header, as the export has them (line 11 says when the data were generated).
SIPRI_NOTES = [
    ("Transfers of major conventional arms from All countries  to All countries . Deals with deliveries made for "
     "the year range '1995' to '2025';"),
    ("A '?' in a column indicates uncertain data. The 'Number delivered' and the 'Year(s) of deliveries' refer only "
     "to deliveries in the selected year(s).;"),
    "An empty field for 'Number ordered' indicates that data is not yet available.;",
    "SIPRI trend-indicator values (TIVs) are in millions.;",
    ("An empty field for 'SIPRI TIV for total order' indicates that data (on the number ordered and/or the TIV per "
     "unit) is not available.;"),
    ("A '0' for 'SIPRI TIV of delivered weapons' indicates that the volume of deliveries is between 0 and 0.5 "
     "million SIPRI TIV; and an empty field indicates that no deliveries have been identified."),
    "Figures may not add up to stated totals due to the conventions of rounding.;",
    ("For the method used for the SIPRI TIV and explanations of the conventions; abbreviations and acronyms see "
     "<https://www.sipri.org/databases/armstransfers/sources-and-methods>."),
    ";",
    "Source: SIPRI Arms Transfers Database (c) SIPRI.;",
    "Data generated: 12 Feb 2026 12:26:12 PM;",
]
SIPRI_HEADER = ("SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,Order date,"
                "Order date is estimate,Numbers delivered,Numbers delivered is estimate,Delivery year,"
                "Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,TIV delivery values,Local production")

#: Test rows (not SIPRI data): id, supplier, recipient, designation, description, category, order year,
#: order estimate, numbers, numbers estimate, delivery year, delivery estimate, status, SIPRI estimate,
#: TIV deal unit, TIV delivery values, local production.
SIPRI_ROWS = [
    "990001,Russia,Iran,TEST-F1,combat aircraft (test row),Aircraft,1994,No,4,No,1996,No,New,10,10,40,No",
    "990001,Russia,Iran,TEST-F1,combat aircraft (test row),Aircraft,1994,No,2,Yes,1997,Yes,New,10,10,20,No",
    "990002,Russia,Iran,TEST-S1,SAM system (test row),Air defence systems,2007,Yes,1,,2016,,New,25.5,25.5,25.5,No",
    "990003,Iran,Russia,TEST-D1,one-way attack drone (test row),Missiles,2022,No,100,Yes,2022,No,New,0.1,0.1,10,Yes",
    "990003,Iran,Russia,TEST-D1,one-way attack drone (test row),Missiles,2022,No,300,Yes,2023,,New,0.1,0.1,30,Yes",
    "990004,United States,Israel,TEST-B1,guided bomb (test row),Missiles,2011,Yes,50,Yes,2012,No,New,0.02,0.02,1,No",
    ("990005,United States,Israel,TEST-H1,combat helicopter (test row),Aircraft,2009,No,3,No,2013,No,"
     "Second hand,9,3.6,10.8,No"),
    ("990006,Russia,unknown recipient(s),TEST-T1,tank (test row),Armoured vehicles,2010,Yes,5,Yes,2011,Yes,"
     "Second hand,1.25,0.5,2.5,No"),
]


def write_sipri_export(path: Path, rows: list[str] | None = None) -> Path:
    """A SIPRI trade-register export at ``path`` (``.csv``), in SIPRI's layout, holding ``rows`` (SIPRI_ROWS)."""
    lines = [*SIPRI_NOTES, SIPRI_HEADER + ";", *(r + ";" for r in (SIPRI_ROWS if rows is None else rows))]
    path.write_bytes("\r\n".join(lines).encode("ascii"))       # CRLF, no line end after the last line
    return path


GSDB_HEADER = ["case_id", "sanctioned_state", "sanctioning_state", "begin", "end", "trade", "descr_trade", "arms",
               "military", "financial", "travel", "other", "target_mult", "sender_mult", "objective", "success"]

#: Test cases (not GSDB data), in GSDB_HEADER's order.
GSDB_ROWS = [
    [9901, "Iran", "United States", 1984, 2016, 1, "exp_part", 1, 0, 1, 0, 0, 0, 0, "terrorism,human_rights",
     "failed,failed"],
    [9902, "Iran, Korea, North", "EU", 2007, 2022, 1, "exp_part, imp_part", 1, 0, 1, 1, 0, 1, 0,
     "prevent_war", "failed"],
    [9903, "China", "Soviet Union", 1960, 1989, 1, "exp_compl", 0, 0, 0, 0, 0, 0, 0, "destab_regime",
     "success_part"],
    [9904, "Russia", "United States, EU", 2014, 2022, 0, "", 1, 0, 1, 1, 0, 0, 1, "territorial_conflict",
     "failed"],
    [9905, "Iran", "United States", 2010, 2022, 0, "", 0, 0, 1, 0, 0, 0, 0, "policy_change", "failed"],
]


def write_gsdb_cases(path: Path, rows: list[list] | None = None) -> Path:
    """A GSDB case file at ``path`` (``GSDB_V3.csv``) in the layout the GSDB team sends, holding ``rows``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(GSDB_HEADER)
    writer.writerows(GSDB_ROWS if rows is None else rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path

#: GSDB_ROWS split by hand into (case, sender, sender COW code, target, target COW code), as entente's
#: crosswalk codes them: EU has no code, the Soviet Union is 365, "Korea, North" 731.
GSDB_DYADS_BY_HAND = [
    (9901, "United States", 2, "Iran", 630), (9902, "EU", None, "Iran", 630),
    (9902, "EU", None, "Korea, North", 731), (9903, "Soviet Union", 365, "China", 710),
    (9904, "EU", None, "Russia", 365), (9904, "United States", 2, "Russia", 365),
    (9905, "United States", 2, "Iran", 630),
]
