"""The brief's charts: Vega-Lite specs (one per chart, for the web app and the static brief alike), their SVGs
rendered by vl-convert (what is drawn is what the data say), ids unique across a page, named for screen readers,
same bytes.

Data are the real warehouse's (the session ``con``): the GML disputes of real pairs, a real brief's sections,
and SIPRI deliveries from the curated file beside the repository when it is there, else from an export
written in SIPRI's layout for the tests (upstream_formats.py). What an SVG draws is read from Vega's own
markup: each mark is an element with ``aria-roledescription`` (``point``, ``circle``, ``rule mark``, ``rect
mark``) and an ``aria-label`` (for the disputes' bars: "1976: 1 dispute, highest: use of force").
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from entente.pair import evidence as pair
from entente.brief import chart_svg, charts, write_brief
from entente.codings import HOSTILITY
from entente.measures import arms as arms_measures
from entente.pictures import _style
from entente.pictures._style import plt
from entente.sources import sipri
from shared_support import SIPRI_PARQUET
from upstream_formats import write_sipri_export

SVG = "{http://www.w3.org/2000/svg}"
SOURCE = "gml_mid 2.2.1"
SIPRI = SIPRI_PARQUET     # ../shared/data/sipri/… (ENTENTE_SHARED_DATA overrides); may be absent
REF = re.compile(r'(?:xlink:)?href="#([^"]+)"|url\(#([^)]+)\)')


def draw(spec: dict) -> str:
    """``spec`` rendered now by vl-convert (not read from the chart cache)."""
    return chart_svg.svg(spec, cache=False)


def marks(svg: str, kind: str) -> list[str]:
    """The aria-labels of the marks of one kind ("point", "circle", "rule mark", "rect mark")."""
    root = ET.fromstring(svg)
    return [e.get("aria-label") or "" for e in root.iter() if e.get("aria-roledescription") == kind]


def texts(svg: str) -> list[str]:
    """The text of each ``<text>`` element, its lines (``<tspan>``) joined by a space."""
    return [" ".join(" ".join(t.itertext()).split()) for t in ET.fromstring(svg).iter(f"{SVG}text")]


def disputes(con, a, b) -> list[dict]:
    return pair.disputes(a, b, con=con).to_dict("records")


def bar_years(svg: str) -> list[int]:
    """The years that have a bar (each bar's aria-label starts with its year: "1976: 1 dispute, ...")."""
    return sorted({int(label[:4]) for label in marks(svg, "rect mark")})


def ids_of(svg: str) -> list[str]:
    return [e.get("id") for e in ET.fromstring(svg).iter() if e.get("id") is not None]


@pytest.fixture(scope="module")
def single(con):
    """The first pair (by COW codes) with exactly one GML dispute, lasting one year, from 1946 on."""
    row = con.execute("""
        SELECT ccode1, ccode2, min(year) AS year FROM gml_mid_dir_dyad_year
        WHERE ccode1 < ccode2 GROUP BY ccode1, ccode2
        HAVING count(DISTINCT dispnum) = 1 AND min(year) = max(year) AND min(year) >= 1946
        ORDER BY ccode1, ccode2 LIMIT 1""").fetchone()
    return int(row[0]), int(row[1]), int(row[2])


def test_one_dispute_of_one_year_is_one_bar_on_that_year(con, single):
    a, b, year = single
    rows = disputes(con, a, b)
    assert len(rows) == 1 and rows[0]["start"] == rows[0]["end"] == year
    svg = draw(charts.disputes_by_year(rows, str(a), str(b), window=(1946, 2014), source=SOURCE))
    assert bar_years(svg) == [year]
    level = HOSTILITY[int(rows[0]["hostility"])]
    assert marks(svg, "rect mark") == [f"{year}: 1 dispute, highest: {level}"]
    assert "by decade" not in svg and "Year" in texts(svg) and "Disputes under way (count)" in texts(svg)


def test_usa_israel_1976_is_not_a_decade(con):
    """Issue #11: the pair's one dispute (1976) was a bar over 1971–1979 under an axis labelled "Decade"."""
    rows = disputes(con, "USA", "ISR")
    assert [(r["start"], r["end"]) for r in rows] == [(1976, 1976)]
    svg = draw(charts.disputes_by_year(rows, "United States", "Israel", window=(1946, 2014), source=SOURCE))
    assert bar_years(svg) == [1976]
    counts = charts.dispute_counts(rows, (1946, 2014))
    (level, per_year), = counts.items()
    assert level == rows[0]["hostility"] and sum(per_year) == 1 and per_year[1976 - 1946] == 1
    # y ticks are whole numbers: 0 and 1 here, no 0.2 steps
    ticks = [t for t in texts(svg) if re.fullmatch(r"[\d.]+", t)]
    assert "0.2" not in ticks and "0.5" not in ticks and "1" in ticks


def test_window_limits_the_years_drawn(con):
    rows = disputes(con, "USA", "RUS")
    assert min(r["start"] for r in rows) < 1946 and max(r["end"] for r in rows) > 1990
    svg = draw(charts.disputes_by_year(rows, "United States", "Russia", window=(1946, 1990), source=SOURCE))
    years = bar_years(svg)
    assert years and 1946 <= min(years) and max(years) <= 1990
    expected = {y for r in rows for y in range(r["start"], r["end"] + 1) if 1946 <= y <= 1990}
    assert set(years) == expected
    # each bar says how many disputes it counts: together, the disputes' years inside the window
    counted = sum(int(re.match(r"\d{4}: (\d+) dispute", label).group(1)) for label in marks(svg, "rect mark"))
    assert counted == sum(min(r["end"], 1990) - max(r["start"], 1946) + 1 for r in rows
                          if r["start"] <= 1990 and r["end"] >= 1946)
    outside = sum(1 for r in rows if r["end"] < 1946 or r["start"] > 1990)
    assert f"{outside} disputes outside 1946–1990 not shown" in ET.fromstring(svg)[1].text     # in <desc> too
    tick_years = [int(t) for t in texts(svg) if re.fullmatch(r"\d{4}", t)]
    assert tick_years and min(tick_years) >= 1946 and max(tick_years) <= 1990


def test_counts_are_disputes_under_way_each_year(con):
    """Against an independent count from the directed dyad-years: a GML dispute's years with a row."""
    rows = disputes(con, "USA", "RUS")
    counts = charts.dispute_counts(rows, (1816, 2014))
    total = [sum(col) for col in zip(*counts.values())]
    by_year = con.execute("""SELECT year, count(DISTINCT dispnum) FROM gml_mid_dir_dyad_year
                             WHERE ccode1 = 2 AND ccode2 = 365 GROUP BY year""").fetchall()
    for year, n in by_year:        # a dispute counts from its first to its last year, gaps included
        assert total[year - 1816] >= n
    spans = sum(r["end"] - r["start"] + 1 for r in rows)
    assert sum(total) == spans


@given(st.lists(st.tuples(st.integers(1900, 2020), st.integers(0, 6), st.sampled_from([1, 2, 3, 4, 5, None])),
                max_size=80),
       st.integers(1900, 2020), st.integers(0, 60))
def test_counts_sum_to_the_dispute_years_inside_the_window(spans, first, width):
    rows = [{"start": s, "end": s + d, "hostility": h} for s, d, h in spans]
    last = first + width
    counts = charts.dispute_counts(rows, (first, last))
    inside = sum(max(0, min(r["end"], last) - max(r["start"], first) + 1) for r in rows)
    assert sum(map(sum, counts.values())) == inside
    assert all(len(row) == width + 1 and any(row) for row in counts.values())


def test_no_dispute_says_so(con):
    svg = draw(charts.disputes_by_year([], "Iceland", "Nepal", window=(1946, 2014), source=SOURCE))
    assert bar_years(svg) == [] and "No militarized dispute between Iceland and Nepal in 1946–2014" in texts(svg)


def test_missing_hostility_is_drawn_as_not_coded():
    svg = draw(charts.disputes_by_year([{"start": 1990, "end": 1990, "hostility": float("nan")}], "A", "B",
                                       window=(1980, 2000), source=SOURCE))
    assert bar_years(svg) == [1990] and "hostility not coded" in texts(svg)


@pytest.fixture(scope="module")
def usa_russia(home, tmp_path_factory):
    out = tmp_path_factory.mktemp("brief-usa-rus")
    return out, write_brief("USA", "RUS", out=out)


@pytest.fixture(scope="module")
def every_spec(usa_russia, con, tmp_path_factory):
    """Every chart of the USA–Russia brief (charts.specs, as the web app takes them), and an arms chart
    (Russia–Iran, from SIPRI)."""
    _, brief = usa_russia
    out = charts.specs(brief)
    if SIPRI.exists():
        register = pd.read_parquet(SIPRI)
    else:
        register = sipri.parse(write_sipri_export(tmp_path_factory.mktemp("sipri") / "trade_register.csv")).to_pandas()
    rows = arms_measures.tiv_by_year(register, 365, 630).to_dict("records")
    out["arms"] = charts.arms_by_year(rows, "Russia", "Iran", source="sipri 2024")
    return out


@pytest.fixture(scope="module")
def every_chart(every_spec):
    """Every chart of :func:`every_spec` as SVG."""
    return chart_svg.render_all(every_spec)


def test_specs_are_the_brief_charts_as_vega_lite(usa_russia, every_spec):
    """One spec per chart file of the written brief, each a JSON-ready Vega-Lite v5 spec."""
    out, brief = usa_russia
    names = set(charts.specs(brief))
    assert {charts.FILES[n] + ".svg" for n in names} == {p.name for p in (out / "charts").glob("*.svg")}
    assert names == {"agree", "kappa", "disputes", "trade", "trend", "network"} | ({"arms"} & names)
    for name, spec in every_spec.items():
        assert spec["$schema"].endswith("/vega-lite/v5.json"), name
        assert json.loads(json.dumps(spec)) == spec, name            # plain JSON: what vega-embed takes


def test_alignment_chart_has_a_point_per_year(usa_russia, every_chart):
    """The pair's line has a point for each session-year with a value, and rings the thin years."""
    _, brief = usa_russia
    series = brief["sections"]["alignment"]["series"]
    for measure in ("agree", "kappa"):
        drawn = [e for e in marks(every_chart[measure], "point")]
        with_value = [r for r in series if r[measure] is not None]
        thin = [r for r in with_value if r["n_votes"] < charts.FEW_VOTES]
        assert len(drawn) == len(with_value) + len(thin), measure
        years = sorted(int(re.search(r"session-year: (\d{4})", label).group(1)) for label in drawn)
        assert years == sorted([r["year"] for r in with_value] + [r["year"] for r in thin]), measure


def test_network_chart_draws_each_node_and_edge(usa_russia, every_chart):
    _, brief = usa_russia
    net = brief["sections"]["third_parties"]["network"]
    svg = every_chart["network"]
    assert len(marks(svg, "circle")) == len(net["nodes"]) and len(marks(svg, "rule mark")) == len(net["edges"])
    assert {n["name"] if n["focus"] else n["code"] for n in net["nodes"]} <= set(texts(svg))


def test_trade_chart_marks_the_seam_between_datasets(usa_russia, every_spec):
    """COW years solid, IMF years dashed from the last COW year on, a rule half a year before the first IMF year."""
    _, brief = usa_russia
    series = brief["sections"]["economy"]["series"]
    first_imf = min(r["year"] for r in series if r["dataset"].startswith("IMF"))
    spec = every_spec["trade"]
    (rule,) = [layer for layer in spec["layer"] if layer["mark"].get("type") == "rule"]
    assert rule["data"]["values"] == [{"x": first_imf - 0.5}]
    rows = spec["layer"][0]["data"]["values"]
    dashed = sorted({r["year"] for r in rows if r["part"] == "second"})
    assert dashed == [first_imf - 1] + [r["year"] for r in series if r["year"] >= first_imf]
    svg = draw(spec)
    assert "COW ◂" in texts(svg) and "▸ IMF DOTS" in texts(svg)


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids += [v for k, v in attrs if k == "id"]


def test_ids_unique_in_one_page_of_every_chart(every_chart):
    page = "<div xmlns='http://www.w3.org/1999/xhtml'>" + "".join(every_chart.values()) + "</div>"
    ids = [e.get("id") for e in ET.fromstring(page).iter() if e.get("id") is not None]
    assert [i for i, n in Counter(ids).items() if n > 1] == []


def test_every_reference_points_inside_its_own_chart(every_chart):
    for key, svg in every_chart.items():
        ids = set(ids_of(svg))
        refs = {x or y for x, y in REF.findall(svg)}
        assert refs <= ids, key


def test_clip_paths_of_two_charts_do_not_clash():
    """Vega names clip paths clip1, clip2... in every SVG it writes: the spec's key keeps two apart."""
    def clipped(key):
        return {"$schema": charts.SCHEMA, "data": {"values": [{"x": 1, "y": 2}, {"x": 3, "y": 1}]},
                "mark": {"type": "line", "clip": True}, "usermeta": {"entente": {"key": key, "title": key}},
                "encoding": {"x": {"field": "x", "type": "quantitative", "scale": {"domain": [0, 2]}},
                             "y": {"field": "y", "type": "quantitative"}}}
    one, two = draw(clipped("one")), draw(clipped("two"))
    assert ids_of(one) and all(i.startswith("one-") for i in ids_of(one))
    assert not set(ids_of(one)) & set(ids_of(two))
    assert {x or y for x, y in REF.findall(one)} <= set(ids_of(one)) and REF.search(one)


def test_ids_unique_in_the_written_brief(usa_russia):
    out, _ = usa_russia
    parser = _Ids()
    parser.feed((out / "index.html").read_text(encoding="utf-8"))
    assert parser.ids and [i for i, n in Counter(parser.ids).items() if n > 1] == []


def test_hashsalt_alone_repeats_ids_across_charts():
    """Why the prefix: with ``svg.hashsalt`` set, two drawings still share ``figure_1``, ``axes_1``...
    and, for axes of one size, their clip path's hashed id."""
    raw = []
    for colour in ("red", "blue"):
        with plt.rc_context(_style.RC):
            fig, ax = plt.subplots(figsize=(4, 3))
            ax.plot([1, 2], [1, 2], color=colour)
            raw.append(_style.svg_text(fig, close=True, key="x"))
    shared = set(ids_of(raw[0])) & set(ids_of(raw[1]))
    assert {"x-figure_1", "x-axes_1"} <= shared and any(re.fullmatch(r"x-p[0-9a-f]{10}", i) for i in shared)


def test_every_chart_is_one_named_image(every_chart):
    for key, svg in every_chart.items():
        root = ET.fromstring(svg)
        assert root.get("role") == "img", key
        title, desc = root[0], root[1]
        assert title.tag == f"{SVG}title" and desc.tag == f"{SVG}desc", key
        assert root.get("aria-label") == title.text and title.text, key
        assert "Source: " in desc.text, key
        # the title a screen reader hears is the one drawn
        assert title.text in texts(svg), key


def test_the_written_brief_charts_are_named(usa_russia):
    out, _ = usa_russia
    for path in (out / "charts").glob("*.svg"):
        root = ET.parse(path).getroot()
        assert root.get("role") == "img" and root[0].tag == f"{SVG}title" and root.get("aria-label"), path.name


def test_axis_labels_carry_units(every_chart):
    assert "Agreement (% of roll calls)" in texts(every_chart["agree"])
    assert "Cohen's κ (0 = chance)" in texts(every_chart["kappa"])
    assert "US$ millions (current)" in texts(every_chart["trade"])
    assert "Disputes under way (count)" in texts(every_chart["disputes"])
    assert "Standard deviations from the pair's mean" in texts(every_chart["trend"])
    assert "TIV (millions, SIPRI trend-indicator value)" in texts(every_chart["arms"])


def test_same_data_same_bytes(usa_russia, every_chart, every_spec):
    _, brief = usa_russia
    s = brief["sections"]
    window = (brief["window"]["first"], brief["window"]["last"])
    again = charts.disputes_by_year(s["history"]["disputes"], "United States", "Russia", window=window,
                                    source=every_spec["disputes"]["usermeta"]["entente"]["desc"].split("Source: ")[-1])
    assert again == every_spec["disputes"] and draw(again) == every_chart["disputes"]
    assert draw(charts.specs(brief)["kappa"]) == every_chart["kappa"]
    assert draw(charts.pair_network(s["third_parties"]["network"], "United States", "Russia")) == every_chart["network"]


def test_the_written_brief_inlines_the_rendered_specs(usa_russia):
    """The static brief's SVG files are the specs of its data rendered: the brief.json's numbers, drawn."""
    out, brief = usa_russia
    for name, spec in charts.specs(brief).items():
        assert (out / "charts" / f"{charts.FILES[name]}.svg").read_text(encoding="utf-8") == draw(spec), name


def test_chart_cache_keeps_what_was_rendered(home, every_spec):
    """A chart rendered once is read back from $ENTENTE_HOME/cache/charts, byte for byte; another spec
    (one word of its title changed) is another file, rendered anew."""
    spec = every_spec["trend"]
    fresh = draw(spec)
    path = chart_svg._cache_path(spec)
    assert path.parent == home / "cache" / "charts" and path.read_text(encoding="utf-8") == fresh
    assert chart_svg.cached(spec) == fresh == chart_svg.svg(spec)
    other = json.loads(json.dumps(spec))
    other["usermeta"]["entente"]["title"] += " (again)"
    assert chart_svg._cache_path(other) != path and chart_svg.cached(other) is None
    assert "(again)" in ET.fromstring(chart_svg.svg(other))[0].text
    path.write_text("<svg>stale</svg>", encoding="utf-8")      # what the cache holds is what svg() gives...
    assert chart_svg.svg(spec) == "<svg>stale</svg>" and draw(spec) == fresh   # ...until rendered again
    assert chart_svg.cached(spec) == fresh


def test_painter_takes_cached_charts_without_starting_the_engine(every_spec):
    painter = chart_svg.Painter()
    draw(every_spec["arms"])                      # rendered, so cached
    painter.paint("arms", every_spec["arms"])
    assert painter.finish() == {"arms": draw(every_spec["arms"])}
    assert painter._sent == {} and painter._proc is None                # never started


def test_painter_renders_what_svg_renders(every_spec):
    """Charts not in the cache are drawn by the painter's child process, byte for byte as in this one."""
    fresh = {}
    for name in ("trade", "disputes"):
        fresh[name] = json.loads(json.dumps(every_spec[name]))
        fresh[name]["usermeta"]["entente"]["title"] += " (painted)"
        chart_svg._cache_path(fresh[name]).unlink(missing_ok=True)
    painter = chart_svg.Painter()
    for name, spec in fresh.items():
        painter.paint(name, spec)
    assert set(painter._sent) == {"trade", "disputes"}
    assert painter.finish() == {name: draw(fresh[name]) for name in ("disputes", "trade")}


def test_painter_reports_a_bad_spec(home):
    painter = chart_svg.Painter()
    painter.paint("agree", {"mark": "nonsense", "usermeta": {"entente": {"title": "x"}}})
    with pytest.raises(chart_svg.ChartError, match="'agree' chart"):
        painter.finish()


def test_prefix_ids_renames_ids_and_their_references():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs>'
           '<clipPath id="p1"><rect/></clipPath><path id="m2"/></defs>'
           '<g id="figure_1" clip-path="url(#p1)"><use xlink:href="#m2"/><a href="#elsewhere"/>'
           '<text>id="p1" url(#p1)</text></g></svg>')
    out = _style.prefix_ids(svg, "3 trade")
    assert 'id="c3-trade-p1"' in out and 'url(#c3-trade-p1)' in out and 'xlink:href="#c3-trade-m2"' in out
    assert 'href="#elsewhere"' in out                      # not an id of this SVG: left alone
    assert '<text>id="p1" url(#p1)</text>' in out          # text is not markup


def test_accessible_escapes_the_title():
    out = _style.accessible('<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>', 'Côte d\'Ivoire & "Mali"\n<x>',
                            "Source: a & b")
    root = ET.fromstring(out)
    assert root.get("aria-label") == 'Côte d\'Ivoire & "Mali" <x>' == root[0].text
    assert root[1].text == "Source: a & b" and root[2].tag == f"{SVG}g"


def test_pictures_written_as_svg_are_named_and_prefixed(con, tmp_path):
    """The pictures share the style module: an SVG file gets the same title, role and id prefix."""
    from entente import pictures

    fig = pictures.pair_network("IRN", "RUS", 2019, con=con)
    root = ET.parse(pictures.save(fig, tmp_path / "n.svg")).getroot()
    assert root.get("role") == "img" and root[0].tag == f"{SVG}title" and root[0].text == fig.get_label()
    assert all(re.fullmatch(r"c[0-9a-f]{8}-.+", e.get("id")) for e in root.iter() if e.get("id"))
