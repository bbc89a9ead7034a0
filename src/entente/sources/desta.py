"""DESTA (Design of Trade Agreements), list of treaties, dyadic version: which pairs of states share a
preferential trade agreement, signed when and in force when (Dür, Baccini & Elsig 2014).

**Not bundled: you supply the file.** DESTA's files are free to download for research, with citation,
from https://www.designoftradeagreements.org/downloads/; its terms give no licence to redistribute, so
entente ships no copy. To load it:

1. Download the dyadic list of treaties (``desta_list_of_treaties_02_03_dyads.csv``, or a later
   ``..._02_NN_dyads.csv``; the Excel version ``..._dyads.xlsx`` works too: the sheet holding the
   columns below is read, wherever it is in the workbook) from the downloads page.
2. Save it, unchanged, in ``$ENTENTE_HOME/user/desta/`` (with several, the last in name order is used).
   ``entente.config.home()`` tells where ``ENTENTE_HOME`` is.
3. Rebuild the warehouse (``entente data build``). Without the file, ``load()`` returns nothing and
   says where to get it.

The file: comma-separated (Latin-1), one row per pair of members of a treaty (a plurilateral treaty of
six parties gives fifteen rows), with ``base_treaty`` (DESTA's treaty number; accessions and
amendments share their base treaty's number), ``number`` (the entry's own number, "3+1" for an
accession), ``name``, ``entry_type`` ("base_treaty", "accession", "protocol or amendment",
"consolidated", …), ``year`` (signed), ``entryforceyear`` (entered into force; blank when it has not),
``country1``/``country2`` (DESTA's names) and ``iso1``/``iso2`` (ISO 3166 numeric codes), among other
columns, which :func:`parse` ignores.

Table ``desta_dyads``: those columns, ``iso1``/``iso2`` as integers, plus ``ccode1``/``ccode2`` (COW)
from the ISO numeric codes through countrycode's code list (null where it has no COW code: Hong Kong,
Macao, territories). Undirected: each pair appears once per treaty entry, in DESTA's order.

Quirks users must know: an entry without ``entryforceyear`` was signed but is not (or not yet) in
force; withdrawals are in a separate DESTA file that entente does not read, so a pair listed here may
have left the treaty since; the European Union's members appear as states, each with the partner.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from entente import config
from entente.errors import SchemaError
from entente.sources import Citation, Loaded, Source
from entente.sources._parsing import LINE, conform, parse_user_file, read_delimited, user_dir

ORDER = 86

SOURCE = Source(
    name="desta",
    title="Design of Trade Agreements (DESTA): list of treaties, dyadic",
    version="list of treaties 2.x, dyadic; user-supplied",
    url="https://www.designoftradeagreements.org/",
    licence=("Free to download for research, citing Dür, Baccini & Elsig (2014); no licence to redistribute is "
             "given, so entente does not ship it: download it from https://www.designoftradeagreements.org/"
             "downloads/ and save it under $ENTENTE_HOME/user/desta/."),
    citations=(
        Citation(
            key="dur2014desta",
            text='Dür, A., Baccini, L. & Elsig, M. (2014). "The Design of International Trade Agreements: '
            'Introducing a New Dataset." The Review of International Organizations 9(3): 353–375.',
            bibtex="""@article{dur2014desta,
  author = {D{\\"u}r, Andreas and Baccini, Leonardo and Elsig, Manfred},
  title = {The Design of International Trade Agreements: Introducing a New Dataset},
  journal = {The Review of International Organizations},
  volume = {9}, number = {3}, pages = {353--375}, year = {2014},
  doi = {10.1007/s11558-013-9179-8}
}""",
        ),
    ),
    files={},
    homepage="https://www.designoftradeagreements.org/downloads/",
    unit="treaty entry × pair of members",
    redistributable=False,
)

SCHEMA = pa.schema([
    ("base_treaty", pa.int32()), ("number", pa.large_string()), ("name", pa.large_string()),
    ("entry_type", pa.large_string()), ("year", pa.int16()), ("entryforceyear", pa.int16()),
    ("country1", pa.large_string()), ("country2", pa.large_string()), ("iso1", pa.int16()), ("iso2", pa.int16()),
    ("ccode1", pa.int16()), ("ccode2", pa.int16()),
])
COLUMNS = ("base_treaty", "number", "name", "entry_type", "year", "entryforceyear", "country1", "country2",
           "iso1", "iso2")
CODES = "states/country_codes.parquet"      # countrycode's code list: ISO numeric → COW


def iso_to_cow() -> dict[int, int]:
    """ISO 3166 numeric → COW code, from countrycode's code list in the snapshot."""
    table = pq.read_table(config.snapshot_dir() / CODES, columns=["iso3n", "cown"]).to_pandas().dropna()
    return {int(i): int(c) for i, c in zip(table["iso3n"], table["cown"])}


def parse(path: Path, *, strict: bool = False) -> pa.Table:
    """Read DESTA's dyadic list of treaties (CSV, Latin-1, or the Excel version) into ``desta_dyads``.

    Columns other than those entente reads are ignored; a missing one is a
    :class:`~entente.errors.SchemaError`. Malformed lines are left out and reported with their line
    numbers (see :mod:`entente.sources._parsing`); ``strict=True`` raises instead.
    """
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xls"):
        sheets = pd.read_excel(path, sheet_name=None, dtype=object)    # DESTA's workbook has notes first
        frame = next((f for f in sheets.values() if {"base_treaty", "iso1"} <= {str(c).strip() for c in f.columns}),
                     next(iter(sheets.values())))
        frame = frame.astype(object).where(frame.notna(), None)
        frame[LINE] = range(2, len(frame) + 2)
        rejects: list[dict] = []
    else:
        frame, rejects = read_delimited(path, SOURCE.name, encoding="latin-1")
    frame.columns = [c if c == LINE else str(c).strip() for c in frame.columns]
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise SchemaError(f"desta: {path.name} lacks the columns {missing} of DESTA's dyadic list of treaties "
                          f"(it has {[c for c in frame.columns if c != LINE][:20]}). Save the dyadic file "
                          "(desta_list_of_treaties_02_NN_dyads.csv), not the list of treaties or the withdrawals.")
    frame = frame[[*COLUMNS, LINE]].copy()
    for column in COLUMNS:
        frame[column] = frame[column].map(lambda v: None if v is None or str(v).strip() == "" else str(v).strip())
    for column in ("base_treaty", "year", "entryforceyear", "iso1", "iso2"):   # "2019.0" from Excel
        frame[column] = frame[column].map(lambda v: v[:-2] if isinstance(v, str) and v.endswith(".0") else v)
    cow = iso_to_cow()
    for side in ("1", "2"):
        iso = pd.to_numeric(frame[f"iso{side}"], errors="coerce")
        frame[f"ccode{side}"] = iso.map(lambda i: cow.get(int(i)) if pd.notna(i) else None)
    return conform(frame, SCHEMA, SOURCE.name, path.name, rejects=rejects, strict=strict)


def user_file() -> Path | None:
    """The DESTA dyadic file the user saved under ``$ENTENTE_HOME/user/desta``, or None."""
    folder = user_dir("desta")
    if not folder.is_dir():
        return None
    found = sorted(p for p in folder.iterdir() if "dyad" in p.name.lower()
                   and p.suffix.lower() in (".csv", ".xlsx"))
    if len(found) > 1:
        warnings.warn(f"desta: several files in {folder}; using {found[-1].name} (the last in name order).",
                      stacklevel=2)
    return found[-1] if found else None


def where_to_get() -> str:
    """What to do to load DESTA (shown when it is missing)."""
    return (f"desta: no DESTA dyadic file in {user_dir('desta')}, so desta_dyads is not built. DESTA's terms do "
            "not let entente ship it: download desta_list_of_treaties_02_03_dyads.csv from "
            "https://www.designoftradeagreements.org/downloads/ and save it there.")


def load() -> list[Loaded]:
    """``desta_dyads`` from the user's file; without one, nothing (and a warning) (a file that
    cannot be read is reported as a warning and skipped, so the rest of the warehouse still builds)."""
    path = user_file()
    table = parse_user_file("desta", path, parse, where_to_get)
    return [] if table is None else [Loaded("desta_dyads", table, str(path))]
