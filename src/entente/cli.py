"""The ``entente`` command line: a thin layer over the Python API.

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
      entente data list                   the datasets, versions and row counts behind it all

    States can be given as names ("Iran", "Soviet Union"), ISO3 (IRN), COW letters (GMY)
    or COW numbers (630). The warehouse is built from the bundled snapshot on first use.
    """


@cli.command()
@click.argument("state_a")
@click.argument("state_b")
@click.option("--out", "-o", type=click.Path(file_okay=False), help="Folder to write (default brief-A-B/).")
@click.option("--from", "start", type=int, help="First session-year to include.")
@click.option("--to", "end", type=int, help="Last session-year to include.")
def brief(state_a: str, state_b: str, out: str | None, start: int | None, end: int | None) -> None:
    """Write an evidence brief for a pair of states.

    \b
    Writes a folder (brief-IRN-RUS/ by default) holding:
      index.html   self-contained page with charts (opens offline)
      brief.md     Markdown, charts in charts/*.svg
      brief.json   every number with the dataset, version and rows behind it
    and prints the headline here.

    \b
    Examples:
      entente brief IRN RUS
      entente brief "United States" Israel --from 1990 --out usa-isr
    """
    from entente.brief import write_brief

    result = write_brief(state_a, state_b, out=out, start=start, end=end)
    click.echo(click.style(result["title"], bold=True))
    click.echo(click.wrap_text(result["headline"], width=100))
    if result.get("splits_sentence"):
        click.echo(click.wrap_text(result["splits_sentence"], width=100))
    click.echo("")
    for kind, path in result["files"].items():
        click.echo(f"  {kind:9s} {path}")


@cli.command(name="alignment")
@click.argument("state_a")
@click.argument("state_b")
@click.option("--from", "start", type=int, help="First year.")
@click.option("--to", "end", type=int, help="Last year.")
@click.option("--issue", type=click.Choice(["me", "nu", "di", "hr", "co", "ec"]),
              help="Only roll calls on one topic: me Palestinian conflict, nu nuclear, di arms control, "
                   "hr human rights, co colonialism, ec economic development.")
@click.option("--calendar", is_flag=True, help="Group votes by calendar year instead of session-year.")
@click.option("--both-abstain", type=click.Choice(["agree", "exclude"]), default="agree", show_default=True,
              help="Count roll calls where both abstained as agreement, or leave them out.")
@format_options
def alignment_command(state_a, state_b, start, end, issue, calendar, both_abstain, fmt, out) -> None:
    """UN General Assembly alignment of two states, year by year.

    \b
    Columns: n_votes (roll calls both voted on), agree (share alike, one abstaining = half),
    s_abs and s_sq (Signorino-Ritter S, absolute and squared distance), kappa and pi
    (Cohen's kappa and Scott's pi, chance-corrected; Hage 2011).
    Years are session-years (session + 1945) unless --calendar.

    \b
    Examples:
      entente alignment IRN RUS --from 1992
      entente alignment USA ISR --issue me --format csv
    """
    from entente import alignment

    frame = alignment.alignment(state_a, state_b, start=start, end=end, issue=issue, calendar=calendar,
                                both_abstain=both_abstain)
    emit(frame, fmt, out, title=f"UNGA alignment, {frame.state1.iat[0]}–{frame.state2.iat[0]}")


@cli.command()
@click.argument("state")
@click.option("--year", type=int, required=True, help="Session-year (e.g. 2023 = the 78th session).")
@click.option("--measure", type=click.Choice(["agree", "s_abs", "s_sq", "kappa", "pi"]), default="agree",
              show_default=True, help="Rank partners by this measure.")
@click.option("--top", type=int, default=10, show_default=True, help="How many at each end (0 = all).")
@click.option("--issue", type=click.Choice(["me", "nu", "di", "hr", "co", "ec"]), help="Only one topic.")
@format_options
def partners(state, year, measure, top, issue, fmt, out) -> None:
    """A state's most and least aligned partners in one year.

    \b
    Examples:
      entente partners IRN --year 2023
      entente partners "United States" --year 2015 --measure kappa --top 5
    """
    from entente import alignment

    frame = alignment.partners(state, year, measure=measure, issue=issue)
    frame = frame[["rank", "ccode2", "partner", "n_votes", *[m for m in ("agree", "s_abs", "kappa", "pi")]]]
    frame = frame.rename(columns={"ccode2": "ccode"})
    if top and len(frame) > 2 * top:
        frame = pd.concat([frame.head(top), frame.tail(top)])
    emit(frame, fmt, out, title=f"Partners in {year}, by {measure} (most aligned first)")


@cli.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--year", type=int, help="Resolve year-dependent names (Germany 1980 → West Germany).")
@format_options
def country(query, year, fmt, out) -> None:
    """Which state a name or code means (COW, ISO3, G-W, names and aliases).

    \b
    Examples:
      entente country Persia "Soviet Union" 630 GMY
      entente country Germany --year 1980
    """
    from entente import countries

    rows = []
    for q in query:
        s = countries.resolve(q, year=year)
        rows.append({"query": q, "ccode": s.ccode, "abb": s.abb, "iso3": s.iso3, "gwcode": s.gwcode,
                     "name": s.name})
    emit(pd.DataFrame(rows), fmt, out)


@cli.group()
def data() -> None:
    """The datasets and the warehouse: list, build, where."""


@data.command(name="list")
@format_options
def data_list(fmt, out) -> None:
    """Every warehouse table: dataset, version, rows, sha256, build time."""
    from entente import warehouse

    emit(warehouse.provenance(), fmt, out, title="entente warehouse")


@data.command(name="build")
def data_build() -> None:
    """Rebuild the warehouse from the bundled snapshot (normally automatic)."""
    from entente import config, warehouse

    path = warehouse.build(config.warehouse_path())
    click.echo(f"Built {path}")


@data.command(name="path")
def data_path() -> None:
    """Print where the warehouse lives (set ENTENTE_HOME to move it)."""
    from entente import config

    click.echo(str(config.warehouse_path()))


@cli.command()
@click.argument("names", nargs=-1)
@click.option("--bibtex", is_flag=True, help="Print BibTeX entries only.")
def cite(names, bibtex) -> None:
    """Citations for the datasets entente uses (all, or those NAMED).

    \b
    Examples:
      entente cite unvotes dgacm
      entente cite --bibtex > entente.bib
    """
    from entente.sources import registry

    sources = registry()
    unknown = [n for n in names if n not in sources]
    if unknown:
        raise click.BadParameter(f"unknown dataset {unknown[0]!r}; choose from {', '.join(sources)}")
    for name, module in sources.items():
        if names and name not in names:
            continue
        for c in module.SOURCE.citations:
            click.echo(c.bibtex if bibtex else f"[{name}] {c.text}")
            if bibtex:
                click.echo("")


def main(argv=None) -> int:
    """Console entry point: run the CLI and turn entente's errors into one-line messages."""
    try:
        cli.main(args=argv, prog_name="entente", standalone_mode=False)
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
