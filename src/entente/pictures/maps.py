"""A bloc map of the world for one session-year: every state coloured by its UNGA voting bloc.

Blocs come from :func:`entente.network.blocs` (Leiden on excess κ, fixed seed); shapes from the
bundled Natural Earth 1:110m world (:mod:`entente.pictures.geometry`, which says how shapes become
states and how historical states such as the USSR are drawn). Each bloc is named in the legend by
its core members (the strongest ties inside the bloc), with its size. States that voted but have no
shape at this scale (Malta, Singapore, small islands) are drawn as a dot at their capital (COW
capitals); states that cast no vote that year are mid-grey; territories that are not states are
light grey.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
from matplotlib.collections import PolyCollection
from matplotlib.patches import Patch, Polygon

from entente import network, warehouse
from entente.pictures import _style, geometry

__all__ = ["bloc_map", "bloc_names"]

CORE_SHOWN = 4   # core members named per bloc in the legend


def bloc_names(frame: pd.DataFrame, shown: int = CORE_SHOWN) -> dict[int, str]:
    """bloc → ``"NLD, BEL, ISL, ITA … (26 states)"``: its strongest core members (see network.blocs), by short codes
    (:func:`entente.pictures._style.short`: ISO3, or USSR, DDR, CSK ... for states that no longer exist)."""
    out = {}
    for bloc, group in frame.groupby("bloc", sort=True):
        ranked = group.sort_values(["core", "strength"], ascending=[False, False])
        abbs = [_style.short(c, y) for c, y in zip(ranked["ccode"].head(shown), ranked["year"].head(shown))]
        more = " …" if len(group) > shown else ""
        out[int(bloc)] = f"{', '.join(abbs)}{more} ({len(group)} state{'s' if len(group) != 1 else ''})"
    return out


@functools.cache
def _capitals() -> pd.DataFrame:
    caps = warehouse.connection().execute("SELECT ccode, start_date, end_date, lat, lng FROM cow_capitals").df()
    caps["start"] = pd.to_datetime(caps["start_date"]).dt.year
    caps["end"] = pd.to_datetime(caps["end_date"]).dt.year
    return caps


def _capital(ccode: int, year: int) -> tuple[float, float] | None:
    """(lon, lat) of ``ccode``'s capital in ``year`` (its nearest spell if none covers the year)."""
    caps = _capitals()
    rows = caps[caps["ccode"] == ccode]
    if rows.empty:
        return None
    covering = rows[(rows["start"].fillna(-1e9) <= year) & (rows["end"].fillna(1e9) >= year)]
    row = (covering if len(covering) else rows.iloc[[-1]]).iloc[-1]
    return float(row["lng"]), float(row["lat"])


@_style.styled
def bloc_map(year: int, *, resolution: float = 1.0, seed: int = 42, measure: str = "kappa", min_votes: int = 10,
             frame: pd.DataFrame | None = None, con=None):
    """The world in ``year`` coloured by UNGA voting bloc; returns a matplotlib Figure.

    Pass ``frame`` (a :func:`entente.network.blocs` result) to draw blocs already computed. Every
    polygon collection on the map carries ``entente_ccode`` (the COW state drawn on it, None for a
    territory) and ``entente_shape`` (the shape's name); the capital dots carry ``entente_ccodes``.
    """
    if frame is None:
        frame = network.blocs(year, resolution=resolution, seed=seed, measure=measure, min_votes=min_votes, con=con)
    year = int(frame["year"].iat[0]) if len(frame) else int(year)
    seed = frame.attrs.get("seed", seed)
    bloc_of = dict(zip(frame["ccode"].astype(int), frame["bloc"].astype(int)))
    present = set(bloc_of)
    order = sorted(set(bloc_of.values()))
    colour = {b: _style.bloc_colour(i) for i, b in enumerate(order)}

    fig = _style.figure((10, 6.4))
    ax = fig.add_axes((0.01, 0.235, 0.98, 0.655))
    drawn: set[int] = set()
    world = Polygon(geometry.outline(), closed=True, transform=ax.transData)
    for shape in geometry.shapes():
        state = geometry.state_of_shape(shape, year, present)
        if state in present:
            face = colour[bloc_of[state]]
        else:
            face = _style.NO_DATA if state is not None else _style.NOT_STATE
        coll = PolyCollection(geometry.projected_rings(shape), facecolors=face, edgecolors="white", linewidths=0.3)
        coll.set_clip_path(world)
        coll.set_gid(f"shape-{shape.iso3 or 'none'}-{state or 0}")
        coll.entente_ccode, coll.entente_shape = state, shape.name
        ax.add_collection(coll)
        if state in present:
            drawn.add(state)
    dots = [(c, _capital(c, year)) for c in sorted(present - drawn)]
    dots = [(c, xy) for c, xy in dots if xy is not None]
    if dots:
        xy = geometry.project(np.array([p for _, p in dots]))
        scatter = ax.scatter(xy[:, 0], xy[:, 1], s=14, c=[colour[bloc_of[c]] for c, _ in dots], edgecolors=_style.INK,
                             linewidths=0.4, zorder=3)
        scatter.set_gid("capital-dots")
        scatter.entente_ccodes = [c for c, _ in dots]
    ax.set_xlim(-2.75, 2.75)
    ax.set_ylim(-1.0, 1.36)     # Equal Earth; the far south (Antarctica is not drawn) is cut
    ax.set_aspect("equal")
    ax.axis("off")

    names = bloc_names(frame)
    handles = [Patch(facecolor=colour[b], edgecolor="none", label=f"Bloc {b}: {names[b]}") for b in order]
    handles += [Patch(facecolor=_style.NO_DATA, edgecolor="none", label="No UN General Assembly vote this year"),
                Patch(facecolor=_style.NOT_STATE, edgecolor="#cccccc",
                      label="Not a state in the COW list (territories, Palestine)")]
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.02, 0.235), ncol=2, fontsize=8, frameon=False,
               handlelength=1.2, columnspacing=1.5)
    modularity = frame.attrs.get("modularity")
    title = f"Voting blocs in the UN General Assembly, {year}"
    fig.set_label(title)
    fig.text(0.02, 0.975, title, fontsize=14, weight="bold", va="top")
    sub = (f"Session {year - 1945} (opened in {year}). Blocs: states that vote together more than each usually "
           f"does (Cohen's κ above baseline), grouped by the Leiden algorithm; named by their core members")
    if modularity is not None:
        sub += f"; modularity {modularity:.2f}"
    fig.text(0.02, 0.93, _style.wrap(sub + ".", 9.6, 8.5), fontsize=8.5, color=_style.MUTED, va="top")
    note = "Dots: voting states too small for the 1:110m map. " if dots else ""
    source = _style.source_line(seed, f"{note}{geometry.SOURCE_NOTE}; today's borders, historical states drawn on "
                                      "their successors' shapes")
    fig.text(0.02, 0.01, _style.wrap(source, 9.6, 7), fontsize=7, color=_style.MUTED, va="bottom")
    return fig
