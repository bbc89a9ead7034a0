"""An article's checked claims as text for a terminal, Markdown, or JSON (one shape, with the article's
source and date, and the evidence of each claim)."""

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
    return "\n".join(lines).rstrip() + "\n"


def as_json(frame: pd.DataFrame, article) -> str:
    claims = json.loads(frame.to_json(orient="records", force_ascii=False)) if not frame.empty else []
    return json.dumps({"ok": True, "source": article.source, "date": article.date.isoformat() if article.date else None,
                       "title": article.title, "summary": summary(frame), "claims": claims},
                      ensure_ascii=False, indent=1) + "\n"


def render(frame: pd.DataFrame, article, fmt: str) -> str:
    return {"text": as_text, "md": as_markdown, "json": as_json}[fmt](frame, article)
