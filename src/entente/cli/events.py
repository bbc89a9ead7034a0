"""``entente events``: ingest GDELT export files, pair series per day/week/month, coverage."""

from __future__ import annotations

import click

from entente.cli import cli, emit, format_options


@cli.group()
def events() -> None:
    """News events from GDELT (1.0 daily and 2.0 15-minute exports, CAMEO coded).

    \b
    Examples:
      entente events ingest --path ../shared/data/gdelt/raw
      entente events series IRN RUS --freq month
      entente events series Iran Russia --directed --engine spark --format csv
      entente events coverage --masterlist masterfilelist.txt
    """


@events.command()
@click.option("--path", "path", required=True, type=click.Path(exists=True),
              help="A folder of GDELT export files (…export.CSV.zip / .gz) or one such file.")
@format_options
def ingest(path, fmt, out) -> None:
    """Load GDELT export files into the event store (Parquet by event month, deduplicated by GLOBALEVENTID).

    Files already ingested (same sha256) are skipped; malformed lines are counted and set aside with their
    line numbers; a truncated or corrupt archive is reported and the other files still go in.
    """
    from entente import events as api

    report = api.ingest(path)
    emit(report.frame(), fmt, out, title="GDELT ingest")
    rate = report.rows_read / report.seconds if report.seconds else 0
    click.echo(f"{report.rows_read:,} rows read, {report.rows_added:,} added, {report.rows_rejected:,} set aside, "
               f"{len(report.skipped)} files skipped, {len(report.failed)} failed ({rate:,.0f} rows/s) "
               f"into {api.events_dir()}", err=True)
    for name, why in report.failed:
        click.echo(click.style("Failed: ", fg="red", bold=True) + why, err=True)


@events.command()
@click.argument("state_a")
@click.argument("state_b")
@click.option("--freq", type=click.Choice(["day", "week", "month"]), default="month", show_default=True)
@click.option("--directed", is_flag=True, help="A→B only (Actor1 of A, Actor2 of B); default pools both directions.")
@click.option("--engine", type=click.Choice(["duckdb", "spark"]), default="duckdb", show_default=True,
              help="Where the Ibis aggregation runs; spark = local mode (needs pyspark and Java).")
@click.option("--top", "top_n", type=int, default=0, help="Instead of the series: the N most-mentioned events per period, with URLs.")
@format_options
def series(state_a, state_b, freq, directed, engine, top_n, fmt, out) -> None:
    """Event series of a pair: counts by quad class and CAMEO root, Goldstein sum/mean/mention-weighted
    mean, mean tone, distinct sources.

    \b
    Examples:
      entente events series IRN RUS
      entente events series Iran Russia --freq week --directed
      entente events series IRN RUS --top 3 --format json
    """
    from entente import events as api

    if top_n:
        frame = api.top(state_a, state_b, n=top_n, freq=freq, directed=directed, engine=engine)
        if fmt == "table":
            frame = frame[["period", "rank", "event_date", "Actor1Name", "Actor2Name", "EventCode", "GoldsteinScale",
                           "NumMentions", "SOURCEURL"]]
    else:
        frame = api.series(state_a, state_b, freq=freq, directed=directed, engine=engine)
        if fmt == "table":                         # the 20 root counts are for csv/json/parquet
            frame = frame[[c for c in frame.columns if not c.startswith("root")]]
    emit(frame, fmt, out, title=f"GDELT events {state_a}{'→' if directed else '–'}{state_b} by {freq}")


@events.command()
@click.option("--masterlist", type=click.Path(exists=True, dir_okay=False),
              help="A GDELT file list (masterfilelist.txt, lastupdate.txt, 1.0 filesizes): report its intervals not ingested.")
@format_options
def coverage(masterlist, fmt, out) -> None:
    """The 15-minute (2.0) and daily (1.0) intervals ingested; with --masterlist, the ones missing.

    A 'missing' interval is listed by GDELT but not ingested; a "gap in GDELT's list" has no upstream file.
    """
    from entente import events as api
    from entente.events.store import completeness

    frame = completeness(masterlist) if masterlist else api.coverage()
    emit(frame, fmt, out, title="GDELT coverage")
