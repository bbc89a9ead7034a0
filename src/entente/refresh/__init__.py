"""Refresh datasets from upstream, and account for what the warehouse holds: update, list, verify, rejects.

:func:`update` refreshes one dataset, all or nothing:

1. **Inputs.** Download every upstream file with :func:`entente.fetch.fetch` (resume, progress, length
   and sha256 checks; files already downloaded and matching a pinned checksum are reused) or take the
   user's files (``file=``: files named like the upstream files, or a folder holding them).
2. **Parse.** The source module's ``parse(path)`` turns each file into a table (or ``{snapshot file:
   table}``; a lone table goes to the snapshot file at the upstream file's position). Lines it sets
   aside (:mod:`entente.ingest`) are kept with line numbers and reasons.
3. **Check.** Each table must have the snapshot file's columns and types (string widths and integer
   widths that hold the values are converted), else :class:`~entente.errors.SchemaError` naming the
   dataset, the expected and the actual columns.
4. **Guard.** Each table is compared with the one it replaces (the refreshed copy in use, else the bundled
   snapshot), like a database migration that must not lose data: :class:`~entente.errors.UpdateRefused`
   when it would have no rows, lose more than :data:`MAX_LOSS` of its rows or of any column's non-null
   values, or break its key (:func:`entente.sources.table_keys`: duplicated keys, or nulls in a key column
   that had none). Growth is fine. ``force=True`` accepts the loss and records what it overrode in the
   manifest (``guard``). :func:`check` runs steps 1–4 only.
5. **Stage.** The tables are written as Parquet into a new generation folder
   ``$ENTENTE_HOME/refreshed/<name>/<generation>/<snapshot file>`` (built under a temporary name, then
   renamed), and a warehouse is built from them into a side file, the new manifest being visible to
   this process only (:func:`entente.sources.staged`). A source whose ``load()`` rejects the data
   fails here. The generation folder holds its own manifest (``_manifest.json``), written before the
   folder gets its name: the data and the record of what they are appear together or not at all.
6. **Commit.** ``manifest.json`` (version, inputs with URL and sha256, each Parquet file's sha256, rows and
   rows before, the guard's verdict, refreshed_at, the previous generation) replaces the old one
   atomically: from then on :meth:`Source.path` serves the new files. Then the side warehouse replaces the
   warehouse atomically, under the builders' lock.

A kill at any point leaves the old data (nothing committed; leftovers are swept by the next update) or
the new data (committed; if the warehouse swap did not happen, the fingerprint sees the new manifest
and the next use rebuilds). An update whose inputs have the same sha256 as the current refresh, parsed
by the same parser, changes nothing (``force=True`` redoes it).

:func:`rollback` puts the previous version back (the generation before, kept until the next update, or the
bundled snapshot after a first update) by the same trial build and commit, so it is as atomic as an update.

The guard lives in :mod:`entente.refresh._guard`; ``list`` and ``verify`` in :mod:`entente.refresh.accounts`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import inspect
import json
import os
import secrets
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from filelock import FileLock

from entente import config, ingest, warehouse
from entente.errors import BadInput, EntenteError, SchemaError, SourceError
from entente.fetch import fetch
from entente.refresh._guard import MAX_LOSS, guard, verdict
from entente.refresh.accounts import datasets, verify, vintage
from entente.sources import Upstream, refreshed_dir, refreshed_manifest, registry, sha256_file, staged
from entente.store import Connection

__all__ = ["MAX_LOSS", "Refresh", "check", "datasets", "guard", "rejects", "rollback", "update", "verify", "vintage"]

REJECTS_FILE = "_rejects.parquet"
MANIFEST_FILE = "_manifest.json"        # each generation's own manifest, beside its data


@dataclass
class Refresh:
    """What :func:`update` did: ``status`` "updated", "unchanged", "checked" (:func:`check`) or "rolled back";
    the manifest (None when a rollback went back to the bundled snapshot), rejects, notes, the rows each
    table had before, the guard's objections that ``force`` overrode, and (from :func:`check`) the tables."""

    name: str
    status: str
    manifest: dict | None
    rejects: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    before: dict[str, int | None] = field(default_factory=dict)
    overridden: list[str] = field(default_factory=list)
    after: dict[str, int] = field(default_factory=dict)
    tables: dict[str, pa.Table] = field(default_factory=dict)

    @property
    def rows(self) -> dict[str, int]:
        if self.after:
            return dict(self.after)
        return {file: entry["rows"] for file, entry in (self.manifest or {"files": {}})["files"].items()}


@dataclass
class _Input:
    upstream: Upstream
    path: Path
    origin: str            # "download" or "file"
    sha256: str


def _module(name: str):
    sources = registry()
    if name not in sources:
        raise BadInput(f"Unknown dataset {name!r}. Choose from: {', '.join(sources)} (see `entente data list`).")
    return sources[name]


def update(name: str, *, file: Path | str | Sequence[Path | str] | None = None, transport=None,
           progress: bool = True, accept_new: bool = False, force: bool = False) -> Refresh:
    """Refresh dataset ``name`` from upstream (or from ``file``) and swap it into the warehouse atomically.

    ``transport`` goes to the downloader (an ``httpx.BaseTransport``; default: the network);
    ``accept_new`` re-pins checksums recorded on first use; ``force`` re-parses unchanged inputs and
    overrides the guard (:data:`MAX_LOSS`, keys): without it a replacement that would lose data raises
    :class:`~entente.errors.UpdateRefused` and nothing changes.
    """
    module = _refreshable(name)
    source = module.SOURCE
    files = [file] if isinstance(file, (str, Path)) else list(file or [])
    root = refreshed_dir(name)
    root.mkdir(parents=True, exist_ok=True)
    with FileLock(str(root.parent / ".lock"), timeout=3600):
        _sweep(name)
        notes: list[str] = []
        inputs = _inputs(module, files, transport, progress, accept_new, notes)
        current = refreshed_manifest(name)
        parser = _parser_sha256(module)
        if not force and current and _same(current, inputs, parser) and _intact(source, current):
            warehouse.ensure(progress=progress)
            notes.append(f"{name} is up to date: the upstream files have not changed since "
                         f"{current['refreshed_at'][:19]} (use --force to parse them again).")
            rows = {file: entry["rows"] for file, entry in current["files"].items()}
            return Refresh(name, "unchanged", current, _stored_rejects(current), notes, before=rows)
        tables, found, checks = _prepare(module, inputs, notes)
        overridden = verdict(name, checks, force, notes)
        manifest = _stage(source, inputs, tables, found, parser, current, checks, overridden)
        side = _trial_build(name, manifest, progress, discard=manifest["generation"])
        _swap_in(name, manifest, side)
    if overridden:
        notes.append(f"--force: accepted although {'; '.join(overridden)}. `entente data rollback {name}` "
                     "puts the previous version back.")
    return Refresh(name, "updated", manifest, found, notes, before={c["file"]: c["rows_before"] for c in checks},
                   overridden=overridden)


def check(name: str, *, file: Path | str | Sequence[Path | str] | None = None, transport=None,
          progress: bool = True, accept_new: bool = False) -> Refresh:
    """What :func:`update` would swap in, without changing the data in use: inputs, parse, layout, guard.

    Raises as :func:`update` does (:class:`~entente.errors.UpdateRefused` when the guard refuses); returns a
    Refresh with status "checked", the rows before and after, the lines set aside and the tables.
    """
    module = _refreshable(name)
    files = [file] if isinstance(file, (str, Path)) else list(file or [])
    notes: list[str] = []
    inputs = _inputs(module, files, transport, progress, accept_new, notes)
    tables, found, checks = _prepare(module, inputs, notes)
    verdict(name, checks, False, notes)
    return Refresh(name, "checked", None, found, notes, before={c["file"]: c["rows_before"] for c in checks},
                   after={c["file"]: c["rows_after"] for c in checks}, tables=tables)


def _prepare(module, inputs: list[_Input], notes: list[str]) -> tuple[dict[str, pa.Table], pd.DataFrame, list[dict]]:
    """Parse the inputs, give each table the snapshot's layout and compare it with the one in use."""
    tables, found = _parse_all(module, inputs, notes)
    tables = {f: _conform(module.SOURCE.name, f, t) for f, t in tables.items()}
    return tables, found, guard(module, tables, notes)


def _refreshable(name: str):
    module = _module(name)
    source = module.SOURCE
    parse = getattr(module, "parse", None)
    if parse is None:
        formats = ", ".join(sorted({u.format or Path(u.filename).suffix.lstrip(".") for u in source.upstream})) or "?"
        raise SourceError(
            f"{name} cannot be refreshed yet: entente.sources.{module.__name__.rsplit('.', 1)[-1]} has no parse() "
            f"for its upstream format ({formats}). It keeps the bundled snapshot ({source.version}).")
    if not source.files:
        raise SourceError(
            f"{name} has no bundled snapshot for `entente data update` to refresh: its terms do not let entente "
            f"ship it, so its load() reads the copy you save yourself (see `entente.sources.{module.__name__.rsplit('.', 1)[-1]}`).")
    return module


# --- inputs ---------------------------------------------------------------------------------------

def _inputs(module, files: list, transport, progress, accept_new, notes) -> list[_Input]:
    source = module.SOURCE
    upstream = list(source.upstream)
    names = [u.filename for u in upstream]
    given: dict[str, Path] = {}
    for item in map(Path, files):
        if item.is_dir():
            found = {u.filename: item / u.filename for u in upstream if (item / u.filename).is_file()}
            if not found:
                raise BadInput(f"{item} holds none of {source.name}'s upstream files ({', '.join(names)}).")
            given.update(found)
        elif item.is_file():
            if item.name in names:
                given[item.name] = item
            elif len(upstream) <= 1:
                given[names[0] if names else item.name] = item
            else:
                raise BadInput(f"{item.name} is not one of {source.name}'s upstream files ({', '.join(names)}). "
                               "Name the file like its upstream file, or pass a folder holding them.")
        else:
            raise BadInput(f"No such file or folder: {item}")
    if not upstream:
        if not given:
            raise SourceError(f"{source.name} has no upstream file to download; give the file with --file PATH.")
        upstream = [Upstream(url="", filename=n) for n in given]
    missing = [u for u in upstream if u.filename not in given]
    if given and missing:
        notes.append(f"Downloading the upstream files not given with --file: {', '.join(u.filename for u in missing)}.")
    inputs = []
    for u in upstream:
        if u.filename in given:
            path = given[u.filename]
            sha = sha256_file(path)
            if u.sha256 and sha != u.sha256:
                notes.append(f"{path.name} differs from the pinned upstream file (sha256 {sha[:12]}… instead of "
                             f"{u.sha256[:12]}…); refreshing from your file.")
            inputs.append(_Input(u, path, "file", sha))
            continue
        dest = config.home() / "downloads" / source.name / u.filename
        if u.sha256 and dest.is_file() and sha256_file(dest) == u.sha256:
            inputs.append(_Input(u, dest, "download", u.sha256))
            continue

        # a living file (kept current by its publisher) is expected to change: no checksum is recorded on
        # first use; the guard (no lost rows, keys kept) stands between a bad download and the data in use
        fetch(u.url, dest, sha256=u.sha256, transport=transport, progress=progress, name=source.name,
              accept_new=accept_new, tofu=not u.living, headers=dict(u.headers))
        inputs.append(_Input(u, dest, "download", sha256_file(dest)))
    return inputs


def _parser_sha256(module) -> str:
    try:
        text = inspect.getsource(module)
    except (OSError, TypeError):
        text = module.__name__
    return hashlib.sha256(text.encode()).hexdigest()


def _same(manifest: dict, inputs: list[_Input], parser: str) -> bool:
    before = {(i["filename"], i["sha256"]) for i in manifest.get("inputs", [])}
    return before == {(i.upstream.filename, i.sha256) for i in inputs} and manifest.get("parser_sha256") == parser


def _intact(source, manifest: dict) -> bool:
    folder = refreshed_dir(source.name) / manifest["generation"]
    return set(manifest["files"]) == set(source.files) and all(
        entry.get("snapshot_sha256") == source.files[file] and (folder / file).is_file()
        and sha256_file(folder / file) == entry["sha256"] for file, entry in manifest["files"].items())


# --- parse and check ------------------------------------------------------------------------------

TEXT_SUFFIXES = (".txt", ".csv", ".tsv", ".json", ".jsonl")


def _unterminated(path: Path) -> bool:
    """Whether a text file ends inside a line (no line break at its end): a sign it was cut short."""
    if path.suffix.lower() not in TEXT_SUFFIXES or path.stat().st_size == 0:
        return False
    with open(path, "rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) != b"\n"


def _parse_all(module, inputs: list[_Input], notes: list[str] | None = None) -> tuple[dict[str, pa.Table], pd.DataFrame]:
    source = module.SOURCE
    parts: dict[str, list[pa.Table]] = {}
    with ingest.collecting() as gathered:
        for item in inputs:
            if notes is not None and _unterminated(item.path):
                notes.append(f"{item.path.name} ends inside a line (no line break at its end): it may have been "
                             "cut short, and its last line be incomplete.")
            try:
                result = module.parse(item.path)
            except EntenteError:
                raise
            except Exception as exc:
                raise SourceError(f"{source.name}: parse() failed on {item.path.name}: {exc!r}. The file may not be "
                                  "the upstream format entente reads; the previous data stays in use.") from exc
            for file, table in _as_files(source, item, result).items():
                parts.setdefault(file, []).append(table)
    missing = sorted(set(source.files) - set(parts))
    if missing:
        raise SchemaError(f"{source.name}: parse() gave no table for {missing}; the snapshot has {sorted(source.files)}.")
    tables = {}
    for file, pieces in parts.items():
        try:
            tables[file] = pa.concat_tables(pieces)
        except pa.ArrowInvalid as exc:
            raise SchemaError(f"{source.name}: the upstream files give {file} different columns: {exc}") from exc
    found = pd.concat(gathered, ignore_index=True) if gathered else pd.DataFrame(columns=["file", *ingest.REJECT_COLUMNS])
    return tables, found.astype({"file": "string", "line": "int64", "reason": "string", "text": "string"})


def _as_files(source, item: _Input, result) -> dict[str, pa.Table]:
    if isinstance(result, pd.DataFrame):
        result = pa.Table.from_pandas(result, preserve_index=False)
    if isinstance(result, pa.Table):
        files = list(source.files)
        position = [u.filename for u in source.upstream].index(item.upstream.filename) \
            if item.upstream in source.upstream else 0
        if len(files) == 1:
            return {files[0]: result}
        if len(files) == len(source.upstream):
            return {files[position]: result}
        raise SourceError(f"{source.name}: parse() returned one table, but the dataset has {len(files)} snapshot "
                          f"files; return {{snapshot file: table}} instead.")
    if isinstance(result, dict):
        unknown = sorted(set(result) - set(source.files))
        if unknown:
            raise SchemaError(f"{source.name}: parse() returned tables for {unknown}, which are not snapshot files "
                              f"({sorted(source.files)}).")
        return {f: (pa.Table.from_pandas(t, preserve_index=False) if isinstance(t, pd.DataFrame) else t)
                for f, t in result.items()}
    raise SourceError(f"{source.name}: parse() returned a {type(result).__name__}, not a pyarrow.Table or a dict.")


def _same_kind(a: pa.DataType, b: pa.DataType) -> bool:
    strings = (pa.types.is_string, pa.types.is_large_string)
    return (any(f(a) for f in strings) and any(f(b) for f in strings)
            or pa.types.is_integer(a) and pa.types.is_integer(b)
            or pa.types.is_floating(a) and pa.types.is_floating(b))


def _conform(name: str, file: str, table: pa.Table) -> pa.Table:
    """``table`` with the snapshot file's columns, order, types and metadata; SchemaError if it cannot be."""
    expected = pq.read_schema(config.snapshot_dir() / file)
    want, got = expected.names, table.column_names
    if sorted(want) != sorted(got):
        lacking, extra = [c for c in want if c not in got], [c for c in got if c not in want]
        raise SchemaError(
            f"{name}: the refreshed {file} has another column layout than the snapshot. Expected columns: "
            f"{want}; got: {got}" + (f"; missing {lacking}" if lacking else "") + (f"; unexpected {extra}" if extra else "")
            + f". The upstream format changed or {name}'s parse() is out of date: fix parse() before refreshing. "
            "Nothing was changed; the previous data stays in use.")
    table = table.select(want)
    wrong = [f"{c}: expected {expected.field(c).type}, got {table.schema.field(c).type}" for c in want
             if not table.schema.field(c).type.equals(expected.field(c).type)
             and not _same_kind(table.schema.field(c).type, expected.field(c).type)]
    if wrong:
        raise SchemaError(f"{name}: the refreshed {file} has other column types than the snapshot ({'; '.join(wrong)}). "
                          "Nothing was changed; the previous data stays in use.")
    try:
        return table.cast(expected)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        raise SchemaError(f"{name}: the refreshed {file} does not fit the snapshot's column types ({exc}). "
                          "Nothing was changed; the previous data stays in use.") from exc


# --- stage, build, commit -------------------------------------------------------------------------

def _stage(source, inputs, tables, found, parser, current, checks, overridden) -> dict:
    """Write the generation folder (complete before it gets its name) and return its manifest."""
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    generation = f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(4)}"
    root = refreshed_dir(source.name)
    staging = root / f".staging-{generation}"
    entries = {}
    before = {c["file"]: c["rows_before"] for c in checks}
    for file, table in tables.items():
        target = staging / file
        target.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, target, compression="zstd")
        entries[file] = {"sha256": sha256_file(target), "rows": table.num_rows, "snapshot_sha256": source.files[file],
                         "rows_before": before.get(file)}
    if len(found):
        pq.write_table(pa.Table.from_pandas(found, preserve_index=False), staging / REJECTS_FILE)
    origins = sorted({i.origin for i in inputs})
    version = source.version if origins == ["download"] else \
        f"{source.version}; refreshed {now:%Y-%m-%d} from local file(s)"
    living = [i.upstream.filename for i in inputs if i.upstream.living and i.origin == "download"]
    if living:       # a list its publisher keeps current: the version is the day it was fetched
        version = f"{source.version}; updated {now:%Y-%m-%d} from {', '.join(living)}"
    manifest = {
        "dataset": source.name, "version": version, "generation": generation, "refreshed_at": now.isoformat(),
        "origin": "+".join(origins),
        "inputs": [{"filename": i.upstream.filename, "url": i.upstream.url, "origin": i.origin,
                    "path": str(i.path), "sha256": i.sha256, "pinned": bool(i.upstream.sha256)} for i in inputs],
        "files": entries, "rejects": int(len(found)), "rejects_file": REJECTS_FILE if len(found) else None,
        "parser_sha256": parser, "previous_generation": current["generation"] if current else None,
        "guard": {"max_loss": MAX_LOSS, "keys": {c["file"]: c["key"] for c in checks if c["key"]},
                  "overridden": overridden},
    }
    _write_json(staging / MANIFEST_FILE, manifest)
    _fsync_tree(staging)
    os.rename(staging, root / generation)      # the data and their manifest appear together
    return manifest


def _trial_build(name: str, manifest: dict | None, progress: bool, discard: str | None = None) -> Path:
    """Build the whole warehouse with ``manifest`` staged (None: the bundled snapshot) into a side file.

    Returns its path; on failure removes it, and the generation ``discard`` (a new one nothing refers to).
    """
    main = config.warehouse_path()
    side = main.with_name(f"{main.name}.staged-{os.getpid()}")
    try:
        with staged({name: manifest}):
            warehouse.build(side, progress=progress)
    except BaseException:
        _remove_side(side)
        if discard:
            shutil.rmtree(refreshed_dir(name) / discard, ignore_errors=True)
        raise
    return side


def _write_json(path: Path, data: dict) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1)
        handle.flush()
        os.fsync(handle.fileno())


def _commit(name: str, manifest: dict | None) -> None:
    """Make ``manifest`` the current one atomically (None: remove it, back to the bundled snapshot)."""
    root = refreshed_dir(name)
    if manifest is None:
        (root / "manifest.json").unlink(missing_ok=True)
    else:
        tmp = root / f".manifest-{os.getpid()}.tmp"
        _write_json(tmp, manifest)
        os.replace(tmp, root / "manifest.json")
    _fsync_dir(root)


def _swap_in(name: str, manifest: dict | None, side: Path) -> None:
    _commit(name, manifest)
    with warehouse._lock(config.warehouse_path()):
        os.replace(side, config.warehouse_path())
    _remove_side(side)
    _sweep(name)                       # keeps the current generation and the one before it
    warehouse.connection.cache_clear()


def rollback(name: str, *, progress: bool = True) -> Refresh:
    """Put back the version of ``name`` that the last update replaced, atomically, and rebuild the warehouse.

    That is the generation before (kept until the next update) or, after a first update, the bundled
    snapshot. Raises :class:`~entente.errors.SourceError` when there is nothing to go back to.
    """
    module = _module(name)
    source = module.SOURCE
    root = refreshed_dir(name)
    root.mkdir(parents=True, exist_ok=True)
    with FileLock(str(root.parent / ".lock"), timeout=3600):
        _sweep(name)
        current = refreshed_manifest(name)
        if current is None:
            raise SourceError(f"Nothing to roll back for {name}: it uses the bundled snapshot ({source.version}), "
                              f"not an update. `entente data update {name}` refreshes it.")
        previous, target = current.get("previous_generation"), None
        if previous:
            path = root / previous / MANIFEST_FILE
            try:
                target = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise SourceError(
                    f"Cannot roll back {name}: the version before {current['generation']} ({previous}) is no longer "
                    f"kept complete ({path}: {exc}); only the one before the last update is kept. "
                    f"Delete {root} to go back to the bundled snapshot, or update again.") from exc
            if not _intact(source, target):
                raise SourceError(f"Cannot roll back {name}: the files of the version before ({root / previous}) no "
                                  f"longer match their manifest. Delete {root} to go back to the bundled snapshot.")
        side = _trial_build(name, target, progress)
        _swap_in(name, target, side)
    rows = {file: entry["rows"] for file, entry in current["files"].items()}
    after = ({file: entry["rows"] for file, entry in target["files"].items()} if target else
             {file: pq.ParquetFile(config.snapshot_dir() / file).metadata.num_rows for file in source.files})
    what = f"the update of {target['refreshed_at'][:19]} ({target['origin']})" if target else \
        f"the bundled snapshot ({source.version})"
    return Refresh(name, "rolled back", target, _stored_rejects(target) if target else _stored_rejects({}),
                   [f"{name} is back to {what}; the update of {current['refreshed_at'][:19]} was discarded."],
                   before=rows, after=after)


def _remove_side(side: Path) -> None:
    for path in (side, side.with_name(side.name + ".wal"), side.with_name(side.name + ".lock")):
        path.unlink(missing_ok=True)
    for stale in side.parent.glob(side.name + ".building-*"):
        stale.unlink(missing_ok=True)


def _sweep(name: str) -> None:
    """Remove what killed updates left: staging folders, stray generations, side warehouses (under the lock)."""
    root = refreshed_dir(name)
    manifest = refreshed_manifest(name)
    keep = {manifest["generation"], manifest.get("previous_generation")} if manifest else set()
    for child in root.iterdir():
        if child.is_dir() and child.name not in keep:
            shutil.rmtree(child, ignore_errors=True)
        elif child.name.startswith(".manifest-"):
            child.unlink(missing_ok=True)
    main = config.warehouse_path()
    for leftover in main.parent.glob(main.name + ".staged-*"):     # side warehouses, their locks and temp files
        leftover.unlink(missing_ok=True)


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _stored_rejects(manifest: dict) -> pd.DataFrame:
    if manifest and manifest.get("rejects_file"):
        path = refreshed_dir(manifest["dataset"]) / manifest["generation"] / manifest["rejects_file"]
        if path.exists():
            return pd.read_parquet(path)
    return pd.DataFrame(columns=["file", *ingest.REJECT_COLUMNS])


# --- rejects (list and verify: entente.refresh.accounts) ----------------------------------------

def rejects(name: str, con: Connection | None = None) -> pd.DataFrame:
    """The lines the last refresh of ``name`` set aside: file, line, reason, text (from ``_rejects``)."""
    _module(name)
    con = con or warehouse.connection()
    return con.execute("SELECT file, line, reason, text FROM _rejects WHERE dataset = ? ORDER BY file, line",
                       [name]).df()
