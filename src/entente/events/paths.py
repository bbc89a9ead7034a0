"""Where the event store keeps its files: the store's folder, its lock file, its events' and mentions' Parquet.

The layout is drawn in :mod:`entente.events.store`; nothing here reads or writes the files.
"""

from __future__ import annotations

from pathlib import Path

from entente import config

__all__ = ["event_files", "events_dir", "lock_path", "mention_files"]


def events_dir(root: Path | None = None) -> Path:
    """Where the event store lives: ``root`` or :func:`entente.config.events_dir`."""
    return Path(root) if root is not None else config.events_dir()


def lock_path(root: Path | None = None) -> Path:
    """The lock file every ingest holds while it writes: ``<store>/.ingest.lock``."""
    return events_dir(root) / ".ingest.lock"


def event_files(root: Path | None = None) -> list[Path]:
    """The Parquet files of the store's events (empty list if nothing was ingested); stores written before
    the flat layout keep their ``event_month=*/`` files, which are read too."""
    store = events_dir(root)
    return sorted(store.glob("parts/added_month=*/part-*.parquet")) + sorted(store.glob("event_month=*/part-*.parquet"))


def mention_files(root: Path | None = None) -> list[Path]:
    """The Parquet files of the stored mentions (empty list if none were ingested)."""
    return sorted((events_dir(root) / "mentions").glob("added_month=*/part-*.parquet"))
