"""Render an assembled brief to Markdown, self-contained HTML and JSON files."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from entente import config, countries
from entente.brief import chart_svg, charts, prose, typeset
from entente.brief.content import assemble
from entente.codings import HOSTILITY
from entente.sources import records


#: Datasets every brief stands on (the state system, names and codes), cited whatever the sections used.
BASE_DATASETS = frozenset({"cow_states", "gw_states", "countrycode"})
#: The sections whose evidence names the datasets a brief cites.
CITED_SECTIONS = ("alignment", "history", "treaties", "economy", "arms", "security_council", "news",
                  "third_parties", "limits", "trend")


def datasets_used(brief: dict) -> set[str]:
    """The datasets an assembled brief's sections used, with the state-system lists every brief stands on."""
    used = set(BASE_DATASETS)
    for key in CITED_SECTIONS:
        used |= {e["dataset"] for e in brief["sections"][key].get("evidence", [])}
    return used


#: What the third-party tables' strength column measures (:func:`entente.measures.third_parties.classify`).
STRENGTH = {
    "adversaries": "Listed by the kinds of hard evidence with both sides (a rivalry, a militarized dispute, "
                   "sanctions: three with each side, six in all), then by strength: how far the weaker of the two "
                   "sides' stances towards the state lies below that side's usual UN alignment, in standard "
                   "deviations, hard evidence of hostility moving a stance by two. A negative strength is a rival of "
                   "both that one side still votes with.",
    "friends": "Strength: how far the weaker of the two sides' stances towards the state lies above that side's "
               "usual UN alignment, in standard deviations, a defence pact moving a stance by two.",
}


@functools.cache
def environment(*, bytecode_cache: bool = True) -> Environment:
    """The templates' environment with the brief's filters, made once a process. With ``bytecode_cache``,
    compiled templates are kept in ``$ENTENTE_HOME/cache/jinja`` (keyed by the template's source), so a
    brief from the shell does not compile both templates again (about a quarter of a second); a
    long-lived process (the web app) compiles each once and needs no cache."""
    bytecode = None
    if bytecode_cache:
        cache = config.home() / "cache" / "jinja"
        try:
            cache.mkdir(parents=True, exist_ok=True)
            bytecode = FileSystemBytecodeCache(str(cache))
        except OSError:   # no cache, same output: templates are compiled each time
            bytecode = None
    env = Environment(loader=PackageLoader("entente.brief", "templates"), bytecode_cache=bytecode,
                      autoescape=select_autoescape(["html.j2"]), trim_blocks=True, lstrip_blocks=True)
    env.filters["pct"] = typeset.pct
    env.filters["share"] = functools.partial(typeset.pct, digits=1, missing=typeset.DASH)
    env.filters["num"] = typeset.number
    env.filters["count"] = typeset.whole
    env.filters["minus"] = typeset.minus
    env.filters["session"] = prose.session_label
    env.filters["span"] = prose.span
    env.filters["poss"] = typeset.possessive
    env.filters["hostility"] = lambda level: "–" if level is None else HOSTILITY.get(int(level), str(level))
    env.globals["STRENGTH"] = STRENGTH
    env.filters["prose"] = html_prose
    return env


def html_prose(text) -> Markup:
    """A sentence of the brief for HTML: escaped, and a command in backticks (Markdown's code span, as the
    sentences are written) shown as code, not with its backticks."""
    return Markup(re.sub(r"`([^`]+)`", r"<code>\1</code>", str(escape(text or ""))))


def default_folder(a, b) -> Path:
    sa, sb = countries.resolve(a), countries.resolve(b)
    return Path(f"brief-{sa.iso3 or sa.abb}-{sb.iso3 or sb.abb}")


def citations(datasets: set[str]) -> list[dict]:
    """Citation text and BibTeX for the given source names, plus entente's own measures' references."""
    out = []
    for name, source in records().items():
        if name in datasets:
            for c in source.citations:
                out.append({"dataset": name, "key": c.key, "text": c.text, "bibtex": c.bibtex,
                            "licence": source.licence, "url": source.url})
    return out


def compose(brief: dict) -> dict:
    """Add the brief's composed sentences (headline, overview, splits) to an assembled brief."""
    brief["headline"] = prose.alignment_headline(brief)
    brief["overview"] = prose.overview(brief)
    brief["splits_sentence"] = prose.splits_sentence(brief)
    return brief


def write_brief(a, b, *, out: Path | str | None = None, start: int | None = None, end: int | None = None,
                weights=None, compare=None, con=None, apart=None) -> dict:
    """Assemble the brief for ``a``–``b`` and write it into ``out``; return the brief (with ``files``).
    ``apart``: sections computed in another process (:func:`entente.brief.content.assemble`)."""
    painter = chart_svg.Painter()     # renders each chart while the next sections are read
    try:
        brief = assemble(a, b, start=start, end=end, weights=weights, compare=compare, con=con,
                         on_section=painter.section, apart=apart)
    except BaseException:
        painter.cancel()
        raise
    chart_svgs = painter.finish()
    folder = Path(out) if out else default_folder(a, b)
    (folder / "charts").mkdir(parents=True, exist_ok=True)
    for name, svg in chart_svgs.items():
        (folder / "charts" / f"{charts.FILES[name]}.svg").write_text(svg, encoding="utf-8")
    name_a, name_b = brief["pair"]["a"]["name"], brief["pair"]["b"]["name"]
    section = brief["sections"]["alignment"]
    compose(brief)
    brief["citations"] = citations(datasets_used(brief))
    env = environment()
    context = {"brief": brief, "s": section, "charts": chart_svgs, "a": name_a, "b": name_b}
    (folder / "index.html").write_text(env.get_template("brief.html.j2").render(**context), encoding="utf-8")
    (folder / "brief.md").write_text(env.get_template("brief.md.j2").render(**context), encoding="utf-8")
    brief["files"] = {k: str(folder / f) for k, f in
                      (("html", "index.html"), ("markdown", "brief.md"), ("json", "brief.json"))}
    (folder / "brief.json").write_text(json.dumps(brief, indent=2, ensure_ascii=False, default=str),
                                       encoding="utf-8")
    return brief
