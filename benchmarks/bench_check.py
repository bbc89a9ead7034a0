"""Benchmark: ``entente check`` on a 1,500-word article, warm (the warehouse open, the names loaded).

The article is the six labelled test articles of ``tests/data/check`` (all written for the tests),
their text joined and repeated to 1,500 words. Compared in one run:

- **entente**: :func:`entente.factcheck.check_article` with robustness (each verdict rerun over nearby
  windows and measures), and without;
- **naive baseline**: every sentence resolved and tried against every template's query (no intent
  patterns to pick the template: each template whose state count fits is checked), without robustness —
  what checking a claim by brute force against every query costs.

- **every variant checked**: robustness as it was before verdicts were reused
  (:class:`entente.factcheck.robustness.Reached` with ``remember=False``: each claim's own verdict
  checked again as its first variant), run interleaved with the others so that both see the same load.

The issue's target: a 1,500-word article in ≤ 3 s warm. Each run checks the article as new (the pair
reads are forgotten at the start of each article), in a process where the warehouse is open and the
names are loaded. Times are the best of ``--repeat`` runs, wall clock and CPU (user + system of this
process, all threads): the machine is shared with other work, so the wall clock swings with the load
(recorded before and after) and the CPU time is the fairer figure. ``split`` says where the CPU of one
run with robustness goes: reading the pairs' rows (the memo's misses), judging (the checks, reads
excluded), and finding the claims; ``html_s`` is rendering the HTML report of the article.
Usage: ``python benchmarks/bench_check.py [--repeat 3] [--json benchmarks/results_check.json]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from dataclasses import replace
from pathlib import Path

from entente import warehouse
from entente.factcheck import check_article, checks, claims, report, robustness, verdicts
from entente.factcheck.text import parse, read

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "check"


def article(words: int = 1500):
    texts = [read(p).text for p in sorted(DATA.rglob("*")) if p.suffix in (".txt", ".md", ".html")]
    body = "\n\n".join(texts)
    out = []
    while sum(len(t.split()) for t in out) < words:
        out.append(body)
    text = " ".join(" ".join(out).split()[:words])
    return parse(text.rsplit(".", 1)[0] + ".", date="2024-01-01")


def naive(art, con) -> int:
    """Every template's check on every sentence with two states (no intent patterns)."""
    n = 0
    for claim in claims.detect(art):           # detection gives the sentences' states and periods
        for template in claims.TEMPLATES:
            try:
                template.check(replace(claim, kind=template.kind), con, claim.period, template.measures[0])
            except Exception:  # noqa: BLE001 - a template that does not fit the sentence may fail
                pass
            n += 1
    return n


def timed(func) -> tuple[float, float]:
    t, c = time.perf_counter(), time.process_time()
    func()
    return time.perf_counter() - t, time.process_time() - c


def best(func, repeat: int) -> dict:
    """Best wall-clock and CPU (process) seconds of ``repeat`` runs: on a shared machine the CPU time
    says what the work costs whatever else runs."""
    runs = [timed(func) for _ in range(repeat)]
    return {"wall_s": round(min(w for w, _ in runs), 3), "cpu_s": round(min(c for _, c in runs), 3)}


def interleaved(funcs: dict, repeat: int) -> dict:
    """:func:`best` of each of ``funcs``, their runs taken in turn so that a change of load hits all alike."""
    runs: dict = {name: [] for name in funcs}
    for _ in range(repeat):
        for name, func in funcs.items():
            runs[name].append(timed(func))
    return {name: {"wall_s": round(min(w for w, _ in r), 3), "cpu_s": round(min(c for _, c in r), 3)}
            for name, r in runs.items()}


def every_variant(art, con):
    """check_article as before verdicts were reused: every robustness variant checked."""
    kept = robustness.Reached
    robustness.Reached = lambda **kw: kept(remember=False)
    try:
        return check_article(art, con=con)
    finally:
        robustness.Reached = kept


def split(art, con) -> dict:
    """CPU seconds of one run with robustness: reading rows (the memo's misses), finding claims, the rest."""
    spent = {"read_s": 0.0, "detect_s": 0.0}
    memo, detect, reached = verdicts.memo, claims.detect, []

    def counted_memo(c, key, read):
        def timed_read():
            start = time.process_time()
            try:
                return read()
            finally:
                spent["read_s"] += time.process_time() - start
        return memo(c, key, timed_read)

    def counted_detect(*args, **kwargs):
        start = time.process_time()
        try:
            return detect(*args, **kwargs)
        finally:
            spent["detect_s"] += time.process_time() - start

    class Counting(robustness.Reached):
        def __init__(self, **kw):
            super().__init__(**kw)
            reached.append(self)

    kept = robustness.Reached
    checks.memo, claims.detect, robustness.Reached = counted_memo, counted_detect, Counting
    try:
        _, total = timed(lambda: check_article(art, con=con))
    finally:
        checks.memo, claims.detect, robustness.Reached = memo, detect, kept
    return {"cpu_s": round(total, 3), "read_s": round(spent["read_s"], 3), "detect_s": round(spent["detect_s"], 3),
            "judge_s": round(total - spent["read_s"] - spent["detect_s"], 3),
            "verdicts_reused": sum(r.hits for r in reached), "verdicts_checked": sum(len(r._seen) for r in reached)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    con = warehouse.connection()
    art = article()
    check_article(art, con=con, robust=False)          # warm: names, warehouse pages
    found = check_article(art, con=con)
    assert found.to_json() == every_variant(art, con).to_json()     # reuse changes no verdict, no robustness
    load_before = os.getloadavg()
    runs = interleaved({"entente_robust": lambda: check_article(art, con=con),
                        "entente_robust_every_variant_checked": lambda: every_variant(art, con),
                        "entente_no_robustness": lambda: check_article(art, con=con, robust=False)}, args.repeat)
    result = {
        "words": len(art.text.split()), "claims": len(found),
        **runs,
        "naive_all_templates": best(lambda: naive(art, con), 1),
        "split": split(art, con),
        "html_s": best(lambda: report.as_html(found, art), args.repeat),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "cpus": os.cpu_count(),
        "machine": f"{platform.machine()}, {platform.python_version()}",
    }
    print(json.dumps(result, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
