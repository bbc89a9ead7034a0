"""``entente read ARTICLE``: who did what to whom, each action coded to CAMEO, quotes with their speakers,
and GDELT's events for the same pairs beside them. Thin over :mod:`entente.factcheck.read`."""

from __future__ import annotations

from pathlib import Path

import click

from entente.cli._article import article_date
from entente.cli._output import check_out
from entente.factcheck import read_report
from entente.factcheck.read import WINDOW_DAYS, read_article
from entente.factcheck.text import read


@click.command(name="read")
@click.argument("source", metavar="PATH|URL|-")
@click.option("--date", "date", callback=article_date, metavar="YYYY-MM-DD",
              help="The article's date: names the states of that year and sets the GDELT window (default: the "
                   "page's own date).")
@click.option("--format", "-f", "fmt", type=click.Choice(read_report.FORMATS), default="text", show_default=True,
              help="text for people, markdown for a report, json for tools.")
@click.option("--out", "-o", type=click.Path(dir_okay=False), callback=check_out, help="Write to this file.")
@click.option("--online", is_flag=True, help="Allow fetching a URL (entente works offline otherwise).")
@click.option("--events", "events_root", type=click.Path(file_okay=False), default=None,
              help="The GDELT event store to compare with (default: the one `entente events ingest` fills).")
@click.option("--window", type=click.IntRange(0, 60), default=WINDOW_DAYS, show_default=True,
              help="Days either side of the article's date in which GDELT events are matched.")
def read_command(source, date, fmt, out, online, events_root, window):
    """Who did what to whom in an article: actions between states, coded to CAMEO.

    Reads plain text, Markdown or HTML (a file, a URL with --online, or '-' for standard input) and gives,
    for each sentence, the states acting (actor), the action as written with its CAMEO root and code (from a
    documented verb lexicon, cameo_verbs.csv), the states acted on (target), and whether it is negated
    ("did not sanction"), passive ("was sanctioned by") or reciprocal ("X and Y signed"). Quotations are
    listed with their speaker, and the speaker's state when the speaker holds one of its offices. When
    GDELT events dated near the article's date are loaded (`entente events ingest`), each triple shows
    GDELT's events for the same pair and CAMEO root.

    \b
    Examples:
      entente read article.txt --date 2025-01-06
      entente read page.html --format markdown -o reading.md
      cat article.md | entente read - --format json

    Exit status: 0 when the article was read (whatever it holds), 1 for unreadable input, 2 for usage errors.
    """

    article = read(source, date=date, online=online)
    frame = read_article(article, events_root=Path(events_root) if events_root else None, window_days=window)
    text = read_report.render(frame, article, fmt)
    if out:
        Path(out).write_text(text, encoding="utf-8")
        click.echo(f"Wrote {len(frame)} triples to {out}", err=True)
    else:
        click.echo(text, nl=False)
