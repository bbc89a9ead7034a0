"""The ``entente`` command line: a thin layer over the Python API.

The group, output formatting and error handling live here; commands live in one module per area
(``relations``, ``data``, ...), each registering itself on :data:`cli` when imported below.

Every command prints errors as one line (what failed, the value, the fix) and exits with status 1;
tables go to stdout in the chosen ``--format``, messages and progress to stderr.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
import pandas as pd

from entente.errors import EntenteError

FORMATS = ("table", "csv", "json", "parquet")


def emit(frame: pd.DataFrame, fmt: str, out: str | None, *, title: str | None = None) -> None:
    """Write ``frame`` as a rich table, CSV, JSON (records) or Parquet, to ``out`` or stdout."""
    if fmt == "parquet":
        if not out:
            raise click.UsageError("--format parquet needs --out FILE (Parquet is binary).")
        frame.to_parquet(out, index=False)
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
    func = click.option("--out", "-o", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")(func)
    func = click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                        help="table for people; csv/json/parquet for tools.")(func)
    return func


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

    States can be given as names ("Iran", "Soviet Union"), ISO3 (IRN), COW letters (GMY)
    or COW numbers (630). The warehouse is built from the bundled snapshot on first use.
    """


# Command modules register themselves on ``cli`` (imported last: they import ``cli`` from here).
from entente.cli import data as _data, relations as _relations  # noqa: E402,F401
from entente.cli import frames as _frames  # noqa: E402,F401
from entente.cli import pair as _pair  # noqa: E402,F401
from entente.cli import events as _events  # noqa: E402,F401
from entente.cli import network as _network  # noqa: E402,F401
from entente.cli import draw as _draw  # noqa: E402,F401


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
    except EntenteError as exc:
        click.echo(click.style("Error: ", fg="red", bold=True) + str(exc), err=True)
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
