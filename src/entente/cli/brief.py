"""``entente brief``: the main job, a brief on a pair of states (HTML, Markdown, JSON)."""

from __future__ import annotations

import click

from entente.brief import write_brief
from entente.cli._input import YEAR, bounded_text, parse_weights, resolve_states
from entente.cli._output import check_out
from entente.cli._ahead import AHEAD
from entente.errors import BadInput


@click.command()
@click.argument("state_a")
@click.argument("state_b")
@click.option("--out", "-o", type=click.Path(file_okay=False), callback=check_out,
              help="Folder to write (default brief-A-B/).")
@click.option("--from", "start", type=YEAR, help="First session-year to include.")
@click.option("--to", "end", type=YEAR, help="Last session-year to include.")
@click.option("--weights", callback=bounded_text,
              help="Weights of the composite index, e.g. 'unga=0.4,alliance=0.3,disputes=0.2,trade=0.1' "
                                "(components: unga, alliance, disputes, trade, arms; left out = 0).")
@click.option("--compare", "--vs", "compare", metavar="STATE",
              help="Set the pair against each side's ties with a third state (e.g. --compare CHN).")
def brief(state_a: str, state_b: str, out: str | None, start: int | None, end: int | None, weights: str | None,
          compare: str | None) -> None:
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
      entente brief IND PAK --weights unga=0.5,disputes=0.5
      entente brief IRN RUS --compare CHN
    """
    a, b = resolve_states([state_a, state_b], start=start, end=end, pair=True)
    if compare is not None:
        third = resolve_states([compare], start=start, end=end)[0]
        if third.ccode in (a.ccode, b.ccode):
            raise BadInput(f"--compare {compare!r} is {third.label}, one of the pair; compare with a third state.")
        compare = third.ccode
    result = write_brief(a.ccode, b.ccode, out=out, start=start, end=end, weights=parse_weights(weights),
                         compare=compare, apart=click.get_current_context().meta.get(AHEAD))
    click.echo(click.style(result["title"], bold=True))
    click.echo(click.wrap_text(result["headline"], width=100))
    if result.get("splits_sentence"):
        click.echo(click.wrap_text(result["splits_sentence"], width=100))
    for line in result.get("overview", [])[1:]:
        first = line["text"].split(". ")[0].rstrip(".") + "."
        click.echo(click.wrap_text(f"• {line['title']}: {first}", width=100, subsequent_indent="  "))
    click.echo("")
    for kind, path in result["files"].items():
        click.echo(f"  {kind:9s} {path}")
