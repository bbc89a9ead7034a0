"""The lazy frame every add step works on, and the helpers the steps share.

A :class:`Frame` is the SQL of a universe (its keys) on a DuckDB connection, plus the datasets added
to it (:class:`Step`: SQL for the dataset's rows and expressions for the new columns) and what the
steps need to know (unit, system, direction, columns, coverage). Nothing runs until :meth:`Frame.df`,
:meth:`Frame.arrow`, :meth:`Frame.to_parquet` or :meth:`Frame.relation` is called; then
:func:`compile_sql` makes one query of it all, DuckDB plans the whole pipeline at once, and
``to_parquet`` streams it to disk (the frame never has to fit in Python memory). ``df()`` and
``arrow()`` of a COW dyad-year frame go through :mod:`entente.frames._fast` instead (the same steps,
the same result, several times faster); ``engine="sql"`` keeps the single query.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa

from entente.errors import BadInput, SchemaError
from entente.warehouse import has_table  # noqa: F401  (re-exported: the add steps import it from here)

_ids = itertools.count()

DYAD, STATE = "dyad_year", "state_year"


class MissingTable(SchemaError):
    """A step needs a warehouse table this warehouse does not have (yet)."""

    def __init__(self, step: str, table: str):
        self.step, self.table = step, table
        super().__init__(
            f"{step}() needs the warehouse table {table!r}, which this warehouse does not have "
            f"(`entente data list` shows what it holds). Its dataset was not loaded when the warehouse was "
            f"built: its source module or a file you must supply was missing (the build's warnings say "
            f"which). Add it, rebuild the warehouse (`entente data update`), and run {step}() again."
        )


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
    (:mod:`entente.frames._fast`) can build the same rows with numpy instead of running ``base``."""

    system: str
    directed: bool
    years: tuple[int, ...]
    drop_false_dyads: bool


ENGINES = ("auto", "sql", "numpy")


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
        from entente.frames._registry import apply

        return apply(self, steps, **options)

    @property
    def sql(self) -> str:
        """The whole pipeline as one SQL query (unsorted)."""
        return compile_sql(self)

    # ---------------------------------------------------------------------------------- materialising
    def _ordered_sql(self, base: str | None = None) -> str:
        sql = compile_sql(self, base)
        if not self.order:
            return sql
        return f"SELECT * FROM ({sql}) AS _f ORDER BY {', '.join(self.order)}"

    def _run(self, action):
        """Run ``action(sql)`` with the frame's keys first materialised as an Arrow table (a few MB), so
        that DuckDB knows the frame's size and builds its hash tables on the small datasets, not on the
        frame (its estimate for the generated universe is a handful of rows)."""
        if not self.steps or self.base.startswith("SELECT * FROM _entente_input_"):
            return action(self._ordered_sql())
        keys = self.con.sql(self.base).to_arrow_table()
        name = f"_entente_keys_{next(_ids)}"
        self.con.register(name, keys)
        try:
            return action(self._ordered_sql(f"SELECT * FROM {name}"))
        finally:
            self.con.unregister(name)

    def relation(self):
        """The frame as a DuckDB relation (lazy; sorted by its keys)."""
        return self.con.sql(self._ordered_sql())

    def _fast(self, engine: str) -> bool:
        """Whether to materialise with :mod:`entente.frames._fast` (``engine="auto"``: when it can)."""
        from entente.frames import _fast

        if engine not in ENGINES:
            raise BadInput(f"engine={engine!r}: use one of {', '.join(ENGINES)}.")
        if engine == "sql":
            return False
        reason = _fast.unsupported(self)
        if reason and engine == "numpy":
            raise BadInput(f"engine='numpy' cannot build this frame: {reason}. Use engine='auto' or 'sql'.")
        return reason is None

    def arrow(self, *, engine: str = "auto") -> pa.Table:
        """Run the pipeline and return a pyarrow Table (NULL stays null).

        ``engine``: ``"sql"`` compiles the frame into one DuckDB query; ``"numpy"`` builds a COW
        dyad-year frame with numpy from the same tables (:mod:`entente.frames._fast`, several times
        faster; the same columns, types and values) and refuses a frame it cannot build; ``"auto"``
        (default) uses numpy when the frame allows it (a COW universe from
        :func:`~entente.frames.dyad_years`, steps that do not read the frame's own columns, i.e. all
        but trade and arms) and SQL otherwise. Either way, where the data break an assumption of the
        numpy path (a dataset not unique on its keys, ...) the frame is built with SQL."""
        if self._fast(engine):
            from entente.frames import _fast

            table = _fast.arrow(self)
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
            from entente.frames import _fast

            out = _fast.pandas(self, dtype_backend)
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
def one(con, sql: str, params=None) -> tuple:
    """The first row of a query, fetching the result to the end (DuckDB 2 keeps a connection busy
    until a result is exhausted)."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else ()


def require(con, step: str, *tables: str) -> None:
    """Raise :class:`MissingTable` naming the first of ``tables`` that ``con`` lacks."""
    for table in tables:
        if not has_table(con, table):
            raise MissingTable(step, table)


def table_columns(con, table: str) -> list[str]:
    return [row[0] for row in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table]).fetchall()]


def span(con, table: str, first: str = "year", last: str | None = None) -> tuple[int, int]:
    """(first, last) year a table covers, from its data: ``min(first)``, ``max(last or first)``."""
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
def as_frame(data, con, step: str) -> tuple[Frame, str]:
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
        from entente import warehouse

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


_NULLABLE = {pa.int8(): pd.Int8Dtype(), pa.int16(): pd.Int16Dtype(), pa.int32(): pd.Int32Dtype(),
             pa.int64(): pd.Int64Dtype(), pa.uint8(): pd.UInt8Dtype(), pa.bool_(): pd.BooleanDtype()}


def _nullable(arrow_type):
    return _NULLABLE.get(arrow_type)


DTYPE_BACKENDS = ("numpy_nullable", "pyarrow")


def to_pandas(table: pa.Table, dtype_backend: str = "numpy_nullable") -> pd.DataFrame:
    """``table`` as pandas with nullable numpy dtypes or, for ``"pyarrow"``, ``pd.ArrowDtype`` columns."""
    if dtype_backend == "pyarrow":
        return table.to_pandas(types_mapper=pd.ArrowDtype)
    if dtype_backend != "numpy_nullable":
        raise BadInput(f"dtype_backend={dtype_backend!r}: use one of {', '.join(DTYPE_BACKENDS)} (as in pandas).")
    return table.to_pandas(types_mapper=_nullable)


# ------------------------------------------------------------------------------------------ joining
EXACT, PAIR, STATE_KEY = "exact", "pair", "state"
_REF = re.compile(r'\b(r[12]?)\.("[^"]+"|\w+)')


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


def _refs(step: Step) -> list[str]:
    """The rhs columns a step's expressions use, in order of first use."""
    seen: dict[str, None] = {}
    for _, expr in step.columns:
        for _, col in _REF.findall(expr):
            seen.setdefault(col.strip('"'), None)
    return list(seen)


def compile_sql(frame: Frame, base: str | None = None) -> str:
    """One query: the frame LEFT JOINed once to the stacked dyad-keyed data (``d``) and once per state to
    the stacked state-keyed data (``s1``, ``s2``; ``s`` for state-years). ``base`` replaces the frame's
    own SQL (e.g. by a scan of its keys already materialised)."""
    base = base or frame.base
    if not frame.steps:
        return base
    dyad_parts, state_parts, ctes, select, flags, helpers = [], [], [], [], {}, {}
    state_unit = frame.unit == STATE
    keys = ("ccode",) if state_unit else ("ccode1", "ccode2")
    for i, step in enumerate(frame.steps):
        cols = _refs(step)
        alias = {c: f'"s{i}__{c}"' for c in cols}
        proj = "".join(f', "{c}" AS {alias[c]}' for c in cols)
        ctes.append(f"_s{i} AS ({step.rhs})")
        if step.key == EXACT:
            where = " WHERE ccode1 < ccode2" if frame.ordered_pairs else ""
            dyad_parts.append(f"SELECT {_dyad_key('ccode1', 'ccode2', 'year')} AS k{proj} FROM _s{i}{where}")
        elif step.key == PAIR:
            part = f"SELECT {_dyad_key('c1', 'c2', 'year')} AS k{proj} FROM _s{i}"
            if not frame.ordered_pairs:
                part += f" UNION ALL SELECT {_dyad_key('c2', 'c1', 'year')} AS k{proj} FROM _s{i}"
            dyad_parts.append(part)
        else:
            state_parts.append(f"SELECT {_state_key('ccode', 'year')} AS k{proj} FROM _s{i}")

        def ref(match, alias=alias, key=step.key):
            side, col = match.group(1), match.group(2).strip('"')
            if key != STATE_KEY:
                table = "d"
            elif state_unit:
                table = "s"
            else:
                table = "s1" if side == "r1" else "s2"
            return f"{table}.{alias[col]}"

        condition = " AND ".join([in_range("year", *step.years), *(f"{k} IS NOT NULL" for k in keys)])
        flag = flags.setdefault(condition, f"_cov{len(flags)}")
        for name, expr in step.columns:
            select.append(f"CASE WHEN f.{flag} THEN {_REF.sub(ref, expr)} END AS {name}")
    joins = []
    if dyad_parts:
        ctes.append(f"_d AS ({_stack(dyad_parts)})")
        joins.append("LEFT JOIN _d AS d ON d.k = f._kd")
        helpers["_kd"] = _dyad_key("ccode1", "ccode2", "year")
    if state_parts:
        ctes.append(f"_st AS ({_stack(state_parts)})")
        if state_unit:
            joins.append("LEFT JOIN _st AS s ON s.k = f._ks")
            helpers["_ks"] = _state_key("ccode", "year")
        else:
            joins += ["LEFT JOIN _st AS s1 ON s1.k = f._ks1", "LEFT JOIN _st AS s2 ON s2.k = f._ks2"]
            helpers["_ks1"], helpers["_ks2"] = _state_key("ccode1", "year"), _state_key("ccode2", "year")
    helpers.update({flag: f"({cond})" for cond, flag in flags.items()})
    extra = ", ".join(f"{expr} AS {name}" for name, expr in helpers.items())
    body = ",\n       ".join(select)
    return (f"WITH {', '.join(ctes)}\nSELECT f.* EXCLUDE ({', '.join(helpers)}),\n       {body}\n"
            f"FROM (SELECT *, {extra} FROM ({base})) AS f\n" + "\n".join(joins))


def _dyad_key(c1: str, c2: str, year: str) -> str:
    """One BIGINT per (ccode1, ccode2, year): a single-column hash join is much cheaper than a
    three-column one. Codes and years are non-negative and below 65,536, so the key is exact."""
    return f"(CAST({c1} AS BIGINT) * 4294967296 + CAST({c2} AS BIGINT) * 65536 + CAST({year} AS BIGINT))"


def _state_key(ccode: str, year: str) -> str:
    return f"(CAST({ccode} AS BIGINT) * 65536 + CAST({year} AS BIGINT))"


def _stack(parts: list[str]) -> str:
    """Stack the parts (each unique on its key ``k``, with distinct column names) into one row per key,
    by a chain of FULL OUTER JOINs (small tables: cheaper than a GROUP BY over their union)."""
    sql = parts[0]
    for part in parts[1:]:
        sql = f"SELECT * FROM ({sql}) FULL OUTER JOIN ({part}) USING (k)"
    return sql


def prepare(data, con, step: str, *units: str) -> tuple[Frame, str]:
    """The start of every add step: wrap the input, check its unit."""
    frame, kind = as_frame(data, con, step)
    need_unit(frame, step, *units)
    return frame, kind
