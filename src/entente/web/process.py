"""The serving process's memory habits, set once by ``entente serve`` before it answers anything.

- **Allocator arenas** (:func:`limit_malloc_arenas`): glibc's malloc gives each thread that allocates its
  own arena, up to eight per core, and memory freed in one arena is not reused by another; a server whose
  requests move between worker threads grows its resident memory for that alone (the glibc manual,
  "Memory Allocation Tunables", ``glibc.malloc.arena_max``; gunicorn's docs advise ``MALLOC_ARENA_MAX``
  for the same reason). Two arenas keep the growth down at a small cost in lock contention.
- **Worker threads** (:data:`WORKER_THREADS`): FastAPI runs each plain ``def`` route in AnyIO's thread
  pool, 40 threads by default; the app's work is Python holding the GIL or DuckDB queries, so more
  threads than this add contention and arenas, not speed.
- **The start-up heap** (:func:`freeze_startup_heap`): objects alive once the app is built (modules, the
  name index, the warehouse's metadata) live as long as the process; ``gc.freeze()`` moves them out of
  the collector's generations, so a full collection no longer walks them (a pause that showed in the
  latency tail).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc

import anyio.to_thread

#: AnyIO worker threads for the app's plain ``def`` routes.
WORKER_THREADS = 8
#: ``M_ARENA_MAX`` in glibc's ``<malloc.h>``.
_M_ARENA_MAX = -8


def limit_malloc_arenas(arenas: int = 2) -> bool:
    """Cap glibc malloc's arenas at ``arenas`` (``mallopt(M_ARENA_MAX, arenas)``); False where the C
    library is not glibc (musl, macOS, Windows), which have no such setting."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name)
        return bool(libc.mallopt(_M_ARENA_MAX, arenas))
    except (OSError, AttributeError):
        return False


def limit_worker_threads(threads: int = WORKER_THREADS) -> None:
    """At most ``threads`` of AnyIO's worker threads at once (call inside the running event loop)."""
    anyio.to_thread.current_default_thread_limiter().total_tokens = threads


def freeze_startup_heap() -> None:
    """Collect once, then leave every object alive now out of later collections (``gc.freeze``)."""
    gc.collect()
    gc.freeze()
