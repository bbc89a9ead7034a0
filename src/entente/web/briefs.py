"""The brief, live: :func:`entente.brief.content.assemble` for the pair and window asked for, its sentences
(:func:`entente.brief.render.compose`), charts and citations, rendered with the brief's own templates.

The pair page shows the ``<main>`` of the brief's HTML template (``brief/templates/brief.html.j2``: the
same prose, tables and coverage box as ``entente brief``), with each chart's ``<figure class="chart">``
given ``data-chart="NAME"`` (:func:`chart_slots`). The figure holds the chart's Vega-Lite spec (the one
definition :mod:`entente.brief.charts` gives, ``charts.specs(brief)``, which ``entente brief`` renders to
SVG) in ``<script type="application/json" class="vega-spec" data-target="chart-NAME">`` for the browser
to draw (``static/charts.js`` with the vendored Vega-Embed), and an ``<img>`` of the chart's SVG for a
browser without scripts; the SVG is rendered from the spec when first asked for.

Assembling takes a second or two, so each assembled brief is kept (:class:`LiveBriefs`, least recently
used first out), keyed by the pair, window, comparison and the data version.
"""

from __future__ import annotations

import json
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import pandas as pd
from markupsafe import Markup

from entente.brief import chart_svg, charts, render
from entente.brief.content import assemble
from entente.brief.render import citations, compose
from entente.countries import State
from entente.errors import BadInput
from entente.web.errors import ServerBusy

#: Chart name → the file name the brief's Markdown template links to.
CHART_FILES = {"agree": "alignment_agree.svg", "kappa": "alignment_kappa.svg", "disputes": "disputes.svg",
               "trade": "trade.svg", "arms": "arms.svg", "network": "network.svg", "trend": "trend.svg"}
#: One chart renderer (vl-convert's engine) is enough: one drawing at a time.
_DRAWING = threading.Lock()


@dataclass
class LiveBrief:
    """One assembled brief: the data (``brief``, JSON-ready), the charts as Vega-Lite ``specs`` and as
    ``svgs`` (filled when first drawn), the datasets used."""

    brief: dict
    specs: dict[str, dict]
    svgs: dict[str, str]
    used: frozenset[str]
    rendered: dict[tuple, str] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.brief["title"]

    def text(self, key: tuple, make) -> str:
        """A rendering of this brief kept once made (the JSON, the HTML body for an address …): the same
        brief gives the same text, and a kept brief is asked for again and again."""
        if key not in self.rendered:
            self.rendered[key] = make()
        return self.rendered[key]

    @property
    def chart_names(self) -> list[str]:
        return [name for name in CHART_FILES if name in self.specs or name in self.svgs]

    def svg(self, name: str) -> str | None:
        """Chart ``name`` as SVG text (rendered from its spec on first use), or None if the brief has none."""
        if name not in self.svgs and name in self.specs:
            with _DRAWING:
                self.svgs[name] = chart_svg.svg(self.specs[name])
        return self.svgs.get(name)


def build(a: State, b: State, start: int | None, end: int | None, compare: State | None, con) -> LiveBrief:
    """Assemble, compose and chart the brief for ``a``–``b`` on the cursor ``con``."""
    brief = assemble(a.ccode, b.ccode, start=start, end=end, compare=compare.ccode if compare else None, con=con)
    specs = charts.specs(brief)
    svgs: dict[str, str] = {}
    used = render.datasets_used(brief)
    compose(brief)
    brief["citations"] = citations(used)
    return LiveBrief(brief, specs, svgs, frozenset(used))


def _context(live: LiveBrief, chart_values: dict) -> dict:
    brief = live.brief
    return {"brief": brief, "s": brief["sections"]["alignment"], "charts": chart_values,
            "a": brief["pair"]["a"]["name"], "b": brief["pair"]["b"]["name"]}


_SLOT = re.compile(r'<figure class="chart"><!--chart:(\w+)-->')


def chart_slots(html: str) -> str:
    """``<figure class="chart"><!--chart:NAME-->`` → ``<figure class="chart" data-chart="NAME">``."""
    return _SLOT.sub(r'<figure class="chart" data-chart="\1">', html)


def script_json(value) -> str:
    """``value`` as JSON that is safe inside ``<script>``: ``<``, ``>`` and ``&`` escaped, so no text in the
    data (a state's name, a title) can close the element."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def chart_html(live: LiveBrief, name: str, svg_url: str) -> Markup:
    """What a chart's figure holds: the Vega-Lite spec for the browser to draw, with the SVG as an image
    for a browser without scripts; or, without a spec, the SVG itself."""
    spec = live.specs.get(name)
    if spec is None:
        return Markup(live.svgs[name])
    title = spec.get("usermeta", {}).get("entente", {}).get("title") or spec.get("title") or name
    title = title.get("text", name) if isinstance(title, dict) else title
    return (Markup('<div class="chart-view" id="chart-{0}"><noscript><img src="{1}" alt="{2}"></noscript></div>'
                   '<script type="application/json" class="vega-spec" data-target="chart-{0}">').format(
                name, svg_url, str(title)) + Markup(script_json(spec)) + Markup("</script>"))


def html_body(live: LiveBrief, chart_base: str = "", query: str = "") -> str:
    """The inside of the brief template's ``<main>``: the brief as ``entente brief`` writes it, each chart
    in its named figure (:func:`chart_html`; ``chart_base`` + file + ``query`` is the chart's SVG address)."""
    values = {name: Markup(f"<!--chart:{name}-->") + chart_html(live, name, f"{chart_base}{CHART_FILES[name]}{query}")
              for name in live.chart_names}
    page = render.environment(bytecode_cache=False).get_template("brief.html.j2").render(**_context(live, values))
    inside = page[page.index("<main>") + len("<main>"):page.rindex("</main>")]
    return chart_slots(inside)


def markdown(live: LiveBrief, chart_base: str, query: str) -> str:
    """The brief's Markdown (``brief.md.j2``), its chart links pointing at ``chart_base`` + file + query."""
    names = {name: True for name in live.chart_names}      # the template asks only whether a chart exists
    text = render.environment(bytecode_cache=False).get_template("brief.md.j2").render(**_context(live, names))
    return text.replace("](charts/", f"]({chart_base}").replace(".svg)", f".svg{query})")


class LiveBriefs:
    """Assembled briefs kept in memory, least recently used dropped first (at most ``size``); at most
    ``builders`` are assembled at once (each takes a core for a second or more), and a request that waits
    longer than ``wait`` seconds for a turn gets :class:`~entente.web.errors.ServerBusy` (503)."""

    def __init__(self, size: int = 24, *, builders: int = 2, wait: float = 30.0):
        self.size, self.wait = size, wait
        self._slots = threading.BoundedSemaphore(builders)
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
            if not self._slots.acquire(timeout=self.wait):
                with self._lock:
                    self._building.pop(key, None)
                raise ServerBusy(f"Every one of the server's brief builders stayed busy for {self.wait:g} s.")
            try:
                live = make()
            finally:
                self._slots.release()
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
