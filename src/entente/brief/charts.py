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
