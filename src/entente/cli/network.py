"""Commands about the network of states: blocs, network (export), axis, triads, balance."""

from __future__ import annotations

import click
import pandas as pd

from entente import network
from entente.cli._input import COUNT, RESOLUTION, SEED, YEAR, bounded_text, parse_weights, resolve_states
from entente.cli._output import check_out, emit, format_options


@click.command()
@click.option("--year", type=YEAR, help="Session-year whose blocs to list (e.g. 2023 = the 78th session).")
@click.option("--state", help="Instead, follow one state's bloc from --from to --to.")
@click.option("--from", "start", type=YEAR, default=1946, show_default=True, help="First year (with --state).")
@click.option("--to", "end", type=YEAR, default=2025, show_default=True, help="Last year (with --state).")
@click.option("--resolution", type=RESOLUTION, default=1.0, show_default=True,
              help="Leiden resolution: higher gives more, smaller blocs.")
@click.option("--seed", type=SEED, default=42, show_default=True, help="Random seed (same seed, same blocs).")
@click.option("--members", is_flag=True, help="With --year, list every state (one row each) instead of one row a bloc.")
@click.option("--engine", type=click.Choice(["leidenalg", "igraph"]), default="leidenalg", show_default=True,
              help="Leiden implementation: leidenalg (the reference) or igraph's own (about 2x faster; same "
                   "quality function, sometimes another partition of equal quality).")
@click.option("--stability", is_flag=True,
              help="Instead, how stable the blocs are from --from to --to: modularity, NMI and adjusted Rand "
                   "with the year before, share of states keeping their bloc.")
@format_options
def blocs(year, state, start, end, resolution, seed, members, engine, stability, fmt, out) -> None:
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
      entente blocs --stability --from 1946 --to 2025
    """
    if stability:
        if year is not None or state is not None:
            raise click.UsageError("--stability covers all states over --from/--to; drop --year and --state.")
        frame = network.bloc_stability(start, end, resolution=resolution, seed=seed, engine=engine)
        emit(frame, fmt, out, title=f"Bloc stability {start}–{end} (1 = the same blocs as the year before)")
        return
    if (year is None) == (state is None):
        raise click.UsageError("Give either --year YEAR (the blocs of one year), --state STATE (one state's path) "
                               "or --stability.")
    if state is not None:
        (who,) = resolve_states([state], start=start, end=end)
        frame = network.bloc_history(who.ccode, start, end, resolution=resolution, seed=seed, engine=engine)
        frame = frame[["year", "abb", "label", "bloc_size", "core", "carried", "anchor"]]
        emit(frame, fmt, out, title=f"Bloc of {state} by year (labels matched across years; anchor = "
                                    "strongest member)")
        return
    frame = network.blocs(year, resolution=resolution, seed=seed, engine=engine)
    title = f"UNGA blocs in {year} (modularity {frame.attrs['modularity']:.3f})"
    if members:
        emit(frame, fmt, out, title=title)
        return
    rows = [{"bloc": bloc, "size": len(g), "core": ", ".join(g.loc[g["core"], "abb"]),
             "members": ", ".join(g.loc[~g["core"], "abb"].sort_values())}
            for bloc, g in frame.groupby("bloc", sort=True)]
    emit(pd.DataFrame(rows), fmt, out, title=title)


def _weights(text: str | None) -> dict[str, float] | None:
    """'alignment=1,rivalry=0.5' → {'alignment': 1.0, 'rivalry': 0.5}: checked by
    :func:`entente.cli._input.parse_weights` (finite, 0 to 1e6, not all 0) but not normalised, since a layer's
    weight scales the combined score that the edges carry."""
    return parse_weights(text, normalise=False) if text else None


LAYER_HELP = ("Comma-separated layers: alignment, alliance, arms, trade, disputes, rivalry, sanctions, events "
              "(default: all but trade, skipping those without data).")


@click.command(name="network")
@click.option("--year", type=YEAR, required=True, help="Year of the network (UN session-year for alignment).")
@click.option("--layers", callback=bounded_text, help=LAYER_HELP)
@click.option("--weights", callback=bounded_text,
              help="Layer weights in the combined score, e.g. alignment=1,alliance=1,disputes=2.")
@click.option("--separate", is_flag=True, help="With csv/parquet: one row per layer and pair, not combined.")
@click.option("--format", "-f", "fmt", type=click.Choice(["graphml", "gexf", "parquet", "csv"]), default="graphml",
              show_default=True, help="graphml/gexf: the graph (igraph/networkx writers); parquet/csv: the edges.")
@click.option("--out", "-o", type=click.Path(dir_okay=False), callback=check_out,
              help="File to write (needed for graphml, gexf and parquet; csv goes to stdout without it).")
def network_(year, layers, weights, separate, fmt, out) -> None:
    """Export the signed network of states for one year (GraphML, GEXF, Parquet, CSV).

    \b
    Each layer is a signed, weighted edge list: UN alignment above (+) or below (-) the
    pair's baseline, alliance obligations (+, defence 1 > offence > neutrality/non-aggression
    > consultation), SIPRI arms (+, if supplied), trade (+), disputes, rivalries and
    sanctions (-), GDELT events (+/-, if ingested). Layers are summed with weights into one
    signed edge per pair: sign = sign of the score, weight = |score|.
    Nodes carry ccode, abb and name; edges sign, weight, score and w_<layer>.

    \b
    Examples:
      entente network --year 2015 --out net2015.graphml
      entente network --year 2015 --layers alignment,alliance,disputes --format gexf --out net.gexf
      entente network --year 2001 --format parquet --separate --out layers2001.parquet
      entente network --year 1985 --weights alignment=1,rivalry=2 --format csv > net1985.csv
    """
    names = layers.split(",") if layers else None
    if out is None and fmt != "csv":
        raise click.UsageError(f"--format {fmt} needs --out FILE (e.g. --out net{year}.{fmt}); only csv can go to "
                               "stdout.")
    if fmt in ("graphml", "gexf"):
        graph = network.signed_graph(year, names, weights=_weights(weights), strict=layers is not None)
        network.write_graph(graph, out, fmt)
        click.echo(f"Wrote {graph.vcount():,} states and {graph.ecount():,} signed ties ({graph['layers']}) to {out}",
                   err=True)
        _notes(graph["missing"].split(",") if graph["missing"] else [], graph["empty"], year)
        return
    table = network.edges(year, year, names, strict=layers is not None)
    frame = table if separate else network.combine(table, _weights(weights))
    emit(frame, fmt, out)
    _notes(list(table.attrs["missing"]), ",".join(table.attrs["empty"]), year)


def _notes(missing: list[str], empty: str, year: int) -> None:
    if missing:
        click.echo(f"Skipped for want of data: {', '.join(missing)} (see `entente data list`).", err=True)
    if empty:
        click.echo(f"No edge in {year} in: {empty} (beyond a dataset's last year the evidence is missing, "
                   "not absent).", err=True)


@click.command()
@click.argument("states", nargs=-1, required=True)
@click.option("--from", "start", type=YEAR, default=1990, show_default=True, help="First session-year.")
@click.option("--to", "end", type=YEAR, help="Last session-year (default: the latest in the data).")
@click.option("--draws", type=COUNT, default=1000, show_default=True,
              help="Random groups per year for the baseline.")
@click.option("--seed", type=SEED, default=42, show_default=True, help="Random seed (same seed, same baseline).")
@click.option("--ties", "show_ties", is_flag=True, help="List the formal alliance ties among the members instead.")
@format_options
def axis(states, start, end, draws, seed, show_ties, fmt, out) -> None:
    """How cohesive is a group of states, compared with random groups? ("an axis")

    \b
    Per year: the members' mean UN alignment (Cohen's kappa and agreement), where it falls
    among 1,000 random groups of the same size and region mix (percentile, z, 90% interval
    of the random groups), the formal alliance ties among the members (ATOP to 2018, COW to
    2012) and the third states at least two members are rivals of or in disputes with.
    Regions are COW number ranges: Americas 2-165, Europe 200-399, Africa 402-626,
    Middle East 630-698, Asia 700-990.

    \b
    Examples:
      entente axis RUS IRN CHN PRK --from 1990
      entente axis RUS IRN CHN SYR --from 2011 --to 2020 --format csv
      entente axis RUS IRN CHN PRK --ties
    """
    members = resolve_states(list(states), start=start, end=end)
    frame = network.axis([s.ccode for s in members], start, end, draws=draws, seed=seed)
    who = ", ".join(frame.attrs["states"])
    if show_ties:
        ties = frame.attrs["ties"]
        if ties.empty:
            click.echo(f"No alliance obligation among {who} in {start}–{frame['year'].max()} (ATOP, COW).", err=True)
            return
        spells = (ties.groupby(["ccode1", "ccode2", "dataset", "obligation"])["year"].agg(["min", "max"])
                  .reset_index().rename(columns={"min": "from", "max": "to"}))
        emit(spells, fmt, out, title=f"Alliance obligations among {who}")
        return
    mix = ", ".join(f"{region} {n}" for region, n in frame.attrs["mix"].items())
    title = f"Cohesion of {who} against {draws:,} random groups with the same region mix ({mix})"
    view = frame.copy() if fmt != "table" else _axis_table(frame)
    cover = frame.attrs["coverage"]
    if fmt == "table" and frame["year"].max() > min(cover["atop"], cover["rivalries"]):
        click.echo(f"Note: alliance ties come from ATOP (to {cover['atop']}) and COW (to {cover['cow']}), shared "
                   f"rivals from the rivalry data (to {cover['rivalries']}): later years say \"no data\".", err=True)
    view.attrs = {}  # the ties frame and region mix are printed, not written into Parquet metadata
    emit(view, fmt, out, title=title)


def _axis_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The axis frame for people: short headers, the random 90% interval in one cell, and "no data" (not
    a blank) for years past the alliance or rivalry data."""
    cover = frame.attrs["coverage"]

    def cell(value, year, last, source):
        if year > last:
            return "no data"
        return value if isinstance(value, str) and value else "none"

    return pd.DataFrame({
        "year": frame["year"],
        "kappa": [f"{v:.2f}" for v in frame["kappa"]],
        "agree": [f"{v:.2f}" for v in frame["agree"]],
        "random 90%": [f"{lo:+.2f}…{hi:+.2f}" for lo, hi in zip(frame["base_lo"], frame["base_hi"])],
        "pctile": [f"{v:.1f}" for v in frame["percentile"]],
        "z": [f"{v:+.1f}" for v in frame["z"]],
        "defence ties": [cell(v, y, cover["atop"], "ATOP") for v, y in zip(frame["defence_ties"], frame["year"])],
        "shared rivals": [cell(v, y, cover["rivalries"], "rivalries")
                          for v, y in zip(frame["shared_adversaries"], frame["year"])],
        "most opposed in UN": frame["unga_opposed"].fillna("–"),
    })


@click.command()
@click.argument("state_a")
@click.argument("state_b")
@click.option("--year", type=YEAR, required=True, help="Year of the signed network.")
@click.option("--layers", callback=bounded_text, help=LAYER_HELP)
@click.option("--weights", callback=bounded_text, help="Layer weights, e.g. alignment=1,rivalry=2.")
@click.option("--only", type=click.Choice(["unbalanced", "shared friend", "shared adversary", "divergent"]),
              help="Keep only these triads.")
@format_options
def triads(state_a, state_b, year, layers, weights, only, fmt, out) -> None:
    """Third states two states both favour, both oppose, or split on, and which triads are unbalanced.

    \b
    A triad (A, B, C) is balanced when the product of its three signs is positive
    (Cartwright & Harary 1956): a friend of a friend, or an enemy of a friend's enemy.
    An unbalanced triad on a friendly pair is a third state one side befriends while the
    other opposes: a limit of the partnership.

    \b
    Examples:
      entente triads IRN RUS --year 2019
      entente triads IRN RUS --year 2019 --only unbalanced
      entente triads USA ISR --year 2015 --layers alignment,alliance,rivalry --format csv
    """
    a, b = resolve_states([state_a, state_b], year=year, pair=True)
    frame = network.triads(a.ccode, b.ccode, year, layers.split(",") if layers else None,
                           weights=_weights(weights), strict=layers is not None)
    pair = frame.attrs["pair_sign"]
    if only == "unbalanced":
        frame = frame[frame["balanced"].eq(False).fillna(False)]
    elif only:
        frame = frame[frame["class"] == only]
    tie = {1: "positive", -1: "negative", 0: "absent"}[pair]
    columns = ["abb", "sign_a", "sign_b", "class", "balanced", "evidence_a", "evidence_b"]
    view = frame[columns] if fmt == "table" else frame
    emit(view, fmt, out,
         title=f"Triads of {'–'.join(frame.attrs['pair'])} in {year} (their tie: {tie}, "
               f"score {frame.attrs['pair_score']:+.2f})")


@click.command()
@click.option("--from", "start", type=YEAR, default=1946, show_default=True, help="First year.")
@click.option("--to", "end", type=YEAR, default=2025, show_default=True, help="Last year.")
@click.option("--layers", callback=bounded_text, help=LAYER_HELP)
@click.option("--weights", callback=bounded_text, help="Layer weights, e.g. alignment=1,rivalry=2.")
@click.option("--seed", type=SEED, default=42, show_default=True, help="Seed of the frustration search.")
@format_options
def balance(start, end, layers, weights, seed, fmt, out) -> None:
    """Structural balance of the whole signed network, year by year.

    \b
    Share of triangles whose signs multiply to + (Cartwright & Harary 1956), counted from
    traces of the signed adjacency matrix, and the frustration index: the fewest ties whose
    sign must flip to split all states into two camps hostile only across (local search
    with a fixed seed, so an upper bound; Aref & Wilson 2018 compute it exactly).

    \b
    Examples:
      entente balance --from 1990 --to 2020
      entente balance --from 1946 --to 2025 --layers alignment --format csv
    """
    frame = network.balance(start, end, layers.split(",") if layers else None, weights=_weights(weights), seed=seed,
                            strict=layers is not None)
    view = frame[["year", "states", "edges", "triangles", "balance", "frustration", "frustration_share"]] \
        if fmt == "table" else frame
    emit(view, fmt, out, title=f"Structural balance {start}–{end} ({', '.join(frame.attrs['layers'])})")
