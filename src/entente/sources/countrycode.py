"""Static country-code crosswalk (names, ISO, COW, G-W, FIPS, regions) from the countrycode R package."""

from __future__ import annotations

import pyarrow.parquet as pq

from entente.sources import Citation, Source, Upstream
from entente import warehouse

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


def load(con) -> list[str]:
    """Write ``country_codes``."""
    data = pq.read_table(SOURCE.path("states/country_codes.parquet"))
    return [warehouse.write_table(con, "country_codes", data, SOURCE, "states/country_codes.parquet")]
