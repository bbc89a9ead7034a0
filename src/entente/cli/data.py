"""Commands about the data: list, build, path, and citations."""

from __future__ import annotations

import click

from entente.cli import cli, emit, format_options


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
