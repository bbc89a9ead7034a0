"""SIPRI Arms Transfers Database, trade register: deliveries of major conventional arms, 1995 onwards.

**Not bundled: you supply the file.** SIPRI's terms allow free use with attribution for non-commercial
research, but "fair use" of a data set is less than 10% of it, commercial use needs SIPRI's written
agreement, and SIPRI asks others to link to its data rather than reproduce them. entente is GPL
(commercial use allowed) and the register is a whole data set, so entente does not ship it. To load it:

1. Open https://armstransfers.sipri.org/ (SIPRI Arms Transfers Database → *Trade Register*), choose all
   suppliers, all recipients, the years you want (entente was checked on 1995–2025), and export **CSV**.
2. Save the file, unchanged, as ``$ENTENTE_HOME/user/sipri/trade_register.csv`` (any name starting
   ``trade_register`` or ``trade-register`` and ending ``.csv`` or ``.csv.gz`` works; with several, the
   last in name order is used). ``entente.config.home()`` tells where ``ENTENTE_HOME`` is.
3. Rebuild the warehouse. Without the file, ``load()`` returns nothing and says where to get it.

The export: 11 lines of notes, then a header (``SIPRI AT Database ID,Supplier,Recipient,Designation,
Description,Armament category,Order date,Order date is estimate,Numbers delivered,Numbers delivered is
estimate,Delivery year,Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,TIV delivery values,
Local production``), every line ending with ``;``.

Table ``sipri_transfers``, key ``(sipri_at_database_id, delivery_year)``: one row per deal and delivery
year, with supplier and recipient as SIPRI names plus ``*_iso3c`` and ``*_ccode`` (COW; Serbia 345,
Kosovo 347, Taiwan 713) from entente's crosswalk, ``numbers_delivered`` that year,
``tiv_delivery_values`` (TIV of that year's deliveries), ``tiv_deal_unit`` and
``sipri_estimate_tiv_per_unit``, estimate flags (null where SIPRI left them blank), ``status``
(New / Second hand / Second hand but modernized) and ``local_production``.

Coverage (the export entente was checked on, generated 12 Feb 2026): deliveries 1995–2024, orders
1962–2024, 25,024 rows, 12,571 deals. Russia → Iran: 141 rows, 3,119 million TIV (1995–2024);
Iran → Russia: 6 rows, 493 million TIV (2022–2024).

Quirks users must know:

- **TIV is not money.** SIPRI's trend-indicator value is a volume index (million TIV) of military
  capability transferred, priced on a fixed unit-cost basis; compare TIV with TIV only, never with
  trade in dollars. Second-hand items count about 40% of new, modernised ones about 66%.
- The register covers deliveries from 1995 only: no Cold War transfers (Soviet deliveries to Iran
  before 1992 are absent). SIPRI revises past years every spring; re-export to update.
- Suppliers and recipients include non-state actors (names ending ``*``) and organisations (``**``),
  and "unknown supplier(s)"/"unknown recipient(s)": their codes are null, as are Northern Cyprus's.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pyarrow as pa

from entente.sources import Citation, Loaded, Source, Upstream
from entente.sources._parsing import (
    LINE,
    check_columns,
    conform,
    crosswalk,
    parse_user_file,
    read_delimited,
    user_dir,
)

ORDER = 75

SOURCE = Source(
    name="sipri",
    title="SIPRI Arms Transfers Database: trade register of major conventional arms",
    version="trade register export generated 12 Feb 2026 (deliveries 1995–2024); user-supplied",
    url="https://www.sipri.org/databases/armstransfers",
    licence=(
        "© SIPRI. Free to download and use with attribution ('Information from the SIPRI Arms Transfers "
        "Database'); fair use is non-commercial and under 10% of a data set; commercial use needs SIPRI's "
        "written agreement (https://www.sipri.org/databases/armstransfers; SIPRI terms and conditions). "
        "Not redistributed by entente: the user exports the register."
    ),
    citations=(
        Citation(
            key="sipri2026at",
            text="Stockholm International Peace Research Institute (2026). SIPRI Arms Transfers Database, "
            "trade register, data generated 12 February 2026. https://www.sipri.org/databases/armstransfers.",
            bibtex="""@misc{sipri2026at,
  author = {{Stockholm International Peace Research Institute}},
  title = {{SIPRI} Arms Transfers Database},
  year = {2026},
  note = {Trade register, data generated 12 February 2026},
  url = {https://www.sipri.org/databases/armstransfers}
}""",
        ),
    ),
    files={},
    upstream=(
        # The export entente was checked on, as uploaded to GitHub (not redistributed here).
        Upstream("https://raw.githubusercontent.com/nagehanrdogan/Global-Arms-Trade-Network-Analysis-1995-2024-/"
                 "bdf78c664d67991f2b199a771dcb9e7ac392ebb7/trade_register.csv", "trade_register.csv", format="csv"),
    ),
    homepage="https://www.sipri.org/databases/armstransfers",
    unit="deal × delivery year",
    redistributable=False,
)

SCHEMA = pa.schema([
    ("sipri_at_database_id", pa.int32()), ("supplier", pa.large_string()),
    ("supplier_iso3c", pa.large_string()), ("supplier_ccode", pa.int16()), ("recipient", pa.large_string()),
    ("recipient_iso3c", pa.large_string()), ("recipient_ccode", pa.int16()),
    ("designation", pa.large_string()), ("description", pa.large_string()),
    ("armament_category", pa.large_string()), ("order_year", pa.int16()),
    ("order_year_is_estimate", pa.bool_()), ("numbers_delivered", pa.int32()),
    ("numbers_delivered_is_estimate", pa.bool_()), ("delivery_year", pa.int16()),
    ("delivery_year_is_estimate", pa.bool_()), ("status", pa.large_string()),
    ("sipri_estimate_tiv_per_unit", pa.float64()), ("tiv_deal_unit", pa.float64()),
    ("tiv_delivery_values", pa.float64()), ("local_production", pa.bool_()),
])

#: SIPRI's export header → snapshot column.
HEADER = {
    "SIPRI AT Database ID": "sipri_at_database_id", "Supplier": "supplier", "Recipient": "recipient",
    "Designation": "designation", "Description": "description", "Armament category": "armament_category",
    "Order date": "order_year", "Order date is estimate": "order_year_is_estimate",
    "Numbers delivered": "numbers_delivered", "Numbers delivered is estimate": "numbers_delivered_is_estimate",
    "Delivery year": "delivery_year", "Delivery year is estimate": "delivery_year_is_estimate",
    "Status": "status", "SIPRI estimate": "sipri_estimate_tiv_per_unit", "TIV deal unit": "tiv_deal_unit",
    "TIV delivery values": "tiv_delivery_values", "Local production": "local_production",
}
NAMES = "sipri/sipri_names.csv"  # SIPRI name → ISO3, COW code (entente's crosswalk, not SIPRI data)


def parse(path: Path, *, strict: bool = False) -> pa.Table:
    """Read SIPRI's trade-register CSV export (``.csv`` or ``.csv.gz``) into the ``sipri_transfers`` layout.

    Notes above the header are skipped and the ``;`` ending each line is cut; rows are ordered by
    delivery year, supplier, recipient and deal, as in the snapshot entente was checked on. Supplier and recipient
    get ISO3 and COW codes from entente's crosswalk; a name it does not know gets null codes and a
    warning naming it. Malformed lines are left out and reported with their line numbers (see
    :mod:`entente.sources._parsing`); ``strict=True`` raises instead.
    """
    path = Path(path)
    frame, rejects = read_delimited(path, SOURCE.name, header_prefix="SIPRI AT Database ID", line_suffix=";")
    check_columns(frame.columns, HEADER, SOURCE.name, path.name)
    frame = frame.rename(columns=HEADER)
    for column in HEADER.values():
        frame[column] = frame[column].mask(frame[column].str.strip() == "")
    codes = crosswalk(NAMES)
    for side in ("supplier", "recipient"):
        found = frame[side].map(codes)
        frame[f"{side}_iso3c"] = found.map(lambda c: c[0] if isinstance(c, tuple) else None)
        frame[f"{side}_ccode"] = found.map(lambda c: c[1] if isinstance(c, tuple) else None)
        unknown = sorted(set(frame.loc[found.isna() & frame[side].notna(), side]))
        if unknown:
            warnings.warn(f"sipri: {len(unknown)} {side} name(s) not in entente's crosswalk ({NAMES}), codes "
                          f"left null: {unknown[:10]}", stacklevel=2)
    frame = frame[SCHEMA.names + [LINE]]
    table = conform(frame, SCHEMA, SOURCE.name, path.name, rejects=rejects, strict=strict)
    return table.sort_by([(c, "ascending") for c in ("delivery_year", "supplier", "recipient", "sipri_at_database_id")])


def user_file() -> Path | None:
    """The trade-register export the user saved under ``$ENTENTE_HOME/user/sipri``, or None."""
    folder = user_dir("sipri")
    if not folder.is_dir():
        return None
    found = sorted(p for p in folder.iterdir()
                   if p.name.lower().replace("-", "_").startswith("trade_register")
                   and p.name.lower().endswith((".csv", ".csv.gz")))
    if len(found) > 1:
        warnings.warn(f"sipri: several exports in {folder}; using {found[-1].name} (the last in name order).",
                      stacklevel=2)
    return found[-1] if found else None


def where_to_get() -> str:
    """What to do to load SIPRI's register (shown when it is missing)."""
    return (f"sipri: no trade-register export in {user_dir('sipri')}, so sipri_transfers is not built. SIPRI's "
            "terms do not let entente ship it: export the trade register as CSV (all suppliers, all recipients) "
            "from https://armstransfers.sipri.org/ and save it there as trade_register.csv.")


def load() -> list[Loaded]:
    """``sipri_transfers`` from the user's export; without one, nothing (and a warning).

    An export that cannot be read is reported as a warning and skipped, so the rest of the warehouse
    still builds; :func:`parse` on the file shows the full error.
    """
    path = user_file()
    table = parse_user_file("sipri", path, parse, where_to_get)
    return [] if table is None else [Loaded("sipri_transfers", table, str(path))]
