"""WTO Regional Trade Agreements Database: every regional trade agreement notified to the WTO, with its
coverage, type, dates and current signatories.

**Not bundled: you supply the file.** The WTO's database is free to consult and export, but the WTO's
terms of use reserve its content and give no licence to redistribute it, so entente ships no copy.
To load it:

1. Open https://rtais.wto.org/ → *Advanced search* (or *RTAs*), list all RTAs and export them to Excel
   (the file is ``AllRTAs.xlsx``, sheet ``AllRTAs``).
2. Save it, unchanged, in ``$ENTENTE_HOME/user/wto_rta/`` (any ``.xlsx`` whose name holds "RTA"; with
   several, the last in name order is used). ``entente.config.home()`` tells where ``ENTENTE_HOME`` is.
3. Rebuild the warehouse (``entente data build``). Without the file, ``load()`` returns nothing and
   says where to get it.

The export: one row per agreement (accessions to an agreement are rows of their own), with ``RTA ID``,
``RTA Name``, ``Coverage`` ("Goods", "Goods & Services", …), ``Type`` ("Free Trade Agreement",
"Customs Union", "Partial Scope Agreement", …), ``Status`` ("In Force", "Inactive", …), ``Date of
Signature (G)``, ``Date of Entry into Force (G)`` (the (G) dates are for goods, (S) for services),
``Inactive Date`` and ``Current signatories`` (names separated by ``;``), among other columns, which
:func:`parse` ignores.

Tables:

- ``wto_rtas``, key ``rta_id``: ``rta_id``, ``rta_name``, ``coverage``, ``type``, ``status``,
  ``signed`` and ``in_force`` (dates; the goods date, else the services date), ``signed_year``,
  ``inactive`` and ``current_signatories`` as the WTO writes them.
- ``wto_rta_parties``, key ``(rta_id, party)``: one row per current signatory, with ``ccode`` (COW) from
  entente's name resolver (:func:`entente.countries.resolve`, the year of signature), null for groups
  that are not states ("European Union", "EFTA" as a party).

Quirks users must know: an agreement one of whose parties is the European Union (or another customs
union) lists the union, not its members, so it links a member state with the partner only through the
union's name; "current" signatories are as of the export, so a state that left is not listed.
"""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import pandas as pd
import pyarrow as pa

from entente import countries
from entente.errors import EntenteError, SchemaError
from entente.sources import Citation, Loaded, Source
from entente.sources._parsing import parse_user_file, user_dir

ORDER = 87

SOURCE = Source(
    name="wto_rta",
    title="WTO Regional Trade Agreements Database (RTA-IS)",
    version="export of all RTAs (AllRTAs.xlsx); user-supplied",
    url="https://rtais.wto.org/",
    licence=("© World Trade Organization. Free to consult and export; the WTO's terms of use give no licence to "
             "redistribute the database, so entente does not ship it: export it from https://rtais.wto.org/ and "
             "save it under $ENTENTE_HOME/user/wto_rta/."),
    citations=(
        Citation(
            key="wto_rtais",
            text="World Trade Organization. Regional Trade Agreements Database (RTA-IS). https://rtais.wto.org/.",
            bibtex="""@misc{wto_rtais,
  author = {{World Trade Organization}},
  title = {Regional Trade Agreements Database ({RTA-IS})},
  url = {https://rtais.wto.org/}
}""",
        ),
    ),
    files={},
    homepage="https://rtais.wto.org/",
    unit="regional trade agreement; agreement × party",
    redistributable=False,
)

RTAS_SCHEMA = pa.schema([
    ("rta_id", pa.int32()), ("rta_name", pa.large_string()), ("coverage", pa.large_string()),
    ("type", pa.large_string()), ("status", pa.large_string()), ("signed", pa.date32()),
    ("in_force", pa.date32()), ("signed_year", pa.int16()), ("inactive", pa.date32()),
    ("current_signatories", pa.large_string()),
])
PARTIES_SCHEMA = pa.schema([("rta_id", pa.int32()), ("party", pa.large_string()), ("ccode", pa.int16())])
#: The export's header → column (the (S) dates fill in where the goods date is blank).
HEADER = {"RTA ID": "rta_id", "RTA Name": "rta_name", "Coverage": "coverage", "Type": "type", "Status": "status",
          "Date of Signature (G)": "signed", "Date of Entry into Force (G)": "in_force",
          "Inactive Date": "inactive", "Current signatories": "current_signatories"}
SERVICES = {"signed": "Date of Signature (S)", "in_force": "Date of Entry into Force (S)"}
DATE_FORMATS = ("%Y-%m-%d", "%d-%b-%Y", "%d-%b-%y", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S")


def _date(value) -> dt.date | None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date")


def parse(path: Path) -> tuple[pa.Table, pa.Table]:
    """Read the WTO's ``AllRTAs.xlsx`` export (sheet ``AllRTAs``, else the first; a CSV of the same
    columns works too) into ``(wto_rtas, wto_rta_parties)``.

    A missing column is a :class:`~entente.errors.SchemaError`; a date that cannot be read names its row.
    """
    path = Path(path)
    if path.suffix.lower() == ".csv":
        frame = pd.read_csv(path, dtype=object, keep_default_na=False)
    else:
        sheets = pd.ExcelFile(path).sheet_names
        frame = pd.read_excel(path, sheet_name="AllRTAs" if "AllRTAs" in sheets else sheets[0], dtype=object)
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in HEADER if c not in frame.columns]
    if missing:
        raise SchemaError(f"wto_rta: {path.name} lacks the columns {missing} of the WTO's RTA export (it has "
                          f"{list(frame.columns)[:20]}). Export all RTAs from https://rtais.wto.org/ to Excel.")
    rows, parties = [], []
    for number, record in enumerate(frame.to_dict("records"), start=2):
        row = {}
        for header, column in HEADER.items():
            value = record.get(header)
            blank = value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == ""
            row[column] = None if blank else value
        try:
            for column in ("signed", "in_force", "inactive"):
                row[column] = _date(row[column])
                if row[column] is None and column in SERVICES:
                    row[column] = _date(record.get(SERVICES[column]) or None)
            row["rta_id"] = int(float(row["rta_id"]))
        except (TypeError, ValueError) as exc:
            raise SchemaError(f"wto_rta: row {number} of {path.name} ({row.get('rta_name')!r}): {exc}.") from exc
        for column in ("rta_name", "coverage", "type", "status", "current_signatories"):
            row[column] = None if row[column] is None else str(row[column]).strip()
        row["signed_year"] = row["signed"].year if row["signed"] else None
        rows.append(row)
        for party in (row["current_signatories"] or "").split(";"):
            if party.strip():
                parties.append({"rta_id": row["rta_id"], "party": party.strip(), "year": row["signed_year"]})
    rtas = pa.Table.from_pylist(rows, schema=RTAS_SCHEMA)
    return rtas, pa.Table.from_pylist(_coded(parties), schema=PARTIES_SCHEMA)


def _coded(parties: list[dict]) -> list[dict]:
    """Each party with its COW code (None for groups and names entente does not know; one warning)."""
    cache, unknown, seen = {}, set(), set()
    out = []
    for p in parties:
        key = (p["party"], p["year"])
        if key not in cache:
            try:
                cache[key] = countries.resolve(p["party"], year=p["year"]).ccode
            except (EntenteError, KeyError, ValueError):
                cache[key] = None
                unknown.add(p["party"])
        if (p["rta_id"], p["party"]) not in seen:          # a name listed twice is one party
            seen.add((p["rta_id"], p["party"]))
            out.append({"rta_id": p["rta_id"], "party": p["party"], "ccode": cache[key]})
    if unknown:
        warnings.warn(f"wto_rta: {len(unknown)} signator{'y' if len(unknown) == 1 else 'ies'} that entente does not "
                      f"resolve to a state, codes left null: {sorted(unknown)[:10]}", stacklevel=3)
    return out


def user_file() -> Path | None:
    """The RTA export the user saved under ``$ENTENTE_HOME/user/wto_rta``, or None."""
    folder = user_dir("wto_rta")
    if not folder.is_dir():
        return None
    found = sorted(p for p in folder.iterdir() if "rta" in p.name.lower() and p.suffix.lower() in (".xlsx", ".csv"))
    if len(found) > 1:
        warnings.warn(f"wto_rta: several exports in {folder}; using {found[-1].name} (the last in name order).",
                      stacklevel=2)
    return found[-1] if found else None


def where_to_get() -> str:
    """What to do to load the WTO's RTA list (shown when it is missing)."""
    return (f"wto_rta: no WTO RTA export in {user_dir('wto_rta')}, so wto_rtas is not built. The WTO's terms do not "
            "let entente ship it: export all RTAs from https://rtais.wto.org/ to Excel and save AllRTAs.xlsx there.")


def load() -> list[Loaded]:
    """``wto_rtas`` and ``wto_rta_parties`` from the user's export; without one, nothing (and a warning)
    (an export that cannot be read is reported as a warning and skipped)."""
    path = user_file()
    parsed = parse_user_file("wto_rta", path, parse, where_to_get)
    if parsed is None:
        return []
    rtas, parties = parsed
    return [Loaded("wto_rtas", rtas, str(path)), Loaded("wto_rta_parties", parties, str(path))]
