"""Charts for briefs, drawn with matplotlib and returned as SVG text (inline in HTML, files for Markdown).

Every chart has a title, axes labelled with their units, a legend, and its source in a footnote. The style
(backend, fonts, colours) is :mod:`entente.pictures._style`, shared with the pictures. Each SVG is ready
to inline beside the others in one page: its ids carry the chart's ``key`` (a different default for every
function, and for each ``measure`` of :func:`alignment_trend`), and it carries ``role="img"``, an
``aria-label`` and a ``<title>`` with the chart's title and a ``<desc>`` with its source. Same data, same
bytes.

    svg = disputes_by_year(section["disputes"], "United States", "Russia", window=(1946, 2014),
                           source="gml_mid 2.2.1")
"""

from __future__ import annotations

from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import offset_copy

from entente.measures.history import HOSTILITY
from entente.pictures import _style, graphs
from entente.pictures._style import A_COLOUR, B_COLOUR, HOSTILITY_COLOURS, MUTED, PAIR_COLOUR, subplots

FEW_VOTES = 10      # years resting on fewer roll calls are drawn hollow: read them with care
YEAR = "Year"
LABELS_DEPTH = 38   # points from the axes' bottom edge past the tick labels and the x label (10 pt text)
LEGEND_ROW = 14     # points a legend row takes at 8 pt


def _finish(fig, ax, title: str, ylabel: str, source: str, key: str, xlabel: str = YEAR,
            note: str | None = None) -> str:
    """Title, axis labels (with units), grid, the legend under the axes, then the source line, and the SVG."""
    ax.set_title(title, loc="left", fontsize=11)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.25)
    ax.spines[["top", "right"]].set_visible(False)
    # Under the x label, the legend then the source line, placed in points from the axes' bottom edge
    # (not in axes fractions, which move with the figure's height).
    below = offset_copy(ax.transAxes, fig=fig, y=-LABELS_DEPTH, units="points")
    handles, _ = ax.get_legend_handles_labels()
    if handles:
        ax.legend(loc="upper left", bbox_to_anchor=(0, 0), bbox_transform=below, fontsize=8, frameon=False,
                  ncol=2, borderaxespad=0, borderpad=0)
    rows = -(-len(handles) // 2)
    footnote = f"{note} Source: {source}" if note else f"Source: {source}"
    ax.annotate(_style.wrap(footnote, 0.9 * fig.get_figwidth(), 7), (0, 0), xycoords=below,
                xytext=(0, -LEGEND_ROW * rows - 4), textcoords="offset points", fontsize=7, color=MUTED,
                ha="left", va="top")
    return _style.svg_text(fig, close=True, key=key, title=title, desc=footnote)   # <desc>: what is drawn, source


def _years_axis(ax) -> None:
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))


@_style.styled
def alignment_trend(series: list[dict], a: str, b: str, *, measure: str = "agree", source: str,
                    key: str | None = None) -> str:
    """The pair's yearly UNGA alignment against each side's average with all states."""
    years = [row["year"] for row in series]
    scale, unit = (100, "Agreement (% of roll calls)") if measure == "agree" else (1, "Cohen's κ (0 = chance)")
    pair = [None if row[measure] is None else row[measure] * scale for row in series]
    avg_a = [None if row[f"a_avg_{measure}"] is None else row[f"a_avg_{measure}"] * scale for row in series]
    avg_b = [None if row[f"b_avg_{measure}"] is None else row[f"b_avg_{measure}"] * scale for row in series]
    fig, ax = subplots((8, 3.6))
    ax.plot(years, avg_a, color=A_COLOUR, lw=1.2, ls="--", label=f"{a} with all states (mean)")
    ax.plot(years, avg_b, color=B_COLOUR, lw=1.2, ls=":", label=f"{b} with all states (mean)")
    ax.plot(years, pair, color=PAIR_COLOUR, lw=2.2, marker="o", ms=2.5, label=f"{a} with {b}")
    thin = [(y, v) for y, v, row in zip(years, pair, series) if v is not None and row["n_votes"] < FEW_VOTES]
    if thin:
        ax.plot([y for y, _ in thin], [v for _, v in thin], ls="none", marker="o", ms=6, mfc="white",
                mec=PAIR_COLOUR, mew=1.2, label=f"fewer than {FEW_VOTES} roll calls both voted on")
    what = "agreement" if measure == "agree" else "chance-corrected agreement (Cohen's κ)"
    if measure == "agree":
        ax.set_ylim(0, 100)
    else:
        ax.axhline(0, color="#999", lw=0.6)
    _years_axis(ax)
    return _finish(fig, ax, f"UN General Assembly voting {what}: {a} and {b}", unit, source,
                   key or f"alignment-{measure}", xlabel="Session-year (year the session opened)")


@_style.styled
def trade_flows(series: list[dict], a: str, b: str, *, source: str, key: str = "trade") -> str:
    """Imports each way per year, in current million US dollars.

    Rows may name their ``dataset`` (COW Trade, then IMF DOTS: :func:`entente.measures.trade_sources.one_series`):
    the years of a later dataset are drawn dashed, after a dotted rule labelled with both datasets."""
    years = [r["year"] for r in series]
    datasets = [r.get("dataset") for r in series]
    seam = next((y for y, d in zip(years, datasets) if d != datasets[0]), None) if datasets and datasets[0] else None
    fig, ax = subplots((8, 3.4))
    for column, colour, label in (("a_imports_from_b", A_COLOUR, f"{a}'s imports from {b}"),
                                  ("b_imports_from_a", B_COLOUR, f"{b}'s imports from {a}")):
        values = [r[column] for r in series]
        if seam is None:
            ax.plot(years, values, color=colour, lw=1.8, label=label)
            continue
        before = [v if y < seam else None for y, v in zip(years, values)]
        after = [v if y >= seam - 1 else None for y, v in zip(years, values)]   # joined at the last COW year
        ax.plot(years, before, color=colour, lw=1.8, label=label)
        ax.plot(years, after, color=colour, lw=1.8, ls="--")
    if seam is not None:
        ax.axvline(seam - 0.5, color="#777", lw=0.9, ls=":")
        top = ax.get_ylim()[1]
        for text, side, ha in ((f"{_dataset_label(datasets[0])} ◂", -4, "right"),
                               (f"▸ {_dataset_label(datasets[years.index(seam)])}", 4, "left")):
            ax.annotate(text, (seam - 0.5, top), xytext=(side, -2), textcoords="offset points", ha=ha, va="top",
                        fontsize=7.5, color="#555")
    _years_axis(ax)
    return _finish(fig, ax, f"Trade between {a} and {b}", "US$ millions (current)", source, key)


def _dataset_label(dataset: str | None) -> str:
    """"COW" or "IMF DOTS" from a trade row's ``dataset`` (its first word, the whole name for the IMF)."""
    return "IMF DOTS" if dataset and dataset.startswith("IMF") else (dataset or "").split(" ")[0]


@_style.styled
def arms_by_year(rows: list[dict], a: str, b: str, *, source: str, key: str = "arms") -> str:
    """TIV delivered each way per year, as side-by-side bars."""
    years = [r["year"] for r in rows]
    fig, ax = subplots((8, 3.4))
    ax.bar([y - 0.2 for y in years], [r["a_to_b"] for r in rows], width=0.4, color=A_COLOUR, label=f"{a} to {b}")
    ax.bar([y + 0.2 for y in years], [r["b_to_a"] for r in rows], width=0.4, color=B_COLOUR, label=f"{b} to {a}")
    _years_axis(ax)
    return _finish(fig, ax, f"Major arms delivered between {a} and {b}", "TIV (millions, SIPRI trend-indicator value)",
                   source, key, xlabel="Delivery year")


def years_span(first: int, last: int) -> str:
    """``"1976"`` for one year, ``"1946–2014"`` for several."""
    return f"{first}" if first == last else f"{first}–{last}"


def dispute_counts(disputes: list[dict], window: tuple[int, int]) -> dict[int | None, list[int]]:
    """For each highest-hostility level (None: not coded), the number of disputes under way in each year of
    ``window`` (both ends included): a dispute counts in every year from its ``start`` to its ``end``."""
    first, last = int(window[0]), int(window[1])
    counts: dict[int | None, list[int]] = {}
    for d in disputes:
        level = _level(d.get("hostility"))
        row = counts.setdefault(level, [0] * (last - first + 1))
        for year in range(max(int(d["start"]), first), min(int(d["end"]), last) + 1):
            row[year - first] += 1
    return {level: row for level, row in counts.items() if any(row)}


def _level(value) -> int | None:
    try:
        level = int(value)
    except (TypeError, ValueError):      # None, NaN, pandas NA: the data give no level
        return None
    return level if level in HOSTILITY else None


@_style.styled
def disputes_by_year(disputes: list[dict], a: str, b: str, *, window: tuple[int, int], source: str,
                     key: str = "disputes") -> str:
    """Militarized disputes under way in each year of ``window``, stacked by the highest hostility reached.

    ``disputes``: one dict per dispute with ``start`` and ``end`` (years) and ``hostility``, the GML/COW
    highest hostility level either side reached (1 no militarized action, 2 threat to use force, 3 display
    of force, 4 use of force, 5 war; :data:`entente.measures.history.HOSTILITY`); other keys (``dispnum``)
    are ignored. ``window``: the first and last year shown (the brief's period or the data's coverage).

    A bar per year rather than a timeline with a row per dispute: the chart keeps one height from 1 dispute
    to 80 (USA–Russia has 53), its y axis reads directly as "how many at once", and long disputes show as
    runs of bars. A dispute of one year is one bar on that year, never a decade.
    """
    first, last = int(window[0]), int(window[1])
    counts = dispute_counts(disputes, (first, last))
    years = list(range(first, last + 1))
    fig, ax = subplots((8, 3.0))
    bottom = [0] * len(years)
    for level in sorted(counts, key=lambda v: -1 if v is None else v, reverse=True):   # war at the bottom
        label = f"highest: {HOSTILITY[level]}" if level is not None else "hostility not coded"
        drawn = [(y, n, under) for y, n, under in zip(years, counts[level], bottom) if n]
        bars = ax.bar([y for y, _, _ in drawn], [n for _, n, _ in drawn], bottom=[u for _, _, u in drawn],
                      width=0.8, color=HOSTILITY_COLOURS.get(level, "#999999"), label=label)
        for (year, _, _), bar in zip(drawn, bars):       # <g id="disputes-year-1976-hostility-4">: readable
            bar.set_gid(f"year-{year}-hostility-{level or 'none'}")
        bottom = [x + y for x, y in zip(bottom, counts[level])]
    ax.set_xlim(first - 0.5, last + 0.5)
    ax.set_ylim(0, max(max(bottom, default=0), 1) * 1.08)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))
    _years_axis(ax)
    shown = sum(1 for d in disputes if int(d["start"]) <= last and int(d["end"]) >= first)
    outside = len(disputes) - shown
    note = ("Each bar counts the disputes under way that year (a dispute spanning several years counts in each), "
            "coloured by the highest hostility either side reached.")
    if not shown:
        ax.text(0.5, 0.5, f"No militarized dispute between {a} and {b} in {years_span(first, last)}",
                transform=ax.transAxes, ha="center", va="center", color=MUTED)
    if outside:
        note += f" {outside} dispute{'s' if outside > 1 else ''} outside {years_span(first, last)} not shown."
    title = f"Militarized disputes between {a} and {b}, {years_span(first, last)}"
    return _finish(fig, ax, title, "Disputes under way (count)", source, key, note=note)


@_style.styled
def composite_index(rows: list[dict], a: str, b: str, *, source: str, key: str = "trend") -> str:
    """The composite index per year (standardised units), with how much of the weight each year rests on."""
    years = [r["year"] for r in rows]
    fig, ax = subplots((8, 3.4))
    full = [r["index"] if (r.get("weight_covered") or 0) >= 0.6 else None for r in rows]
    thin = [r["index"] if (r.get("weight_covered") or 0) < 0.6 else None for r in rows]
    ax.plot(years, full, color=PAIR_COLOUR, lw=2, label="index (at least 60% of the weight observed)")
    ax.plot(years, thin, color=PAIR_COLOUR, lw=1.2, ls=":", label="index resting on less than 60% of the weight")
    ax.axhline(0, color="#999", lw=0.6)
    _years_axis(ax)
    return _finish(fig, ax, f"Composite relationship index: {a} and {b}",
                   "Standard deviations from the pair's mean", source, key)


def pair_network(net: dict, a: str, b: str, *, key: str = "network") -> str:
    """The pair and its closest partners on one year's UNGA alignment graph (the third-parties section).

    ``net`` is the section's ``network`` (:func:`entente.pictures.graphs.describe` plus ``source``).
    """
    fig = graphs.pair_picture(net, a, b, source=f"Source: {net['source']}")
    # untrimmed: one layout pass less (brief timing); the title is the figure's label
    return _style.svg_text(fig, close=True, tight=False, key=key, desc=f"Source: {net['source']}")
