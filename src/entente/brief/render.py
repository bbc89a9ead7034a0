"""Render an assembled brief to Markdown, self-contained HTML and JSON files."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, select_autoescape

from entente import config, countries
from entente.brief import charts, prose
from entente.brief.content import assemble
from entente.codings import HOSTILITY
from entente.sources import records


@functools.cache
def _environment() -> Environment:
    """The templates' environment, made once a process; compiled templates are kept in
    ``$ENTENTE_HOME/cache/jinja`` (keyed by the template's source), so a brief from the shell does not
    compile both templates again (about a quarter of a second)."""
    cache = config.home() / "cache" / "jinja"
    try:
        cache.mkdir(parents=True, exist_ok=True)
        bytecode = FileSystemBytecodeCache(str(cache))
    except OSError:   # no cache, same output: templates are compiled each time
        bytecode = None
    env = Environment(loader=PackageLoader("entente.brief", "templates"), bytecode_cache=bytecode,
                      autoescape=select_autoescape(["html.j2"]), trim_blocks=True, lstrip_blocks=True)
    env.filters["pct"] = prose.pct
    env.filters["num"] = lambda v, d=2: "–" if v is None else f"{v:.{d}f}"
    env.filters["session"] = prose.session_label
    env.filters["span"] = prose.span
    env.filters["poss"] = prose.possessive
    env.filters["hostility"] = lambda level: "–" if level is None else HOSTILITY.get(int(level), str(level))
    return env


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


#: Charts drawn from a section's data: (chart file name, section, field, drawing function).
SECTION_CHARTS = (
    ("trade", "economy", "series", charts.trade_flows),
    ("arms", "arms", "tiv_by_year", charts.arms_by_year),
    ("trend", "trend", "composite", charts.composite_index),
)


def compose(brief: dict) -> dict:
    """Add the brief's composed sentences (headline, overview, splits) to an assembled brief."""
    brief["headline"] = prose.alignment_headline(brief)
    brief["overview"] = prose.overview(brief)
    brief["splits_sentence"] = prose.splits_sentence(brief)
    return brief


def write_brief(a, b, *, out: Path | str | None = None, start: int | None = None, end: int | None = None,
                weights=None, compare=None, con=None) -> dict:
    """Assemble the brief for ``a``–``b`` and write it into ``out``; return the brief (with ``files``)."""
    brief = assemble(a, b, start=start, end=end, weights=weights, compare=compare, con=con)
    folder = Path(out) if out else default_folder(a, b)
    (folder / "charts").mkdir(parents=True, exist_ok=True)
    name_a, name_b = brief["pair"]["a"]["name"], brief["pair"]["b"]["name"]
    section = brief["sections"]["alignment"]
    used = {"cow_states", "gw_states", "countrycode"}
    chart_svgs = {}
    if "series" in section:
        used |= {e["dataset"] for e in section["evidence"]}
        source = "; ".join(sorted({f"{e['dataset']} {e['version']}" for e in section["evidence"]}))
        for measure in ("agree", "kappa"):
            svg = charts.alignment_trend(section["series"], name_a, name_b, measure=measure, source=source)
            chart_svgs[measure] = svg
            (folder / "charts" / f"alignment_{measure}.svg").write_text(svg, encoding="utf-8")
    sections = brief["sections"]
    for key in ("history", "treaties", "economy", "arms", "security_council", "news", "third_parties", "limits",
                "trend"):
        used |= {e["dataset"] for e in sections[key].get("evidence", [])}

    def source_of(key):
        return "; ".join(sorted({f"{e['dataset']} {e['version']}" for e in sections[key]["evidence"]}))

    window = (brief["window"]["first"], brief["window"]["last"])
    if sections["history"].get("disputes"):
        chart_svgs["disputes"] = charts.disputes_by_year(sections["history"]["disputes"], name_a, name_b,
                                                         window=window, source=source_of("history"))
    for key, section_name, field, draw in SECTION_CHARTS:
        data = sections[section_name].get(field)
        if data:
            chart_svgs[key] = draw(data, name_a, name_b, source=source_of(section_name))
    if sections["third_parties"].get("network"):
        chart_svgs["network"] = charts.pair_network(sections["third_parties"]["network"], name_a, name_b)
    for key in ("disputes", "trade", "arms", "trend", "network"):
        if key in chart_svgs:
            (folder / "charts" / f"{key}.svg").write_text(chart_svgs[key], encoding="utf-8")
    compose(brief)
    brief["citations"] = citations(used)
    env = _environment()
    context = {"brief": brief, "s": section, "charts": chart_svgs, "a": name_a, "b": name_b}
    (folder / "index.html").write_text(env.get_template("brief.html.j2").render(**context), encoding="utf-8")
    (folder / "brief.md").write_text(env.get_template("brief.md.j2").render(**context), encoding="utf-8")
    brief["files"] = {k: str(folder / f) for k, f in
                      (("html", "index.html"), ("markdown", "brief.md"), ("json", "brief.json"))}
    (folder / "brief.json").write_text(json.dumps(brief, indent=2, ensure_ascii=False, default=str),
                                       encoding="utf-8")
    return brief
