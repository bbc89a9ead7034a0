"""What a command writes: tables in the chosen ``--format`` (:func:`emit`, :func:`format_options`) to stdout
or ``--out``, and one-line notes on stderr (:func:`note`).

pandas is imported by the functions that take a DataFrame, not here: :func:`emit_rows` prints a few rows of
plain values as a table without it, so that ``entente country`` starts in a fraction of a second.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("table", "csv", "json", "parquet")


def check_out(ctx, param, value):
    """Callback for --out: an empty path is an error (it would not mean stdout)."""
    if value is not None and not str(value).strip():
        raise click.BadParameter("is empty; give a file name, or leave --out out to write to stdout.")
    return value


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
    import pandas as pd  # see the module docstring
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


def emit_rows(rows: list[dict], fmt: str, out: str | None, *, title: str | None = None) -> None:
    """:func:`emit` for a few rows of plain values (str, int, float, None): the table on stdout is printed
    without pandas (ints and floats are numbers, right-aligned); other formats go through :func:`emit`."""
    if fmt != "table" or out or not rows:
        import pandas as pd  # see the module docstring

        emit(pd.DataFrame(rows), fmt, out, title=title)
        return
    columns = list(rows[0])
    number = lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)  # noqa: E731
    numeric = [any(number(r[c]) for r in rows) and all(r[c] is None or number(r[c]) for r in rows) for c in columns]
    _print_table(columns, numeric, [[r[c] for c in columns] for r in rows], title)


def _rich_table(frame: pd.DataFrame, title: str | None) -> None:
    import pandas as pd  # see the module docstring

    numeric = [pd.api.types.is_numeric_dtype(frame[column]) for column in frame.columns]
    rows = [[None if v is pd.NA else v for v in row] for row in frame.itertuples(index=False)]
    _print_table([str(c) for c in frame.columns], numeric, rows, title)


def _print_table(columns: list[str], numeric: list[bool], rows: list[list], title: str | None) -> None:
    from rich.console import Console  # rich only for the table format: csv/json/parquet skip its import
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    for column, is_number in zip(columns, numeric):
        table.add_column(column, justify="right" if is_number else "left")
    for row in rows:
        table.add_row(*[_cell(v) for v in row])
    # In a terminal the table fits the window (long cells end in "…"); piped or redirected, it is printed at
    # its full width, so no value is cut (rich would otherwise assume 80 columns).
    console = Console()
    if not console.is_terminal:
        console = Console(width=100_000)
    console.print(table)


def _cell(value) -> str:
    """A table cell: "–" for a missing value (None, NaN, pandas' NA), floats to three decimals."""
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
