"""Check an article's claims about states against the warehouse: ``entente.check(text)``.

>>> import entente
>>> entente.check("India and Pakistan fought four wars since 1947.", date="2024-01-01")  # doctest: +SKIP

One row per claim: sentence, kind, states, period, verdict, reason, robustness, evidence (and query,
value, quantities, and the variants whose verdict differs, ``robustness_differs``). The modules, each with one job: :mod:`.text` (article text and date from plain
text, Markdown or HTML), :mod:`.mentions` (sentences; states and groupings named), :mod:`.periods`
(years and quantities), :mod:`.claims` (the template registry and claim detection), :mod:`.checks`
(each template's query, comparator and verdict rule), :mod:`.verdicts` (verdicts, evidence,
coverage), :mod:`.robustness` (the verdict over nearby windows and measures), :mod:`.report` (text,
Markdown, JSON, ClaimReview JSON-LD and HTML: ``report.as_html(frame, article, standalone=False)`` gives
a fragment for a page, ``report.stylesheet()`` its CSS).

The package is callable (``entente.check(text)``) as well as importable (``entente.factcheck.claims``):
the API promises ``entente.check(text)`` and the package needs the same name, so the module's class is
a callable subclass of ModuleType that forwards to :func:`check`.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from entente import countries, warehouse
from entente.errors import EntenteError
from entente.factcheck import claims as _claims
from entente.factcheck import robustness as _robust
from entente.factcheck import verdicts as _verdicts
from entente.factcheck.text import Article, parse
from entente.factcheck.verdicts import NOT_CHECKABLE, NOT_COVERED, Verdict

__all__ = ["COLUMNS", "check", "check_article"]

COLUMNS = ["sentence", "kind", "states", "period", "verdict", "reason", "robustness", "evidence", "query", "value",
           "quantities", "groupings", "sentence_index", "robustness_differs"]


def check_article(article: Article, *, con=None, robust: bool = True) -> pd.DataFrame:
    """The claims of ``article`` with their verdicts, one row each (columns :data:`COLUMNS`)."""

    con = con or warehouse.connection()
    _verdicts.forget()
    last_year = article.year or dt.date.today().year
    reached = _robust.Reached()
    rows = []
    for claim in _claims.detect(article):
        template = _claims.BY_KIND[claim.kind]
        if claim.params.get("grouping"):
            names = ", ".join(claim.params["grouping"])
            verdict = Verdict(NOT_COVERED, f"A claim about a grouping ({names}): entente checks claims about pairs of "
                              "states; for blocs see `entente blocs` and `entente third-parties`.")
        elif not claim.checkable:
            verdict = Verdict(NOT_CHECKABLE, "A prediction or an opinion: the data record what happened, not what "
                              "will or should.")
        else:
            try:
                verdict = reached.verdict(claim, con, claim.period, template.measures[0])
            except (EntenteError, LookupError) as exc:   # the data cannot answer: say so, never a traceback
                verdict = Verdict(NOT_COVERED, f"The data cannot answer this: {exc}")
        robustness = (_robust.robustness(claim, verdict, con, last_year, reached)
                      if robust and claim.checkable and not claim.params.get("grouping") else {})
        rows.append({
            "sentence": claim.sentence, "kind": claim.kind,
            "states": [countries.resolve(c).abb for c in (claim.states if claim.kind == "bloc" else claim.states[:3])],
            "period": str(claim.period) if claim.period else None, "verdict": verdict.verdict,
            "groupings": claim.params.get("grouping", claim.params.get("groups", [])),
            "reason": verdict.reason, "robustness": robustness.get("text", ""), "evidence": verdict.evidence,
            "query": verdict.query, "value": verdict.value,
            "quantities": [q.text for q in claim.quantities], "sentence_index": claim.sentence_index,
            "robustness_differs": robustness.get("differs", []),
        })
    return pd.DataFrame(rows, columns=COLUMNS)


def check(text: str, *, date=None, con=None, robust: bool = True) -> pd.DataFrame:
    """Check the claims in ``text`` (plain text, Markdown or HTML); ``date`` (``"2024-03-05"``)
    anchors "last year" and "since". Returns one row per claim (see :data:`COLUMNS`)."""
    return check_article(parse(text, date=date), con=con, robust=robust)
