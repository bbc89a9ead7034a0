"""Benchmark: the full non-directed COW dyad-year frame, 1816–2025, with ATOP, GML MIDs, TSS rivalries,
contiguity, capital distance and major powers (~1.1 million rows, 41 columns).

Compares, in one run on the same warehouse tables:

- **entente** (``engine="sql"``): ``entente.frames.dyad_years(add=...)`` compiled into one DuckDB query,
  returned as pandas (and, shown separately, as pandas with pyarrow dtypes, as a pyarrow Table and
  streamed to Parquet);
- **entente-fast** (``engine="numpy"``, what ``dyad_years()`` uses by default for COW frames): the same
  steps materialised by :mod:`entente.frames.engines.numpy`: DuckDB runs each dataset's own SQL over its own
  rows only, numpy builds the dyad grid and places the values (as pandas, pandas with pyarrow dtypes
  and a pyarrow Table). Nothing is cached between calls: every run reads the warehouse tables again;
- **pandas-merge**: a straightforward pandas baseline: read the same tables into pandas, build the dyads
  year by year with a cross merge, then merge each dataset (the same conventions: peacesciencer's
  MID whittling, ATOP either direction, NULL outside each dataset's years).

All must give identical frames (checked, cell by cell, NULL = NULL). Times are the best of
``--repeat`` runs in this process, wall clock and CPU (process time, all threads; the machine is
shared, so the CPU seconds say what a pipeline costs whatever else runs); peak memory is each
pipeline's peak resident set size, measured in a fresh child process (``resource.getrusage``), with
the process's peak before the pipeline (Python, pandas, DuckDB and the open warehouse) for scale.
peacesciencer 1.2.9 takes 9–12 s for this pipeline (the figure in our issue; not run here: no R).

Tables come from the warehouse when it has them, otherwise from the curated parquet files
(``--data``; default ``ENTENTE_SHARED_DATA``, else ``../shared/data`` beside the repository or, for a
git worktree, beside its main checkout), loaded into an in-memory DuckDB under the warehouse names.
Usage: ``python benchmarks/bench_frames.py [--repeat 5] [--no-memory] [--json results_frames.json]``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import resource
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

STEPS = ("atop", "mids", "rivalry", "contiguity", "capital_distance", "majors")
LAST = 2025
PARQUET = {
    "cow_states": "states/cow_states.parquet", "cow_majors": "states/cow_majors.parquet",
    "atop_dyad_year": "atop/atop_dyad_year.parquet", "gml_mid_dir_dyad_year": "mid/gml_mid_dir_dyad_year.parquet",
    "tss_rivalries": "rivalries/tss_rivalries.parquet", "cow_contiguity": "geo/cow_contiguity.parquet",
    "cow_capitals": "geo/cow_capitals.parquet",
}


REPO = Path(__file__).resolve().parents[1]


def default_data() -> str:
    """``ENTENTE_SHARED_DATA``, else ``../shared/data`` beside the repository (for a git worktree, whose
    ``.git`` is a file, also beside the main checkout): the first that exists, else the first candidate."""
    if os.environ.get("ENTENTE_SHARED_DATA"):
        return os.environ["ENTENTE_SHARED_DATA"]
    checkouts = [REPO]
    git = REPO / ".git"
    if git.is_file():
        gitdir = Path(git.read_text(encoding="utf-8").split(":", 1)[1].strip())
        common = gitdir / "commondir"
        checkouts.append(((gitdir / common.read_text(encoding="utf-8").strip()).resolve()
                          if common.exists() else gitdir).parent)
    candidates = [c.parent / "shared" / "data" for c in checkouts]
    return str(next((c for c in candidates if c.is_dir()), candidates[0]))


def connection(data: str, *, build: bool = True):
    """The warehouse if it has every table, else an in-memory DuckDB loaded from the parquet files.
    ``build=False`` opens an existing warehouse file as is (the memory probes must not rebuild it)."""
    try:
        from entente import config, warehouse
        from entente.warehouse import has_table

        con = (warehouse.connect(progress=False) if build
               else duckdb.connect(str(config.warehouse_path()), read_only=True))
        if all(has_table(con, t) for t in PARQUET):
            return con, "warehouse"
        con.close()
    except Exception:  # noqa: BLE001 - any failure: fall back to the files
        pass
    missing = [str(Path(data) / file) for file in PARQUET.values() if not (Path(data) / file).exists()]
    if missing:
        raise SystemExit(f"bench_frames: the warehouse lacks some of {', '.join(PARQUET)} and the curated files "
                         f"are not there either: {', '.join(missing)}. Build the warehouse (`entente data update`) "
                         f"or point --data (or ENTENTE_SHARED_DATA) at the curated data folder.")
    con = duckdb.connect()
    for table, file in PARQUET.items():
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_parquet('{Path(data) / file}')")
    return con, f"parquet files in {data}"


# ------------------------------------------------------------------------------------------ entente
def entente_frame(con, engine="sql") -> pd.DataFrame:
    from entente import frames

    return frames.dyad_years("cow", years=(1816, LAST), add=STEPS, con=con, engine=engine)


def entente_pyarrow_pandas(con, engine="sql") -> pd.DataFrame:
    from entente import frames

    return frames.dyad_years("cow", years=(1816, LAST), add=STEPS, con=con, dtype_backend="pyarrow", engine=engine)


def entente_arrow(con, engine="sql"):
    from entente import frames

    return frames.dyad_years("cow", years=(1816, LAST), add=STEPS, con=con, as_arrow=True, engine=engine)


def fast_frame(con) -> pd.DataFrame:
    return entente_frame(con, engine="numpy")


def fast_pyarrow_pandas(con) -> pd.DataFrame:
    return entente_pyarrow_pandas(con, engine="numpy")


def fast_arrow(con):
    return entente_arrow(con, engine="numpy")


def entente_parquet(con):
    from entente import frames

    with tempfile.TemporaryDirectory() as tmp:
        return frames.dyad_years("cow", years=(1816, LAST), add=STEPS, con=con, lazy=True).to_parquet(
            Path(tmp) / "f.parquet")


# ------------------------------------------------------------------------------------- pandas-merge
def _years(start, end):
    return [list(range(a, b + 1)) for a, b in zip(start, end)]


def _cover(frame, cols, lo, hi, fill=0):
    inside = frame["year"].between(lo, hi)
    for c in cols:
        values = frame[c].fillna(fill) if fill is not None else frame[c]
        frame[c] = values.where(inside)


def pandas_merge(con) -> pd.DataFrame:
    t = {name: con.table(name).df() for name in PARQUET}
    # membership: spells → state-years, spells at the list's end extended to LAST
    s = t["cow_states"][["ccode", "start_date", "end_date"]].copy()
    s["st"], s["en"] = pd.to_datetime(s.start_date), pd.to_datetime(s.end_date)
    s.loc[s.en == s.en.max(), "en"] = pd.Timestamp(LAST, 12, 31)
    s["year"] = _years(s.st.dt.year, s.en.dt.year)
    sy = s.explode("year")
    sy["year"] = sy["year"].astype(int)
    sy = sy[sy.year.between(1816, LAST)].copy()
    jan1 = pd.to_datetime(sy.year.astype(str) + "-01-01")
    dec31 = pd.to_datetime(sy.year.astype(str) + "-12-31")
    sy["s"], sy["e"] = np.maximum(sy.st, jan1), np.minimum(sy.en, dec31)
    sy["full"] = (sy.s == jan1) & (sy.e == dec31)
    members = sy.groupby(["ccode", "year"], as_index=False)["full"].any()
    # dyads, year by year
    parts = []
    for year, m in members.groupby("year"):
        d = m[["ccode"]].merge(m[["ccode"]], how="cross", suffixes=("1", "2"))
        d = d[d.ccode1 < d.ccode2]
        d["year"] = year
        parts.append(d)
    dy = pd.concat(parts, ignore_index=True)
    # false dyads: both partial in the year and never members on the same day
    partial = sy.merge(members[~members.full][["ccode", "year"]], on=["ccode", "year"])[["ccode", "year", "s", "e"]]
    pp = partial.merge(partial, on="year", suffixes=("1", "2"))
    pp = pp[pp.ccode1 < pp.ccode2]
    pp["overlap"] = np.maximum(pp.s1, pp.s2) <= np.minimum(pp.e1, pp.e2)
    ok = pp.groupby(["ccode1", "ccode2", "year"], as_index=False)["overlap"].any()
    false = ok[~ok.overlap][["ccode1", "ccode2", "year"]].assign(_false=True)
    dy = dy.merge(false, on=["ccode1", "ccode2", "year"], how="left")
    dy = dy[dy._false.isna()].drop(columns="_false").reset_index(drop=True)
    keys = ["ccode1", "ccode2", "year"]
    # ATOP: a pledge either way
    a = t["atop_dyad_year"].copy()
    flags = ["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"]
    lo, hi = a.year.min(), a.year.max()
    a["c1"], a["c2"] = np.minimum(a.ccode1, a.ccode2), np.maximum(a.ccode1, a.ccode2)
    a = a.groupby(["c1", "c2", "year"], as_index=False)[flags].max().rename(columns={"c1": "ccode1", "c2": "ccode2"})
    dy = dy.merge(a, on=keys, how="left")
    _cover(dy, flags, lo, hi)
    # GML MIDs: whittle to one dispute per dyad-year
    m = t["gml_mid_dir_dyad_year"].copy()
    lo, hi = m.year.min(), m.year.max()
    m["fat"] = m.fatality.astype(float).where(m.fatality != -9, 0.5)
    g = m.groupby(keys)
    m["_n"], m["_nonsets"] = g.dispnum.transform("size"), g.midonset.transform("sum")
    m = m.sort_values(keys + ["midonset", "fat", "hostlev", "mindur", "recip", "stmon", "dispnum"],
                      ascending=[True] * 3 + [False] * 5 + [True, True]).drop_duplicates(keys)
    cols = ["dispnum", "hostlev", "hostlev1", "hostlev2", "hiact1", "hiact2", "fatality", "fatality1", "fatality2",
            "fatalpre1", "fatalpre2", "sidea1", "sidea2", "orig1", "orig2", "recip", "outcome"]
    m = m[keys + ["midonset", "midongoing", "_n", "_nonsets"] + cols]
    m.columns = keys + ["gmlmid_onset", "gmlmid_ongoing", "gmlmid_ndisputes", "gmlmid_nonsets"] + [f"gmlmid_{c}" for c in cols]
    dy = dy.merge(m, on=keys, how="left")
    _cover(dy, ["gmlmid_onset", "gmlmid_ongoing", "gmlmid_ndisputes", "gmlmid_nonsets"], lo, hi)
    _cover(dy, [f"gmlmid_{c}" for c in cols], lo, hi, fill=None)
    # TSS rivalries
    r = t["tss_rivalries"].copy()
    lo, hi = r.styear.min(), r.endyear.max()
    r["year"] = _years(np.maximum(r.styear, 1816), r.endyear)
    r = r.explode("year").dropna(subset=["year"])
    r["year"] = r.year.astype(int)
    for c in ("ccode1", "ccode2"):
        r[c] = np.where((r[c] == 300) & (r.year >= 1919), 305, r[c])
    types = ["positional", "spatial", "ideological", "interventionary", "principal", "aprin"]
    r[types] = r[types].fillna(0)
    r["c1"], r["c2"] = np.minimum(r.ccode1, r.ccode2), np.maximum(r.ccode1, r.ccode2)
    r = r.groupby(["c1", "c2", "year"], as_index=False).agg(
        tss_rivalry_id=("tssr_id", "min"), **{f"tss_{c}": (c, "max") for c in types})
    r = r.rename(columns={"c1": "ccode1", "c2": "ccode2"})
    r.insert(3, "tss_rivalry", 1)
    dy = dy.merge(r, on=keys, how="left")
    _cover(dy, ["tss_rivalry"] + [f"tss_{c}" for c in types], lo, hi)
    _cover(dy, ["tss_rivalry_id"], lo, hi, fill=None)
    # contiguity: the closest relationship in the year, 0 if none
    c = t["cow_contiguity"].copy()
    c["sy"], c["ey"] = pd.to_datetime(c.start_date).dt.year, pd.to_datetime(c.end_date).dt.year
    lo, hi = c.sy.min(), c.ey.max()
    c["year"] = _years(c.sy, c.ey)
    c = c.explode("year")
    c["year"] = c.year.astype(int)
    c["c1"], c["c2"] = np.minimum(c.ccode1, c.ccode2), np.maximum(c.ccode1, c.ccode2)
    c["pos"] = c.conttype.where(c.conttype > 0)
    c = c.groupby(["c1", "c2", "year"], as_index=False)["pos"].min().fillna({"pos": 0})
    c = c.rename(columns={"c1": "ccode1", "c2": "ccode2", "pos": "conttype"})
    dy = dy.merge(c, on=keys, how="left")
    _cover(dy, ["conttype"], lo, hi)
    # capital distance: the capital in force at the start of each year
    k = t["cow_capitals"].copy()
    k["st"], k["en"] = pd.to_datetime(k.start_date), pd.to_datetime(k.end_date)
    lo, hi = k.st.dt.year.min(), k.en.dt.year.max()
    k["year"] = _years(k.st.dt.year, k.en.dt.year)
    k = k.explode("year")
    k["year"] = k.year.astype(int)
    k = k.sort_values(["ccode", "year", "st"]).drop_duplicates(["ccode", "year"])[["ccode", "year", "lat", "lng"]]
    dy = dy.merge(k.rename(columns={"ccode": "ccode1", "lat": "lat1", "lng": "lng1"}), on=["ccode1", "year"], how="left")
    dy = dy.merge(k.rename(columns={"ccode": "ccode2", "lat": "lat2", "lng": "lng2"}), on=["ccode2", "year"], how="left")
    p1, p2 = np.radians(dy.lat1), np.radians(dy.lat2)
    dl = np.radians(dy.lng2 - dy.lng1)
    num = np.sqrt((np.cos(p2) * np.sin(dl)) ** 2 + (np.cos(p1) * np.sin(p2) - np.sin(p1) * np.cos(p2) * np.cos(dl)) ** 2)
    den = np.sin(p1) * np.sin(p2) + np.cos(p1) * np.cos(p2) * np.cos(dl)
    dy["capdist"] = 6378.137 * np.arctan2(num, den)
    dy = dy.drop(columns=["lat1", "lng1", "lat2", "lng2"])
    _cover(dy, ["capdist"], lo, hi, fill=None)
    # major powers
    mj = t["cow_majors"].copy()
    lo, hi = mj.styear.min(), mj.endyear.max()
    mj["year"] = _years(mj.styear, mj.endyear)
    mj = mj.explode("year")[["ccode", "year"]].drop_duplicates()
    mj["year"] = mj.year.astype(int)
    for i in (1, 2):
        dy = dy.merge(mj.rename(columns={"ccode": f"ccode{i}"}).assign(**{f"cowmaj{i}": 1}), on=[f"ccode{i}", "year"], how="left")
        _cover(dy, [f"cowmaj{i}"], lo, hi)
    return dy.sort_values(keys).reset_index(drop=True)


# ------------------------------------------------------------------------------------------ harness
def check_same(ours: pd.DataFrame, theirs: pd.DataFrame) -> None:
    assert list(ours.columns) == list(theirs.columns), (list(ours.columns), list(theirs.columns))
    assert len(ours) == len(theirs), f"row counts differ: {len(ours):,} vs {len(theirs):,}"
    for col in ours.columns:
        a = ours[col].astype("float64").to_numpy(na_value=np.nan)
        b = theirs[col].astype("float64").to_numpy(na_value=np.nan)
        same = (a == b) | (np.isnan(a) & np.isnan(b)) | np.isclose(a, b, rtol=1e-12, atol=1e-9)
        assert same.all(), f"column {col} differs in {int((~same).sum())} rows"


def best_of(fn, con, repeat):
    """(best wall seconds, best CPU seconds, last result) over ``repeat`` runs; the previous result is
    dropped before each run, so no run pays for freeing the last one's memory."""
    times, cpu, out = [], [], None
    for _ in range(repeat):
        out = None
        start, start_cpu = time.perf_counter(), time.process_time()
        out = fn(con)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(times), min(cpu), out


def _peak_mib() -> float:
    """This process's peak resident set size: VmHWM (Linux; fresh for an exec'd child, unlike
    ``ru_maxrss``, which Linux carries over from the parent across fork and exec), else ru_maxrss."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(name, data, queue):
    con, _ = connection(data, build=False)
    fn = PIPELINES[name][0]
    base = _peak_mib()
    fn(con)
    queue.put((name, base, _peak_mib()))


def peak_memory(name, data):
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(name, data, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result[1], result[2]


#: name → (function, what it returns); pandas-merge last, the fast path after the SQL path.
PIPELINES = {
    "entente": (entente_frame, "pandas (SQL path)"),
    "entente-pd-arrow": (entente_pyarrow_pandas, "pandas, pyarrow dtypes (SQL path)"),
    "entente-arrow": (entente_arrow, "pyarrow (SQL path)"),
    "entente-parquet": (entente_parquet, "parquet file (streamed, SQL path)"),
    "entente-fast": (fast_frame, "pandas (fast path)"),
    "entente-fast-pd-arrow": (fast_pyarrow_pandas, "pandas, pyarrow dtypes (fast path)"),
    "entente-fast-arrow": (fast_arrow, "pyarrow (fast path)"),
    "pandas-merge": (pandas_merge, "pandas"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", default=default_data(),
                        help="Curated parquet files, used when the warehouse lacks a table (default: %(default)s).")
    parser.add_argument("--no-memory", action="store_true", help="Skip the peak-memory child processes.")
    parser.add_argument("--json", help="Write results here.")
    args = parser.parse_args()
    con, origin = connection(args.data)
    print(f"tables from: {origin}; DuckDB threads: {con.execute('SELECT current_setting(?)', ['threads']).fetchall()[0][0]}")
    results, outputs = {}, {}
    for name, (fn, output) in PIPELINES.items():
        seconds, cpu, out = best_of(fn, con, args.repeat)
        rows = out if isinstance(out, int) else (out.num_rows if hasattr(out, "num_rows") else len(out))
        results[name] = {"seconds": seconds, "cpu_seconds": cpu, "rows": rows, "output": output}
        if name in ("entente", "entente-fast", "entente-fast-arrow", "pandas-merge"):
            outputs[name] = out
        del out
    theirs = outputs["pandas-merge"]
    check_same(outputs["entente"], theirs)
    check_same(outputs["entente-fast"], theirs)
    check_same(outputs["entente-fast-arrow"].to_pandas(), theirs)
    columns = len(theirs.columns)
    outputs.clear()
    if not args.no_memory:
        for name in results:
            base, peak = peak_memory(name, args.data)
            results[name].update(rss_before_mib=round(base), peak_rss_mib=round(peak))
    base = results["pandas-merge"]["seconds"]
    base_cpu = results["pandas-merge"]["cpu_seconds"]
    for r in results.values():
        r["speedup"], r["cpu_speedup"] = base / r["seconds"], base_cpu / r["cpu_seconds"]
    print(f"{'pipeline':22s} {'seconds':>8s} {'cpu s':>7s} {'x wall':>7s} {'x cpu':>6s} {'rows':>11s} "
          f"{'peak RSS':>10s} {'(before)':>9s}  output")
    for name, r in results.items():
        mem = f"{r['peak_rss_mib']:,} MiB" if "peak_rss_mib" in r else "–"
        before = f"{r['rss_before_mib']:,} MiB" if "rss_before_mib" in r else ""
        print(f"{name:22s} {r['seconds']:8.3f} {r['cpu_seconds']:7.3f} {r['speedup']:7.1f} {r['cpu_speedup']:6.1f} "
              f"{r['rows']:>11,} {mem:>10s} {before:>9s}  {r['output']}")
    ratio = results["entente"]["speedup"]
    fast = results["entente-fast-arrow"]["speedup"]
    print(f"identical frames: yes ({columns} columns). Against pandas-merge (target >= 20x): entente SQL path "
          f"{ratio:.1f}x (pandas out), {results['entente-arrow']['speedup']:.1f}x (Arrow out); fast path "
          f"{results['entente-fast']['speedup']:.1f}x (pandas out), "
          f"{results['entente-fast-pd-arrow']['speedup']:.1f}x (pandas, pyarrow dtypes), {fast:.1f}x (Arrow out).")
    if args.json:
        for r in results.values():
            for key in ("seconds", "cpu_seconds", "speedup", "cpu_speedup"):
                r[key] = round(r[key], 4 if key.endswith("seconds") else 2)
        with open(args.json, "w") as handle:
            json.dump({"steps": list(STEPS), "years": [1816, LAST], "tables_from": origin, "results": results,
                       "speedup_vs_pandas_merge": round(ratio, 2), "fast_arrow_speedup_vs_pandas_merge": round(fast, 2),
                       "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                   "duckdb": duckdb.__version__, "pandas": pd.__version__}}, handle, indent=2)


if __name__ == "__main__":
    main()
