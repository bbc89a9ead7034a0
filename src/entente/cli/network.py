"""Commands about the network of states: blocs."""

from __future__ import annotations

import click
import pandas as pd

from entente.cli import cli, emit, format_options


@cli.command()
@click.option("--year", type=int, help="Session-year whose blocs to list (e.g. 2023 = the 78th session).")
@click.option("--state", help="Instead, follow one state's bloc from --from to --to.")
@click.option("--from", "start", type=int, default=1946, show_default=True, help="First year (with --state).")
@click.option("--to", "end", type=int, default=2025, show_default=True, help="Last year (with --state).")
@click.option("--resolution", type=float, default=1.0, show_default=True,
              help="Leiden resolution: higher gives more, smaller blocs.")
@click.option("--seed", type=int, default=42, show_default=True, help="Random seed (same seed, same blocs).")
@click.option("--members", is_flag=True, help="With --year, list every state (one row each) instead of one row a bloc.")
@format_options
def blocs(year, state, start, end, resolution, seed, members, fmt, out) -> None:
    """Voting blocs in the UN General Assembly (Leiden communities of excess kappa).

    \b
    States are joined when they vote together (Cohen's kappa) more than each usually does;
    blocs are Leiden communities of that graph (Traag et al. 2019), with a fixed seed.
    Core members have the strongest ties inside their bloc.

    \b
    Examples:
      entente blocs --year 2023
      entente blocs --year 1985 --members --format csv
      entente blocs --state IRN --from 1990 --to 2025
    """
    from entente import network

    if (year is None) == (state is None):
        raise click.UsageError("Give either --year YEAR (the blocs of one year) or --state STATE (one state's path).")
    if state is not None:
        frame = network.bloc_history(state, start, end, resolution=resolution, seed=seed)
        frame = frame[["year", "abb", "label", "bloc_size", "core", "carried", "anchor"]]
        emit(frame, fmt, out, title=f"Bloc of {state} by year (labels matched across years; anchor = "
                                    "strongest member)")
        return
    frame = network.blocs(year, resolution=resolution, seed=seed)
    title = f"UNGA blocs in {year} (modularity {frame.attrs['modularity']:.3f})"
    if members:
        emit(frame, fmt, out, title=title)
        return
    rows = [{"bloc": bloc, "size": len(g), "core": ", ".join(g.loc[g["core"], "abb"]),
             "members": ", ".join(g.loc[~g["core"], "abb"].sort_values())}
            for bloc, g in frame.groupby("bloc", sort=True)]
    emit(pd.DataFrame(rows), fmt, out, title=title)
