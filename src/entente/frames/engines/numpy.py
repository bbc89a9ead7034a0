"""The numpy engine (the fast path): a COW dyad-year plan materialised with numpy from the same
warehouse tables.

The SQL path (:func:`entente.frames.engines.sql.compile_sql`) LEFT JOINs the whole frame (1.1 million
non-directed rows for 1816–2025) to every dataset and evaluates each added column with a CASE over
every row. Yet the frame's rows are a regular grid (pairs of member states × years) and the datasets
touch a small part of it. This module builds the very same table from the very same steps, every
call, without joining the big frame:

1. **Rows.** DuckDB returns only the members per year and the false dyads (the CTEs of the SQL
   universe, :func:`~entente.frames.base.membership_sql`; a few thousand rows). With the member codes
   sorted, the pairs ``i < j`` (non-directed) or ``i != j`` (directed) in lexicographic order times the
   years form a boolean grid: the AND of both states' membership, false dyads cleared. Its true cells
   in order *are* the rows, already in the SQL path's order (``ccode1, ccode2, year``).
2. **Datasets.** Each step's own SQL (``step.rhs``, the dataset's rows unique on its keys) runs in
   DuckDB with the step's column expressions evaluated on every dataset row, plus one row where the
   dataset is all NULL: the value of an unmatched frame row (``coalesce(r.x, 0)`` gives 0, ``r.x``
   NULL). The conventions (MID whittling, ATOP either way, rivalry-years, the capital in force at the
   start of the year, ...) and the column types are therefore the steps' own, not re-implemented.
3. **The join as arithmetic.** A dataset row's (ccode1, ccode2, year) is a grid cell, and a dense
   cell → row table gives its row; its values are scattered into columns pre-filled with the unmatched
   value. Pair-keyed data (``PAIR``) match (c1, c2) and, in directed frames, (c2, c1) too; exact keys
   only (ccode1, ccode2), as in the SQL path. State-keyed data are gathered through a dense
   (code, year) table; a column that reads both states (capital distance) is evaluated by DuckDB on
   every pair of *distinct* state rows (a few hundred capitals) and gathered from that matrix.
4. **Coverage.** A column is NULL outside its step's years (``Step.years``, read from the table or
   given as ``coverage=``), as the SQL path's ``CASE WHEN year BETWEEN ...``: the validity bitmap, one
   per coverage range, shared by the columns that have no other NULLs.
5. **Two at a time.** The DuckDB queries run on two cursors of the connection in worker threads while
   the calling thread lays out the grid and places each dataset as soon as its query is done.

The numpy columns are handed to Arrow (``pa.Array.from_buffers``) and to pandas (``IntegerArray``)
without copying. For the benchmark's frame (non-directed COW 1816–2025, 1,126,380 rows, ATOP, GML
MIDs, TSS rivalries, contiguity, capital distance, major powers) this takes about 0.1 s on two cores,
against 0.5 s for the single query and 3.5 s for a plain pandas-merge pipeline
(``benchmarks/bench_frames.py``, which checks all three give the same frame).

Where the data break an assumption (a dataset not unique on its keys, too many distinct state rows
for a two-state column) :func:`arrow` returns None and the caller falls back to SQL, which then gives
the SQL path's result by definition. Frames it cannot build at all (G-W
universes, frames you brought, state-years, trade and arms, whose expressions read the frame's own
codes) are named by :func:`unsupported`.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from entente.frames.base import membership_sql
from entente.frames.plan import DYAD, EXACT, NULLABLE, PAIR, REF, STATE_KEY, Frame, Step, Universe, to_pandas
from entente.store import Connection

_FRAME_REF = re.compile(r"\bf\.")
#: A column reading both states is evaluated on every pair of distinct state rows: at most this many
#: distinct rows (so at most 4 million evaluations), else the SQL path runs.
MAX_STATE_TUPLES = 2048
#: DuckDB jobs run at once (each on its own cursor), while the calling thread places results with numpy.
WORKERS = 2
_ids = itertools.count()


class _Fallback(Exception):
    """The data break an assumption of the fast path: materialise with SQL instead."""


def unsupported(frame: Frame) -> str | None:
    """Why the fast path cannot build ``frame`` (None: it can)."""
    if frame.universe is None or frame.unit != DYAD:
        return "only COW dyad-year frames made by dyad_years() have a universe it can build"
    if frame.universe.system != "cow":
        return "only COW universes are supported"
    for step in frame.steps:
        if step.key not in (EXACT, PAIR, STATE_KEY):
            return f"step {step.name} has an unknown key {step.key!r}"
        if any(_FRAME_REF.search(expr) for _, expr in step.columns):
            return f"step {step.name} reads the frame's own columns (f.ccode1 ...)"
    return None


# ------------------------------------------------------------------------------------------ columns
@dataclasses.dataclass
class _Column:
    """One output column: a numpy buffer and its validity (None: no NULLs; columns whose validity is
    the same array object share one bitmap), or a ready Arrow array (non-numeric types)."""

    name: str
    type: pa.DataType
    data: np.ndarray | None = None
    valid: np.ndarray | None = None
    array: pa.Array | None = None


def _numeric(typ: pa.DataType) -> bool:
    return pa.types.is_integer(typ) or pa.types.is_floating(typ)


def _ints(column) -> np.ndarray:
    """An Arrow integer column as int64 numpy, NULL as -1 (never a code or a year)."""
    column = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    return column.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64, copy=False)


def _values(column: pa.Array) -> tuple[np.ndarray, np.ndarray | None]:
    """A numeric Arrow column as (values with NULL as 0, validity or None if it has no NULLs)."""
    valid = None
    if column.null_count:
        valid = column.is_valid().to_numpy(zero_copy_only=False)
        column = column.fill_null(0)
    return column.to_numpy(zero_copy_only=False), valid


def _table(con: Connection, sql: str) -> dict[str, pa.Array]:
    table = con.sql(sql).to_arrow_table()
    return {name: table.column(name).combine_chunks() for name in table.column_names}


# ------------------------------------------------------------------------------------------ the rows
def _lookup(keys: np.ndarray) -> np.ndarray:
    """Dense table value → position in ``keys`` (non-negative ints), -1 for values not in it."""
    table = np.full(int(keys.max()) + 1 if len(keys) else 1, -1, np.int64)
    table[keys] = np.arange(len(keys))
    return table


def _find(table: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Positions of ``values`` through a :func:`_lookup` table (-1: absent, out of range or NULL)."""
    inside = (values >= 0) & (values < len(table))
    return np.where(inside, table[np.where(inside, values, 0)], -1)


class _Dyads:
    """The rows of a COW dyad-year universe as a grid of (pair of member codes, year) cells.

    ``members`` is the result of :func:`~entente.frames.base.membership_sql`: member state-years as
    ``(c1, NULL, year)``, false dyads as ``(c1, c2, year)``."""

    def __init__(self, members: dict[str, pa.Array], universe: Universe):
        c1, c2, year = _ints(members["c1"]), _ints(members["c2"]), _ints(members["year"])
        member = c2 < 0
        self.years = np.asarray(universe.years, dtype=np.int64)
        self.codes = np.unique(c1[member])
        if len(self.codes) and self.codes[0] < 0:
            raise _Fallback("negative state codes")
        self.code_of = _lookup(self.codes)
        self.year_of = _lookup(self.years)
        nc, ny = len(self.codes), len(self.years)
        self.ny = ny
        grid = np.zeros((nc, ny), dtype=bool)
        grid[_find(self.code_of, c1[member]), _find(self.year_of, year[member])] = True
        if universe.directed:
            first, second = np.nonzero(~np.eye(nc, dtype=bool))
        else:
            first, second = np.triu_indices(nc, 1)
        self.first, self.second = first, second
        self.pair = np.full((nc, nc), -1, dtype=np.int64)
        self.pair[first, second] = np.arange(len(first))
        cells = np.take(grid, first, axis=0)
        cells &= np.take(grid, second, axis=0)
        if universe.drop_false_dyads:
            p = self._pairs(c1[~member], c2[~member])
            y = _find(self.year_of, year[~member])
            ok = (p >= 0) & (y >= 0)
            cells[p[ok], y[ok]] = False
        flat = np.flatnonzero(cells)
        self.n = len(flat)
        self.rows_per_pair = np.diff(np.searchsorted(flat, np.arange(len(first) + 1, dtype=np.int64) * ny))
        self.year_of_row = (flat - self._per_row(np.arange(len(first), dtype=np.int64) * ny)).astype(np.int32)
        self.in_frame = cells.ravel()
        self.row_of_cell = np.empty(cells.size, dtype=np.int32)  # defined where in_frame only
        self.row_of_cell[flat] = np.arange(self.n, dtype=np.int32)
        self._year_column = np.take(self.years.astype(np.int16), self.year_of_row)
        self._coverage: dict[tuple[int, int], np.ndarray] = {}
        self._state_cells: dict[int, np.ndarray] = {}

    def _per_row(self, per_pair: np.ndarray) -> np.ndarray:
        """A value per pair, repeated on each of the pair's rows (rows are grouped by pair)."""
        return np.repeat(per_pair, self.rows_per_pair)

    def _pairs(self, c1: np.ndarray, c2: np.ndarray) -> np.ndarray:
        i, j = _find(self.code_of, c1), _find(self.code_of, c2)
        ok = (i >= 0) & (j >= 0)
        return np.where(ok, self.pair[np.where(ok, i, 0), np.where(ok, j, 0)], -1)

    def rows(self, c1: np.ndarray, c2: np.ndarray, year: np.ndarray) -> np.ndarray:
        """Frame row of each exact (ccode1, ccode2, year), -1 where the frame has none."""
        p, y = self._pairs(c1, c2), _find(self.year_of, year)
        cell = np.where((p >= 0) & (y >= 0), p * self.ny + y, -1)
        ok = cell >= 0
        ok[ok] = np.take(self.in_frame, cell[ok])
        return np.where(ok, np.take(self.row_of_cell, np.where(ok, cell, 0)), -1)

    def state_cell(self, ccode: np.ndarray, year: np.ndarray) -> np.ndarray:
        """Cell of a dense (member code, year) table for each state-year, -1 if not a member code/year."""
        i, y = _find(self.code_of, ccode), _find(self.year_of, year)
        return np.where((i >= 0) & (y >= 0), i * self.ny + y, -1)

    @property
    def state_cells_size(self) -> int:
        return len(self.codes) * self.ny

    def state_cells(self, side: int) -> np.ndarray:
        """The dense (code, year) cell of each row's first (1) or second (2) state."""
        if side not in self._state_cells:
            codes = (self.first if side == 1 else self.second).astype(np.int32)
            self._state_cells[side] = self._per_row(codes * np.int32(self.ny)) + self.year_of_row
        return self._state_cells[side]

    def coverage(self, years: tuple[int, int]) -> np.ndarray:
        """Rows whose year is within ``years`` (the SQL path's ``year BETWEEN lo AND hi``)."""
        if years not in self._coverage:
            lo, hi = (int(np.clip(v, -32768, 32767)) for v in years)
            self._coverage[years] = (self._year_column >= lo) & (self._year_column <= hi)
        return self._coverage[years]

    def key_columns(self) -> list[_Column]:
        codes = self.codes.astype(np.int16)
        return [_Column("ccode1", pa.int16(), self._per_row(codes[self.first])),
                _Column("ccode2", pa.int16(), self._per_row(codes[self.second])),
                _Column("year", pa.int16(), self._year_column)]


# ------------------------------------------------------------------------------- fetching (DuckDB)
@dataclasses.dataclass
class _Evaluated:
    """A step's rows with its expressions evaluated (``_v0`` ...; keys ``_k0`` ...), ``src`` the
    indices of the dataset rows and ``default`` that of the unmatched row (every dataset column NULL)."""

    table: dict[str, pa.Array]
    src: np.ndarray
    default: int


def _evaluate(con: Connection, rhs: str, keys: tuple[str, ...], exprs: list[str]) -> _Evaluated:
    """Evaluate ``exprs`` on the rows of ``rhs`` (aliased ``r``) and on one all-NULL row, added by a FULL
    JOIN on false: the value a frame row without a match gets."""
    select = ", ".join([f"r.{k} AS _k{n}" for n, k in enumerate(keys)] + ["_o._one IS NOT NULL AS _unmatched"]
                       + [f"{expr} AS _v{n}" for n, expr in enumerate(exprs)])
    t = _table(con, f"SELECT {select} FROM (SELECT 1 AS _one) AS _o FULL OUTER JOIN ({rhs}) AS r ON false")
    unmatched = t["_unmatched"].to_numpy(zero_copy_only=False)
    return _Evaluated(t, np.flatnonzero(~unmatched), int(np.flatnonzero(unmatched)[0]))


@dataclasses.dataclass
class _Matrix:
    """A two-state column: ``values`` over every pair of distinct state rows (``(t1, t2)`` at
    ``t1 * (nt + 1) + t2``; tuple ``nt`` is the all-NULL one), and each state row's (ccode, year, tuple)."""

    ccode: np.ndarray
    year: np.ndarray
    tuple_of_row: np.ndarray
    nt: int
    values: pa.Array


def _sides(expr: str) -> set[int]:
    """Which states a state-keyed expression reads: ``r1`` → 1, ``r2`` (and a bare ``r``) → 2."""
    return {1 if side == "r1" else 2 for side, _ in REF.findall(expr)}


def _rename(expr: str, one: str, two: str) -> str:
    return REF.sub(lambda m: f"{one if m.group(1) == 'r1' else two}.{m.group(2)}", expr)


def _matrix(con: Connection, rhs: str, expr: str) -> _Matrix:
    """Number the distinct tuples of the columns ``expr`` reads (plus the all-NULL tuple of a state
    without a row) and let DuckDB evaluate ``expr`` on every pair of them."""
    cols = list(dict.fromkeys(col for _, col in REF.findall(expr)))
    listed = ", ".join(f"r.{c}" for c in cols)
    t = _table(con, f"SELECT r.ccode AS _k0, r.year AS _k1, dense_rank() OVER (ORDER BY {listed}) - 1 AS _t, "
                    f"{listed} FROM ({rhs}) AS r")
    tuple_of_row = _ints(t["_t"])
    nt = int(tuple_of_row.max()) + 1 if len(tuple_of_row) else 0
    if nt + 1 > MAX_STATE_TUPLES:
        raise _Fallback(f"{nt} distinct state rows for a two-state column")
    first = pa.array(np.unique(tuple_of_row, return_index=True)[1])
    names = [c.strip('"') for c in cols]
    tuples = {c: pa.concat_arrays([t[c].take(first), pa.nulls(1, t[c].type)]) for c in names}
    tuples["_t"] = pa.array(np.arange(nt + 1, dtype=np.int64))
    view = f"_entente_tuples_{next(_ids)}"
    con.register(view, pa.table(tuples))
    try:
        m = _table(con, f"SELECT a._t * {nt + 1} + b._t AS _i, {_rename(expr, 'a', 'b')} AS _v "
                        f"FROM {view} AS a CROSS JOIN {view} AS b")
    finally:
        con.unregister(view)
    if not _numeric(m["_v"].type):
        raise _Fallback(f"a two-state column of type {m['_v'].type}")
    data, valid = _values(m["_v"])
    index = _ints(m["_i"])
    values = np.zeros((nt + 1) ** 2, dtype=data.dtype)
    values[index] = data
    invalid = None
    if valid is not None:
        invalid = np.zeros(len(values), dtype=bool)
        invalid[index] = ~valid
    return _Matrix(_ints(t["_k0"]), _ints(t["_k1"]), tuple_of_row, nt,
                   pa.array(values, type=m["_v"].type, mask=invalid))


def _fetch(step: Step, years: tuple[int, ...], con: Connection) -> dict:
    """Everything DuckDB computes for ``step``: the evaluated rows (``"rows"``) and, for columns that
    read both states, their matrices (by column name). A frame covering a slice of the dataset's years
    reads only the dataset's rows in them (the others match no row; DuckDB pushes the filter into the
    step's SQL where it can); for a frame covering (nearly) all of them the filter would cost more than
    it saves."""
    first, last = min(years), max(years)
    if last - first + 1 < 0.9 * (step.years[1] - step.years[0] + 1):
        rhs = f"SELECT * FROM ({step.rhs}) AS _r WHERE _r.year BETWEEN {first} AND {last}"
        step = dataclasses.replace(step, rhs=rhs)
    if step.key != STATE_KEY:
        keys = ("ccode1", "ccode2", "year") if step.key == EXACT else ("c1", "c2", "year")
        return {"rows": _evaluate(con, step.rhs, keys, [expr for _, expr in step.columns])}
    out: dict = {}
    single = [expr for _, expr in step.columns if len(_sides(expr)) < 2]
    if single:
        out["rows"] = _evaluate(con, step.rhs, ("ccode", "year"), [_rename(e, "r", "r") for e in single])
    for name, expr in step.columns:
        if len(_sides(expr)) == 2:
            out[name] = _matrix(con, step.rhs, expr)
    return out


def _members(universe: Universe, con: Connection) -> dict[str, pa.Array]:
    return _table(con, membership_sql(universe.system, list(universe.years), universe.drop_false_dyads))


def _run_jobs(con: Connection, jobs: list) -> Iterator:
    """Run ``job(connection)`` for each job, two at a time, each on its own cursor of ``con`` (DuckDB
    runs them in parallel and releases the GIL); yield the results in order as they are ready. A job
    that fails on a cursor (an object only ``con`` sees, e.g. a temporary table) runs again on ``con``;
    if it fails there too, the fast path hands over to SQL."""
    def on_cursor(job):
        cursor = None
        try:
            cursor = con.cursor()
            return job(cursor), None
        except _Fallback:
            raise
        except Exception as error:  # noqa: BLE001 - retried on con below, which raises it if real
            return None, error
        finally:
            if cursor is not None:
                cursor.close()

    def on_connection(job):
        try:
            return job(con)
        except duckdb.Error as error:  # the SQL path will report it, if it is not this module's doing
            raise _Fallback(str(error)) from error

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        futures = [pool.submit(on_cursor, job) for job in jobs]
        for job, future in zip(jobs, futures):
            result, error = future.result()
            yield on_connection(job) if error is not None else result


# --------------------------------------------------------------------------------- placing (numpy)
def _unique(cells: np.ndarray) -> None:
    """The SQL path would repeat frame rows if a state-year had two rows: hand over to it."""
    if len(cells) and np.bincount(cells).max() > 1:
        raise _Fallback("a state-keyed dataset is not unique on (ccode, year)")


def _scattered(name: str, values: pa.Array, src: np.ndarray, default: int, rows: np.ndarray, n: int,
               cov: np.ndarray, matched) -> _Column:
    """A column that is the unmatched value everywhere except ``rows``, which take ``values[src]``."""
    typ = values.type
    if not _numeric(typ):
        index = np.full(n, default, dtype=np.int64)
        index[rows] = src
        taken = values.take(pa.array(index))
        return _Column(name, typ, array=pc.if_else(pa.array(cov), taken, pa.nulls(n, typ)))
    data, valid = _values(values)
    fill_valid = valid is None or bool(valid[default])
    fill = data[default] if fill_valid else 0
    out = np.zeros(n, dtype=data.dtype) if fill == 0 else np.full(n, fill, dtype=data.dtype)
    out[rows] = data[src]
    rows_valid = valid is None or bool(valid[src].all())
    if fill_valid and rows_valid:
        return _Column(name, typ, out, cov)
    if rows_valid:
        return _Column(name, typ, out, matched())
    mask = np.full(n, fill_valid)
    mask[rows] = valid[src]
    return _Column(name, typ, out, mask & cov)


def _dyad_columns(dy: _Dyads, step: Step, fetched: dict, directed: bool) -> list[_Column]:
    """A dyad-keyed step: its rows scattered onto the frame rows they match (``PAIR`` rows match
    (c1, c2) and, in directed frames, (c2, c1); ``EXACT`` rows (ccode1, ccode2) only)."""
    e: _Evaluated = fetched["rows"]
    k1, k2, ky = (_ints(e.table[f"_k{n}"])[e.src] for n in range(3))
    rows, src = dy.rows(k1, k2, ky), e.src
    if step.key == PAIR and directed:
        rows, src = np.concatenate([rows, dy.rows(k2, k1, ky)]), np.concatenate([src, src])
    hit = rows >= 0
    rows, src = rows[hit], src[hit]
    hit = np.zeros(dy.n, dtype=bool)
    hit[rows] = True
    if np.count_nonzero(hit) != len(rows):  # the SQL path would repeat a frame row: hand over to it
        raise _Fallback(f"{step.name}: the dataset is not unique on its keys")
    cov = dy.coverage(step.years)
    cache = {}

    def matched():
        if "m" not in cache:
            cache["m"] = hit & cov
        return cache["m"]

    return [_scattered(name, e.table[f"_v{n}"], src, e.default, rows, dy.n, cov, matched)
            for n, (name, _) in enumerate(step.columns)]


def _gathered(name: str, values: pa.Array, index: np.ndarray, cov: np.ndarray) -> _Column:
    """A column whose row values are ``values[index]``."""
    if not _numeric(values.type):
        return _Column(name, values.type, array=pc.if_else(
            pa.array(cov), values.take(pa.array(index)), pa.nulls(len(index), values.type)))
    data, valid = _values(values)
    if valid is None:
        return _Column(name, values.type, np.take(data, index), cov)
    return _Column(name, values.type, np.take(data, index), np.take(valid, index) & cov)


def _state_columns(dy: _Dyads, step: Step, fetched: dict) -> list[_Column]:
    """A state-keyed step: each state's row gathered through a dense (code, year) table; a column that
    reads both states gathered from its matrix."""
    cov = dy.coverage(step.years)
    out: list[_Column] = []
    single = 0
    if "rows" in fetched:
        e: _Evaluated = fetched["rows"]
        cells = dy.state_cell(_ints(e.table["_k0"])[e.src], _ints(e.table["_k1"])[e.src])
        hit = cells >= 0
        _unique(cells[hit])
        row_of_cell = np.full(dy.state_cells_size, e.default, dtype=np.int32)
        row_of_cell[cells[hit]] = e.src[hit]
    for name, expr in step.columns:
        if name in fetched:
            m: _Matrix = fetched[name]
            cells = dy.state_cell(m.ccode, m.year)
            hit = cells >= 0
            _unique(cells[hit])
            tuple_of_cell = np.full(dy.state_cells_size, m.nt, dtype=np.int32)
            tuple_of_cell[cells[hit]] = m.tuple_of_row[hit]
            index = np.take(tuple_of_cell, dy.state_cells(1))
            index *= np.int32(m.nt + 1)
            index += np.take(tuple_of_cell, dy.state_cells(2))
            out.append(_gathered(name, m.values, index, cov))
        else:
            side = 1 if _sides(expr) == {1} else 2
            out.append(_gathered(name, e.table[f"_v{single}"], np.take(row_of_cell, dy.state_cells(side)), cov))
            single += 1
    return out


# ------------------------------------------------------------------------------------------ building
def _columns(frame: Frame) -> tuple[list[_Column], int]:
    """All columns of ``frame``: DuckDB jobs (membership, then each step's data) run two at a time
    while numpy places each result as soon as it is ready."""
    universe = frame.universe
    jobs = [partial(_members, universe)] + [partial(_fetch, step, universe.years) for step in frame.steps]
    results = _run_jobs(frame.con, jobs)
    dy = _Dyads(next(results), universe)
    columns = dy.key_columns()
    for step, fetched in zip(frame.steps, results):
        if step.key == STATE_KEY:
            columns += _state_columns(dy, step, fetched)
        else:
            columns += _dyad_columns(dy, step, fetched, universe.directed)
    names = tuple(c.name for c in columns)
    if names != frame.columns:
        raise _Fallback(f"columns {names} differ from the frame's {frame.columns}")
    return columns, dy.n


def arrow(frame: Frame) -> pa.Table | None:
    """The frame as a pyarrow Table (None: the data need the SQL path)."""
    try:
        columns, n = _columns(frame)
    except _Fallback:
        return None
    bitmaps: dict[int, pa.Buffer] = {}  # id of a validity array (all alive in ``columns``) → its bitmap
    arrays = []
    for c in columns:
        if c.array is not None:
            arrays.append(c.array)
            continue
        bitmap = None
        if c.valid is not None:
            if id(c.valid) not in bitmaps:
                bitmaps[id(c.valid)] = pa.py_buffer(np.packbits(c.valid, bitorder="little"))
            bitmap = bitmaps[id(c.valid)]
        arrays.append(pa.Array.from_buffers(c.type, n, [bitmap, pa.py_buffer(np.ascontiguousarray(c.data))]))
    return pa.Table.from_arrays(arrays, names=[c.name for c in columns])


def pandas(frame: Frame, dtype_backend: str) -> pd.DataFrame | None:
    """The frame as pandas, as :func:`~entente.frames.plan.to_pandas` would convert :func:`arrow`'s
    table, but built from the numpy columns directly (None: the data need the SQL path)."""
    if dtype_backend != "numpy_nullable":
        table = arrow(frame)
        return None if table is None else to_pandas(table, dtype_backend)
    try:
        columns, n = _columns(frame)
    except _Fallback:
        return None
    data = {}
    for c in columns:
        if c.array is not None:
            data[c.name] = to_pandas(pa.table({c.name: c.array}), dtype_backend)[c.name]
        elif pa.types.is_integer(c.type) and c.type in NULLABLE:
            mask = np.zeros(n, dtype=bool) if c.valid is None else ~c.valid
            data[c.name] = pd.arrays.IntegerArray(c.data, mask)
        elif pa.types.is_floating(c.type):
            data[c.name] = c.data if c.valid is None else np.where(c.valid, c.data, np.nan)
        else:  # an integer type pandas' nullable mapping leaves to Arrow's own conversion
            array = pa.Array.from_buffers(c.type, n, [None if c.valid is None else pa.py_buffer(
                np.packbits(c.valid, bitorder="little")), pa.py_buffer(c.data)])
            data[c.name] = to_pandas(pa.table({c.name: array}), dtype_backend)[c.name]
    return pd.DataFrame(data, copy=False)
