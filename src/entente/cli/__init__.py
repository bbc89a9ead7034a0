"""The ``entente`` command line: a thin layer over the Python API.

This module holds the group, the registry of commands and the error handling; the commands live in one
module per area (``relations``, ``pair``, ``data``, ...), and what they share in two modules below them:
:mod:`entente.cli._input` (parameter types, weights, :func:`~entente.cli._input.resolve_states`) and
:mod:`entente.cli._output` (:func:`~entente.cli._output.emit`, ``--format``/``--out``, notes). Imports
point one way: this module imports no command module at start-up, and command modules never import it.

**Commands load when they run.** :data:`COMMANDS` maps each command's name to the module and attribute
that define it, and its one-line summary; :class:`LazyGroup` imports a command's module only when that
command is invoked (or its own ``--help`` asked for), and writes ``entente --help`` from the summaries
without importing any command (so ``entente --help`` and ``entente country`` do not load matplotlib,
igraph or Ibis). **To add a command**, define it in a module under ``entente/cli/`` with
``@click.command()`` (or ``@click.group()``) and add one line to :data:`COMMANDS`; a test checks that each
summary is the first paragraph of the command's own help.

Every command prints errors as one line (what failed, the value, the fix) and exits with status 1;
tables go to stdout in the chosen ``--format``, messages and progress to stderr. :func:`main` turns
entente's errors and the operating system's (a missing folder, a read-only file, a name too long) into
one-line messages (:func:`error_message`). Under click's CliRunner these errors stay exceptions
(``result.exception``), as tests of the commands expect.
"""

from __future__ import annotations

import errno
import gc
import importlib
import os
import sys
import warnings
from pathlib import Path
from typing import NamedTuple

import click

from entente.cli import _ahead
from entente.errors import EntenteError

#: Exit status for a failure inside entente (``EX_SOFTWARE`` in BSD's sysexits.h).
INTERNAL_ERROR = 70


class Entry(NamedTuple):
    """Where a command lives (module and attribute) and its one-line summary for ``entente --help``."""

    module: str
    attribute: str
    summary: str
    #: A module run beside the command in a child process, started before ``module`` is imported
    #: (:mod:`entente.cli._ahead`); the command finds it in ``ctx.meta[entente.cli._ahead.AHEAD]``.
    ahead: str | None = None


#: Every command of ``entente``: name → where it is defined, and its summary (the first paragraph of its help).
COMMANDS: dict[str, Entry] = {
    "alignment": Entry("entente.cli.relations", "alignment_command", "UN General Assembly alignment of two states, year by year."),
    "arms": Entry("entente.cli.pair", "arms", "SIPRI deliveries both ways (needs the SIPRI export you supply; see README)."),
    "axis": Entry("entente.cli.network", "axis", 'How cohesive is a group of states, compared with random groups? ("an axis")'),
    "balance": Entry("entente.cli.network", "balance", "Structural balance of the whole signed network, year by year."),
    "blocs": Entry("entente.cli.network", "blocs", "Voting blocs in the UN General Assembly (Leiden communities of excess kappa)."),
    "brief": Entry("entente.cli.brief", "brief", "Write an evidence brief for a pair of states.",
                   ahead="entente.cli.brief_apart"),
    "check": Entry("entente.cli.check", "check", "Check an article's claims about two states against the data."),
    "cite": Entry("entente.cli.cite", "cite", "Citations (text, then BibTeX) for the datasets entente uses: all, those NAMED, or a brief's."),
    "country": Entry("entente.cli.country", "country", "Which state a name or code means (COW, ISO3, G-W, names and aliases)."),
    "data": Entry("entente.cli.data", "data", "The datasets and the warehouse: list, update, rollback, verify, rejects, build, path."),
    "draw": Entry("entente.cli.draw", "draw", "Draw the network of states: bloc maps, networks around a pair or a group, blocs over time."),
    "events": Entry("entente.cli.events", "events", "News events from GDELT (1.0 daily and 2.0 15-minute exports, CAMEO coded)."),
    "frame": Entry("entente.cli.frames", "frame", "Dyad-year and state-year frames in the field's conventions, datasets joined on."),
    "history": Entry("entente.cli.pair", "history", "Militarized disputes between two states (GML MIDs), one row per dispute; wars with --wars."),
    "limits": Entry("entente.cli.pair", "limits", "Where the two diverge: topics of UN votes on which they split most."),
    "network": Entry("entente.cli.network", "network_", "Export the signed network of states for one year (GraphML, GEXF, Parquet, CSV)."),
    "partners": Entry("entente.cli.relations", "partners", "A state's most and least aligned partners in one year."),
    "read": Entry("entente.cli.read", "read_command", "Who did what to whom in an article: actions between states, coded to CAMEO."),
    "sanctions": Entry("entente.cli.pair", "sanctions", "Sanctions cases (TIES; GSDB when supplied) between the two and by each one's rivals."),
    "serve": Entry("entente.cli.serve", "serve", "Serve the web app: briefs, the fact-checker and the sources in a browser."),
    "third-parties": Entry("entente.cli.pair", "third_parties", "Every third state's standing with both: shared friend, shared adversary or divergent."),
    "trade": Entry("entente.cli.pair", "trade", "Trade each way per year (current million US$; COW Trade to 2014, IMF DOTS after, the dataset column says which), shares of each side's trade, asymmetry."),
    "treaties": Entry("entente.cli.pair", "treaties", "Alliance obligations of A towards B as spells (ATOP, or COW with --cow)."),
    "trend": Entry("entente.cli.pair", "trend", "The composite relationship index per year, with the weights used."),
    "triads": Entry("entente.cli.network", "triads", "Third states two states both favour, both oppose, or split on, and which triads are unbalanced."),
    "vetoes": Entry("entente.cli.pair", "vetoes", "Security Council vetoes: drafts both vetoed, and each side's vetoes naming the other."),
}


class LazyGroup(click.Group):
    """A click group whose commands come from :data:`COMMANDS`, each module imported when its command runs."""

    def list_commands(self, ctx) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def resolve_command(self, ctx, args):
        """Start the command's :attr:`Entry.ahead` child (with the command's own arguments) before its module
        is imported; it is stopped when the command is done, if it still runs."""
        entry = COMMANDS.get(args[0]) if args else None
        if (entry is not None and entry.ahead and _ahead.wanted() and _ahead.AHEAD not in ctx.meta
                and not {"-h", "--help"} & set(args[1:])):
            child = _ahead.start(entry.ahead, args[1:])
            if child is not None:
                ctx.meta[_ahead.AHEAD] = child
                ctx.call_on_close(child.cancel)
        return super().resolve_command(ctx, args)

    def get_command(self, ctx, name: str):
        if name not in self.commands and name in COMMANDS:
            entry = COMMANDS[name]
            self.add_command(getattr(importlib.import_module(entry.module), entry.attribute), name)
        return self.commands.get(name)

    def format_commands(self, ctx, formatter) -> None:
        """The command list of ``--help`` from the registry's summaries, shortened as click shortens a
        command's own help, without importing the commands."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            if name in self.commands:
                command = self.commands[name]
                if command.hidden:
                    continue
                rows.append((name, command.get_short_help_str(limit)))
            else:
                rows.append((name, click.utils.make_default_short_help(COMMANDS[name].summary, limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def os_error_message(exc: OSError) -> str:
    """One line for an OS error: what could not be done, the path, the reason and the fix."""
    path = exc.filename if exc.filename is not None else ""
    shown = str(path) if len(str(path)) <= 120 else str(path)[:60] + "…" + str(path)[-40:]
    reason = (exc.strerror or (str(exc.args[0]) if exc.args else "") or type(exc).__name__).rstrip(".")
    fixes = {
        errno.ENOENT: "the folder does not exist: create it first or choose another path",
        errno.EACCES: "you may not write there: choose a folder you can write to",
        errno.EPERM: "the system refuses it: choose a folder you can write to",
        errno.EROFS: "that file system is read-only: choose a writable folder",
        errno.ENAMETOOLONG: "shorten the file name (at most 255 bytes a name)",
        errno.EISDIR: "that is a folder: give a file name",
        errno.ENOTDIR: "a part of the path is a file, not a folder: choose another path",
        errno.ENOSPC: "the disk is full: free some space or write elsewhere",
        errno.EEXIST: "something is in the way: remove it or choose another path",
    }
    code = exc.errno or next((c for cls, c in ((FileNotFoundError, errno.ENOENT), (PermissionError, errno.EACCES),
                                                (IsADirectoryError, errno.EISDIR), (NotADirectoryError, errno.ENOTDIR))
                              if isinstance(exc, cls)), None)
    fix = fixes.get(code, "check the path and try again")
    if code == errno.ENOENT and path and Path(str(path)).parent.is_dir():
        fix = "that folder takes no new files: choose another folder"
    where = f" {shown!r}" if shown else ""
    return f"Cannot use{where}: {reason}; {fix}."


def error_message(exc: BaseException) -> str | None:
    """The one line :func:`main` prints for ``exc``: entente's own message, or the OS error's path,
    reason and fix; None for anything else (a bug, which keeps its traceback)."""
    if isinstance(exc, EntenteError):
        return str(exc)
    if isinstance(exc, OSError):
        return os_error_message(exc)
    return None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="entente")
def cli() -> None:
    """Unpack the relationship between two states from evidence.

    \b
    Start here:
      entente brief IRN RUS               a brief (HTML, Markdown, JSON) for Iran and Russia
      entente alignment Iran Russia       their UN General Assembly alignment, year by year
      entente partners IRN --year 2023    Iran's most and least aligned states in 2023
      entente country Persia              which state a name or code means
      entente blocs --year 1985           UN voting blocs; also: axis, triads, balance, network
      entente draw map --year 1985 -o m.svg   the blocs on a world map; also draw pair/group/timeline
      entente events ingest --from 2025-01-01   GDELT news events, with a completeness report
      entente data list                   the datasets, versions and row counts behind it all

    States can be given as names ("Iran", "Soviet Union"), capitals ("Tehran"), ISO3 (IRN),
    COW letters (GMY) or COW numbers (630); a name that fits two states ("Korea") is refused
    with both listed. The warehouse is built from the bundled snapshot on first use.
    """


def _show_note(message, category, filename, lineno, file=None, line=None) -> None:
    """Print entente's own warnings (a dataset the user must supply, lines set aside) as one-line notes."""
    click.echo(click.style("Note: ", fg="yellow", bold=True) + str(message), err=True)


def main(argv=None) -> int:
    """Console entry point: run the CLI and turn entente's errors into one-line messages."""
    original = warnings.showwarning

    def show(message, category, *rest, **kw):
        # imported when a warning is shown (by then its module is loaded); at start-up it would load pandas
        from entente.sources._parsing import MalformedLinesWarning, UserFileMissing

        if issubclass(category, (UserFileMissing, MalformedLinesWarning)):
            return _show_note(message, category, *rest, **kw)
        return original(message, category, *rest, **kw)

    warnings.showwarning = show
    try:
        return _run(argv)
    finally:
        warnings.showwarning = original


def console() -> None:
    """The ``entente`` command and ``python -m entente``: :func:`main`, then exit with its status.

    The heap is frozen first (:func:`gc.freeze`): the process ends here, and CPython's shutdown would
    otherwise run its cyclic collections over every object the command made, about 0.15 s after a brief
    (of a 2 s command) for memory the operating system takes back anyway. Tests call :func:`main`."""
    status = main()
    gc.freeze()
    sys.exit(status)


def _run(argv) -> int:
    try:
        # standalone_mode=False: click returns a command's ctx.exit(code) as the return value
        result = cli.main(args=argv, prog_name="entente", standalone_mode=False)
    except BrokenPipeError:  # the reader (e.g. `| head`) left: nothing to say
        return 1
    except (EntenteError, OSError) as exc:
        click.echo(click.style("Error: ", fg="red", bold=True) + error_message(exc), err=True)
        return 1
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 1
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except Exception as exc:  # a bug of entente's own: one line, a status that says so, the traceback on demand
        if os.environ.get("ENTENTE_DEBUG"):
            raise
        click.echo(click.style("Error: ", fg="red", bold=True) + f"entente failed inside ({type(exc).__name__}: "
                   f"{exc}). This is a bug in entente, not in what you asked: please report it with the command "
                   "you ran. Run it again with ENTENTE_DEBUG=1 to see where it failed.", err=True)
        return INTERNAL_ERROR
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
