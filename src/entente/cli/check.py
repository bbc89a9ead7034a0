"""``entente check ARTICLE``: each checkable claim of an article about states, with a verdict and the
rows behind it. Thin over :mod:`entente.factcheck`.

``--out FILE`` writes one report, in ``--format`` or, without it, the format the file's suffix names
(``-o report.html``); ``--out DIR/`` (an existing folder, or a path ending in ``/``) writes the set, as
``entente brief`` does: ``report.html``, ``report.md``, ``report.json`` and ``claimreview.jsonld``.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from entente.cli._article import article_date
from entente.cli._output import check_out, note
from entente.factcheck import check_article, report
from entente.factcheck.text import read


@click.command(name="check")
@click.argument("source", metavar="PATH|URL|-")
@click.option("--date", "date", callback=article_date, metavar="YYYY-MM-DD",
              help="The article's date: anchors 'last year', 'since' and the present tense (default: the page's own "
                   "date, else today).")
@click.option("--format", "-f", "fmt", type=click.Choice(list(report.FORMATS)), default=None,
              help="text for people (the default), html or md for a report, json for tools, jsonld for schema.org "
              "ClaimReview. With --out FILE and no --format, the file's suffix chooses (.html, .md, .json, .jsonld).")
@click.option("--out", "-o", type=click.Path(), callback=check_out,
              help="Write to this file; or, given a folder (existing, or ending in '/'), write report.html, "
              "report.md, report.json and claimreview.jsonld into it.")
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
      entente check page.html -o report.html
      entente check page.html --out report/        (report.html, .md, .json, claimreview.jsonld)
      cat article.md | entente check - --format json

    Exit status: 0 when the article was checked (whatever the verdicts), 1 for unreadable input, 2 for
    usage errors.
    """

    folder = out is not None and (Path(out).is_dir() or out.endswith(("/", os.sep)))
    if out and not folder:
        fmt = fmt or report.SUFFIXES.get(Path(out).suffix.lower(), "text")
    article = read(source, date=date, online=online)
    if article.encoding != "utf-8":
        note(f"{source} is not UTF-8; read as {article.encoding} (convert it to UTF-8 if the words look wrong).")
    frame = check_article(article, robust=not quick)
    if folder:
        Path(out).mkdir(parents=True, exist_ok=True)
        for name, kind in FOLDER_FILES.items():
            (Path(out) / name).write_text(report.render(frame, article, kind), encoding="utf-8")
        click.echo(f"Wrote {len(frame)} claims to {', '.join(str(Path(out) / n) for n in FOLDER_FILES)}", err=True)
        return
    text = report.render(frame, article, fmt or "text")
    if out:
        Path(out).write_text(text, encoding="utf-8")
        click.echo(f"Wrote {len(frame)} claims to {out}", err=True)
    else:
        click.echo(text, nl=False)


#: The files ``--out DIR`` writes, and their formats.
FOLDER_FILES = {"report.html": "html", "report.md": "md", "report.json": "json", "claimreview.jsonld": "jsonld"}
