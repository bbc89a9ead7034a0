"""``entente frame``: dyad-year and state-year frames with datasets joined on (thin over entente.frames)."""

from __future__ import annotations

import click

from entente import frames
from entente.cli._output import emit, format_options
from entente.errors import BadInput
from entente.frames._registry import DYAD, STATE, resolve_step, steps_for
from entente.frames.base import FIRST_YEAR, LAST_YEAR

TABLE_ROWS = 40  # rows shown by --format table (a frame has up to two million)


def _steps(ctx, param, value: str):
    names = [v.strip() for v in (value or "").split(",") if v.strip()]
    try:
        return tuple(resolve_step(name) for name in names)
    except BadInput as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None


def _years(start, end):
    return (start or FIRST_YEAR, end or LAST_YEAR)


def _output(frame, fmt: str, out: str | None, title: str) -> None:
    """Parquet streams from DuckDB (bounded memory); a table shows the first rows; the rest go via emit()."""
    if fmt == "parquet" and out:
        rows = frame.to_parquet(out)
        click.echo(f"Wrote {rows:,} rows to {out}", err=True)
    elif fmt == "table" and not out:
        rows = frame.count()
        head = frame.relation().limit(TABLE_ROWS).df()
        emit(head, fmt, None, title=title)
        if rows > TABLE_ROWS:
            click.echo(f"Showing {TABLE_ROWS} of {rows:,} rows; use --format csv|json|parquet --out FILE for all.",
                       err=True)
    else:
        emit(frame.df(), fmt, out, title=title)
    coverage = "; ".join(f"{name} {lo}–{hi}" for name, (lo, hi) in frame.coverage.items())
    if coverage:
        click.echo(f"Coverage (NULL outside): {coverage}", err=True)


def add_help(unit: str) -> str:
    """The ``--add`` option's help: the registered steps for frames of ``unit``, by name."""
    return f"Datasets to join, comma-separated: {', '.join(info.name for info in steps_for(unit))}."


def step_table(unit: str) -> str:
    """One line per registered step for frames of ``unit``: its name and what it adds (from the registry
    that ``dyad_years(add=...)`` uses, so the help lists every step there is)."""
    steps = steps_for(unit)
    width = max(len(info.name) for info in steps) + 2
    return "\n".join(f"  {info.name:<{width}}{info.describe(unit)}" for info in steps)


DYAD_YEARS_HELP = f"""Every dyad-year of the state system, with datasets joined on.

\b
Columns: ccode1, ccode2, year (G-W: gwcode1, gwcode2, year, ccode1, ccode2), then per --add step:
{step_table(DYAD)}
Non-directed rows count an ATOP pledge made either way; trade and arms keep their direction.

\b
Examples:
  entente frame dyad-years --system cow --add atop,mids,rivalry --format parquet --out f.parquet
  entente frame dyad-years --directed --from 1990 --to 2000 --add mids --format csv -o ddy.csv
  entente frame dyad-years --system gw --from 2015 --to 2015 --add contiguity
"""

STATE_YEARS_HELP = f"""Every state-year of the state system, with datasets joined on.

\b
Columns: ccode, statenme, year (G-W: gwcode, statenme, year, ccode), then per --add step:
{step_table(STATE)}

\b
Examples:
  entente frame state-years --add capabilities,majors --format csv -o sy.csv
  entente frame state-years --system gw --from 1946 --format parquet --out gw.parquet
"""


@click.group()
def frame() -> None:
    """Dyad-year and state-year frames in the field's conventions, datasets joined on.

    \b
    The universe of dyad-years (or state-years) of the COW or Gleditsch-Ward state system,
    1816-2025, with alliances, disputes, wars, rivalries, geography, trade and arms added as
    columns: what R's peacesciencer builds, in DuckDB. Every added column is empty (NULL) in
    years its dataset does not cover, never 0.

    \b
    Examples:
      entente frame dyad-years --add atop,mids,rivalry --format parquet --out ndy.parquet
      entente frame dyad-years --directed --from 1946 --to 2010 --add mids,wars --format csv -o ddy.csv
      entente frame state-years --add capabilities,majors --format parquet --out sy.parquet
    """


@frame.command("dyad-years", help=DYAD_YEARS_HELP)
@click.option("--system", type=click.Choice(["cow", "gw"]), default="cow", show_default=True,
              help="State system: Correlates of War or Gleditsch-Ward (G-W frames also carry COW codes).")
@click.option("--directed", is_flag=True,
              help="Both (A, B) and (B, A) rows; default non-directed, one row per pair with ccode1 < ccode2.")
@click.option("--from", "start", type=int, help="First year (default 1816).")
@click.option("--to", "end", type=int, help="Last year (default 2025; membership past 2016/2017 is extended).")
@click.option("--add", "steps", default="", callback=_steps, help=add_help(DYAD))
@click.option("--keep-false-dyads", is_flag=True,
              help="Keep pairs that were members in the same year but never on the same day.")
@format_options
def dyad_years_command(system, directed, start, end, steps, keep_false_dyads, fmt, out) -> None:
    f = frames.dyad_years(system, directed=directed, years=_years(start, end), add=steps, lazy=True,
                          drop_false_dyads=not keep_false_dyads)
    kind = "directed" if directed else "non-directed"
    _output(f, fmt, out, title=f"{kind} {system.upper()} dyad-years")


@frame.command("state-years", help=STATE_YEARS_HELP)
@click.option("--system", type=click.Choice(["cow", "gw"]), default="cow", show_default=True,
              help="State system: Correlates of War or Gleditsch-Ward.")
@click.option("--from", "start", type=int, help="First year (default 1816).")
@click.option("--to", "end", type=int, help="Last year (default 2025).")
@click.option("--add", "steps", default="", callback=_steps, help=add_help(STATE))
@format_options
def state_years_command(system, start, end, steps, fmt, out) -> None:
    f = frames.state_years(system, years=_years(start, end), add=steps, lazy=True)
    _output(f, fmt, out, title=f"{system.upper()} state-years")
