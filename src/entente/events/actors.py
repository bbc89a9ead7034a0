"""GDELT actors and places to states: CAMEO country codes and FIPS 10-4 geo codes → COW codes.

GDELT uses two code systems for countries, and they must not be confused:

* ``Actor1CountryCode``/``Actor2CountryCode`` are **CAMEO** country codes: mostly ISO 3166-1 alpha-3
  (IRN, RUS, UKR, SDN), plus regions (AFR, EUR, MEA ...) that are not states and map to nothing.
* ``*Geo_CountryCode`` are **FIPS 10-4** codes: Iran is IR, Russia RS, Ukraine UP, Sudan SU, Germany
  GM. Read as ISO2 these would be wrong (ISO2 UP does not exist, SU is the withdrawn Soviet Union, GM
  is Gambia), so they are only resolved with ``entente.countries.resolve("fips:..")``.

Both lookups are built once, vectorised as small tables (code → ccode) from the CAMEO and FIPS lists in
the snapshot, and joined onto events (Polars hash joins); an event whose actor has no state code gets a null ``ccode``.
"""

from __future__ import annotations

import functools

import pandas as pd
import polars as pl

from entente.config import snapshot_dir
from entente.countries import resolve
from entente.errors import EntenteError

__all__ = ["cameo_lookup", "fips_lookup", "add_ccodes"]


#: CAMEO country codes that are states but not ISO3 codes (ISO3 MNE is Montenegro; CAMEO says MTN).
CAMEO_NOT_ISO = {"MTN": "Montenegro"}


def _lookup(codes, prefix: str) -> pd.DataFrame:
    rows = []
    for code in sorted(set(codes)):
        try:
            rows.append((code, resolve(f"{prefix}:{code}").ccode))
        except EntenteError:
            continue
    return pd.DataFrame(rows, columns=["code", "ccode"]).astype({"code": "string", "ccode": "int32"})


@functools.cache
def cameo_lookup() -> pd.DataFrame:
    """CAMEO country code → COW ccode for every CAMEO code that is a state (regions are left out)."""
    codes = pd.read_parquet(snapshot_dir() / "cameo" / "cameo_country_codes.parquet")["cameo_country_code"]
    table = _lookup(codes.dropna().str.upper(), "iso")
    extra = pd.DataFrame([(code, resolve(name).ccode) for code, name in CAMEO_NOT_ISO.items()], columns=["code", "ccode"])
    return pd.concat([table, extra.astype(table.dtypes.to_dict())], ignore_index=True)


@functools.cache
def fips_lookup() -> pd.DataFrame:
    """FIPS 10-4 country code (GDELT geo fields) → COW ccode."""
    codes = pd.read_parquet(snapshot_dir() / "cameo" / "fips_country_codes.parquet")["fips_country_code"]
    return _lookup(codes.dropna().str.upper(), "fips")


def add_ccodes(events: pl.DataFrame) -> pl.DataFrame:
    """``events`` with ccode1, ccode2 (actors, from CAMEO codes) and action_ccode (place, from FIPS
    ActionGeo_CountryCode) added as the last columns (Int32, null where the code is not a state); row
    order is kept and the existing columns are not copied."""
    cameo, fips = _as_dict(cameo_lookup()), _as_dict(fips_lookup())
    return events.hstack([events.get_column(code).replace_strict(lookup, default=None, return_dtype=pl.Int32).alias(name)
                          for code, name, lookup in (("Actor1CountryCode", "ccode1", cameo),
                                                     ("Actor2CountryCode", "ccode2", cameo),
                                                     ("ActionGeo_CountryCode", "action_ccode", fips))])


def _as_dict(lookup: pd.DataFrame) -> dict[str, int]:
    return dict(zip(lookup["code"].tolist(), lookup["ccode"].tolist()))
