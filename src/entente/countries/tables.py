"""The state lists behind :mod:`entente.countries`, read once from the snapshot as plain Python rows.

COW State System v2016 and Gleditsch–Ward spells (a spell ending on the list's last day, :data:`COW_END` or
:data:`GW_END`, is read as ongoing: end None), countrycode 1.8.0's code list and COW's capitals, from
``snapshot_dir()/"states"`` and ``snapshot_dir()/"geo"`` (see shared/data/SOURCES.md §2). Nothing is read at
import; each list is read on first use and kept.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import namedtuple
from typing import TYPE_CHECKING

import pyarrow.parquet as pq

from entente.config import snapshot_dir

if TYPE_CHECKING:
    import pandas as pd

COW_END = dt.date(2016, 12, 31)  # last day of COW State System v2016
GW_END = dt.date(2017, 12, 31)  # last day of the Gleditsch–Ward list shipped


# The registry is built from the snapshot's Parquet files with pyarrow and plain Python rows: resolving a
# name (``entente country``, every command's arguments) does not need pandas, which takes longer to
# import than the rest of ``entente country`` together. Only :func:`states` returns a DataFrame.
def _rows(path, name: str, columns: list[str]) -> list:
    """The rows of a snapshot Parquet file as named tuples of ``columns`` (missing values are None)."""
    table = pq.ParquetFile(path).read(columns=columns)   # not read_table: its dataset layer imports pandas
    row = namedtuple(name, columns)
    return [row(*values) for values in zip(*(table.column(c).to_pylist() for c in columns))]


def _missing(value) -> bool:
    """None, or a float NaN (what pandas.isna meant for the values these files hold)."""
    return value is None or (isinstance(value, float) and value != value)


@functools.cache
def _spell_rows(system: str) -> list:
    """Spells of ``system``, sorted: (ccode or gwcode, abb, name, start_date, end_date (None = ongoing))."""
    key, file, data_end = ("ccode", "cow", COW_END) if system == "cow" else ("gwcode", "gw", GW_END)
    day = lambda v: v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v))  # noqa: E731
    Spell = namedtuple("Spell", [key, "abb", "name", "start_date", "end_date"])
    raw = _rows(snapshot_dir() / "states" / f"{file}_states.parquet", "Raw",
                [key, "stateabb", "statenme", "start_date", "end_date"])
    spells = [Spell(int(r[0]), str(r.stateabb), str(r.statenme), day(r.start_date),
                    None if day(r.end_date) == data_end else day(r.end_date)) for r in raw]
    return sorted(spells, key=lambda r: (r[0], r.start_date))   # stable, as pandas' sort was


@functools.cache
def _spell_frame(system: str) -> pd.DataFrame:
    """Spells of ``system`` as a DataFrame: ccode (gwcode), abb, name, start_date, end_date (None = ongoing)."""
    import pandas as pd  # only for states(): resolving names does not load pandas

    rows = _spell_rows(system)
    return pd.DataFrame({field: [r[i] for r in rows] for i, field in enumerate(rows[0]._fields)})


def _firsts(spells: list) -> list:
    """Each state's first spell, in the spells' order (what ``drop_duplicates`` on the code kept)."""
    out: dict = {}
    for spell in spells:
        out.setdefault(spell[0], spell)
    return list(out.values())


@functools.cache
def _codelist() -> list:
    columns = ["country_name_en", "iso_name_en", "un_name_en", "cow_name", "iso2c", "iso3c", "cown", "fips"]
    return _rows(snapshot_dir() / "states" / "country_codes.parquet", "Code", columns)


def _capital_rows() -> list:
    """COW capitals: (ccode, capital, start_date, end_date), one row per capital spell."""
    day = lambda v: v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v)[:10])  # noqa: E731
    Capital = namedtuple("Capital", ["ccode", "capital", "start_date", "end_date"])
    raw = _rows(snapshot_dir() / "geo" / "cow_capitals.parquet", "Raw", ["ccode", "capital", "start_date", "end_date"])
    return [Capital(int(r.ccode), str(r.capital), day(r.start_date), day(r.end_date)) for r in raw]
