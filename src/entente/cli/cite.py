"""``entente cite``: the citations of the datasets entente uses, all, named, or a brief's."""

from __future__ import annotations

import click

from entente.brief.content import assemble
from entente.brief.render import citations
from entente.sources import records


@click.command()
@click.argument("names", nargs=-1)
@click.option("--bibtex", is_flag=True, help="Print BibTeX entries only.")
@click.option("--brief", "pair", nargs=2, metavar="A B", default=None,
              help="Cite what a brief for states A and B uses (its evidence and the state-system sources).")
def cite(names, bibtex, pair) -> None:
    """Citations (text, then BibTeX) for the datasets entente uses: all, those NAMED, or a brief's.

    \b
    Examples:
      entente cite unvotes dgacm
      entente cite natural_earth          the world map's outlines (entente draw map)
      entente cite --brief IRN RUS
      entente cite --bibtex > entente.bib
    """
    sources = records()
    unknown = [n for n in names if n not in sources]
    if unknown:
        raise click.BadParameter(f"unknown dataset {unknown[0]!r}; choose from {', '.join(sources)}")
    used = set(names) if names else set(sources)
    if pair:
        brief = assemble(*pair)
        used = {"cow_states", "gw_states", "countrycode"} | {
            e["dataset"] for section in brief["sections"].values() for e in section.get("evidence", [])}
        if names:
            used &= set(names)
    entries = citations(used)
    if not bibtex:
        for c in entries:
            click.echo(f"[{c['dataset']}] {c['text']}")
        click.echo("")
    for c in entries:
        click.echo(c["bibtex"])
        click.echo("")
