"""Benchmark: UNGA alignment for all dyad-years, all measures, 1946–latest.

Compares, in one run on the same votes (the warehouse's stacked ``unga_votes``, ~1 million rows):

- **entente**: ``dyad_similarity`` (per-year vote matrices, matrix products);
- **duckdb-sql**: a DuckDB SQL self-join of votes on roll call, aggregated per dyad-year;
- **pandas-merge**: a straightforward pandas self-merge on roll call, year by year, then groupby.

All three must give the same numbers (checked); times are the best of ``--repeat`` runs.
Usage: ``python benchmarks/bench_alignment.py [--repeat 3] [--json results.json]``.
"""

from __future__ import annotations

import argparse
import json
import platform
import time

import duckdb
import numpy as np
import pandas as pd

from entente import warehouse
from entente.measures.similarity import MEASURES, dyad_similarity

SQL = """
WITH pairs AS (
    SELECT a.year, a.ccode AS ccode1, b.ccode AS ccode2, count(*) AS n,
           sum(CASE WHEN a.vote = b.vote THEN 1.0 WHEN a.vote = 2 OR b.vote = 2 THEN 0.5 ELSE 0.0 END) AS agree_num,
           sum(abs(a.vote - b.vote)) AS d_abs, sum((a.vote - b.vote) * (a.vote - b.vote)) AS d_sq,
           sum(a.vote) AS sx, sum(b.vote) AS sy, sum(a.vote * a.vote) AS sxx, sum(b.vote * b.vote) AS syy
    FROM votes a JOIN votes b ON a.rcid = b.rcid AND a.ccode < b.ccode
    GROUP BY ALL)
SELECT year, ccode1, ccode2, n AS n_votes, agree_num / n AS agree,
       1 - d_abs / n AS s_abs, 1 - d_sq / (2.0 * n) AS s_sq,
       CASE WHEN sxx + syy - 2.0 * sx * sy / n > 1e-9 THEN 1 - d_sq / (sxx + syy - 2.0 * sx * sy / n) ELSE 0 END AS kappa,
       CASE WHEN sxx + syy - (sx + sy) ^ 2 / (2.0 * n) > 1e-9
            THEN 1 - d_sq / (sxx + syy - (sx + sy) ^ 2 / (2.0 * n)) ELSE 0 END AS pi
FROM pairs
"""


def duckdb_sql(votes: pd.DataFrame) -> pd.DataFrame:
    con = duckdb.connect()
    con.register("votes_df", votes)
    con.execute("CREATE TABLE votes AS SELECT rcid, ccode, CAST(vote AS INTEGER) AS vote, year FROM votes_df")
    return con.execute(SQL).df()


def pandas_merge(votes: pd.DataFrame) -> pd.DataFrame:
    parts = []
    for _, group in votes.groupby("year"):
        pairs = group.merge(group, on=["rcid", "year"], suffixes=("1", "2"))
        pairs = pairs[pairs.ccode1 < pairs.ccode2]
        v1, v2 = pairs.vote1.astype(float), pairs.vote2.astype(float)
        pairs = pairs.assign(
            agree_num=np.where(v1 == v2, 1.0, np.where((v1 == 2) | (v2 == 2), 0.5, 0.0)),
            d_abs=(v1 - v2).abs(), d_sq=(v1 - v2) ** 2, sx=v1, sy=v2, sxx=v1 ** 2, syy=v2 ** 2, n=1)
        g = pairs.groupby(["year", "ccode1", "ccode2"], as_index=False)[
            ["n", "agree_num", "d_abs", "d_sq", "sx", "sy", "sxx", "syy"]].sum()
        de_c = g.sxx + g.syy - 2 * g.sx * g.sy / g.n
        de_p = g.sxx + g.syy - (g.sx + g.sy) ** 2 / (2 * g.n)
        parts.append(pd.DataFrame({
            "year": g.year, "ccode1": g.ccode1, "ccode2": g.ccode2, "n_votes": g.n, "agree": g.agree_num / g.n,
            "s_abs": 1 - g.d_abs / g.n, "s_sq": 1 - g.d_sq / (2 * g.n),
            "kappa": np.where(de_c > 1e-9, 1 - g.d_sq / de_c, 0.0),
            "pi": np.where(de_p > 1e-9, 1 - g.d_sq / de_p, 0.0)}))
    return pd.concat(parts, ignore_index=True)


def entente_matrix(votes: pd.DataFrame) -> pd.DataFrame:
    return dyad_similarity(votes, ["year"])


def best_of(fn, votes, repeat):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn(votes)
        times.append(time.perf_counter() - start)
    return min(times), result


def check_same(reference: pd.DataFrame, other: pd.DataFrame, name: str) -> None:
    key = ["year", "ccode1", "ccode2"]
    merged = reference.merge(other, on=key, suffixes=("", "_o"), validate="1:1")
    assert len(merged) == len(reference) == len(other), f"{name}: row counts differ"
    for m in MEASURES:
        np.testing.assert_allclose(merged[m], merged[f"{m}_o"], atol=1e-9, err_msg=f"{name}: {m}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", help="Write results here.")
    args = parser.parse_args()
    con = warehouse.connect()
    votes = con.execute("SELECT v.rcid, v.ccode, v.vote, r.year FROM unga_votes v JOIN unga_rollcalls r USING (rcid)").df()
    results = {}
    reference = None
    for name, fn in (("entente", entente_matrix), ("duckdb-sql", duckdb_sql), ("pandas-merge", pandas_merge)):
        seconds, out = best_of(fn, votes, args.repeat)
        if reference is None:
            reference = out
        else:
            check_same(reference, out, name)
        results[name] = {"seconds": round(seconds, 4), "rows": len(out)}
        print(f"{name:14s} {seconds:8.3f} s  {len(out):,} dyad-years")
    fastest_baseline = min(results["duckdb-sql"]["seconds"], results["pandas-merge"]["seconds"])
    ratio = fastest_baseline / results["entente"]["seconds"]
    print(f"votes: {len(votes):,}; entente is {ratio:.1f}x faster than the faster baseline "
          f"(duckdb-sql {results['duckdb-sql']['seconds'] / results['entente']['seconds']:.1f}x, "
          f"pandas-merge {results['pandas-merge']['seconds'] / results['entente']['seconds']:.1f}x)")
    if args.json:
        with open(args.json, "w") as handle:
            json.dump({"votes": len(votes), "results": results, "speedup_vs_fastest_baseline": round(ratio, 2),
                       "machine": {"cpus": __import__("os").cpu_count(), "python": platform.python_version(),
                                   "duckdb": duckdb.__version__, "numpy": np.__version__}}, handle, indent=2)


if __name__ == "__main__":
    main()
