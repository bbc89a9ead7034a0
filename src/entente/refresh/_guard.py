"""The guard of ``entente data update``: a replacement table against the table it replaces.

Like a database migration that must not lose data, an update is refused
(:class:`~entente.errors.UpdateRefused`) when a new table would have no rows, lose more than
:data:`MAX_LOSS` of its rows or of any column's non-null values, or break its key (declared by its source,
:func:`entente.sources.table_keys`): a key value found twice, or nulls in a key column that had none.
Growth is fine. ``--force`` accepts what the guard refused, and the manifest records it.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from entente import config
from entente.errors import EntenteError, UpdateRefused
from entente.sources import sha256_file, table_keys
from entente.store import one

#: The most a replacement may lose against the data it replaces, as a share of a table's rows or of any
#: column's non-null values. New releases grow or revise a few rows; losing more is far more often a
#: truncated download, a header-only file or a parser out of step with the upstream layout than a real
#: revision. ``entente data update NAME --force`` accepts a larger loss.
MAX_LOSS = 0.10


def _in_use(source, file: str, notes: list[str]) -> pa.Table | None:
    """The table ``file`` the warehouse reads now (refreshed copy, else snapshot), or None if unreadable."""
    try:
        return pq.read_table(source.path(file))
    except (EntenteError, OSError, pa.ArrowException) as exc:
        snapshot = config.snapshot_dir() / file
        if snapshot.is_file() and sha256_file(snapshot) == source.files[file]:
            notes.append(f"{source.name}: the copy of {file} in use cannot be read ({exc}); the replacement is "
                         "compared with the bundled snapshot instead.")
            return pq.read_table(snapshot)
        notes.append(f"{source.name}: neither the copy of {file} in use nor the bundled snapshot can be read "
                     f"({exc}); the replacement is checked for rows and its key only.")
        return None


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "–"


def guard(module, tables: dict[str, pa.Table], notes: list[str] | None = None) -> list[dict]:
    """Compare each replacement table with the one in use: one dict per snapshot file.

    Keys: ``file``, ``rows_before`` (None if the table in use cannot be read), ``rows_after``, ``key``,
    ``duplicates`` (key values found more than once) and ``problems``: one sentence per failed check
    (no rows; more than :data:`MAX_LOSS` of the rows or of a column's non-null values lost; duplicated
    keys; nulls in a key column that had none). An empty ``problems`` means the table passes.
    """
    source, keys = module.SOURCE, table_keys(module)
    notes = [] if notes is None else notes
    out = []
    for file, new in tables.items():
        old = _in_use(source, file, notes)
        label = file.rsplit("/", 1)[-1].removesuffix(".parquet")
        before, after = (old.num_rows if old is not None else None), new.num_rows
        problems = []
        if after == 0 and before != 0:
            problems.append(f"{label} would have 0 rows" + (f" (it has {before:,})" if before else ""))
        elif before and before - after > MAX_LOSS * before:
            problems.append(f"{label} would lose {before - after:,} of its {before:,} rows "
                            f"({_share(before - after, before)})")
        if old is not None and after:
            lost = []
            for column in new.column_names:
                had, has = before - old.column(column).null_count, after - new.column(column).null_count
                if had and had - has > MAX_LOSS * had:
                    lost.append(f"{column} {had:,} → {has:,} ({_share(had - has, had)} lost)")
            if lost:
                problems.append(f"{label} would lose values (non-null values before → after): " + ", ".join(lost[:6])
                                + (f" and {len(lost) - 6} more columns" if len(lost) > 6 else ""))
        key, duplicates = keys.get(file, ()), 0
        if key and after:
            con = duckdb.connect()
            try:
                con.register("_replacement", new.select(list(key)))
                names = ", ".join(f'"{k}"' for k in key)
                duplicates, example = one(con,
                    f"SELECT count(*), any_value(example) FROM (SELECT ({names})::VARCHAR AS example "
                    f"FROM _replacement GROUP BY ALL HAVING count(*) > 1)")
            finally:
                con.close()
            if duplicates:
                problems.append(f"{label} would have {duplicates:,} duplicated keys ({', '.join(key)}), "
                                f"e.g. {example}")
            nulls = [f"{c} ({new.column(c).null_count:,} rows)" for c in key if new.column(c).null_count
                     and (old is None or old.column(c).null_count == 0)]
            if nulls:
                problems.append(f"{label} would have nulls in its key ({', '.join(key)}): {', '.join(nulls)}")
        out.append({"file": file, "rows_before": before, "rows_after": after, "key": list(key),
                    "duplicates": int(duplicates), "problems": problems})
    return out


def verdict(name: str, checks: list[dict], force: bool, notes: list[str] = ()) -> list[str]:
    """Raise UpdateRefused for the guard's objections (with ``notes``), unless ``force``; return what it overrode."""
    problems = [p for c in checks for p in c["problems"]]
    if problems and not force:
        raise UpdateRefused(
            f"{name}: update refused against the data in use: {'; '.join(problems)}. "
            f"An update may lose at most {MAX_LOSS:.0%} of a table's rows or of a column's values "
            "(entente.refresh.MAX_LOSS) and must keep its key unique and without nulls. Nothing was changed; the "
            "previous data stays in use. Check the file (cut short? only a header? another layout?); if the "
            f"loss is real, run `entente data update {name} --force` (and `entente data rollback {name}` to undo)."
            + "".join(f" Note: {note}" for note in notes), problems)
    return problems
