"""Network drawings around a pair or a group of states on one year's UNGA alignment graph.

The graph is :func:`entente.network.alignment_graph`: two states are joined when their Cohen's κ
beats the mean of their baselines, and the edge weight is that excess. Who is shown and where
(:func:`describe`, :func:`layout`: the ``n`` strongest neighbours of the focus, Fruchterman–Reingold
positions from a circle with a fixed ``seed``) comes from :mod:`entente.pictures.layout`, which the
brief's Vega-Lite chart uses too; here it is drawn with matplotlib. Edges among all shown states are
drawn, thicker for a higher weight; the same call gives the same drawing.
"""

from __future__ import annotations

from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D

from entente import countries, network
from entente.errors import BadInput
from entente.pictures import _style
from entente.pictures.layout import (  # who is shown and where: shared with the brief
    BOTH_COLOUR, EDGE_NOTE, FOCUS_COLOUR, NEIGHBOUR_COLOUR, describe, layout, pair_colours, strongest_neighbours,
)
from entente.store import Connection

__all__ = ["describe", "draw", "group_network", "layout", "pair_network", "strongest_neighbours"]


@_style.styled
def draw(net: dict, *, title: str, subtitle: str, colours: dict[int, str], legend: list, source: str,
         seed: int = 42, size: tuple[float, float] = (8, 7)):
    """Draw a :func:`describe` result: focus states large and labelled by name, others by their short code,
    sized by their summed ties to the focus."""
    fig = _style.figure(size)
    ax = fig.add_axes((0.02, 0.14, 0.96, 0.73))
    xy = layout(net, seed)
    focus = set(net["focus"])
    top = max((e["weight"] for e in net["edges"]), default=1.0) or 1.0
    for touching, colour, alpha in ((False, "#9a9a9a", 0.35), (True, "#4a4a4a", 0.75)):
        edges = sorted((e for e in net["edges"] if (e["source"] in focus or e["target"] in focus) == touching),
                       key=lambda e: e["weight"])
        lines = LineCollection([[xy[e["source"]], xy[e["target"]]] for e in edges], colors=colour, alpha=alpha,
                               linewidths=[0.4 + 4.0 * e["weight"] / top for e in edges], capstyle="round", zorder=1)
        lines.set_gid("edges-focus" if touching else "edges-others")
        ax.add_collection(lines)
    strongest = max((sum(n["ties"].values()) for n in net["nodes"] if not n["focus"]), default=1.0) or 1.0
    for node in net["nodes"]:
        x, y = xy[node["ccode"]]
        big = node["focus"]
        ax.scatter([x], [y], s=520 if big else 120 + 240 * sum(node["ties"].values()) / strongest,
                   color=colours[node["ccode"]], edgecolors="white", linewidths=1.5, zorder=3,
                   gid=f"node-{node['ccode']}")
        ax.annotate(node["name"] if big else node["code"], (x, y), xytext=(0, -15 if big else -11),
                    textcoords="offset points", ha="center", va="top", fontsize=10 if big else 8,
                    weight="bold" if big else "normal", color=_style.INK, zorder=4)
    ax.set_xlim(-1.25, 1.25)
    ax.set_ylim(-1.2, 1.15)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.set_label(title)
    fig.text(0.02, 0.975, title, fontsize=13, weight="bold", va="top")
    fig.text(0.02, 0.925, _style.wrap(subtitle, 0.96 * size[0], 8.5), fontsize=8.5, color=_style.MUTED, va="top")
    fig.legend(handles=legend, loc="lower left", bbox_to_anchor=(0.02, 0.035), ncol=2, fontsize=8, frameon=False)
    fig.text(0.02, 0.01, _style.wrap(source, 0.96 * size[0], 7), fontsize=7, color=_style.MUTED, va="bottom")
    return fig


def _graph(year, measure, min_votes, con: Connection):
    return network.alignment_graph(year, measure=measure, min_votes=min_votes, con=con)


def _dot(colour: str, label: str, size: float = 9) -> Line2D:
    return Line2D([], [], ls="none", marker="o", ms=size, mfc=colour, mec="white", label=label)


def pair_picture(net: dict, name_a: str, name_b: str, *, source: str, seed: int = 42):
    """Draw a pair's :func:`describe` result (used by :func:`pair_network` and the brief)."""
    a, b = net["focus"]
    joined = any({e["source"], e["target"]} == {a, b} for e in net["edges"])
    k = len(net["nodes"]) - 2
    sub = (f"{name_a}, {name_b} and the {k} states with the strongest ties to the pair in {net['year']}. "
           f"{EDGE_NOTE}" + ("" if joined else f" {name_a} and {name_b} are not joined: their κ is below "
                                               "the mean of their baselines."))
    legend = [_dot(_style.A_COLOUR, name_a), _dot(_style.B_COLOUR, name_b),
              _dot(BOTH_COLOUR, "tied to both", 7), _dot("#e6b89c", f"tied to {name_a} only", 7),
              _dot("#a9d1b5", f"tied to {name_b} only", 7),
              Line2D([], [], color="#4a4a4a", lw=2.5, label="excess agreement (thicker = closer)")]
    return draw(net, title=f"{name_a} and {name_b} in the UN General Assembly, {net['year']}", subtitle=sub,
                colours=pair_colours(net, a, b), legend=legend, source=source, seed=seed)


def pair_network(a, b, year: int, *, n: int = 12, seed: int = 42, measure: str = "kappa", min_votes: int = 10,
                 con: Connection | None = None):
    """The pair ``a``–``b`` and its ``n`` strongest neighbours on the alignment graph of ``year`` (a Figure)."""
    sa, sb = countries.resolve(a, year=year), countries.resolve(b, year=year)
    if sa.ccode == sb.ccode:
        raise BadInput(f"A pair needs two different states; both {a!r} and {b!r} are {sa.label}.")
    net = describe(_graph(year, measure, min_votes, con), [sa.ccode, sb.ccode], n)
    return pair_picture(net, sa.name, sb.name, source=_style.source_line(None, "Layout: Fruchterman–Reingold, "
                                                                               f"seed {seed}"), seed=seed)


def group_network(states, year: int, *, n: int = 8, seed: int = 42, measure: str = "kappa", min_votes: int = 10,
                  con: Connection | None = None):
    """A group of states, the ties among them and their ``n`` strongest common neighbours in ``year``."""
    if isinstance(states, (str, int)):
        states = [states]
    resolved = [countries.resolve(s, year=year) for s in states]
    codes = list(dict.fromkeys(s.ccode for s in resolved))
    if len(codes) < 2:
        raise BadInput(f"A group needs at least two different states; got {', '.join(map(str, states))}.")
    net = describe(_graph(year, measure, min_votes, con), codes, n)
    colours = {node["ccode"]: FOCUS_COLOUR if node["focus"] else NEIGHBOUR_COLOUR for node in net["nodes"]}
    names = [countries.name(c) for c in codes]
    inside = sum(1 for e in net["edges"] if e["source"] in codes and e["target"] in codes)
    possible = len(codes) * (len(codes) - 1) // 2
    k = len(net["nodes"]) - len(codes)
    sub = (f"{', '.join(names)}: {inside} of the {possible} possible ties among them, and the {k} "
           f"states with the strongest ties to the group. {EDGE_NOTE}")
    legend = [_dot(FOCUS_COLOUR, "the group"), _dot(NEIGHBOUR_COLOUR, "closest partners of the group", 7),
              Line2D([], [], color="#4a4a4a", lw=2.5, label="excess agreement (thicker = closer)")]
    title = f"{', '.join(_style.short(s.ccode, year) for s in resolved)} in the UN General Assembly, {net['year']}"
    return draw(net, title=title, subtitle=sub, colours=colours, legend=legend, seed=seed,
                source=_style.source_line(None, f"Layout: Fruchterman–Reingold, seed {seed}"))
