"""The brief, live: :func:`entente.brief.content.assemble` for the pair and window asked for, its sentences
(:func:`entente.brief.render.compose`), charts and citations, rendered with the brief's own templates.

The pair page shows the ``<main>`` of the brief's HTML template (``brief/templates/brief.html.j2``: the
same prose, tables and coverage box as ``entente brief``), with each chart's ``<figure class="chart">``
given ``data-chart="NAME"`` (:func:`chart_slots`), so a chart can later be swapped for a Vega-Lite spec in
one place. :func:`draw_charts` draws the brief's charts as ``write_brief`` does (that function also writes
files, so its drawing part is repeated here; a public ``render.draw_charts(brief)`` would serve both).

Assembling takes a second or two, so each assembled brief is kept (:class:`LiveBriefs`, least recently
used first out), keyed by the pair, window, comparison and the data version.
"""

from __future__ import annotations

import functools
import json
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from entente.brief import charts, prose
from entente.brief.content import assemble
from entente.brief.render import SECTION_CHARTS, citations, compose
from entente.codings import HOSTILITY
from entente.countries import State
from entente.errors import BadInput

#: Datasets every brief stands on (the state system, names and codes), as ``write_brief`` counts them.
BASE_DATASETS = frozenset({"cow_states", "gw_states", "countrycode"})
#: Chart name → the file name the brief's Markdown template links to.
CHART_FILES = {"agree": "alignment_agree.svg", "kappa": "alignment_kappa.svg", "disputes": "disputes.svg",
               "trade": "trade.svg", "arms": "arms.svg", "network": "network.svg", "trend": "trend.svg"}
#: matplotlib's settings (``rc_context``) are global: one drawing at a time.
_DRAWING = threading.Lock()


@dataclass
class LiveBrief:
    """One assembled brief: the data (``brief``, JSON-ready), the charts as SVG, the datasets used."""

    brief: dict
    charts: dict[str, str]
    used: frozenset[str]

    @property
    def title(self) -> str:
        return self.brief["title"]


@functools.cache
def environment() -> Environment:
    """The brief's templates with the filters ``entente brief`` gives them (no bytecode cache: the app
    compiles each template once per process)."""
    env = Environment(loader=PackageLoader("entente.brief", "templates"),
                      autoescape=select_autoescape(["html.j2"]), trim_blocks=True, lstrip_blocks=True)
    env.filters["pct"] = prose.pct
    env.filters["num"] = lambda v, d=2: "–" if v is None else f"{v:.{d}f}"
    env.filters["session"] = prose.session_label
    env.filters["span"] = prose.span
    env.filters["poss"] = prose.possessive
    env.filters["hostility"] = lambda level: "–" if level is None else HOSTILITY.get(int(level), str(level))
    return env


def draw_charts(brief: dict) -> tuple[dict[str, str], set[str]]:
    """The brief's charts (name → SVG) and the datasets its sections used, as ``write_brief`` draws them."""
    sections = brief["sections"]
    name_a, name_b = brief["pair"]["a"]["name"], brief["pair"]["b"]["name"]
    used = set(BASE_DATASETS)
    svgs: dict[str, str] = {}

    def source_of(key: str) -> str:
        return "; ".join(sorted({f"{e['dataset']} {e['version']}" for e in sections[key].get("evidence", [])}))

    for key in ("alignment", "history", "treaties", "economy", "arms", "security_council", "news",
                "third_parties", "limits", "trend"):
        used |= {e["dataset"] for e in sections[key].get("evidence", [])}
    with _DRAWING:
        if "series" in sections["alignment"]:
            for measure in ("agree", "kappa"):
                svgs[measure] = charts.alignment_trend(sections["alignment"]["series"], name_a, name_b,
                                                       measure=measure, source=source_of("alignment"))
        if sections["history"].get("disputes"):
            window = (brief["window"]["first"], brief["window"]["last"])
            svgs["disputes"] = charts.disputes_by_year(sections["history"]["disputes"], name_a, name_b,
                                                       window=window, source=source_of("history"))
        for key, section_name, field, draw in SECTION_CHARTS:
            data = sections[section_name].get(field)
            if data:
                svgs[key] = draw(data, name_a, name_b, source=source_of(section_name))
        if sections["third_parties"].get("network"):
            svgs["network"] = charts.pair_network(sections["third_parties"]["network"], name_a, name_b)
    return svgs, used


def build(a: State, b: State, start: int | None, end: int | None, compare: State | None, con) -> LiveBrief:
    """Assemble, compose and draw the brief for ``a``–``b`` on the cursor ``con``."""
    brief = assemble(a.ccode, b.ccode, start=start, end=end, compare=compare.ccode if compare else None, con=con)
    svgs, used = draw_charts(brief)
    compose(brief)
    brief["citations"] = citations(used)
    return LiveBrief(brief, svgs, frozenset(used))


def _context(live: LiveBrief, chart_values: dict) -> dict:
    brief = live.brief
    return {"brief": brief, "s": brief["sections"]["alignment"], "charts": chart_values,
            "a": brief["pair"]["a"]["name"], "b": brief["pair"]["b"]["name"]}


_SLOT = re.compile(r'<figure class="chart"><!--chart:(\w+)-->')


def chart_slots(html: str) -> str:
    """``<figure class="chart"><!--chart:NAME-->`` → ``<figure class="chart" data-chart="NAME">``."""
    return _SLOT.sub(r'<figure class="chart" data-chart="\1">', html)


def html_body(live: LiveBrief) -> str:
    """The inside of the brief template's ``<main>``: the brief as ``entente brief`` writes it, charts inline."""
    values = {name: Markup(f"<!--chart:{name}-->") + Markup(svg) for name, svg in live.charts.items()}
    page = environment().get_template("brief.html.j2").render(**_context(live, values))
    inside = page[page.index("<main>") + len("<main>"):page.rindex("</main>")]
    return chart_slots(inside)


def markdown(live: LiveBrief, chart_base: str, query: str) -> str:
    """The brief's Markdown (``brief.md.j2``), its chart links pointing at ``chart_base`` + file + query."""
    text = environment().get_template("brief.md.j2").render(**_context(live, live.charts))
    return text.replace("](charts/", f"]({chart_base}").replace(".svg)", f".svg{query})")


class LiveBriefs:
    """Assembled briefs kept in memory, least recently used dropped first (at most ``size``)."""

    def __init__(self, size: int = 24):
        self.size = size
        self._kept: OrderedDict[tuple, LiveBrief] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[tuple, threading.Lock] = {}

    def get(self, key: tuple, make) -> LiveBrief:
        """The brief under ``key``, made by ``make()`` if not kept (one maker per key at a time)."""
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
            lock = self._building.setdefault(key, threading.Lock())
        with lock:
            with self._lock:
                if key in self._kept:
                    return self._kept[key]
            try:
                live = make()
            finally:
                with self._lock:
                    self._building.pop(key, None)
            with self._lock:
                self._kept[key] = live
                while len(self._kept) > self.size:
                    self._kept.popitem(last=False)
            return live


#: Rows a reader can download from the pair page: name → (where in the brief, what they are).
SECTION_ROWS: dict[str, tuple[tuple[str, ...], str]] = {
    "alignment": (("sections", "alignment", "series"), "UN General Assembly alignment per session-year"),
    "ranks": (("sections", "alignment", "recent_ranks"), "each one's rank among the other's partners"),
    "issues": (("sections", "alignment", "by_issue", "rows"), "agreement by topic of UN votes"),
    "splits": (("sections", "alignment", "splits", "votes"), "the latest roll calls they voted apart on"),
    "disputes": (("sections", "history", "disputes"), "militarized disputes"),
    "wars": (("sections", "history", "wars"), "wars (COW)"),
    "rivalries": (("sections", "history", "rivalries"), "strategic rivalries"),
    "conflicts": (("sections", "history", "conflicts"), "armed conflicts (UCDP/PRIO)"),
    "alliances": (("sections", "treaties", "alliances"), "alliances (ATOP)"),
    "obligations": (("sections", "treaties", "atop"), "alliance obligations as spells (ATOP)"),
    "trade": (("sections", "economy", "series"), "trade each way per year"),
    "arms": (("sections", "arms", "tiv_by_year"), "major arms delivered each way per year"),
    "sanctions": (("sections", "security_council", "sanctions_by_adversaries"), "sanctions by the other's rivals"),
    "adversaries": (("sections", "third_parties", "adversaries"), "shared adversaries"),
    "friends": (("sections", "third_parties", "friends"), "shared friends"),
    "third_states": (("sections", "limits", "third_states"), "third states they treat differently"),
    "topics": (("sections", "limits", "topics"), "topics of UN votes they split on"),
    "trend": (("sections", "trend", "composite"), "the composite relationship index per year"),
    "comparison": (("sections", "comparison", "rows"), "the pair beside the comparison pairs"),
    "coverage": (("coverage",), "what each dataset covers"),
    "citations": (("citations",), "citations (text and BibTeX)"),
    "provenance": (("provenance",), "the warehouse tables behind the brief"),
}


def section_rows(brief: dict, name: str) -> list[dict] | None:
    """The rows ``name`` (:data:`SECTION_ROWS`) holds in ``brief``; None when the brief has none."""
    if name not in SECTION_ROWS:
        raise BadInput(f"Unknown section {name[:40]!r}; choose one of {', '.join(SECTION_ROWS)}.")
    value = brief
    for step in SECTION_ROWS[name][0]:
        value = value.get(step) if isinstance(value, dict) else None
        if value is None:
            return None
    return value if isinstance(value, list) else None


def available_sections(brief: dict) -> list[tuple[str, str, int]]:
    """(name, what, rows) for every section of :data:`SECTION_ROWS` with rows in ``brief``."""
    return [(name, what, len(rows)) for name, (_, what) in SECTION_ROWS.items()
            if (rows := section_rows(brief, name))]


def section_frame(brief: dict, name: str) -> pd.DataFrame:
    """:func:`section_rows` as a table; lists and dicts in a cell become JSON text."""
    rows = section_rows(brief, name) or []
    frame = pd.DataFrame.from_records(rows)
    for column in frame.columns:
        if frame[column].map(lambda v: isinstance(v, (list, dict))).any():
            frame[column] = frame[column].map(lambda v: json.dumps(v, ensure_ascii=False, default=str)
                                              if isinstance(v, (list, dict)) else v)
    return frame
