"""Charts for briefs, drawn with matplotlib and returned as SVG text (inline in HTML, files for Markdown).

Every chart has a title, labelled axes with units, a legend, and its source in a footnote.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

PAIR_COLOUR, A_COLOUR, B_COLOUR = "#1f3b73", "#c4622d", "#3f8f5a"
FEW_VOTES = 10      # years resting on fewer roll calls are drawn hollow: read them with care


def _svg(fig) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = buffer.getvalue()
    return text[text.index("<svg"):]          # drop the XML prolog and doctype for inline use


def alignment_trend(series: list[dict], a: str, b: str, *, measure: str = "agree", source: str) -> str:
    """The pair's yearly UNGA alignment against each side's average with all states."""
    plt.rcParams.update({"svg.fonttype": "none", "font.size": 10, "font.family": "sans-serif"})
    years = [row["year"] for row in series]
    scale, unit = (100, "% agreement") if measure == "agree" else (1, "Cohen's κ")
    pair = [None if row[measure] is None else row[measure] * scale for row in series]
    avg_a = [None if row[f"a_avg_{measure}"] is None else row[f"a_avg_{measure}"] * scale for row in series]
    avg_b = [None if row[f"b_avg_{measure}"] is None else row[f"b_avg_{measure}"] * scale for row in series]
    fig, ax = plt.subplots(figsize=(8, 3.6))
    ax.plot(years, avg_a, color=A_COLOUR, lw=1.2, ls="--", label=f"{a} with all states (mean)")
    ax.plot(years, avg_b, color=B_COLOUR, lw=1.2, ls=":", label=f"{b} with all states (mean)")
    ax.plot(years, pair, color=PAIR_COLOUR, lw=2.2, marker="o", ms=2.5, label=f"{a} with {b}")
    thin = [(y, v) for y, v, row in zip(years, pair, series) if v is not None and row["n_votes"] < FEW_VOTES]
    if thin:
        ax.plot([y for y, _ in thin], [v for _, v in thin], ls="none", marker="o", ms=6, mfc="white",
                mec=PAIR_COLOUR, mew=1.2, label=f"fewer than {FEW_VOTES} roll calls both voted on")
    what = "agreement" if measure == "agree" else "chance-corrected agreement (Cohen's κ)"
    ax.set_title(f"UN General Assembly voting {what}: {a} and {b}", loc="left", fontsize=11)
    ax.set_xlabel("Session-year (year the session opened)")
    ax.set_ylabel(unit)
    if measure == "agree":
        ax.set_ylim(0, 100)
    else:
        ax.axhline(0, color="#999", lw=0.6)
    ax.grid(alpha=0.25)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="upper left", bbox_to_anchor=(0, -0.16), fontsize=8, frameon=False, ncol=2)
    fig.text(0.01, -0.16, f"Source: {source}", fontsize=7, color="#555", ha="left", wrap=True)
    return _svg(fig)


def _finish(fig, ax, title: str, ylabel: str, source: str, xlabel: str = "Year") -> str:
    ax.set_title(title, loc="left", fontsize=11)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.25)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="upper left", bbox_to_anchor=(0, -0.16), fontsize=8, frameon=False, ncol=2)
    fig.text(0.01, -0.12, f"Source: {source}", fontsize=7, color="#555", ha="left", wrap=True)
    return _svg(fig)


def trade_flows(series: list[dict], a: str, b: str, *, source: str) -> str:
    """Imports each way per year, in current million US dollars."""
    plt.rcParams.update({"svg.fonttype": "none", "font.size": 10, "font.family": "sans-serif"})
    years = [r["year"] for r in series]
    fig, ax = plt.subplots(figsize=(8, 3.4))
    ax.plot(years, [r["a_imports_from_b"] for r in series], color=A_COLOUR, lw=1.8, label=f"{a}'s imports from {b}")
    ax.plot(years, [r["b_imports_from_a"] for r in series], color=B_COLOUR, lw=1.8, label=f"{b}'s imports from {a}")
    return _finish(fig, ax, f"Trade between {a} and {b}", "Million US$ (current)", source)


def arms_by_year(rows: list[dict], a: str, b: str, *, source: str) -> str:
    """TIV delivered each way per year, as side-by-side bars."""
    plt.rcParams.update({"svg.fonttype": "none", "font.size": 10, "font.family": "sans-serif"})
    years = [r["year"] for r in rows]
    fig, ax = plt.subplots(figsize=(8, 3.4))
    ax.bar([y - 0.2 for y in years], [r["a_to_b"] for r in rows], width=0.4, color=A_COLOUR, label=f"{a} to {b}")
    ax.bar([y + 0.2 for y in years], [r["b_to_a"] for r in rows], width=0.4, color=B_COLOUR, label=f"{b} to {a}")
    return _finish(fig, ax, f"Major arms delivered between {a} and {b}", "Million TIV (SIPRI volume index)", source,
                   xlabel="Delivery year")


HOSTILITY_COLOURS = {2: "#f2c94c", 3: "#f2994a", 4: "#c0392b", 5: "#6d1a12"}


def disputes_by_decade(rows: list[dict], a: str, b: str, *, source: str) -> str:
    """Militarized dispute onsets per decade, coloured by the highest hostility reached."""
    plt.rcParams.update({"svg.fonttype": "none", "font.size": 10, "font.family": "sans-serif"})
    fig, ax = plt.subplots(figsize=(8, 3.0))
    labels = {2: "threat", 3: "display of force", 4: "use of force", 5: "war"}
    seen = set()
    for r in rows:
        level = int(r["highest_hostility"] or 2)
        ax.bar(r["decade"] + 5, r["disputes"], width=8, color=HOSTILITY_COLOURS.get(level, "#999"),
               label=None if level in seen else f"highest: {labels.get(level, level)}")
        seen.add(level)
    ax.yaxis.get_major_locator().set_params(integer=True)
    return _finish(fig, ax, f"Militarized disputes between {a} and {b}, by decade of onset", "Disputes", source,
                   xlabel="Decade")


def composite_index(rows: list[dict], a: str, b: str, *, source: str) -> str:
    """The composite index per year (standardised units), with how much of the weight each year rests on."""
    plt.rcParams.update({"svg.fonttype": "none", "font.size": 10, "font.family": "sans-serif"})
    years = [r["year"] for r in rows]
    fig, ax = plt.subplots(figsize=(8, 3.4))
    full = [r["index"] if (r.get("weight_covered") or 0) >= 0.6 else None for r in rows]
    thin = [r["index"] if (r.get("weight_covered") or 0) < 0.6 else None for r in rows]
    ax.plot(years, full, color=PAIR_COLOUR, lw=2, label="index (at least 60% of the weight observed)")
    ax.plot(years, thin, color=PAIR_COLOUR, lw=1.2, ls=":", label="index resting on less than 60% of the weight")
    ax.axhline(0, color="#999", lw=0.6)
    return _finish(fig, ax, f"Composite relationship index: {a} and {b}", "Standard deviations from the pair's mean",
                   source)


def pair_network(net: dict, a: str, b: str) -> str:
    """The pair and its closest partners on one year's UNGA alignment graph (the third-parties section).

    ``net`` is the section's ``network`` (:func:`entente.pictures.graphs.describe` plus ``source``).
    """
    from entente.pictures import graphs, svg_text

    fig = graphs.pair_picture(net, a, b, source=f"Source: {net['source']}")
    return svg_text(fig, close=True, tight=False)   # untrimmed: one layout pass less (brief timing)
