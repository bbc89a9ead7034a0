"""The brief's charts, each defined once as a Vega-Lite v5 spec (a plain, JSON-ready dict) from a section's data.

The web app embeds the specs with vega-embed (interactive, tooltips); the static brief renders the very same
specs to SVG offline with vl-convert (:func:`entente.brief.chart_svg.svg`; Vega's own renderer in an embedded V8, no browser, no
network). :func:`specs` lists every chart of an assembled brief; :mod:`entente.brief.chart_svg` renders them.

    brief = entente.brief.content.assemble("IRN", "RUS")
    for name, spec in charts.specs(brief).items():     # {"agree": {...}, "kappa": {...}, "disputes": ..., ...}
        ...                                              # vegaEmbed("#chart", spec) in a page
    svg = chart_svg.svg(charts.specs(brief)["trade"])     # the static brief's SVG of the same spec

Every chart has a title, axes labelled with their units, a legend under the axes, and its source in a
footnote under the legend. A spec carries ``usermeta.entente``: ``key`` (the id prefix of its SVG, so
several charts inline in one page share no id), ``title`` and ``desc`` (the footnote: what is drawn and
the source); the rendering makes these the SVG's ``role="img"``, ``aria-label``, ``<title>`` and ``<desc>``
(:func:`entente.pictures.palette.accessible`). Same data, same spec, same bytes: an SVG once rendered is
kept in ``$ENTENTE_HOME/cache/charts`` under the hash of its spec (:func:`entente.brief.chart_svg.cached`), so a brief written
again, or the web app's static copy of a chart, does not start the JavaScript engine (0.4 s of CPU) again.

vl-convert compiles with Vega-Lite :data:`VL_VERSION`. :class:`entente.brief.chart_svg.Painter` renders a brief's charts in a child
process while the next sections are read (the engine's start holds the GIL, so a thread would not overlap it).
"""

from __future__ import annotations

import textwrap

from entente.codings import HOSTILITY
from entente.pictures import layout as network_picture
from entente.pictures.palette import (
    A_COLOUR,
    B_COLOUR,
    HOSTILITY_COLOURS,
    INK,
    MUTED,
    PAIR_COLOUR,
)

__all__ = ["alignment_trend", "arms_by_year", "composite_index", "dispute_counts", "disputes_by_year", "pair_network",
           "section_specs", "specs", "trade_flows"]

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
VL_VERSION = "5.21"  # the Vega-Lite that vl-convert compiles the specs with (the newest 5.x it bundles)
DIGITS = 6          # decimals kept of every number a spec carries (:func:`_num`)
FEW_VOTES = 10      # years resting on fewer roll calls are drawn hollow: read them with care
YEAR = "Year"
WIDTH = 560         # the plot's width in pixels (the brief's page scales the SVG to its column)
LABELS_DEPTH = 44   # pixels from the plot's bottom edge past the tick labels and the x axis title
LEGEND_ROW = 17     # pixels a legend row takes
FONT = "sans-serif"   # the reader's own sans-serif (DejaVu Sans for vl-convert here); one name: a list of
                     # fonts costs vl-convert about a fifth more time a chart, looking each one up
CONFIG = {
    "font": FONT,
    "view": {"stroke": None},
    "axis": {"labelFontSize": 10, "titleFontSize": 10, "titleFontWeight": "normal", "titleColor": INK,
             "labelColor": INK, "gridOpacity": 0.35, "domainColor": INK, "tickColor": INK},
    "axisY": {"domain": False},
    "legend": {"labelFontSize": 10, "labelColor": INK, "labelLimit": 270, "columnPadding": 18, "rowPadding": 4,
               "symbolStrokeWidth": 2},
    "title": {"anchor": "start", "fontSize": 13, "fontWeight": "bold", "color": INK, "offset": 10,
              "subtitleFontSize": 10, "subtitleColor": MUTED, "subtitleFont": FONT},
}


# ------------------------------------------------------------------------------------------ shared
def _wrap(text: str, width_px: float, size: float) -> list[str]:
    """``text`` broken into lines of about ``width_px`` pixels at ``size`` px (about 0.55 em a character)."""
    return textwrap.wrap(text, width=max(20, int(width_px / (0.55 * size)))) or [""]


def _spec(*, key: str, title: str, footnote: str, layers: list[dict], height: int, legend_rows: int,
          x_title: str | None = YEAR, subtitle: str | None = None, width: int = WIDTH) -> dict:
    """A layered Vega-Lite spec: ``layers`` on a ``width``×``height`` plot, the title above, and under the
    plot (``LABELS_DEPTH`` down, past the x axis) the legends (``legend_rows`` rows, placed by the layers
    with :func:`_legend`), then the footnote in small grey type."""
    below = (LABELS_DEPTH if x_title else 8) + LEGEND_ROW * legend_rows + 6
    note = {"data": {"values": [{}]},
            "mark": {"type": "text", "align": "left", "baseline": "top", "fontSize": 9, "color": MUTED,
                     "lineHeight": 12, "x": 0, "y": height + below},
            "encoding": {"text": {"value": _wrap(footnote, width, 9)}}}
    lines = _wrap(title, width, 14)       # bold 13 px type: a long title takes two lines, not a wider chart
    head = {"text": lines if len(lines) > 1 else title, **({"subtitle": _wrap(subtitle, width, 10)} if subtitle else {})}
    return {"$schema": SCHEMA, "title": head, "description": f"{title}. {footnote}",
            "width": width, "height": height, "layer": [*layers, note], "config": CONFIG,
            "usermeta": {"entente": {"key": key, "title": title, "desc": footnote}}}


def _legend(height: int, row: int = 0, *, columns: int = 2, x_title: bool = True, **extra) -> dict:
    """A legend under the plot (``row`` legend rows further down), ``columns`` entries a row."""
    return {"orient": "none", "legendX": 0, "legendY": height + (LABELS_DEPTH if x_title else 8) + LEGEND_ROW * row,
            "direction": "horizontal", "columns": columns, "title": None, **extra}


def _years_x(title: str = YEAR, domain: list[float] | None = None, field: str = "year") -> dict:
    scale = {"zero": False, "nice": False, **({"domain": domain} if domain else {})}
    return {"field": field, "type": "quantitative", "title": title, "scale": scale,
            "axis": {"format": "d", "tickMinStep": 1, "grid": True}}


def _span(rows: list[dict], pad: float = 0.0) -> list[float] | None:
    years = [r["year"] for r in rows]
    return [min(years) - pad, max(years) + pad] if years else None


def _runs(rows: list[dict], value: str, series: str = "series") -> list[dict]:
    """``rows`` (in order) without those whose ``value`` is None, each given ``run``: its series and the
    number of the stretch of values it belongs to, so that a line drawn with ``detail: run`` breaks where
    a value is missing (as matplotlib's does at a None) instead of joining across the gap."""
    out, count, gap = [], {}, {}
    for row in rows:
        key = row[series]
        if row[value] is None:
            gap[key] = True
            continue
        if gap.pop(key, False) or key not in count:
            count[key] = count.get(key, -1) + 1
        out.append(dict(row, run=f"{key} #{count[key]}"))
    return out


def _num(value, scale: float = 1.0):
    """``value × scale`` to :data:`DIGITS` decimals (None stays None): far finer than a pixel, and the same
    spec whatever the last digits of a mean DuckDB summed in parallel (they differ from run to run), so
    the chart cache (:func:`cached`) finds it again."""
    return None if value is None else round(float(value) * scale, DIGITS)


# ---------------------------------------------------------------------------------------- alignment
def alignment_trend(series: list[dict], a: str, b: str, *, measure: str = "agree", source: str,
                    key: str | None = None) -> dict:
    """The pair's yearly UNGA alignment (``measure`` "agree" in % of roll calls, or Cohen's κ) against each
    side's average with all states; years resting on fewer than :data:`FEW_VOTES` roll calls both voted on
    are ringed."""
    scale, unit = (100, "Agreement (% of roll calls)") if measure == "agree" else (1, "Cohen's κ (0 = chance)")
    what = "agreement" if measure == "agree" else "chance-corrected agreement (Cohen's κ)"
    labels = [f"{a} with all states (mean)", f"{b} with all states (mean)", f"{a} with {b}"]
    rows = []
    for r in series:
        for label, field in zip(labels, (f"a_avg_{measure}", f"b_avg_{measure}", measure)):
            rows.append({"year": r["year"], "series": label, "value": _num(r[field], scale),
                         "roll_calls": r["n_votes"]})
    thin = [{"year": r["year"], "value": _num(r[measure], scale), "roll_calls": r["n_votes"],
             "what": f"fewer than {FEW_VOTES} roll calls both voted on"}
            for r in series if r[measure] is not None and r["n_votes"] < FEW_VOTES]
    height = 230
    fmt = ".1f" if measure == "agree" else ".2f"
    y = {"field": "value", "type": "quantitative", "title": unit,
         "scale": {"domain": [0, 100]} if measure == "agree" else {"zero": False}}
    layers = []
    if measure != "agree":
        layers.append({"data": {"values": [{"zero": 0}]}, "mark": {"type": "rule", "color": "#999", "strokeWidth": 0.8},
                       "encoding": {"y": {"field": "zero", "type": "quantitative"}}})
    layers.append({
        "data": {"values": _runs(rows, "value")},
        "mark": {"type": "line"},
        "encoding": {
            "x": _years_x("Session-year (year the session opened)", _span(series)), "y": y, "detail": {"field": "run"},
            "color": {"field": "series", "type": "nominal", "sort": labels,
                      "scale": {"domain": labels, "range": [A_COLOUR, B_COLOUR, PAIR_COLOUR]},
                      "legend": _legend(height, symbolType="stroke", symbolSize=300)},
            "strokeDash": {"field": "series", "type": "nominal", "sort": labels,
                           "scale": {"domain": labels, "range": [[6, 3], [1.5, 2.5], [1, 0]]}},
            "strokeWidth": {"field": "series", "type": "nominal", "legend": None,
                            "scale": {"domain": labels, "range": [1.4, 1.4, 2.6]}},
            "tooltip": [{"field": "year", "title": "session-year"}, {"field": "series"},
                        {"field": "value", "format": fmt, "title": "agreement" if measure == "agree" else "κ"},
                        {"field": "roll_calls", "title": "roll calls both voted on"}]}})
    layers.append({"data": {"values": [r for r in rows if r["series"] == labels[2] and r["value"] is not None]},
                   "mark": {"type": "point", "filled": True, "size": 16, "color": PAIR_COLOUR},
                   "encoding": {"x": {"field": "year", "type": "quantitative"},
                                "y": {"field": "value", "type": "quantitative"},
                                "tooltip": [{"field": "year", "title": "session-year"},
                                            {"field": "value", "format": fmt},
                                            {"field": "roll_calls", "title": "roll calls both voted on"}]}})
    rows_of_legend = 2
    if thin:
        layers.append({"data": {"values": thin},
                       "mark": {"type": "point", "filled": True, "fill": "white", "size": 70, "strokeWidth": 1.4},
                       "encoding": {"x": {"field": "year", "type": "quantitative"},
                                    "y": {"field": "value", "type": "quantitative"},
                                    "stroke": {"field": "what", "type": "nominal",
                                               "scale": {"range": [PAIR_COLOUR]},
                                               "legend": _legend(height, 2, symbolType="circle",
                                                                 symbolFillColor="white")},
                                    "tooltip": [{"field": "year", "title": "session-year"},
                                                {"field": "roll_calls", "title": "roll calls both voted on"}]}})
        rows_of_legend = 3
    return _spec(key=key or f"alignment-{measure}", title=f"UN General Assembly voting {what}: {a} and {b}",
                 footnote=f"Source: {source}", layers=layers, height=height, legend_rows=rows_of_legend,
                 x_title="Session-year (year the session opened)")


# -------------------------------------------------------------------------------------------- trade
def _dataset_label(dataset: str | None) -> str:
    """"COW" or "IMF DOTS" from a trade row's ``dataset`` (its first word, the whole name for the IMF)."""
    return "IMF DOTS" if dataset and dataset.startswith("IMF") else (dataset or "").split(" ")[0]


def trade_flows(series: list[dict], a: str, b: str, *, source: str, key: str = "trade") -> dict:
    """Imports each way per year, in current million US dollars.

    Rows may name their ``dataset`` (COW Trade, then IMF DOTS: :func:`entente.measures.trade_sources.one_series`):
    the years of a later dataset are drawn dashed, after a dotted rule labelled with both datasets; the
    dashed line starts at the last year of the first dataset, so the two parts join."""
    years = [r["year"] for r in series]
    datasets = [r.get("dataset") for r in series]
    seam = next((y for y, d in zip(years, datasets) if d != datasets[0]), None) if datasets and datasets[0] else None
    labels = [f"{a}'s imports from {b}", f"{b}'s imports from {a}"]
    rows = []
    for r in series:
        for label, column in zip(labels, ("a_imports_from_b", "b_imports_from_a")):
            part = "first" if seam is None or r["year"] < seam else "second"
            row = {"year": r["year"], "series": label, "value": _num(r[column]), "part": part,
                   "dataset": _dataset_label(r.get("dataset")) or None}
            rows.append(row)
            if seam is not None and r["year"] == seam - 1:      # the join: the last first-dataset year again
                rows.append(dict(row, part="second"))
    height = 210
    for row in rows:
        row["track"] = f"{row['series']} ({row['part']})"
    layers = [{
        "data": {"values": _runs(rows, "value", "track")},
        "mark": {"type": "line", "strokeWidth": 1.8},
        "encoding": {
            "x": _years_x(YEAR, _span(series)),
            "y": {"field": "value", "type": "quantitative", "title": "US$ millions (current)"},
            "color": {"field": "series", "type": "nominal", "sort": labels,
                      "scale": {"domain": labels, "range": [A_COLOUR, B_COLOUR]},
                      "legend": _legend(height, symbolType="stroke", symbolSize=300)},
            "detail": {"field": "run"},
            "strokeDash": {"field": "part", "type": "nominal", "legend": None,
                           "scale": {"domain": ["first", "second"], "range": [[1, 0], [6, 3]]}},
            "tooltip": [{"field": "year"}, {"field": "series"}, {"field": "value", "format": ",.1f",
                                                                 "title": "US$ millions"}, {"field": "dataset"}]}}]
    if seam is not None:
        first, second = _dataset_label(datasets[0]), _dataset_label(datasets[years.index(seam)])
        layers.append({"data": {"values": [{"x": seam - 0.5}]},
                       "mark": {"type": "rule", "color": "#777", "strokeWidth": 1, "strokeDash": [2, 2]},
                       "encoding": {"x": {"field": "x", "type": "quantitative"}}})
        for text, align, dx in ((f"{first} ◂", "right", -4), (f"▸ {second}", "left", 4)):
            layers.append({"data": {"values": [{"x": seam - 0.5}]},
                           "mark": {"type": "text", "text": text, "align": align, "dx": dx, "y": 2,
                                    "baseline": "top", "fontSize": 9, "color": "#555"},
                           "encoding": {"x": {"field": "x", "type": "quantitative"}}})
    return _spec(key=key, title=f"Trade between {a} and {b}", footnote=f"Source: {source}", layers=layers,
                 height=height, legend_rows=1)


# --------------------------------------------------------------------------------------------- arms
def arms_by_year(rows: list[dict], a: str, b: str, *, source: str, key: str = "arms") -> dict:
    """TIV delivered each way per year, as side-by-side bars (``a``'s left of the year, ``b``'s right)."""
    labels = [f"{a} to {b}", f"{b} to {a}"]
    bars = [{"year": r["year"], "series": label, "tiv": _num(r[column]), "x0": _num(r["year"] - 0.4 + 0.4 * i),
             "x1": _num(r["year"] + 0.4 * i)}
            for r in rows for i, (label, column) in enumerate(zip(labels, ("a_to_b", "b_to_a")))]
    height = 210
    layers = [{
        "data": {"values": bars},
        "mark": {"type": "rect"},
        "encoding": {
            "x": _years_x("Delivery year", _span(rows, 0.7), field="x0"), "x2": {"field": "x1"},
            "y": {"field": "tiv", "type": "quantitative", "title": "TIV (millions, SIPRI trend-indicator value)"},
            "y2": {"datum": 0},
            "color": {"field": "series", "type": "nominal", "sort": labels,
                      "scale": {"domain": labels, "range": [A_COLOUR, B_COLOUR]},
                      "legend": _legend(height, symbolType="square")},
            "description": {"field": "series"},
            "tooltip": [{"field": "year", "title": "delivery year"}, {"field": "series"},
                        {"field": "tiv", "format": ",.1f", "title": "TIV (millions)"}]}}]
    return _spec(key=key, title=f"Major arms delivered between {a} and {b}", footnote=f"Source: {source}",
                 layers=layers, height=height, legend_rows=1, x_title="Delivery year")


# ----------------------------------------------------------------------------------------- disputes
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


def _hostility_label(level: int | None) -> str:
    return f"highest: {HOSTILITY[level]}" if level is not None else "hostility not coded"


def disputes_by_year(disputes: list[dict], a: str, b: str, *, window: tuple[int, int], source: str,
                     key: str = "disputes") -> dict:
    """Militarized disputes under way in each year of ``window``, stacked by the highest hostility reached.

    ``disputes``: one dict per dispute with ``start`` and ``end`` (years) and ``hostility``, the GML/COW
    highest hostility level either side reached (1 no militarized action, 2 threat to use force, 3 display
    of force, 4 use of force, 5 war; :data:`entente.codings.HOSTILITY`); other keys (``dispnum``) are
    ignored. ``window``: the first and last year shown (the brief's period or the data's coverage).

    A bar per year rather than a timeline with a row per dispute: the chart keeps one height from 1 dispute
    to 80 (USA–Russia has 53), its y axis reads directly as "how many at once", and long disputes show as
    runs of bars. A dispute of one year is one bar on that year, never a decade. Each bar's SVG element
    says its year, count and level (``aria-label``, from the ``description`` channel).
    """
    first, last = int(window[0]), int(window[1])
    counts = dispute_counts(disputes, (first, last))
    years = list(range(first, last + 1))
    order = sorted(counts, key=lambda v: -1 if v is None else v, reverse=True)      # war at the bottom
    bars, bottom = [], [0] * len(years)
    for level in order:
        for i, (year, n) in enumerate(zip(years, counts[level])):
            if n:
                bars.append({"year": year, "x0": year - 0.4, "x1": year + 0.4, "y0": bottom[i], "y1": bottom[i] + n,
                             "disputes": n, "level": _hostility_label(level),
                             "what": f"{year}: {n} dispute{'s' if n > 1 else ''}, {_hostility_label(level)}"})
                bottom[i] += n
    labels = [_hostility_label(level) for level in order]
    colours = [HOSTILITY_COLOURS.get(level, "#999999") for level in order]
    top = max(max(bottom, default=0), 1) * 1.08
    height = 190
    shown = sum(1 for d in disputes if int(d["start"]) <= last and int(d["end"]) >= first)
    outside = len(disputes) - shown
    layers = [{
        "data": {"values": bars},
        "mark": {"type": "rect"},
        "encoding": {
            "x": _years_x(YEAR, [first - 0.5, last + 0.5], field="x0"), "x2": {"field": "x1"},
            "y": {"field": "y1", "type": "quantitative", "title": "Disputes under way (count)",
                  "scale": {"domain": [0, top], "nice": False}, "axis": {"tickMinStep": 1, "format": "d"}},
            "y2": {"field": "y0"},
            "color": {"field": "level", "type": "nominal", "sort": labels,
                      "scale": {"domain": labels or ["hostility not coded"], "range": colours or ["#999999"]},
                      "legend": _legend(height, symbolType="square") if labels else None},
            "description": {"field": "what"},
            "tooltip": [{"field": "year"}, {"field": "disputes"}, {"field": "level"}]}}]
    if not shown:
        layers.append({"data": {"values": [{}]},
                       "mark": {"type": "text", "x": WIDTH / 2, "y": height / 2, "align": "center",
                                "baseline": "middle", "color": MUTED, "fontSize": 11,
                                "text": f"No militarized dispute between {a} and {b} in {years_span(first, last)}"}})
    note = ("Each bar counts the disputes under way that year (a dispute spanning several years counts in each), "
            "coloured by the highest hostility either side reached.")
    if outside:
        note += f" {outside} dispute{'s' if outside > 1 else ''} outside {years_span(first, last)} not shown."
    return _spec(key=key, title=f"Militarized disputes between {a} and {b}, {years_span(first, last)}",
                 footnote=f"{note} Source: {source}", layers=layers, height=height,
                 legend_rows=-(-len(labels) // 2))


# ---------------------------------------------------------------------------------------- composite
def composite_index(rows: list[dict], a: str, b: str, *, source: str, key: str = "trend") -> dict:
    """The composite index per year (standardised units): a solid line where at least 60% of the weight
    is observed, dotted where the year rests on less."""
    labels = ["index (at least 60% of the weight observed)", "index resting on less than 60% of the weight"]
    values = []
    for r in rows:
        full = (r.get("weight_covered") or 0) >= 0.6
        for label, keep in zip(labels, (full, not full)):
            values.append({"year": r["year"], "series": label, "index": _num(r["index"]) if keep else None,
                           "weight": _num(r.get("weight_covered"))})
    height = 210
    layers = [
        {"data": {"values": [{"zero": 0}]}, "mark": {"type": "rule", "color": "#999", "strokeWidth": 0.8},
         "encoding": {"y": {"field": "zero", "type": "quantitative"}}},
        {"data": {"values": _runs(values, "index")},
         "mark": {"type": "line", "color": PAIR_COLOUR},
         "encoding": {
             "x": _years_x(YEAR, _span(rows)), "detail": {"field": "run"},
             "y": {"field": "index", "type": "quantitative", "title": "Standard deviations from the pair's mean"},
             "strokeDash": {"field": "series", "type": "nominal", "sort": labels,
                            "scale": {"domain": labels, "range": [[1, 0], [1.5, 2.5]]},
                            "legend": _legend(height, symbolType="stroke", symbolSize=300,
                                              symbolStrokeColor=PAIR_COLOUR)},
             "strokeWidth": {"field": "series", "type": "nominal", "legend": None,
                             "scale": {"domain": labels, "range": [2, 1.3]}},
             "tooltip": [{"field": "year"}, {"field": "index", "format": ".2f"},
                         {"field": "weight", "format": ".0%", "title": "weight observed"}]}}]
    return _spec(key=key, title=f"Composite relationship index: {a} and {b}", footnote=f"Source: {source}",
                 layers=layers, height=height, legend_rows=1)


# ------------------------------------------------------------------------------------------ network
NETWORK_SIZE = (560, 500)   # the plot, in pixels: x from -1.25 to 1.25 and y from -1.2 to 1.15, equal units


def pair_network(net: dict, a: str, b: str, *, key: str = "network", layout: dict | None = None) -> dict:
    """The pair and its closest partners on one year's UNGA alignment graph (the third-parties section).

    ``net`` is the section's ``network`` (:func:`entente.pictures.layout.describe` plus ``source``);
    ``layout``: ccode → (x, y) in [-1, 1] (default: :func:`entente.pictures.layout.layout`, the
    Fruchterman–Reingold layout ``entente draw pair`` uses, seed 42). Focus states are large and named,
    partners are labelled by their short code and sized by their summed ties to the pair; a line joins
    two states that vote together more than each usually does, thicker for closer.
    """
    xy = {c: (_num(x), _num(y)) for c, (x, y) in (layout or network_picture.layout(net, 42)).items()}
    ca, cb = net["focus"]
    colours = network_picture.pair_colours(net, ca, cb)
    joined = any({e["source"], e["target"]} == {ca, cb} for e in net["edges"])
    k = len(net["nodes"]) - 2
    subtitle = (f"{a}, {b} and the {k} states with the strongest ties to the pair in {net['year']}. "
                f"{network_picture.EDGE_NOTE}" + ("" if joined else f" {a} and {b} are not joined: their κ is below "
                                                          "the mean of their baselines."))
    kinds = ["excess agreement (thicker = closer)", "among the partners"]
    focus = set(net["focus"])
    top = max((e["weight"] for e in net["edges"]), default=1.0) or 1.0
    by_code = {n["ccode"]: n for n in net["nodes"]}
    edges = [{"x": xy[e["source"]][0], "y": xy[e["source"]][1], "x2": xy[e["target"]][0], "y2": xy[e["target"]][1],
              "kind": kinds[0] if e["source"] in focus or e["target"] in focus else kinds[1],
              "width": _num(0.5 + 5.0 * e["weight"] / top), "weight": e["weight"],
              "pair": f"{by_code[e['source']]['name']} – {by_code[e['target']]['name']}"}
             for e in sorted(net["edges"], key=lambda e: (e["source"] in focus or e["target"] in focus, e["weight"]))]
    groups = [a, b, "tied to both", f"tied to {a} only", f"tied to {b} only"]
    palette = [colours[ca], colours[cb], network_picture.BOTH_COLOUR, "#e6b89c", "#a9d1b5"]
    strongest = max((sum(n["ties"].values()) for n in net["nodes"] if not n["focus"]), default=1.0) or 1.0
    nodes = []
    for n in net["nodes"]:
        colour = colours[n["ccode"]]
        group = a if n["ccode"] == ca else b if n["ccode"] == cb else groups[palette.index(colour, 2)]
        tie = sum(n["ties"].values())
        nodes.append({"x": xy[n["ccode"]][0], "y": xy[n["ccode"]][1], "name": n["name"], "code": n["code"],
                      "label": n["name"] if n["focus"] else n["code"], "group": group, "focus": n["focus"],
                      "size": 700 if n["focus"] else _num(170 + 330 * tie / strongest), "tie": round(tie, 4)})
    width, height = NETWORK_SIZE
    x = {"field": "x", "type": "quantitative", "axis": None, "scale": {"domain": [-1.25, 1.25], "nice": False, "zero": False}}
    y = {"field": "y", "type": "quantitative", "axis": None, "scale": {"domain": [-1.2, 1.15], "nice": False, "zero": False}}
    layers = [
        {"data": {"values": edges},
         "mark": {"type": "rule", "strokeCap": "round"},
         "encoding": {"x": x, "y": y, "x2": {"field": "x2"}, "y2": {"field": "y2"},
                      "strokeWidth": {"field": "width", "type": "quantitative", "scale": None},
                      "stroke": {"field": "kind", "type": "nominal",
                                 "scale": {"domain": kinds, "range": ["#4a4a4a", "#9a9a9a"]},
                                 "legend": _legend(height, 3, columns=2, x_title=False, symbolType="stroke",
                                                   symbolSize=300)},
                      "opacity": {"field": "kind", "type": "nominal", "legend": None,
                                  "scale": {"domain": kinds, "range": [0.75, 0.35]}},
                      "tooltip": [{"field": "pair", "title": "tie"}, {"field": "weight", "format": ".3f",
                                                                      "title": "excess κ"}]}},
        {"data": {"values": nodes},
         "layer": [
             {"mark": {"type": "circle", "stroke": "white", "strokeWidth": 1.5, "opacity": 1},
              "encoding": {"x": x, "y": y, "size": {"field": "size", "type": "quantitative", "scale": None},
                           "fill": {"field": "group", "type": "nominal",
                                     "scale": {"domain": groups, "range": palette},
                                     "legend": _legend(height, columns=2, x_title=False, symbolType="circle")},
                           "description": {"field": "name"},
                           "tooltip": [{"field": "name"}, {"field": "group", "title": "ties"},
                                       {"field": "tie", "title": "summed excess κ to the pair"}]}},
             {"mark": {"type": "text", "baseline": "top", "dy": 11, "color": INK},
              "encoding": {"x": x, "y": y, "text": {"field": "label"},
                           "fontSize": {"condition": {"test": "datum.focus", "value": 12}, "value": 9},
                           "fontWeight": {"condition": {"test": "datum.focus", "value": "bold"}, "value": "normal"}}}]},
    ]
    footnote = f"Source: {net['source']}"
    return _spec(key=key, title=f"{a} and {b} in the UN General Assembly, {net['year']}", footnote=footnote,
                 subtitle=subtitle, layers=layers, height=height, legend_rows=4, x_title=None, width=width)


# --------------------------------------------------------------------------------------- the brief's
#: Charts drawn from one field of a section: (chart name, section, field, spec function).
SECTION_CHARTS = (
    ("trade", "economy", "series", trade_flows),
    ("arms", "arms", "tiv_by_year", arms_by_year),
    ("trend", "trend", "composite", composite_index),
)
#: The chart files of a brief (``charts/<file>.svg``), by chart name.
FILES = {"agree": "alignment_agree", "kappa": "alignment_kappa", "disputes": "disputes", "trade": "trade",
         "arms": "arms", "trend": "trend", "network": "network"}


def _source(section: dict) -> str:
    """"dataset version; dataset version" of a section's evidence, sorted, each once."""
    return "; ".join(sorted({f"{e['dataset']} {e['version']}" for e in section.get("evidence", [])}))


def specs(brief: dict) -> dict[str, dict]:
    """Every chart of an assembled brief (:func:`entente.brief.content.assemble`, or the dict
    :func:`entente.brief.write_brief` returns) as a Vega-Lite v5 spec, by name: ``agree`` and ``kappa``
    (UNGA alignment), ``disputes``, ``trade``, ``arms``, ``trend`` (the composite index), ``network``
    (the pair among its closest UN partners) — those the data allow, in the brief's order."""
    out: dict[str, dict] = {}
    for section in brief["sections"]:
        out.update(section_specs(brief, section))
    return {name: out[name] for name in FILES if name in out}


def section_specs(brief: dict, section: str) -> dict[str, dict]:
    """The charts drawn from one section of ``brief`` (none for most), by name: see :func:`specs`."""
    a, b = brief["pair"]["a"]["name"], brief["pair"]["b"]["name"]
    data = brief["sections"][section]
    if section == "alignment" and "series" in data:
        return {measure: alignment_trend(data["series"], a, b, measure=measure, source=_source(data))
                for measure in ("agree", "kappa")}
    if section == "history" and data.get("disputes"):
        window = (brief["window"]["first"], brief["window"]["last"])
        return {"disputes": disputes_by_year(data["disputes"], a, b, window=window, source=_source(data))}
    if section == "third_parties" and data.get("network"):
        return {"network": pair_network(data["network"], a, b)}
    return {name: spec(data[field], a, b, source=_source(data))
            for name, name_of_section, field, spec in SECTION_CHARTS if name_of_section == section and data.get(field)}
