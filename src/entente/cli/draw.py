"""``entente draw``: pictures of the network of states, written as PNG, SVG or self-contained HTML."""

from __future__ import annotations

import click

from entente import pictures
from entente.cli._input import RESOLUTION, SEED, YEAR, resolve_states
from entente.cli._output import check_out
from entente.pictures._style import check_extension

_OUT = click.option("--out", "-o", required=True, type=click.Path(dir_okay=False), callback=check_out,
                    help="File to write: .png, .svg or .html (a self-contained page), chosen by the extension.")
_SEED = click.option("--seed", type=SEED, default=42, show_default=True,
                     help="Random seed for blocs and layout (same seed, same picture).")
_YEAR = click.option("--year", type=YEAR, required=True, help="Session-year (e.g. 2019 = the 74th session).")


def _write(fig, out: str) -> None:
    path = pictures.save(fig, out)
    click.echo(f"Wrote {path}", err=True)


def _check(out: str) -> None:
    """Refuse an unsupported extension before any work is done."""
    check_extension(out)


@click.group()
def draw() -> None:
    """Draw the network of states: bloc maps, networks around a pair or a group, blocs over time.

    \b
    Every picture has a title, a legend and its source line, and is written as PNG, SVG or a
    self-contained HTML page (inline SVG, nothing fetched) according to --out's extension.

    \b
    Examples:
      entente draw map --year 1985 --out blocs-1985.svg
      entente draw pair IRN RUS --year 2019 --out n.png
      entente draw group RUS IRN CHN PRK --year 2020 --out g.html
      entente draw timeline IRN --from 1990 --to 2025 --out t.svg
    """


@draw.command("map")
@_YEAR
@_OUT
@click.option("--resolution", type=RESOLUTION, default=1.0, show_default=True,
              help="Leiden resolution: higher gives more, smaller blocs.")
@_SEED
def map_(year, out, resolution, seed) -> None:
    """A world map coloured by UN General Assembly voting bloc in one year.

    \b
    Blocs are Leiden communities of excess Cohen's kappa (as in `entente blocs`), each named in the
    legend by its core members. Borders: Natural Earth 1:110m (bundled); historical states such as
    the USSR are drawn on their successors' shapes; states too small for the map are dots.

    \b
    Examples:
      entente draw map --year 1985 --out blocs-1985.svg
      entente draw map --year 2023 --resolution 1.5 --out blocs-2023.png
    """
    _check(out)
    _write(pictures.bloc_map(year, resolution=resolution, seed=seed), out)


@draw.command()
@click.argument("a")
@click.argument("b")
@_YEAR
@_OUT
@click.option("--neighbours", "-n", type=click.IntRange(1, 200), default=12, show_default=True,
              help="How many of the pair's strongest neighbours to draw.")
@_SEED
def pair(a, b, year, out, neighbours, seed) -> None:
    """A pair of states and its strongest neighbours on one year's UN alignment graph.

    \b
    Lines join states that voted together more than each usually does (excess Cohen's kappa);
    thicker is closer. Neighbours are ranked by their summed ties to the two states.

    \b
    Examples:
      entente draw pair IRN RUS --year 2019 --out n.png
      entente draw pair "United States" Israel --year 2023 -n 8 --out us-isr.svg
    """
    _check(out)
    sa, sb = resolve_states([a, b], year=year, pair=True, member=False)
    _write(pictures.pair_network(sa.ccode, sb.ccode, year, n=neighbours, seed=seed), out)


@draw.command()
@click.argument("states", nargs=-1, required=True)
@_YEAR
@_OUT
@click.option("--neighbours", "-n", type=click.IntRange(0, 200), default=8, show_default=True,
              help="How many of the group's strongest common neighbours to draw (0 for none).")
@_SEED
def group(states, year, out, neighbours, seed) -> None:
    """A group of states, the ties among them and their closest partners in one year.

    \b
    Examples:
      entente draw group RUS IRN CHN PRK --year 2020 --out g.html
      entente draw group USA GBR FRA --year 1985 -n 0 --out p3.svg
    """
    _check(out)
    members = resolve_states(list(states), year=year, member=False)
    _write(pictures.group_network([s.ccode for s in members], year, n=neighbours, seed=seed), out)


@draw.command()
@click.argument("states", nargs=-1, required=True)
@click.option("--from", "start", type=YEAR, default=1946, show_default=True, help="First session-year.")
@click.option("--to", "end", type=YEAR, default=2025, show_default=True, help="Last session-year.")
@_OUT
@click.option("--resolution", type=RESOLUTION, default=1.0, show_default=True,
              help="Leiden resolution: higher gives more, smaller blocs.")
@_SEED
def timeline(states, start, end, out, resolution, seed) -> None:
    """Which voting bloc one or more states were in, year by year (labels matched across years).

    \b
    Examples:
      entente draw timeline IRN --from 1990 --to 2025 --out t.svg
      entente draw timeline USA GBR RUS UKR --from 1985 --to 2025 --out t.png
    """
    _check(out)
    members = resolve_states(list(states), start=start, end=end, member=False)
    _write(pictures.bloc_timeline([s.ccode for s in members], start, end, resolution=resolution, seed=seed), out)
