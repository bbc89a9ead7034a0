"""Bloc membership over time: which UNGA voting bloc each state was in, year by year.

Labels come from :func:`entente.network.bloc_history` for all states over the whole range, so a
colour means the same matched bloc in every row and every year (the Hungarian matching of each
year's blocs to the year before). Each label is named in the legend by the states most often at its
core over the years shown. A year in which a state cast no vote (or shared fewer than ``min_votes``
roll calls with every other state) is left blank.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.collections import PolyCollection
from matplotlib.patches import Patch

from entente import countries, network
from entente.errors import BadInput, NoEvidence
from entente.pictures import _style

__all__ = ["bloc_timeline", "label_names"]


def label_names(history: pd.DataFrame, labels, shown: int = 3) -> dict[int, str]:
    """label → the states most often in its core over ``history`` (ties: lowest COW code): ``"USA, GBR, FRA"``."""
    core = history[history["core"] & history["label"].isin(list(labels))]
    out = {}
    for label in labels:
        mine = core[core["label"] == label].groupby("ccode")["year"].agg(["size", "max"])
        ranked = sorted(mine.itertuples(), key=lambda r: (-r.size, r.Index))[:shown]
        out[int(label)] = ", ".join(_style.short(r.Index, int(r.max)) for r in ranked) or "no stable core"
    return out


@_style.styled
def bloc_timeline(states, start: int = 1946, end: int = 2025, *, resolution: float = 1.0, seed: int = 42,
                  measure: str = "kappa", min_votes: int = 10, history: pd.DataFrame | None = None, con=None):
    """One row per state, one cell per year, coloured by matched bloc label (a Figure).

    ``states``: one state or a list (names, codes). Pass ``history`` (a :func:`bloc_history` result for
    all states, ``state=None``) to reuse one already computed. Each row is a PolyCollection carrying
    ``entente_ccode`` and ``entente_years`` (the years it has a cell for) and ``entente_labels``.
    """
    if isinstance(states, (str, int)):
        states = [states]
    resolved = list({s.ccode: s for s in (countries.resolve(x) for x in states)}.values())
    if not resolved:
        raise BadInput("bloc_timeline() needs at least one state, e.g. 'IRN'.")
    if history is None:
        history = network.bloc_history(None, start, end, resolution=resolution, seed=seed, measure=measure,
                                       min_votes=min_votes, con=con)
    history = history[(history["year"] >= start) & (history["year"] <= end)]
    rows = history[history["ccode"].isin([s.ccode for s in resolved])]
    absent = [s.label for s in resolved if s.ccode not in set(rows["ccode"])]
    if absent:
        raise NoEvidence(f"{'; '.join(absent)} cast no UN General Assembly vote in {start}–{end} "
                         "(or shared too few roll calls with other states).")
    # the labels covering most cells get the distinct colours; the rarest share grey past the palette
    cells = rows["label"].astype(int).value_counts()
    by_cells = sorted(cells.index, key=lambda lab: (-cells[lab], lab))
    colour = {lab: _style.bloc_colour(i) for i, lab in enumerate(by_cells)}
    named = sorted(by_cells[:len(_style.BLOC_COLOURS)])
    others = sorted(by_cells[len(_style.BLOC_COLOURS):])
    names = label_names(history, named)

    entries = len(named) + (1 if others else 0)
    height = 1.9 + 0.38 * len(resolved) + 0.22 * ((entries + 1) // 2)
    fig = _style.figure((10, height))
    legend_h = (0.5 + 0.22 * ((entries + 1) // 2)) / height
    ax = fig.add_axes((0.13, legend_h + 0.25 / height, 0.85, 1 - legend_h - 1.05 / height))
    for i, state in enumerate(resolved):
        mine = rows[rows["ccode"] == state.ccode].sort_values("year")
        y0 = len(resolved) - 1 - i
        cells = [[(yr - 0.5, y0 + 0.08), (yr + 0.5, y0 + 0.08), (yr + 0.5, y0 + 0.92), (yr - 0.5, y0 + 0.92)]
                 for yr in mine["year"]]
        coll = PolyCollection(cells, facecolors=[colour[int(lab)] for lab in mine["label"]], edgecolors="white",
                              linewidths=0.6)
        coll.set_gid(f"row-{state.ccode}")
        coll.entente_ccode = state.ccode
        coll.entente_years = [int(y) for y in mine["year"]]
        coll.entente_labels = [int(lab) for lab in mine["label"]]
        ax.add_collection(coll)
    ax.set_xlim(start - 0.6, end + 0.6)
    ax.set_ylim(0, len(resolved))
    ax.set_yticks([len(resolved) - 1 - i + 0.5 for i in range(len(resolved))],
                  [s.name if len(s.name) <= 18 else _style.short(s.ccode) for s in resolved])
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel("Session-year (year the session opened)")
    ax.spines[["top", "right", "left"]].set_visible(False)
    ax.grid(axis="x", alpha=0.25)
    ax.set_axisbelow(True)
    who = resolved[0].name if len(resolved) == 1 else ", ".join(_style.short(s.ccode) for s in resolved)
    title = f"UN General Assembly voting bloc of {who}, {start}–{end}"
    fig.set_label(title)
    fig.text(0.02, 1 - 0.12 / height, title, fontsize=13, weight="bold", va="top")
    fig.text(0.02, 1 - 0.45 / height, "Each cell: the Leiden bloc that year; colours are blocs matched across years "
             "(maximum overlap with the year before). Blank: no vote that year.", fontsize=8.5, color=_style.MUTED,
             va="top")
    handles = [Patch(facecolor=colour[lab], edgecolor="none", label=f"Bloc {lab}: core {names[lab]}") for lab in named]
    if others:
        handles.append(Patch(facecolor=_style.OTHER_BLOC, edgecolor="none",
                             label=f"{len(others)} short-lived bloc{'s' if len(others) > 1 else ''} "
                                   f"({', '.join(map(str, others))})"))
    fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.02, 0.22 / height), ncol=2, fontsize=8,
               frameon=False, handlelength=1.2)
    fig.text(0.02, 0.04 / height, _style.source_line(seed, "Bloc labels matched year to year (Hungarian method)"),
             fontsize=7, color=_style.MUTED, va="bottom")
    return fig
