"""An article's checked claims as text for a terminal, Markdown (a table, the reasons and evidence, and
the article with each claim in bold), JSON (one shape, with the article's source and date and each
claim's evidence) or schema.org ClaimReview JSON-LD (``jsonld``), one review per claim."""

from __future__ import annotations

import json

import pandas as pd

MARK = {"supported": "✔", "contradicted": "✘", "partly supported": "◐", "not covered": "?", "not checkable": "–"}


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
    title = article.title or article.source
    lines = [f"# Claims checked: {title}", "", f"*{summary(frame)}*" + (f" Article date: {article.date.isoformat()}."
                                                                    if article.date else ""), ""]
    if not frame.empty:
        lines += ["| # | verdict | claim | kind | states | period | robustness |", "|---|---|---|---|---|---|---|"]
        for i, row in enumerate(frame.itertuples(), 1):
            sentence = row.sentence.replace("|", "\\|")
            lines.append(f"| {i} | {MARK.get(row.verdict, '')} {row.verdict} | {sentence} | {row.kind} | "
                         f"{'–'.join(row.states)} | {row.period} | {row.robustness or '–'} |")
        lines.append("")
        for i, row in enumerate(frame.itertuples(), 1):
            lines.append(f"**{i}.** {row.reason}  ")
            for e in row.evidence:
                keys = f", {len(e['keys'])} row key(s)" if e.get("keys") else ""
                lines.append(f"  *{e['dataset']} {e['version']}*, table `{e['table']}`{keys}  ")
            if row.query:
                lines.append(f"  Query: `{row.query}`")
            lines.append("")
        lines += ["## The article, with the claims checked", ""] + _highlighted(frame, article)
    return "\n".join(lines).rstrip() + "\n"


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
        marks.setdefault(row.sentence, []).append(f"{MARK.get(row.verdict, '')}{i}")
    out = []
    for paragraph in article.text.split("\n"):
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


def render(frame: pd.DataFrame, article, fmt: str) -> str:
    return {"text": as_text, "md": as_markdown, "json": as_json, "jsonld": as_jsonld}[fmt](frame, article)
