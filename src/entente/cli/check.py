"""``entente check ARTICLE``: each checkable claim of an article about states, with a verdict and the
rows behind it. Thin over :mod:`entente.factcheck`."""

from __future__ import annotations

from pathlib import Path

import click

from entente.cli._output import check_out
from entente.errors import BadInput
from entente.factcheck import check_article, report
from entente.factcheck.text import parse_date, read


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return parse_date(value)
    except BadInput as exc:
        raise click.BadParameter(str(exc)) from None


@click.command(name="check")
@click.argument("source", metavar="PATH|URL|-")
@click.option("--date", "date", callback=_date, metavar="YYYY-MM-DD",
              help="The article's date: anchors 'last year', 'since' and the present tense (default: the page's own "
                   "date, else today).")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json", "md", "jsonld"]), default="text",
              show_default=True, help="text for people, md for a report, json for tools, jsonld for schema.org "
              "ClaimReview.")
@click.option("--out", "-o", type=click.Path(dir_okay=False), callback=check_out, help="Write to this file.")
@click.option("--online", is_flag=True, help="Allow fetching a URL (entente works offline otherwise).")
@click.option("--no-robustness", "quick", is_flag=True, help="Skip rerunning each verdict over nearby windows and "
              "measures.")
def check(source, date, fmt, out, online, quick):
    """Check an article's claims about two states against the data.

    Reads plain text, Markdown or HTML (a file, a URL with --online, or '-' for standard input), finds the
    sentences that claim something entente can check — wars fought, disputes, rivalry, alliances and
    defence pacts, UN voting together or apart, cordial or hostile relations, trade growth, Security Council
    vetoes, sanctions, arms transfers, a shared adversary — and gives each a verdict: supported,
    contradicted, partly supported, not covered by the data (never "false" for what the data cannot see)
    or not checkable (opinions, predictions), with the reason, the evidence rows and how many nearby
    windows and measures give the same verdict.

    \b
    Examples:
      entente check article.txt --date 2024-06-01
      entente check page.html --format md -o report.md
      cat article.md | entente check - --format json

    Exit status: 0 when the article was checked (whatever the verdicts), 1 for unreadable input, 2 for
    usage errors.
    """

    article = read(source, date=date, online=online)
    frame = check_article(article, robust=not quick)
    text = report.render(frame, article, fmt)
    if out:
        Path(out).write_text(text, encoding="utf-8")
        click.echo(f"Wrote {len(frame)} claims to {out}", err=True)
    else:
        click.echo(text, nl=False)
