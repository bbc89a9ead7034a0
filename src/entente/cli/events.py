"""``entente events``: ingest GDELT export files, pair series per day/week/month, coverage."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import click

from entente import events as api
from entente.cli._output import emit, format_options
from entente.errors import BadInput
from entente.events import download
from entente.events.intervals import completeness
from entente.events.lock import check_wait


@click.group()
def events() -> None:
    """News events from GDELT (1.0 daily and 2.0 15-minute exports, CAMEO coded).

    \b
    Examples:
      entente events ingest --path ../shared/data/gdelt/raw
      entente events ingest --from 2025-01-01 --to 2025-01-31
      entente events series IRN RUS --freq month
      entente events series Iran Russia --directed --engine spark --format csv
      entente events coverage --masterlist masterfilelist.txt
    """


@events.command()
@click.option("--path", "path", type=click.Path(exists=True),
              help="A folder of GDELT export/mentions files (…export.CSV.zip, …mentions.CSV.zip, .gz) or one such file.")
@click.option("--from", "start", metavar="YYYY-MM-DD",
              help="Download and ingest from this day (UTC, 00:00) ... (instead of --path).")
@click.option("--to", "end", metavar="YYYY-MM-DD", help="... to this day, inclusive (default: --from).")
@click.option("--version", "version", type=click.Choice(["1", "2"]), default="2", show_default=True,
              help="GDELT 2.0 (15-minute files, from 2015-02-19) or 1.0 (daily files, from 2013-04-01).")
@click.option("--masterlist", metavar="FILE|URL",
              help="GDELT's file list to use instead of GDELT's server: a masterfilelist.txt (2.0), or the folder/URL "
                   "holding md5sums and filesizes (1.0).")
@click.option("--workers", type=click.IntRange(1, 64), default=4, show_default=True, help="Parallel downloads (1 to 64).")
@click.option("--wait", type=float, default=0, show_default=True,
              help="Seconds (0 to a week) to wait for another ingest into the same store to finish (then: an error).")
@click.option("--keep-downloads", is_flag=True,
              help="With --from: keep the downloaded archives (in $ENTENTE_HOME/gdelt) after they are ingested; "
                   "by default each chunk's archives are deleted once in the store.")
@format_options
def ingest(path, start, end, version, masterlist, workers, wait, keep_downloads, fmt, out) -> None:
    """Load GDELT files into the event store (Parquet; events deduplicated by GLOBALEVENTID, mentions by
    event + article + offsets).

    Either from files you have (--path), or downloaded for a date range (--from/--to): the files GDELT
    lists for the range are fetched in parallel (resumed if cut, size and MD5 checked against GDELT's list),
    ingested, and a completeness report lists every interval of the range as covered, missing upstream
    (GDELT has no file for it) or failed (with why). The exit status is 1 when any interval failed.

    With --path, every GDELT export/mentions file in the folder and its subfolders is read (other files
    are listed as ignored). Files already ingested (same sha256) are skipped; lines with a bad field are
    set aside with their line numbers and the column and value named (_rejects/<file>.csv in the store);
    a file that cannot be read (impossible time in its name, unreadable, truncated or corrupt, no valid
    line) is reported and the other files still go in. The exit status is 0 only when every file asked
    for is in the store; 1 when any failed, or when the folder holds no GDELT file. Only one ingest
    writes to a store at a time.

    \b
    Examples:
      entente events ingest --path ../shared/data/gdelt/raw
      entente events ingest --from 2025-01-01 --to 2025-01-31
      entente events ingest --from 2015-01-01 --to 2015-01-07 --version 1
      entente events ingest --from 2025-01-03 --masterlist masterfilelist.txt --format csv
    """

    wait = check_wait(wait)
    if bool(path) == bool(start):
        raise BadInput("Give either --path DIR (files you have) or --from YYYY-MM-DD [--to YYYY-MM-DD] (download), "
                       "e.g. entente events ingest --from 2025-01-01 --to 2025-01-31")
    if start:
        _ingest_range(start, end or start, int(version), masterlist, workers, wait, keep_downloads, fmt, out)
        return
    report = api.ingest(path, wait=wait)
    emit(report.frame(), fmt, out, title="GDELT ingest")
    _say_report(report)
    if not report.ok:
        click.get_current_context().exit(1)


def _say_report(report) -> None:

    rate = report.rows_read / report.seconds if report.seconds else 0
    click.echo(f"{_n(len(report.files), 'file')} ingested: {_n(report.rows_read, 'row')} read, "
               f"{report.rows_added:,} added, {report.rows_rejected:,} set aside; {_n(len(report.skipped), 'file')} "
               f"skipped (already ingested), {len(report.failed)} failed{_why(report.failed)} ({rate:,.0f} rows/s) "
               f"into {api.events_dir()}", err=True)
    for name, why in report.failed:
        click.echo(click.style("Failed: ", fg="red", bold=True) + (why if name in why else f"{name}: {why}"), err=True)
    for name, what in report.notes:
        click.echo(click.style("Note: ", fg="yellow", bold=True) + f"{name}: {what}", err=True)
    if report.ignored:
        shown = ", ".join(report.ignored[:5]) + (f" and {len(report.ignored) - 5} more" if len(report.ignored) > 5 else "")
        one = len(report.ignored) == 1
        click.echo(click.style("Note: ", fg="yellow", bold=True) + f"{len(report.ignored)} file{'' if one else 's'} "
                   f"{'is not a GDELT export/mentions file' if one else 'are not GDELT export/mentions files'} and "
                   f"{'was' if one else 'were'} not read: {shown}", err=True)
    if not report.files and not report.skipped:
        click.echo(click.style("Nothing was ingested: ", fg="red", bold=True) + "no file could be read.", err=True)


def _n(count: int, word: str) -> str:
    """'1 file', '2 files', '1,725 rows'."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"


#: how a failure reads in the one-line summary, by words in its message (first match)
_KINDS = [("not a real time", "impossible time in the name"), ("outside GDELT", "impossible time in the name"),
          ("15-minute grid", "impossible time in the name"), ("Cannot open", "unreadable"),
          ("folder named like", "unreadable"), ("not a regular file", "unreadable"), ("expands to", "too large"),
          ("truncated or corrupt", "truncated or corrupt"), ("none of its", "no valid line"),
          ("not a GDELT", "not a GDELT name")]


def _why(failed) -> str:
    """' (2 truncated or corrupt, 1 no valid line)' for the summary line."""

    kinds = Counter(next((kind for words, kind in _KINDS if words in why), "other") for _, why in failed)
    return " (" + ", ".join(f"{n} {kind}" for kind, n in kinds.most_common()) + ")" if kinds else ""


def _ingest_range(start, end, version, masterlist, workers, wait, keep, fmt, out) -> None:


    try:
        first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    except ValueError:
        raise BadInput(f"--from/--to take dates as YYYY-MM-DD (UTC), not {start!r}/{end!r}; "
                       "e.g. --from 2025-01-01 --to 2025-01-31") from None
    result = download.ingest_range(first, last + dt.timedelta(days=1), version=version, masterlist=masterlist,
                                   workers=workers, wait=wait, progress=True, keep=keep)
    emit(result.runs(), fmt, out, title="GDELT completeness")
    if result.ingest is not None:
        _say_report(result.ingest)
    click.echo(result.summary(), err=True)
    if result.count("failed"):
        click.get_current_context().exit(1)


@events.command()
@click.argument("state_a")
@click.argument("state_b")
@click.option("--freq", type=click.Choice(["day", "week", "month"]), default="month", show_default=True)
@click.option("--directed", is_flag=True, help="A→B only (Actor1 of A, Actor2 of B); default pools both directions.")
@click.option("--engine", type=click.Choice(["duckdb", "spark"]), default="duckdb", show_default=True,
              help="Where the Ibis aggregation runs; spark = local mode (needs pyspark and Java).")
@click.option("--top", "top_n", type=click.IntRange(0, 1000), default=0,
              help="Instead of the series: the N (1 to 1000) most-mentioned events per period, with URLs.")
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

    \b
    Examples:
      entente events coverage
      entente events coverage --masterlist masterfilelist.txt --format csv
    """

    frame = completeness(masterlist) if masterlist else api.coverage()
    emit(frame, fmt, out, title="GDELT coverage")
