"""R data files (``.rda``) → Arrow tables of a fixed schema, for the source modules taken from peacesciencer.

The conflict and alliance modules (``atop``, ``cow_alliance``, ``cow_war``, ``gml_mid``, ``cow_mid``,
``ucdp_acd``, ``td_rivalries``, ``tss_rivalries``, ``grh_arms_races``) each describe their warehouse
tables with an :class:`RdaTable`: the warehouse table (whose snapshot file and unique key
:mod:`entente.catalog` declares), the object in the upstream ``.rda`` it was made from, and the exact
column types. This module holds what they share:

- :func:`parse` reads one upstream ``.rda`` into exactly the snapshot's columns and types, or raises
  :class:`~entente.errors.SchemaError` naming the dataset and the expected and actual columns;
- :func:`load` reads the snapshot files, checks their schema, and returns the warehouse tables.
- :func:`read_frame` and :func:`require_columns` serve the modules whose snapshot tables add columns
  derived from the upstream object (``cow_system``, ``gw_system``, ``countrycode``, ``unvotes``).

R stores these numbers as doubles (``numeric``) with ``NA``; they become the snapshot's integer types
only when every value is whole and in range, else :class:`~entente.errors.SchemaError` says which
column and value failed. R ``Date`` columns (read by pyreadr as ``datetime.date``) and ISO date text
both become ``date32``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from entente import catalog
from entente.errors import BadInput, SchemaError
from entente.sources.snapshot import Loaded

_TYPES = {"int16": pa.int16(), "int32": pa.int32(), "string": pa.large_string(), "date32": pa.date32()}


def schema_of(spec: str) -> pa.Schema:
    """``"ccode1 int16, year int16, warname string, start_date date32"`` → an Arrow schema (strings are large_string)."""
    fields = []
    for item in spec.replace("\n", " ").split(","):
        if item.strip():
            name, kind = item.split()
            fields.append(pa.field(name, _TYPES[kind]))
    return pa.schema(fields)


@dataclass(frozen=True)
class RdaTable:
    """One warehouse table ``name``: the upstream ``.rda`` object it is made from and its schema; its
    snapshot file and unique key are the catalog's (:mod:`entente.catalog`).

    ``renames`` maps upstream column names to snapshot names (e.g. TSS ``start`` → ``styear``).
    """

    name: str
    obj: str
    schema: pa.Schema
    renames: dict[str, str] = field(default_factory=dict)

    @property
    def file(self) -> str:
        """The snapshot file (relative to ``entente/data``), as the catalog declares it."""
        return catalog.table(self.name).file

    @property
    def unique(self) -> tuple[str, ...]:
        """The columns whose values must be unique, as the catalog declares them."""
        return catalog.table(self.name).keys

    @property
    def filename(self) -> str:
        """The upstream file name (``<object>.rda``, as peacesciencer stores it)."""
        return f"{self.obj}.rda"


def pick(dataset: str, tables: tuple[RdaTable, ...], path: Path, table: str | None) -> RdaTable:
    """The table spec for ``table`` (a warehouse table name) or, when None, for the upstream file name of ``path``.

    A dataset with one table takes a file of any name (as ``entente data update --file`` passes it).
    """
    if table is None and len(tables) == 1:
        return tables[0]
    if table is not None:
        for spec in tables:
            if table in (spec.name, spec.obj, spec.file):
                return spec
        raise BadInput(f"{dataset} has no table {table!r}; it has {[t.name for t in tables]}.")
    for spec in tables:
        if Path(path).name == spec.filename:
            return spec
    raise BadInput(
        f"Cannot tell which {dataset} table {Path(path).name!r} holds: expected one of "
        f"{[t.filename for t in tables]}. Pass table= one of {[t.name for t in tables]}.")


def parse(dataset: str, spec: RdaTable, path: Path | str) -> pa.Table:
    """Read the upstream ``.rda`` at ``path`` into exactly ``spec.schema`` (see the module docstring)."""
    return frame_to_table(dataset, spec, read_frame(dataset, spec, path), source=Path(path).name)


def frame_to_table(dataset: str, spec: RdaTable, frame: pd.DataFrame, *, source: str = "") -> pa.Table:
    """An upstream frame as pyreadr returns it → ``spec.schema`` (renames, then type by type)."""
    frame = frame.rename(columns=spec.renames)
    expected, actual = list(spec.schema.names), [str(c) for c in frame.columns]
    if sorted(expected) != sorted(actual):
        missing = [c for c in expected if c not in actual]
        extra = [c for c in actual if c not in expected]
        raise SchemaError(
            f"{dataset}: {source or spec.obj} has columns {actual}; expected {expected} (missing {missing}, "
            f"unexpected {extra}). The upstream layout changed: entente.sources.{dataset}.parse() needs updating.")
    arrays = [_column(dataset, source or spec.obj, frame[f.name], f) for f in spec.schema]
    return pa.Table.from_arrays(arrays, schema=spec.schema)


def _column(dataset: str, source: str, values: pd.Series, target: pa.Field) -> pa.Array:
    where = f"{dataset}: column {target.name!r} of {source}"
    if pa.types.is_integer(target.type):
        if values.dtype == object:
            try:
                values = pd.to_numeric(values)
            except (ValueError, TypeError) as exc:
                raise SchemaError(f"{where} should hold numbers ({target.type}) but holds text: {exc}.") from exc
        if not (pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values)):
            raise SchemaError(f"{where} should hold numbers ({target.type}) but is {values.dtype}.")
        doubles = pa.array(values.to_numpy(dtype="float64", na_value=np.nan), from_pandas=True)
        try:
            return doubles.cast(target.type)
        except pa.ArrowInvalid as exc:
            raise SchemaError(f"{where} does not fit {target.type} (whole numbers only): {exc}.") from exc
    if pa.types.is_large_string(target.type) or pa.types.is_string(target.type):
        if pd.api.types.is_numeric_dtype(values) and not values.isna().all():
            raise SchemaError(f"{where} should hold text but holds numbers ({values.dtype}).")
        items = [None if _missing(v) else v for v in values.astype(object)]
        try:
            return pa.array(items, type=target.type)
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise SchemaError(f"{where} should hold text: {exc}.") from exc
    if pa.types.is_date32(target.type):
        if pd.api.types.is_numeric_dtype(values) and not values.isna().all():
            raise SchemaError(f"{where} should hold dates but holds numbers ({values.dtype}).")
        try:
            stamps = pd.to_datetime(values.astype(object).where(values.notna(), None), format="ISO8601")
        except (ValueError, TypeError) as exc:
            reason = str(exc).splitlines()[0]
            raise SchemaError(f"{where} should hold dates (R Date or YYYY-MM-DD): {reason}") from exc
        return pa.array(stamps, from_pandas=True).cast(pa.date32())
    raise SchemaError(f"{where}: no conversion to {target.type}.")  # pragma: no cover - schemas use the types above


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA


def check(dataset: str, spec: RdaTable, table: pa.Table, path: Path) -> pa.Table:
    """``table`` (read from ``path``) if its schema is ``spec.schema``; else SchemaError with both column lists."""
    if not table.schema.equals(spec.schema, check_metadata=False):
        expected = [f"{f.name}: {f.type}" for f in spec.schema]
        actual = [f"{f.name}: {f.type}" for f in table.schema]
        raise SchemaError(
            f"{dataset}: {path} has columns {actual}; expected {expected}. Restore the file from the "
            f"repository or refresh it with `entente data update {dataset}`.")
    return table


def load(source, tables: tuple[RdaTable, ...]) -> list[Loaded]:
    """Every table of ``tables`` read from ``source``'s snapshot (checksum and schema checked)."""
    loaded = []
    for spec in tables:
        path = source.path(spec.file)
        loaded.append(Loaded(spec.name, check(source.name, spec, pq.read_table(path), path)))
    return loaded


# --- for modules that derive columns from the upstream object (cow_system, gw_system, countrycode, unvotes) ---

def read_frame(dataset: str, spec: RdaTable, path: Path | str) -> pd.DataFrame:
    """The R object ``spec.obj`` of the ``.rda`` at ``path`` (or its only object), as pyreadr reads it.

    Unreadable files and files without the object raise :class:`~entente.errors.SchemaError`, as :func:`parse`.
    """
    import pyreadr

    path = Path(path)
    try:
        objects = pyreadr.read_r(str(path))
    except (pyreadr.custom_errors.PyreadrError, pyreadr.custom_errors.LibrdataError) as exc:
        raise SchemaError(
            f"{dataset}: cannot read {path.name} as an R data file ({exc}). Expected the .rda "
            f"object {spec.obj!r}; download it again with `entente data update {dataset}`.") from exc
    if spec.obj in objects:
        return objects[spec.obj].reset_index(drop=True)
    if len(objects) == 1:
        return next(iter(objects.values())).reset_index(drop=True)
    raise SchemaError(f"{dataset}: {path.name} holds no R object {spec.obj!r}; it holds {list(objects)}.")


def require_columns(dataset: str, spec: RdaTable, frame: pd.DataFrame, *, source: str, module: str,
                    extra_ok: bool = False) -> pd.DataFrame:
    """``frame`` renamed by ``spec.renames`` and cut to the columns of ``spec.schema``, in its order.

    A missing column (or, unless ``extra_ok``, an unexpected one) raises
    :class:`~entente.errors.SchemaError` naming the dataset, the expected and the actual columns and the
    parser to update (``entente.sources.<module>.parse()``). ``extra_ok`` is for upstream objects that
    carry more columns than the snapshot keeps (countrycode's codelist).
    """
    frame = frame.rename(columns=spec.renames)
    expected, actual = list(spec.schema.names), [str(c) for c in frame.columns]
    missing = [c for c in expected if c not in actual]
    extra = [] if extra_ok else [c for c in actual if c not in expected]
    if missing or extra:
        raise SchemaError(
            f"{dataset}: {source} has columns {actual}; expected {expected} (missing {missing}, "
            f"unexpected {extra}). The upstream layout changed: entente.sources.{module}.parse() needs updating.")
    return frame[expected]
