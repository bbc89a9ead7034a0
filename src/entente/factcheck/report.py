"""An article's checked claims as text for a terminal, Markdown (a table, the reasons and evidence, and
the article with each claim in bold), JSON (one shape, with the article's source and date and each
claim's evidence), schema.org ClaimReview JSON-LD (``jsonld``), one review per claim, or HTML
(:func:`as_html`: the article with each claim's sentence highlighted in its verdict's colour and a
numbered marker linking to the claim's card, the ClaimReview JSON-LD embedded).

The article is hostile input: every piece of it (text, title, source) reaches the HTML through Jinja's
autoescaping, and the JSON-LD inside ``<script>`` has ``<``, ``>`` and ``&`` written as ``\\u003c``-style
escapes, so that nothing in an article can close the script or open a tag.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
from pathlib import Path

import pandas as pd
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from entente.factcheck.claims import BY_KIND
from entente.factcheck.mentions import sentences
from entente.factcheck.text import is_url
from entente.factcheck.verdicts import VERDICTS

MARK = {"supported": "✔", "contradicted": "✘", "partly supported": "◐", "not covered": "?", "not checkable": "–"}
#: The file formats of a report, by name (``--format``) and by file suffix (``-o report.html``).
FORMATS = ("text", "md", "json", "jsonld", "html")
SUFFIXES = {".txt": "text", ".md": "md", ".json": "json", ".jsonld": "jsonld", ".html": "html", ".htm": "html"}


def summary(frame: pd.DataFrame) -> str:
    """'5 claims: 3 supported, 1 contradicted, 1 not covered.'"""
    if frame.empty:
        return "No checkable claim found: no sentence names two states with a claim entente has a template for."
    counts = frame["verdict"].value_counts()
    parts = ", ".join(f"{n} {v}" for v, n in counts.items())
    return f"{len(frame)} claim{'s' if len(frame) != 1 else ''}: {parts}."


def as_text(frame: pd.DataFrame, article) -> str:
    lines = [f"{article.source}" + (f" ({article.date.isoformat()})" if article.date else " (no date: relative "
                                     "periods read from this year)"), summary(frame), ""]
    for i, row in enumerate(frame.itertuples(), 1):
        lines.append(f"{i}. {MARK.get(row.verdict, '')} {row.verdict.upper()} [{row.kind}; {'–'.join(row.states)}; "
                     f"{row.period}]")
        lines.append(f"   “{row.sentence}”")
        lines.append(f"   {row.reason}")
        if row.robustness:
            lines.append(f"   Robustness: {row.robustness}.")
        sources = sorted({f"{e['dataset']} ({e['table']})" for e in row.evidence})
        if sources:
            lines.append(f"   Evidence: {'; '.join(sources)}.")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def as_markdown(frame: pd.DataFrame, article) -> str:
    title = _md(article.title or article.source)
    lines = [f"# Claims checked: {title}", "", f"*{summary(frame)}*" + (f" Article date: {article.date.isoformat()}."
                                                                    if article.date else ""), ""]
    if not frame.empty:
        lines += ["| # | verdict | claim | kind | states | period | robustness |", "|---|---|---|---|---|---|---|"]
        for i, row in enumerate(frame.itertuples(), 1):
            sentence = _md(row.sentence).replace("|", "\\|")
            lines.append(f"| {i} | {MARK.get(row.verdict, '')} {row.verdict} | {sentence} | {row.kind} | "
                         f"{'–'.join(row.states)} | {row.period} | {row.robustness or '–'} |")
        lines.append("")
        for i, row in enumerate(frame.itertuples(), 1):
            lines.append(f"**{i}.** {_md(row.reason)}  ")
            for e in row.evidence:
                keys = f", {len(e['keys'])} row key(s)" if e.get("keys") else ""
                lines.append(f"  *{e['dataset']} {e['version']}*, table `{e['table']}`{keys}  ")
            if row.query:
                lines.append(f"  Query: `{row.query}`")
            lines.append("")
        lines += ["## The article, with the claims checked", ""] + _highlighted(frame, article)
    return "\n".join(lines).rstrip() + "\n"


def _md(text: str) -> str:
    """Article text for Markdown: ``&``, ``<`` and ``>`` as entities, so that a Markdown renderer shows an
    article's ``<script>`` as text rather than passing it through as HTML."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


#: schema.org ClaimReview ratings: 5 true … 1 false; verdicts that rate nothing ("not covered", "not
#: checkable") carry only their name (``alternateName``), no value.
RATINGS = {"supported": 5, "partly supported": 3, "contradicted": 1}


def as_jsonld(frame: pd.DataFrame, article) -> str:
    """One schema.org ClaimReview per claim (https://schema.org/ClaimReview), as a JSON list."""
    reviews = []
    for row in frame.itertuples():
        rating = {"ratingValue": RATINGS[row.verdict]} if row.verdict in RATINGS else {}
        reviews.append({
            "@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": row.sentence,
            "author": {"@type": "Organization", "name": "entente"},
            "reviewBody": row.reason,
            "reviewRating": {"@type": "Rating", **rating, "bestRating": 5, "worstRating": 1,
                             "alternateName": row.verdict},
            "itemReviewed": {"@type": "Claim", "appearance": {"@type": "CreativeWork", "url": article.source,
                                                             **({"headline": article.title} if article.title else {}),
                                                             **({"datePublished": article.date.isoformat()}
                                                                if article.date else {})}},
            "isBasedOn": [{"@type": "Dataset", "name": f"{e['dataset']} {e['version']}".strip(),
                           "identifier": e["table"]} for e in row.evidence],
        })
    return json.dumps(reviews, ensure_ascii=False, indent=1) + "\n"


def _highlighted(frame: pd.DataFrame, article) -> list[str]:
    """The article's paragraphs with each claim's sentence in bold, followed by its number and verdict mark."""
    marks: dict[str, list[str]] = {}
    for i, row in enumerate(frame.itertuples(), 1):
        marks.setdefault(_md(row.sentence), []).append(f"{MARK.get(row.verdict, '')}{i}")
    out = []
    for paragraph in _md(article.text).split("\n"):
        if not paragraph.strip():
            continue
        for sentence, tags in marks.items():
            if sentence in paragraph:
                paragraph = paragraph.replace(sentence, f"**{sentence}** [{', '.join(tags)}]", 1)
        out += [paragraph, ""]
    return out


def as_json(frame: pd.DataFrame, article) -> str:
    claims = json.loads(frame.to_json(orient="records", force_ascii=False)) if not frame.empty else []
    return json.dumps({"ok": True, "source": article.source, "date": article.date.isoformat() if article.date else None,
                       "title": article.title, "summary": summary(frame), "claims": claims},
                      ensure_ascii=False, indent=1) + "\n"


# ------------------------------------------------------------------------------------------------ HTML
@functools.cache
def _environment() -> Environment:
    """The report's template and stylesheet (``factcheck/templates``), with the brief's ``house.css``
    (found without importing :mod:`entente.brief`, whose charts load matplotlib)."""
    brief = importlib.util.find_spec("entente.brief")
    folders = [Path(__file__).parent / "templates"]
    if brief is not None and brief.submodule_search_locations:
        folders.append(Path(next(iter(brief.submodule_search_locations))) / "templates")
    return Environment(loader=ChoiceLoader([FileSystemLoader(str(f)) for f in folders]),
                       autoescape=select_autoescape(["html.j2"]), trim_blocks=True, lstrip_blocks=True)


def stylesheet() -> str:
    """The CSS a fragment from :func:`as_html` (``standalone=False``) needs: the house style and the
    report's own (verdict colours, highlights, cards), for a page that shows the fragment."""
    env = _environment()
    return "\n".join(env.loader.get_source(env, name)[0] for name in ("house.css", "check.css"))


def as_html(frame: pd.DataFrame, article, *, standalone: bool = True) -> str:
    """The report as HTML: a whole page (``standalone``, opens offline, styles inline) or a fragment,
    one ``<article class="entente-check">`` without ``<html>``/``<head>`` or styles (see :func:`stylesheet`).

    A summary (the counts by verdict), the article's source and date, the article's text with each
    claim's sentence highlighted in its verdict's colour (a sentence holding claims with different
    verdicts is marked "mixed") followed by a numbered marker per claim linking to the claim's card;
    each card gives the verdict, reason, robustness, the evidence rows (dataset, version, table, row
    keys) and the query; the schema.org ClaimReview JSON-LD (:func:`as_jsonld`) is embedded."""
    cards = _cards(frame)
    paragraphs = _paragraphs(article.text, cards)
    counts = frame["verdict"].value_counts() if not frame.empty else {}
    context = {
        "standalone": standalone, "title": article.title or article.source, "source": article.source,
        "source_url": article.source if is_url(article.source) else None,
        "date": article.date.isoformat() if article.date else None, "summary": summary(frame),
        "counts": [{"verdict": v, "n": int(counts[v]), "mark": MARK[v], "css": _css(v)} for v in VERDICTS if v in counts],
        "paragraphs": paragraphs, "cards": cards, "jsonld": Markup(_script_json(as_jsonld(frame, article))),
    }
    return _environment().get_template("report.html.j2").render(**context)


def _css(verdict: str) -> str:
    """'partly supported' → 'partly-supported' (the CSS class is ``v-`` and this)."""
    return re.sub(r"[^a-z]+", "-", verdict.lower()).strip("-")


def _script_json(text: str) -> str:
    """JSON safe inside ``<script>``: ``<``, ``>``, ``&`` and the two JavaScript line separators as
    ``\\uXXXX`` escapes (the same JSON value; ``</script>`` in a claim cannot end the element)."""
    for char in ("<", ">", "&", "\u2028", "\u2029"):
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text.strip()


def _keys(keys: list[dict]) -> str:
    """Row keys as 'dispnum 3564; dispnum 4182' (a dict's fields joined by ', ')."""
    return "; ".join(", ".join(f"{k} {v}" for k, v in key.items()) for key in keys)


def _cards(frame: pd.DataFrame) -> list[dict]:
    cards = []
    for n, row in enumerate(frame.itertuples(), 1):
        template = BY_KIND.get(row.kind)
        evidence = [{"dataset": e.get("dataset", ""), "version": e.get("version", ""), "table": e.get("table", ""),
                     "coverage": "–".join(str(y) for y in dict.fromkeys(e["coverage"])) if e.get("coverage") else "–",
                     "keys": _keys(e.get("keys") or []), "n_keys": len(e.get("keys") or []), "note": e.get("note", "")}
                    for e in (row.evidence or [])]
        groupings = list(getattr(row, "groupings", []) or [])
        cards.append({
            "n": n, "verdict": row.verdict, "css": _css(row.verdict), "mark": MARK.get(row.verdict, ""),
            "sentence": row.sentence, "sentence_index": int(row.sentence_index), "kind": row.kind,
            "about": template.about if template else row.kind,
            "states": "–".join([*row.states, *groupings]) or "no state named",
            "period": row.period, "quantities": ", ".join(row.quantities or []), "reason": row.reason,
            "robustness": row.robustness, "differs": _differs(row.robustness, getattr(row, "robustness_differs", None)),
            "evidence": evidence, "query": row.query, "in_text": False,
        })
    return cards


def _differs(text: str, differs) -> str:
    """The variants whose verdict differs, 'and N more' when the list was cut (robustness keeps six)."""
    shown = list(differs) if differs is not None else []
    m = re.search(r"holds in (\d+) of (\d+)", text or "")
    more = (int(m.group(2)) - int(m.group(1))) - sum(d.rsplit(": ", 1)[-1] in VERDICTS for d in shown) if m else 0
    return "; ".join(shown) + (f" and {more} more" if more > 0 else "")


def _paragraphs(text: str, cards: list[dict]) -> list[list[dict]]:
    """The article's paragraphs (lines) as segments: plain text, or a claim's sentence with its claims.

    Sentences are found by :func:`entente.factcheck.mentions.sentences`, the splitter the claims were
    read with, so each claim's ``sentence_index`` gives its place; a claim whose index does not hold its
    sentence (a frame from another text) is looked for by its words, else left out of the text."""
    spans = {s.index: (s.start, s.end, s.text) for s in sentences(text)}
    by_span: dict[tuple[int, int], list[dict]] = {}
    for card in cards:
        place = spans.get(card["sentence_index"])
        if place is None or place[2] != card["sentence"]:
            at = text.find(card["sentence"])
            place = (at, at + len(card["sentence"]), card["sentence"]) if at >= 0 else None
        if place is not None:
            by_span.setdefault(place[:2], []).append(card)
            card["in_text"] = True
    marks = sorted(by_span.items())
    out = []
    for line in re.finditer(r"[^\n]+", text):
        start, end = line.span()
        if not line.group(0).strip():
            continue
        segments, at = [], start
        for (s, e), claims in marks:
            if s < start or e > end or s < at:
                continue
            if s > at:
                segments.append({"text": text[at:s], "claims": []})
            verdicts = {c["verdict"] for c in claims}
            segments.append({"text": text[s:e], "claims": claims,
                             "css": _css(claims[0]["verdict"]) if len(verdicts) == 1 else "mixed",
                             "title": "; ".join(f"claim {c['n']}: {c['verdict']}" for c in claims)})
            at = e
        if at < end:
            segments.append({"text": text[at:end], "claims": []})
        out.append(segments)
    return out


def render(frame: pd.DataFrame, article, fmt: str) -> str:
    """The report in ``fmt``, one of :data:`FORMATS`."""
    return {"text": as_text, "md": as_markdown, "json": as_json, "jsonld": as_jsonld, "html": as_html}[fmt](frame, article)
