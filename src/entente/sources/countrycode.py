"""Static country-code crosswalk (names, ISO, COW, G-W, FIPS, regions) from the countrycode R package.

``parse(path)`` reads countrycode's ``codelist.rda`` (one row per country, several hundred columns: a
code or a name in each scheme and language) and keeps the 26 columns of the snapshot, renaming R's
dotted names to snake_case (``country.name.en`` → ``country_name_en``, ``iso.name.en``, ``un.name.en``,
``cow.name``, ``un.region.name``, ``un.regionsub.name`` likewise). The other codelist columns are left
out; a missing one raises :class:`~entente.errors.SchemaError`.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from entente.sources import Citation, Loaded, Source, Upstream, snapshot_tables
from entente.sources import _rda_tables as rda

ORDER = 12

SOURCE = Source(
    name="countrycode",
    title="countrycode code list (country names and codes across schemes)",
    version="1.8.0",
    url="https://github.com/vincentarelbundock/countrycode",
    licence="GPL-3 (countrycode R package); entente is GPL-3.0-or-later, so it may be redistributed here.",
    citations=(
        Citation(
            key="arelbundock2018",
            text="Arel-Bundock, V., Enevoldsen, N. & Yetman, C. (2018). countrycode: An R package to "
            "convert country names and country codes. Journal of Open Source Software 3(28): 848.",
            bibtex="""@article{arelbundock2018,
  author = {Arel-Bundock, Vincent and Enevoldsen, Nils and Yetman, CJ},
  title = {countrycode: An R package to convert country names and country codes},
  journal = {Journal of Open Source Software},
  volume = {3}, number = {28}, pages = {848}, year = {2018},
  doi = {10.21105/joss.00848}
}""",
        ),
    ),
    files={"states/country_codes.parquet": "7eab5a7470c599e80b53a456d9fbc36944ab2b54462189330e2252550b523663"},
    upstream=(
        Upstream("https://raw.githubusercontent.com/vincentarelbundock/countrycode/284d6a2f7e49d826e10894227a05d4c857e21540/data/codelist.rda", "codelist.rda", format="rda"),
    ),
    homepage="https://vincentarelbundock.github.io/countrycode/",
    unit="country",
)

#: The codelist columns the snapshot keeps, with the snapshot's names (``renames``: codelist → snapshot).
UPSTREAM = rda.RdaTable(
    name="country_codes", obj="codelist",
    schema=rda.schema_of(
        "country_name_en string, iso_name_en string, un_name_en string, cow_name string, iso2c string, "
        "iso3c string, iso3n int16, cown int16, cowc string, gwn int16, gwc string, un int16, imf int16, "
        "wb string, vdem int16, p5n int16, fips string, genc3c string, ioc string, continent string, "
        "region string, region23 string, un_region_name string, un_regionsub_name string, eu28 string, "
        "currency string"),
    renames={"country.name.en": "country_name_en", "iso.name.en": "iso_name_en", "un.name.en": "un_name_en",
             "cow.name": "cow_name", "un.region.name": "un_region_name", "un.regionsub.name": "un_regionsub_name"},
)


def parse(path: Path | str, table: str | None = None) -> pa.Table:
    """countrycode's ``codelist.rda`` (any file name) → the ``country_codes`` snapshot table.

    Numeric codes become int16 (null where NA), the rest text; columns the snapshot does not keep are
    dropped. A renamed or missing column raises :class:`~entente.errors.SchemaError` naming the dataset,
    the expected and the actual columns.
    """
    spec = rda.pick(SOURCE.name, (UPSTREAM,), Path(path), table)
    source = Path(path).name
    frame = rda.require_columns(SOURCE.name, spec, rda.read_frame(SOURCE.name, spec, path),
                                source=source, module="countrycode", extra_ok=True)
    return rda.frame_to_table(SOURCE.name, spec, frame, source=source)


def load() -> list[Loaded]:
    """``country_codes``, from the snapshot."""
    return snapshot_tables(SOURCE, ("country_codes",))