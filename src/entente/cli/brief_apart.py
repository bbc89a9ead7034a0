"""The child process of ``entente brief`` (:mod:`entente.cli._ahead`): what
:func:`entente.brief.content.apart` reads for the arguments the brief was given, as pickles on stdout, one
for each part as soon as it is read.

``python -m entente.cli.brief_apart IRN RUS --from 1990`` parses its arguments with the ``brief`` command
itself, so both processes read the same pair and window. It writes nothing else to stdout (anything a
library prints goes to stderr), and exits with status 3 without a result when the warehouse is not built
and current: the parent builds it, with its progress bar, and computes these sections itself.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys

from entente import warehouse
from entente.brief import content
from entente.cli._input import resolve_states
from entente.cli.brief import brief as brief_command

NOT_READY = 3


def main(argv: list[str]) -> int:
    sys.stdout.flush()
    pipe = os.dup(1)      # the result's way out; stdout itself is pointed at stderr, C libraries' too
    os.dup2(2, 1)
    con = warehouse.connect_if_current()
    if con is None:
        return NOT_READY
    params = brief_command.make_context("brief", list(argv)).params
    a, b = resolve_states([params["state_a"], params["state_b"]], start=params["start"], end=params["end"],
                          pair=True)
    with os.fdopen(pipe, "wb") as out:   # closed at the end: the parent need not wait for this process to exit

        def send(part: dict) -> None:
            pickle.dump(part, out, protocol=pickle.HIGHEST_PROTOCOL)
            out.flush()

        content.apart(a.ccode, b.ccode, start=params["start"], end=params["end"], send=send, con=con)
    gc.freeze()       # nor this process for its shutdown collections (entente.cli.console)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
