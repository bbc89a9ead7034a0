"""A command's heavy part, started in a child process before the command itself is loaded.

``entente brief`` has two cores' worth of work on a laptop and one process would use one of them: the
command line starts part of the brief (every third state's standing with both, and the limits section:
:func:`entente.brief.content.apart`) in a child (:mod:`entente.cli.brief_apart`) as soon as it knows the
command, before loading the brief
(pandas, DuckDB: 0.5 s), so that the child's start-up runs beside this process's own and its sections
beside the others. The child parses the same arguments with the same command, writes its results to
stdout as pickles, one after the other, and nothing else; :meth:`Ahead.take` reads the next, or gives None
when the child failed or was not ready (the caller then computes the same thing itself: nothing is lost
but time).

``ENTENTE_ONE_PROCESS=1`` starts no child (everything in one process, as before; benchmarks compare the two).
"""

from __future__ import annotations

import os
import pickle
import queue
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

#: Where a command finds the child its registry entry started (``ctx.meta[AHEAD]``: an :class:`Ahead`).
AHEAD = "entente.ahead"
#: Set to any value but "" or "0": every command runs in one process.
ONE_PROCESS = "ENTENTE_ONE_PROCESS"
#: Where the package lives: put first on the child's path, so the child runs this very code.
ROOT = Path(__file__).resolve().parents[2]


def wanted() -> bool:
    """Whether commands may start a child (:data:`ONE_PROCESS` not set)."""
    return os.environ.get(ONE_PROCESS, "") in ("", "0")


def start(module: str, args: list[str]) -> Ahead | None:
    """:class:`Ahead` for ``module``, or None when no child process can be started (the command then does
    all its work itself)."""
    try:
        return Ahead(module, args)
    except OSError:
        return None


class Ahead:
    """``python -m MODULE ARGS`` running beside this process; :meth:`take` waits for its pickled result."""

    def __init__(self, module: str, args: list[str]) -> None:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p))
        self._errors = tempfile.TemporaryFile()
        self._proc = subprocess.Popen([sys.executable, "-m", module, *args], stdin=subprocess.DEVNULL,
                                      stdout=subprocess.PIPE, stderr=self._errors, env=env)
        # read as the child writes, so that it never waits on a full pipe (a table is more than a pipe holds)
        self._results: queue.Queue = queue.Queue()
        self._reader = threading.Thread(target=self._read, name="entente-ahead", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        try:
            while True:
                self._results.put(pickle.load(self._proc.stdout))
        except (EOFError, OSError, ValueError, pickle.UnpicklingError, AttributeError, ImportError):
            self._results.put(None)     # no more: the child is done, or failed

    def take(self):
        """The child's next result (it writes one pickle for each, in order), or None if it gave no more
        (it failed, or was not ready: its error is shown when ENTENTE_DEBUG is set)."""
        result = self._results.get()
        if result is None:
            self._results.put(None)     # and None again to a later call
            self._proc.wait()
            if os.environ.get("ENTENTE_DEBUG") and self._proc.returncode:
                self._errors.seek(0)
                sys.stderr.write(f"[entente] the child process ({self._proc.args[2]}) gave no result, status "
                                 f"{self._proc.returncode}: {self._errors.read().decode('utf-8', 'replace')}\n")
        return result

    def cancel(self) -> None:
        """Stop the child if it still runs (the command failed, or did not need it); release its files."""
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        self._reader.join()             # it ends with the pipe
        self._proc.stdout.close()
        self._errors.close()
