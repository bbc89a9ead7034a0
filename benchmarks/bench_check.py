"""Benchmark: ``entente check`` on a 1,500-word article, warm (the warehouse open, the names loaded).

The article is the six labelled test articles of ``tests/data/check`` (all written for the tests),
their text joined and repeated to 1,500 words. Compared in one run:

- **entente**: :func:`entente.factcheck.check_article` with robustness (each verdict rerun over nearby
  windows and measures), and without;
- **naive baseline**: every sentence resolved and tried against every template's query (no intent
  patterns to pick the template: each template whose state count fits is checked), without robustness —
  what checking a claim by brute force against every query costs.

The issue's target: a 1,500-word article in ≤ 3 s warm. Times are the best of ``--repeat`` runs, wall
clock and CPU (the machine is shared: the load average is recorded with them).
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
from entente.factcheck import check_article, claims
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


def best(func, repeat: int) -> dict:
    """Best wall-clock and CPU (process) seconds of ``repeat`` runs: on a shared machine the CPU time
    says what the work costs whatever else runs."""
    wall, cpu = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        func()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return {"wall_s": round(min(wall), 3), "cpu_s": round(min(cpu), 3)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    con = warehouse.connection()
    art = article()
    check_article(art, con=con, robust=False)          # warm: names, warehouse pages
    found = check_article(art, con=con)
    result = {
        "words": len(art.text.split()), "claims": len(found),
        "entente_robust": best(lambda: check_article(art, con=con), args.repeat),
        "entente_no_robustness": best(lambda: check_article(art, con=con, robust=False), args.repeat),
        "naive_all_templates": best(lambda: naive(art, con), 1),
        "load_average": os.getloadavg()[0],
        "machine": f"{platform.machine()}, {platform.python_version()}",
    }
    print(json.dumps(result, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
