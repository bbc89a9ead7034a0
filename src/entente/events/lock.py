"""One writer at a time: the event store's ingest lock (:mod:`filelock` on ``<store>/.ingest.lock``).

An ingest holds the lock while it writes (:func:`locked`); a second ingest into the same store waits
``wait`` seconds (checked by :func:`check_wait`, at most :data:`MAX_WAIT`) and then raises
:class:`~entente.errors.StoreBusy`; it never writes beside the first.
"""

from __future__ import annotations

import contextlib
import math
from pathlib import Path

from filelock import FileLock, Timeout

from entente.errors import BadInput, StoreBusy
from entente.events.paths import lock_path

__all__ = ["MAX_WAIT", "check_wait", "locked"]


#: the longest wait for another ingest's lock (a week)
MAX_WAIT = 7 * 24 * 3600


def check_wait(wait) -> float:
    """``wait`` as seconds to wait for the lock: a finite number from 0 to :data:`MAX_WAIT` (BadInput if not)."""
    try:
        seconds = float(wait)
    except (TypeError, ValueError):
        seconds = float("nan")
    if not math.isfinite(seconds) or not 0 <= seconds <= MAX_WAIT:
        raise BadInput(f"--wait takes seconds from 0 to {MAX_WAIT:,} (a week), not {wait!r}; e.g. --wait 600.")
    return seconds


@contextlib.contextmanager
def locked(root: Path | None = None, *, wait: float = 0.0):
    """Hold the store's ingest lock (a :mod:`filelock` lock on ``<store>/.ingest.lock``) for the block.

    Two ingests into one store never write at once: the second waits up to ``wait`` seconds, then raises
    :class:`StoreBusy`. The lock is released when its process ends, even if it is killed.
    """
    wait = check_wait(wait)
    path = lock_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=wait)
    except Timeout:
        raise StoreBusy(f"Another ingest is writing to the event store {path.parent} (lock {path}); waited "
                        f"{wait:g} s. Let it finish, or wait for it: entente events ingest ... --wait 600") from None
    try:
        yield path
    finally:
        lock.release()
