"""The ``entente`` command line: a thin layer over the Python API.

The group, output formatting and error handling live here; commands live in one module per area
(``relations``, ``data``, ...), each registering itself on :data:`cli` when imported below.

Every command prints errors as one line (what failed, the value, the fix) and exits with status 1;
tables go to stdout in the chosen ``--format``, messages and progress to stderr.

User input meets the code here, once: the parameter types below bound counts, years, seeds and free
text; :func:`resolve_states` turns the states a command names into COW states for the year or window
it asks about (refusing ambiguous names, the same state twice and states not in the system then); and
:func:`main` turns entente's errors and the operating system's (a missing folder, a read-only file, a
name too long) into one-line messages (:func:`error_message`). Under click's CliRunner these errors
stay exceptions (``result.exception``), as tests of the commands expect.
"""

from __future__ import annotations

import datetime as dt
import errno
import math
import sys
from pathlib import Path

import click
import pandas as pd

from entente.countries import MAX_YEAR, MIN_YEAR
from entente.errors import BadInput, EntenteError

FORMATS = ("table", "csv", "json", "parquet")

# ------------------------------------------------------------------------------------ parameter types
#: A year: the state system starts in 1816; nothing is planned past 2100.
YEAR = click.IntRange(MIN_YEAR, MAX_YEAR)
#: A count where 0 means "all" (--top) and one that must be at least 1.
COUNT_OR_ALL = click.IntRange(min=0, max=100_000)
COUNT = click.IntRange(min=1, max=100_000)
#: A random seed (numpy takes 0 … 2**32 − 1).
SEED = click.IntRange(0, 2**32 - 1)
#: Leiden resolution: a positive, finite number.
RESOLUTION = click.FloatRange(min=0, max=1000, min_open=True)
#: The longest free text (a layer list, a weight list) a command reads.
MAX_TEXT_CHARS = 500
MAX_WEIGHT = 1e6


def bounded_text(ctx, param, value):
    """Callback: refuse free text longer than :data:`MAX_TEXT_CHARS` or holding control characters."""
    if value is None:
        return value
    if len(value) > MAX_TEXT_CHARS:
        raise click.BadParameter(f"{len(value):,} characters ({value[:20]!r}…); at most {MAX_TEXT_CHARS}.")
    if any(ord(c) < 32 for c in value):
        raise click.BadParameter(f"{value[:40]!r} holds control characters; write plain text.")
    return value


def check_out(ctx, param, value):
    """Callback for --out: an empty path is an error (it would not mean stdout)."""
    if value is not None and not str(value).strip():
        raise click.BadParameter("is empty; give a file name, or leave --out out to write to stdout.")
    return value


def parse_weights(text: str | None, *, normalise: bool = True) -> dict[str, float] | None:
    """``'unga=1,alliance=3'`` → ``{'unga': 0.25, 'alliance': 0.75}`` (or unscaled if not ``normalise``).

    Each weight must be a finite number from 0 to 1e6, no name may repeat, and not all may be 0; names
    are checked by the command that uses them. The bound keeps the sum finite (``unga=1e308,
    alliance=1e308`` summed to infinity and left an index with weight_covered 0.0); normalising
    (dividing by the sum) gives the composite index weights that sum to 1.
    """
    if text is None:
        return None
    bounded_text(None, None, text)
    example = "unga=0.4,alliance=0.3,disputes=0.2,trade=0.1"
    out: dict[str, float] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        name, sep, value = (s.strip() for s in part.partition("="))
        try:
            number = float(value) if sep and name else math.nan
        except ValueError:
            number = math.nan
        if not sep or not name or (math.isnan(number) and value.lower() != "nan"):
            raise BadInput(f"Weight {part!r} is not name=number; write weights as {example!r}.")
        if not math.isfinite(number) or not 0 <= number <= MAX_WEIGHT:
            raise BadInput(f"Weight {part!r}: a weight is a number from 0 to {MAX_WEIGHT:g} (relative to the "
                           f"others, e.g. {example!r}).")
        if name in out:
            raise BadInput(f"Weight {name!r} is given twice in {text!r}; give each once.")
        out[name] = number
    if not out:
        raise BadInput(f"--weights {text!r} holds no weight; write e.g. {example!r}.")
    total = sum(out.values())
    if total == 0:
        raise BadInput(f"--weights {text!r} are all 0; give at least one a positive weight.")
    return {k: v / total for k, v in out.items()} if normalise else out


# ------------------------------------------------------------------------------------------ states
def _years(spells) -> str:
    parts = []
    for start, end in spells:
        last = "" if end is None else str(end.year)
        parts.append(f"{start.year}–{last}" if last != str(start.year) else str(start.year))
    return ", ".join(parts)


def resolve_states(queries, *, year: int | None = None, start: int | None = None, end: int | None = None,
                   pair: bool = False, member: bool = True):
    """The COW states the user named, for one command, checked once.

    Names resolve for ``year``, or for the window's first year (``start``, else ``end``) so that a name
    means the same state in every command ("Germany" with --from 1980 is the state `entente country
    Germany --year 1980` names); names that meant two states then are refused (AmbiguousCountry). A
    state given twice is refused ("Both states are Russia ..." for a pair). With a year or window, a
    state that was not in the state system on any day of it is refused, naming its years (unless
    ``member`` is False: the pictures say themselves that a state "cast no UN votes" that year).
    """
    from entente import countries

    when = year if year is not None else (start if start is not None else end)
    found = [countries.resolve(q, year=when, strict=True) for q in queries]
    seen: dict[int, str] = {}
    for query, state in zip(queries, found):
        if state.ccode in seen:
            given = f" ({seen[state.ccode]!r} and {query!r})" if seen[state.ccode] != query else ""
            if pair and len(found) == 2:
                raise BadInput(f"Both states are {state.label}{given}; give two different states.")
            raise BadInput(f"{state.label} is given twice{given}; give each state once.")
        seen[state.ccode] = query
    if member and (year is not None or start is not None or end is not None):
        first = year if year is not None else (start if start is not None else MIN_YEAR)
        last = year if year is not None else (end if end is not None else dt.date.today().year)
        if first > last:
            if end is None:
                raise BadInput(f"--from {first} is after this year ({last}); give a year that has passed.")
            raise BadInput(f"--from {first} is after --to {last}; give the first year first.")
        for state in found:
            if not any(countries.is_member(state.ccode, y) for y in range(first, last + 1)):
                span = str(first) if first == last else f"{first}–{last}"
                raise BadInput(f"{state.label} was not in the state system in {span} (COW: "
                               f"{_years(countries.membership(state.ccode))}); choose years when it was, or "
                               "name the state of that time.")
    return found


def membership_note(state, year: int) -> str | None:
    """A note when ``state`` was not in the state system in ``year`` (for `entente country --year`)."""
    from entente import countries

    if countries.is_member(state.ccode, year):
        return None
    return (f"{state.label} was not in the state system in {year} (COW: "
            f"{_years(countries.membership(state.ccode))}).")


def note(text: str) -> None:
    """A one-line note on stderr."""
    click.echo(click.style("Note: ", fg="yellow", bold=True) + text, err=True)


# ------------------------------------------------------------------------------------------ output
#: Float columns named so hold whole numbers (years, codes, counts, ranks) and are written as integers,
#: nullable where a value is missing (CSV "187", not "187.0"): a whole name, or a word of a snake_case
#: name unless another word says it is a measure ("rank_a" yes, "mean_rank" no).
_INTEGER_COLUMNS = frozenset({"year", "start", "end", "from", "to", "styear", "endyear", "years", "size", "rows",
                              "dispnum", "warnum", "caseid"})
_INTEGER_WORDS = frozenset({"year", "rank", "ccode", "ccode1", "ccode2", "gwcode", "count", "n", "votes", "states",
                            "members", "edges", "triangles", "ties"})
_MEASURE_WORDS = frozenset({"share", "mean", "score", "kappa", "pi", "rate", "ratio", "z", "pct", "weight", "agree",
                            "s", "abs", "sq", "index"})


def _integer_name(column: str) -> bool:
    name = column.lower()
    words = set(name.replace("-", "_").split("_"))
    return name in _INTEGER_COLUMNS or (bool(words & _INTEGER_WORDS) and not words & _MEASURE_WORDS)


def _whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with float columns of whole numbers named like counts, years or codes as Int64."""
    out = None
    for column in frame.columns:
        series = frame[column]
        if not pd.api.types.is_float_dtype(series) or not _integer_name(str(column)):
            continue
        values = series.dropna()
        if len(values) and not ((values % 1 == 0).all() and values.abs().max() < 2**53):
            continue
        out = frame.copy() if out is None else out
        out[column] = series.astype("Int64")
    return frame if out is None else out


def emit(frame: pd.DataFrame, fmt: str, out: str | None, *, title: str | None = None) -> None:
    """Write ``frame`` as a rich table, CSV, JSON (records) or Parquet, to ``out`` or stdout.

    Float columns of whole numbers named like years, codes and counts are written as integers."""
    frame = _whole_numbers(frame)
    if fmt == "parquet":
        if not out:
            raise click.UsageError("--format parquet needs --out FILE (Parquet is binary).")
        try:
            frame.to_parquet(out, index=False)
        except OSError as exc:  # pyarrow's errors may not name the file
            if exc.filename is None:
                exc.filename = out
            raise
        click.echo(f"Wrote {len(frame):,} rows to {out}", err=True)
        return
    if fmt == "csv":
        text = frame.to_csv(index=False)
    elif fmt == "json":
        text = frame.to_json(orient="records", date_format="iso", indent=1, double_precision=15)
    else:
        text = None
    if out:
        if text is None:
            text = frame.to_string(index=False)
        Path(out).write_text(text, encoding="utf-8")
        click.echo(f"Wrote {len(frame):,} rows to {out}", err=True)
    elif text is not None:
        click.echo(text, nl=not text.endswith("\n"))
    else:
        _rich_table(frame, title)


def _rich_table(frame: pd.DataFrame, title: str | None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    for column in frame.columns:
        numeric = pd.api.types.is_numeric_dtype(frame[column])
        table.add_column(str(column), justify="right" if numeric else "left")
    for row in frame.itertuples(index=False):
        table.add_row(*[_cell(v) for v in row])
    Console().print(table)


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def format_options(func):
    func = click.option("--out", "-o", type=click.Path(dir_okay=False), callback=check_out,
                        help="Write to this file instead of stdout.")(func)
    func = click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                        help="table for people; csv/json/parquet for tools.")(func)
    return func


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


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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


# Command modules register themselves on ``cli`` (imported last: they import ``cli`` from here).
from entente.cli import data as _data, relations as _relations  # noqa: E402,F401
from entente.cli import frames as _frames  # noqa: E402,F401
from entente.cli import pair as _pair  # noqa: E402,F401
from entente.cli import events as _events  # noqa: E402,F401
from entente.cli import network as _network  # noqa: E402,F401
from entente.cli import draw as _draw  # noqa: E402,F401
from entente.cli import check as _check  # noqa: E402,F401


def _show_note(message, category, filename, lineno, file=None, line=None) -> None:
    """Print entente's own warnings (a dataset the user must supply, lines set aside) as one-line notes."""
    click.echo(click.style("Note: ", fg="yellow", bold=True) + str(message), err=True)


def main(argv=None) -> int:
    """Console entry point: run the CLI and turn entente's errors into one-line messages."""
    import warnings

    from entente.sources._parsing import MalformedLinesWarning, UserFileMissing

    original = warnings.showwarning
    warnings.showwarning = lambda message, category, *rest, **kw: (
        _show_note(message, category, *rest, **kw) if issubclass(category, (UserFileMissing, MalformedLinesWarning))
        else original(message, category, *rest, **kw))
    try:
        return _run(argv)
    finally:
        warnings.showwarning = original


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
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
