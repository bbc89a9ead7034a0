"""The plan: a lazy :class:`Frame` (a universe and the datasets to join on it), and the helpers the
add steps share to extend it.

A :class:`Frame` is the SQL of a universe (its keys) on a DuckDB connection, plus the datasets added
to it (:class:`Step`: SQL for the dataset's rows and expressions for the new columns) and what the
steps need to know (unit, system, direction, columns, coverage). Nothing runs until :meth:`Frame.df`,
:meth:`Frame.arrow`, :meth:`Frame.to_parquet` or :meth:`Frame.relation` is called; then an engine
runs the plan: :mod:`entente.frames.engines.sql` compiles it into one query (DuckDB plans the whole
pipeline at once, and ``to_parquet`` streams it to disk, so the frame never has to fit in Python
memory); ``df()`` and ``arrow()`` of a COW dyad-year frame go through
:mod:`entente.frames.engines.numpy` instead (the same steps, the same result, several times faster).

This module imports no engine: the engines import it, and register themselves in
:data:`entente.frames._registry.ENGINES`, where :class:`Frame` finds them when it is run.

**How a step's expressions are written.** ``r.x`` is column ``x`` of the dataset's row matched to the
frame row (for a state-keyed dataset on a dyad frame, ``r1.x`` and ``r2.x``: the two states' rows);
``f.x`` is the frame row's own column. :data:`REF` finds the dataset references; the engines rewrite
them.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterable, Sequence

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from entente import catalog, warehouse
from entente.errors import BadInput, MissingTable, SchemaError
from entente.frames import _registry
from entente.frames._registry import DYAD, STATE, UNITS, apply
from entente.store import Connection

_ids = itertools.count()

#: How a step's rows are keyed (:attr:`Step.key`).
EXACT, PAIR, STATE_KEY = "exact", "pair", "state"
#: A reference to a dataset column in a step's expression: ``r.x``, ``r1.x``, ``r2.x`` (or ``r."x"``).
REF = re.compile(r'\b(r[12]?)\.("[^"]+"|\w+)')


@dataclasses.dataclass(frozen=True)
class Step:
    """One dataset to join: its rows (``rhs``, unique on its keys), how they are keyed, and the columns
    to add as SQL expressions over them (``r.x``; for a state-keyed dataset on a dyad frame ``r1.x`` and
    ``r2.x``, the two states' rows; ``f.x`` is the frame's own row)."""

    name: str
    years: tuple[int, int]
    key: str  # EXACT: (ccode1, ccode2, year) as ordered; PAIR: (c1 < c2, year) either order; STATE: (ccode, year)
    rhs: str
    columns: tuple[tuple[str, str], ...]


@dataclasses.dataclass(frozen=True)
class Universe:
    """How :func:`~entente.frames.dyad_years` defined a frame's rows, kept so that the fast path
    (:mod:`entente.frames.engines.numpy`) can build the same rows with numpy instead of running ``base``."""

    system: str
    directed: bool
    years: tuple[int, ...]
    drop_false_dyads: bool


#: ``engine=`` choices of :meth:`Frame.arrow` and :meth:`Frame.df`.
ENGINE_CHOICES = ("auto", "sql", "numpy")


@dataclasses.dataclass(frozen=True)
class Frame:
    """A dyad-year or state-year frame, lazily defined as SQL on a DuckDB connection.

    ``unit`` is ``"dyad_year"`` or ``"state_year"``; ``system`` ``"cow"``, ``"gw"`` or ``"custom"`` (a
    frame you brought); ``directed`` is None for state-years. ``coverage`` maps each dataset added to
    the (first, last) year it covers, computed from its table: outside that range its columns are NULL.

    The steps are compiled when the frame is run, not nested one join per step: all dyad-keyed
    datasets are stacked into one sparse table of the dyad-years that have any data (a few hundred
    thousand rows), state-keyed ones into one state-year table, and the frame is joined to each once.
    The big frame then goes through two or three hash joins however many datasets are added.
    """

    con: object
    base: str
    unit: str
    system: str
    directed: bool | None
    columns: tuple[str, ...]
    steps: tuple[Step, ...] = ()
    tables: tuple[str, ...] = ()
    order: tuple[str, ...] = ()
    ordered_pairs: bool = False  # every row has ccode1 < ccode2 (COW non-directed frames)
    keep: tuple = ()  # objects registered on the connection that must outlive the frame
    universe: Universe | None = None  # set for COW dyad-year universes: the fast path can build them

    @property
    def coverage(self) -> dict[str, tuple[int, int]]:
        """Dataset → (first, last) year it covers, for each step added."""
        return {step.name: step.years for step in self.steps}

    # ------------------------------------------------------------------------------------ composing
    def add(self, *steps: str, **options) -> Frame:
        """Apply add steps by name (``"atop"``, ``"mids"``, ``"rivalry"`` ...; see ``frames.STEPS``)."""
        return apply(self, steps, **options)

    @property
    def sql(self) -> str:
        """The whole pipeline as one SQL query (unsorted)."""
        return _registry.engine("sql").compile_sql(self)

    # ---------------------------------------------------------------------------------- materialising
    def _ordered_sql(self, base: str | None = None) -> str:
        """The pipeline as one SQL query sorted by the frame's keys (``base`` replaces its universe)."""
        return _registry.engine("sql").ordered_sql(self, base)

    def _run(self, action):
        """Run ``action(sql)`` on the frame's SQL (:func:`entente.frames.engines.sql.run`)."""
        return _registry.engine("sql").run(self, action)

    def relation(self):
        """The frame as a DuckDB relation (lazy; sorted by its keys)."""
        return self.con.sql(self._ordered_sql())

    def _fast(self, engine_name: str) -> bool:
        """Whether to materialise with :mod:`entente.frames.engines.numpy` (``engine="auto"``: when it can)."""
        if engine_name not in ENGINE_CHOICES:
            raise BadInput(f"engine={engine_name!r}: use one of {', '.join(ENGINE_CHOICES)}.")
        if engine_name == "sql":
            return False
        reason = _registry.engine("numpy").unsupported(self)
        if reason and engine_name == "numpy":
            raise BadInput(f"engine='numpy' cannot build this frame: {reason}. Use engine='auto' or 'sql'.")
        return reason is None

    def arrow(self, *, engine: str = "auto") -> pa.Table:
        """Run the pipeline and return a pyarrow Table (NULL stays null).

        ``engine``: ``"sql"`` compiles the frame into one DuckDB query; ``"numpy"`` builds a COW
        dyad-year frame with numpy from the same tables (:mod:`entente.frames.engines.numpy`, several
        times faster; the same columns, types and values) and refuses a frame it cannot build; ``"auto"``
        (default) uses numpy when the frame allows it (a COW universe from
        :func:`~entente.frames.dyad_years`, steps that do not read the frame's own columns, i.e. all
        but trade and arms) and SQL otherwise. Either way, where the data break an assumption of the
        numpy path (a dataset not unique on its keys, ...) the frame is built with SQL."""
        if self._fast(engine):
            table = _registry.engine("numpy").arrow(self)
            if table is not None:
                return table
        return self._run(lambda sql: self.con.sql(sql).to_arrow_table())

    def df(self, dtype_backend: str = "numpy_nullable", *, engine: str = "auto") -> pd.DataFrame:
        """Run the pipeline and return pandas, NULL as ``<NA>`` (never 0). ``dtype_backend`` as in pandas'
        readers: ``"numpy_nullable"`` (integers as ``Int16``/``Int32``/``Int64``) or ``"pyarrow"``
        (``pd.ArrowDtype`` columns sharing the Arrow buffers: no conversion). ``engine`` as in
        :meth:`arrow`."""
        if dtype_backend not in DTYPE_BACKENDS:
            raise BadInput(f"dtype_backend={dtype_backend!r}: use one of {', '.join(DTYPE_BACKENDS)} (as in pandas).")
        if self._fast(engine):
            out = _registry.engine("numpy").pandas(self, dtype_backend)
            if out is not None:
                return out
        return to_pandas(self.arrow(engine="sql"), dtype_backend)

    def to_parquet(self, path, *, compression: str = "zstd") -> int:
        """Stream the frame to a Parquet file with DuckDB's ``COPY`` (bounded memory); return the row count."""
        target = str(path).replace("'", "''")
        self._run(lambda sql: self.con.execute(
            f"COPY ({sql}) TO '{target}' (FORMAT parquet, COMPRESSION {compression})").fetchall())
        return self.count()

    def count(self) -> int:
        """Number of rows (the add steps never change it: they are left joins on unique keys)."""
        return one(self.con, f"SELECT count(*) FROM ({self.base}) AS _f")[0]

    def __repr__(self) -> str:
        kind = "directed " if self.directed else ("non-directed " if self.directed is False else "")
        added = ", ".join(f"{k} {v[0]}–{v[1]}" for k, v in self.coverage.items()) or "nothing"
        return (f"<Frame {kind}{self.unit} ({self.system}), {len(self.columns)} columns; added: {added}. "
                f"Call .df(), .arrow() or .to_parquet(path).>")


# ------------------------------------------------------------------------------------------- helpers
def one(con: Connection, sql: str, params=None) -> tuple:
    """The first row of a query, fetching the result to the end (DuckDB 2 keeps a connection busy
    until a result is exhausted)."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else ()


def require(con: Connection, step: str, *tables: str) -> None:
    """Raise :class:`MissingTable` naming the first of ``tables`` that ``con`` lacks."""
    for table in tables:
        if not warehouse.has_table(con, table):
            raise MissingTable(step, table)


def table_columns(con: Connection, table: str) -> list[str]:
    return [row[0] for row in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table]).fetchall()]


def span(con: Connection, table: str, first: str = "year", last: str | None = None) -> tuple[int, int]:
    """(first, last) year a table covers: as the warehouse recorded it from :mod:`entente.catalog` (a list
    of events covers the years its authors searched: COW's wars 1816–2007, though its war dyad-years run
    1823–2003), else from its data: ``min(first)``, ``max(last or first)`` (a table you registered)."""
    try:
        recorded = catalog.coverage(con, table)
    except duckdb.Error:           # a connection without _provenance (your own database)
        recorded = None
    if recorded is not None:
        return recorded
    lo, hi = one(con, f'SELECT min({first}), max({last or first}) FROM "{table}"')
    if lo is None:
        raise SchemaError(f"The warehouse table {table!r} is empty; rebuild the warehouse.")
    return int(lo), int(hi)


def check_coverage(coverage, step: str) -> tuple[int, int] | None:
    if coverage is None:
        return None
    try:
        lo, hi = (int(v) for v in coverage)
    except (TypeError, ValueError):
        raise BadInput(f"{step}(coverage={coverage!r}): give (first_year, last_year), e.g. (1816, 2007).") from None
    if lo > hi:
        raise BadInput(f"{step}(coverage={coverage!r}): the first year is after the last.")
    return lo, hi


def check_new_columns(frame: Frame, step: str, names: Iterable[str]) -> None:
    """Refuse to add a column the frame already has (the clash that silently zeroes flags elsewhere)."""
    clash = sorted(set(names) & set(frame.columns))
    if clash:
        raise SchemaError(
            f"{step}() would add {', '.join(clash)}, which the frame already has (was {step}() applied "
            f"twice?). Drop or rename those columns first; entente never joins on non-key columns.")


def need_unit(frame: Frame, step: str, *units: str) -> None:
    if frame.unit not in units:
        raise SchemaError(f"{step}() works on {' or '.join(u.replace('_', '-') + 's' for u in units)}; "
                          f"this frame is {frame.unit.replace('_', '-')}s.")


def in_range(expr: str, lo: int, hi: int) -> str:
    return f"({expr} BETWEEN {int(lo)} AND {int(hi)})"


# ------------------------------------------------------------------------------- user-supplied frames
def as_frame(data, con: Connection, step: str) -> tuple[Frame, str]:
    """Wrap ``data`` (a :class:`Frame`, pandas DataFrame or pyarrow Table) as a Frame; return it with
    the kind to hand back (``"frame"``, ``"pandas"`` or ``"arrow"``).

    A table you bring must have ``ccode1, ccode2, year`` (dyad-years) or ``ccode, year`` (state-years).
    Like peacesciencer, a dyad-year table with no row where ``ccode1 > ccode2`` is taken as non-directed.
    """
    if isinstance(data, Frame):
        return data, "frame"
    if isinstance(data, pd.DataFrame):
        table, kind = pa.Table.from_pandas(data, preserve_index=False), "pandas"
    elif isinstance(data, pa.Table):
        table, kind = data, "arrow"
    else:
        raise BadInput(f"{step}() takes a frame from entente.frames.dyad_years()/state_years(), a pandas "
                       f"DataFrame or a pyarrow Table; got {type(data).__name__}.")
    if con is None:
        con = warehouse.connection()
    names = table.column_names
    if {"ccode1", "ccode2", "year"} <= set(names):
        unit = DYAD
    elif {"ccode", "year"} <= set(names):
        unit = STATE
    else:
        raise SchemaError(f"{step}() needs columns ccode1, ccode2, year (dyad-years) or ccode, year "
                          f"(state-years); the table has {', '.join(names[:12])}.")
    table = table.append_column("_entente_row", pa.array(np.arange(table.num_rows, dtype=np.int64)))
    view = f"_entente_input_{next(_ids)}"
    con.register(view, table)
    directed = None
    if unit == DYAD:
        directed = bool(one(con, f"SELECT count(*) FROM {view} WHERE ccode1 > ccode2")[0])
    frame = Frame(con=con, base=f"SELECT * FROM {view}", unit=unit, system="custom", directed=directed,
                  columns=tuple(table.column_names), order=("_entente_row",), keep=(table, view),
                  ordered_pairs=directed is False)
    return frame, kind


def give_back(frame: Frame, kind: str):
    """Return ``frame`` in the form the caller passed (Frame, pandas or Arrow), input row order kept."""
    if kind == "frame":
        return frame
    table = frame.arrow().drop_columns(["_entente_row"])
    for item in frame.keep:
        if isinstance(item, str) and item.startswith("_entente_input_"):
            frame.con.unregister(item)
    if kind == "arrow":
        return table
    return table.to_pandas(types_mapper=_nullable)


#: Arrow integer and boolean types → the pandas nullable dtypes ``df()`` gives them.
NULLABLE = {pa.int8(): pd.Int8Dtype(), pa.int16(): pd.Int16Dtype(), pa.int32(): pd.Int32Dtype(),
             pa.int64(): pd.Int64Dtype(), pa.uint8(): pd.UInt8Dtype(), pa.bool_(): pd.BooleanDtype()}


def _nullable(arrow_type):
    return NULLABLE.get(arrow_type)


DTYPE_BACKENDS = ("numpy_nullable", "pyarrow")


def to_pandas(table: pa.Table, dtype_backend: str = "numpy_nullable") -> pd.DataFrame:
    """``table`` as pandas with nullable numpy dtypes or, for ``"pyarrow"``, ``pd.ArrowDtype`` columns."""
    if dtype_backend == "pyarrow":
        return table.to_pandas(types_mapper=pd.ArrowDtype)
    if dtype_backend != "numpy_nullable":
        raise BadInput(f"dtype_backend={dtype_backend!r}: use one of {', '.join(DTYPE_BACKENDS)} (as in pandas).")
    return table.to_pandas(types_mapper=_nullable)


# ------------------------------------------------------------------------------------------ joining

def attach(frame: Frame, step: str, years: tuple[int, int], rhs: str, key: str,
           columns: Sequence[tuple[str, str]], tables: Iterable[str]) -> Frame:
    """Add a dataset: ``rhs`` (unique on its ``key`` columns) and the ``columns`` (name, SQL over ``r``)
    it contributes, each NULL outside ``years`` and where a COW code is missing.

    The expressions decide what an unmatched row means inside the coverage (``coalesce(r.x, 0)`` for
    "the dataset lists every case, so absence is 0"; plain ``r.x`` for "absent is unknown").
    """
    names = [name for name, _ in columns]
    check_new_columns(frame, step, names)
    new = Step(step, (int(years[0]), int(years[1])), key, rhs, tuple(columns))
    return dataclasses.replace(frame, columns=frame.columns + tuple(names), steps=frame.steps + (new,),
                               tables=frame.tables + tuple(t for t in tables if t not in frame.tables))


def prepare(data, con: Connection, step: str, *units: str) -> tuple[Frame, str]:
    """The start of every add step: wrap the input, check its unit (``units``; by default those the
    step was registered for, :func:`entente.frames._registry.register`)."""
    frame, kind = as_frame(data, con, step)
    need_unit(frame, step, *(units or UNITS[step]))
    return frame, kind
