"""Benchmark: one brief with a warm warehouse, against building its core tables with plain pandas.

Three timings in one run (best of ``--repeat``), for a pair over all years (default IRN–RUS):

- **entente assemble**: every section's tables and numbers (``entente.brief.content.assemble``);
- **entente write_brief**: the same plus charts and the HTML, Markdown and JSON files;
- **pandas baseline**: the alignment section's core tables (the pair's agreement, S and κ per year; each
  side's average agreement with all states per year; each side's rank of the other per year; the split
  votes of the last two years), the disputes, the ATOP spells and the trade series, computed from the
  snapshot's Parquet files with straightforward pandas merges and groupbys — the way one would without
  entente's warehouse and measures.

The baseline covers a subset of what ``assemble`` computes (no third parties, limits, trend, vetoes),
so the ratio is taken against entente computing the same subset (``entente same tables``). Usage: ``python benchmarks/bench_brief.py [A B] [--repeat 3]``.
What the user waits for, the whole command from the shell (warm and cold, against ``entente alignment``), is
``bench_brief_shell.py``, which writes its figures under ``"shell"`` in the same results file.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time

import numpy as np
import pandas as pd

from entente import countries, warehouse
from entente.brief import write_brief
from entente.brief.content import assemble
from entente.config import snapshot_dir


def _votes() -> pd.DataFrame:
    d = snapshot_dir() / "unga"
    v = pd.read_parquet(d / "votes.parquet", columns=["rcid", "ccode", "vote_code"]).rename(columns={"vote_code": "vote"})
    rc = pd.read_parquet(d / "roll_calls.parquet", columns=["rcid", "session", "unres", "date"])
    v = v.merge(rc, on="rcid")
    dv = pd.read_parquet(d / "dgacm_votes.parquet", columns=["symbol", "ccode", "vote_code", "adoption_date"])
    dr = pd.read_parquet(d / "dgacm_resolutions.parquet", columns=["symbol", "session", "adoption_date"])
    dr = dr[~dr.symbol.isin(set(rc.unres))]
    dates = pd.to_datetime(dr.adoption_date)
    dr["session"] = pd.to_numeric(dr.session, errors="coerce").fillna(
        dates.dt.year - 1945 - (dates.dt.month < 9)).astype(int)
    dr["rcid"] = 100_000 + np.arange(len(dr))
    dv = dv.merge(dr[["symbol", "rcid", "session"]], on="symbol").rename(columns={"vote_code": "vote", "adoption_date": "date"})
    out = pd.concat([v[["rcid", "ccode", "vote", "session", "date"]], dv[["rcid", "ccode", "vote", "session", "date"]]])
    out["year"] = out.session + 1945
    return out


def _agree(x: pd.Series, y: pd.Series) -> pd.Series:
    return np.where(x == y, 1.0, np.where((x == 2) | (y == 2), 0.5, 0.0))


def pandas_baseline(a: int, b: int) -> dict:
    votes = _votes()
    mine = votes[votes.ccode.isin([a, b])]
    out = {}
    # the pair per year
    pa, pb = mine[mine.ccode == a], mine[mine.ccode == b]
    pair = pa.merge(pb, on=["rcid", "year"], suffixes=("_a", "_b"))
    pair["agree"] = _agree(pair.vote_a, pair.vote_b)
    pair["d"] = (pair.vote_a - pair.vote_b).abs()
    out["pair"] = pair.groupby("year").agg(n=("rcid", "size"), agree=("agree", "mean"), d=("d", "mean"))
    # each side with every state, per year: averages and ranks
    for side, code in (("a", a), ("b", b)):
        own = votes[votes.ccode == code][["rcid", "year", "vote"]]
        allp = own.merge(votes[votes.ccode != code][["rcid", "ccode", "vote"]], on="rcid", suffixes=("", "_o"))
        allp["agree"] = _agree(allp.vote, allp.vote_o)
        per = allp.groupby(["year", "ccode"]).agree.mean().reset_index()
        per["rank"] = per.groupby("year").agree.rank(ascending=False, method="min")
        out[f"avg_{side}"] = per.groupby("year").agree.mean()
        out[f"rank_{side}"] = per[per.ccode == (b if side == "a" else a)].set_index("year")["rank"]
    last = pair.year.max()
    out["splits"] = pair[(pair.year >= last - 1) & (pair.vote_a != pair.vote_b)]
    # disputes, alliance spells, trade
    mid = pd.read_parquet(snapshot_dir() / "mid" / "gml_mid_dir_dyad_year.parquet")
    m = mid[(mid.ccode1 == a) & (mid.ccode2 == b)]
    out["disputes"] = m.groupby("dispnum").agg(start=("year", "min"), end=("year", "max"), host1=("hostlev1", "max"),
                                               host2=("hostlev2", "max"))
    atop = pd.read_parquet(snapshot_dir() / "atop" / "atop_dyad_year.parquet")
    at = atop[(atop.ccode1 == a) & (atop.ccode2 == b)].sort_values("year")
    spells = {}
    for col in ("atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"):
        yrs = at.loc[at[col] == 1, "year"]
        spells[col] = (yrs.diff() != 1).cumsum().groupby(yrs.values).size() if len(yrs) else None
    out["atop"] = spells
    trade = pd.read_parquet(snapshot_dir() / "trade" / "cow_trade_dyad_year.parquet")
    st = pd.read_parquet(snapshot_dir() / "trade" / "cow_trade_state_year.parquet")
    lo, hi = sorted((a, b))
    t = trade[(trade.ccode1 == lo) & (trade.ccode2 == hi)].copy()
    t["total"] = t.flow1 + t.flow2
    st["trade"] = st.imports + st.exports
    for side, code in (("a", a), ("b", b)):
        t = t.merge(st[st.ccode == code][["year", "trade"]].rename(columns={"trade": f"trade_{side}"}), on="year", how="left")
        t[f"share_{side}"] = t.total / t[f"trade_{side}"]
    out["trade"] = t
    return out


def entente_same_tables(sa, sb, con) -> None:
    """The baseline's subset, through entente: the alignment section (pair, averages, ranks, splits — and
    also per-topic agreement, S, κ, π and provenance, which the baseline skips), disputes, ATOP spells, trade."""
    from entente.pair import evidence as pair
    from entente.brief import content

    content._alignment_section(content.context(sa.ccode, sb.ccode, con=con))
    pair.disputes(sa.ccode, sb.ccode, con=con)
    pair.alliances(sa.ccode, sb.ccode, con=con)
    pair.trade(sa.ccode, sb.ccode, con=con)


def shell_seconds(args: list[str], repeat: int) -> float:
    """Median wall time of a whole command from the shell (interpreter start and imports included)."""
    import statistics
    import subprocess
    import sys

    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "entente", *args], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pair", nargs="*", default=["IRN", "RUS"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", help="Write results here.")
    args = parser.parse_args()
    sa, sb = (countries.resolve(x) for x in (args.pair or ["IRN", "RUS"]))
    a, b = sa.ccode, sb.ccode
    con = warehouse.connection()
    assemble(a, b, con=con)                                   # warm: warehouse built, modules imported
    with tempfile.TemporaryDirectory() as tmp:
        write_brief(a, b, out=tmp, con=con)
        t_assemble = best_of(lambda: assemble(a, b, con=con), args.repeat)
        t_write = best_of(lambda: write_brief(a, b, out=tmp, con=con), args.repeat)
    t_same = best_of(lambda: entente_same_tables(sa, sb, con), args.repeat)
    t_pandas = best_of(lambda: pandas_baseline(a, b), args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        t_shell_brief = shell_seconds(["brief", *(args.pair or ["IRN", "RUS"]), "--out", tmp], args.repeat)
    t_shell_alignment = shell_seconds(["alignment", *(args.pair or ["IRN", "RUS"])], args.repeat)
    print(f"shell: entente brief     {t_shell_brief:7.3f} s (median, warm warehouse, start-up included)")
    print(f"shell: entente alignment {t_shell_alignment:7.3f} s; brief / alignment {t_shell_brief / t_shell_alignment:.1f}x")
    print(f"entente assemble     {t_assemble:7.3f} s   (every section: 10 sections, third parties, trend …)")
    print(f"entente write_brief  {t_write:7.3f} s   (plus charts and files) — under 2 s: {t_write < 2}")
    print(f"entente same tables  {t_same:7.3f} s   (alignment, disputes, ATOP, trade)")
    print(f"pandas baseline      {t_pandas:7.3f} s   (alignment, disputes, ATOP, trade)")
    print(f"ratio on the same tables, pandas / entente: {t_pandas / t_same:.1f}x")
    if args.json:
        with open(args.json, "w") as handle:
            json.dump({"pair": [a, b], "assemble_s": t_assemble, "write_brief_s": t_write, "same_tables_s": t_same,
                       "pandas_s": t_pandas, "ratio_same_tables": t_pandas / t_same,
                       "shell_brief_s": t_shell_brief, "shell_alignment_s": t_shell_alignment}, handle, indent=2)


if __name__ == "__main__":
    main()
