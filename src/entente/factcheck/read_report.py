"""``entente read``'s output: the triples, quotes and GDELT line of :func:`entente.factcheck.read.read_article`
as text for people, Markdown, or JSON for tools (one object: source, date, triples, quotes, gdelt)."""

from __future__ import annotations

import json

import pandas as pd

from entente.factcheck.read import QUOTE_COLUMNS
from entente.factcheck.text import Article

FORMATS = ("text", "markdown", "json")


def render(frame: pd.DataFrame, article: Article, fmt: str) -> str:
    """``frame`` (from :func:`~entente.factcheck.read.read_article`) as ``fmt``: text, markdown or json."""
    if fmt == "json":
        return as_json(frame, article)
    md = fmt in ("markdown", "md")
    quotes = pd.DataFrame(frame.attrs.get("quotes", []), columns=QUOTE_COLUMNS)
    lines = []
    head = f"{article.title or article.source} ({frame.attrs.get('date') or 'no date'})"
    lines += [f"# Who did what to whom: {head}", ""] if md else [f"Who did what to whom: {head}", ""]
    if frame.empty:
        lines.append("No action between states found (entente reads the actions of its verb lexicon, "
                     "cameo_verbs.csv, done by states named in the text).")
    for n, row in enumerate(frame.itertuples(index=False), 1):
        lines += _triple(n, row, md)
    if len(quotes):
        lines += ["", "## Quotes" if md else "Quotes:"]
        for q in quotes.itertuples(index=False):
            who = q.speaker or "speaker not named"
            state = f" [{q.speaker_state}]" if q.speaker_state else ""
            lines.append(f"- “{q.quote}” — {who}{state}" if md else f"  “{q.quote}” — {who}{state}")
    lines += ["", frame.attrs.get("gdelt", "")]
    return "\n".join(lines).rstrip() + "\n"


def _states(codes: list[str]) -> str:
    return " + ".join(codes) if codes else "–"


def _triple(n: int, row, md: bool) -> list[str]:
    verb = ("not: " if row.negated else "") + row.verb
    flags = [f for f, on in (("passive", row.passive), ("reciprocal", row.reciprocal)) if on]
    code = f"{row.cameo_root} {row.cameo_root_name}" + (f" ({row.cameo_code} {row.cameo_code_name})"
                                                        if row.cameo_code != row.cameo_root else "")
    target = "each other" if row.reciprocal else _states(row.targets)
    title = f"{_states(row.actors)} —{verb}→ {target}"
    if md:
        out = [f"{n}. **{title}** · CAMEO {code}" + (f" · {', '.join(flags)}" if flags else ""),
               f"   > {row.sentence}"]
    else:
        out = [f"{n}. {title}   [CAMEO {code}]" + (f" ({', '.join(flags)})" if flags else ""),
               f"   “{row.sentence}” (sentence {row.sentence_index + 1})"]
    if row.gdelt_events is not None and not pd.isna(row.gdelt_events):
        line = (f"GDELT, same pair and root: {int(row.gdelt_events)} event(s) "
                f"(of {int(row.gdelt_pair_events)} between them in the window)")
        if row.gdelt_top_url:
            line += f"; most mentioned: {row.gdelt_top_url}"
        out.append(("   - " if md else "   ") + line)
    return out


def as_json(frame: pd.DataFrame, article: Article) -> str:
    quotes = frame.attrs.get("quotes", [])
    triples = json.loads(frame.to_json(orient="records")) if len(frame) else []
    payload = {"source": article.source, "title": article.title, "date": frame.attrs.get("date"),
               "triples": triples, "quotes": quotes,
               "gdelt": frame.attrs.get("gdelt", "")}
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
