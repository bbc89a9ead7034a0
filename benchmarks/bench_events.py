"""Benchmark: GDELT ingest and pair-series aggregation, real files and expanded samples.

Two parts, one run:

- **real**: the real GDELT export files in shared/data/gdelt/raw (1.0 and 2.0, ~160k rows) ingested by
  ``entente.events.ingest`` (decompress on threads, one DuckDB read_csv per batch, dedup, actor codes,
  partitioned Parquet, manifest, rejects) and by a **pandas baseline** in the style of gdeltPyR
  (``pd.read_csv`` on each file, ``concat``, ``drop_duplicates("GLOBALEVENTID")``, one Parquet file),
  once in one process and once with gdeltPyR's own fan-out (a ``multiprocessing.Pool`` of one process
  per core). All must store the same number of events (checked); a ratio is baseline time / entente time.
- **expanded**: the real 2.0 export lines repeated to 1, 10, 50 million rows (``--sizes``); copy k has
  GLOBALEVENTID + k·2·10⁹ and every event date (SQLDATE, MonthYear, Year, FractionDate) moved k days
  later, so ids stay unique and events spread over more months; DATEADDED is the stamp of the file the row
  goes in. Files are written streaming (gzip level 1,
  ``--rows-per-file`` rows each, default 1,500 as in GDELT's own 15-minute files: the real 2.0 sample
  averages 1,496; named as consecutive 15-minute GDELT 2.0 exports) to a temporary folder
  outside the repository, deleted afterwards. Each size is ingested into a fresh store (rows/s, wall and
  CPU seconds; at 1 M also the pandas baseline), then ``aggregate.pair_series`` (all pairs, month,
  undirected) runs on DuckDB and on Spark local (``engines.py``; session start-up not counted).

Times are wall-clock on a shared machine: CPU seconds are given too. Usage::

    python benchmarks/bench_events.py --sizes 1,10 --json benchmarks/results_events.json
    python benchmarks/bench_events.py --sizes 0.2 --no-spark          # a quick run
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import multiprocessing
import os
import platform
import resource
import shutil
import tempfile
import time
import zlib
from pathlib import Path

import duckdb
import pandas as pd

from entente.events import aggregate, engines, gdelt, store

RAW = next((p / "shared" / "data" / "gdelt" / "raw" for p in Path(__file__).resolve().parents[1:]
            if (p / "shared" / "data" / "gdelt" / "raw").is_dir()),
           Path(__file__).resolve().parents[2] / "shared" / "data" / "gdelt" / "raw")   # nearest shared/ above
ID_STEP = 2_000_000_000


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mib() -> int:
    """This process's peak resident memory so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def timed(fn, *args, **kwargs):
    wall, cpu = time.perf_counter(), cpu_seconds()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - wall, cpu_seconds() - cpu


def export_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if (i := gdelt.identify(p)) and i.table == "export")


# --- the pandas baseline (gdeltPyR's approach) ----------------------------------------------------

def _pandas_read(path: Path) -> pd.DataFrame:
    info = gdelt.identify(path)
    return pd.read_csv(path, sep="\t", header=None, names=info.columns, compression="infer",
                       dtype={"EventCode": str, "EventBaseCode": str, "EventRootCode": str}, low_memory=False,
                       quoting=3, encoding="utf-8")


def pandas_ingest(files: list[Path], out: Path) -> int:
    events = pd.concat([_pandas_read(p) for p in files], ignore_index=True).drop_duplicates("GLOBALEVENTID")
    events.to_parquet(out, index=False)
    return len(events)


def pandas_pool_ingest(files: list[Path], out: Path) -> int:
    """The same, with gdeltPyR's fan-out: files read by a ``multiprocessing.Pool`` of one process per
    core, frames pickled back, concatenated in the parent (its workers' CPU is not in ``cpu_seconds``)."""
    with multiprocessing.Pool(os.cpu_count()) as pool:
        frames = pool.map(_pandas_read, files, chunksize=max(1, len(files) // (8 * (os.cpu_count() or 1))))
    events = pd.concat(frames, ignore_index=True).drop_duplicates("GLOBALEVENTID")
    events.to_parquet(out, index=False)
    return len(events)


def entente_ingest(files: list[Path], root: Path) -> int:
    folder = root.parent / (root.name + "-in")
    folder.mkdir(parents=True, exist_ok=True)
    for p in files:
        os.link(p, folder / p.name) if not (folder / p.name).exists() else None
    report = store.ingest(folder, root=root)
    assert not report.failed, report.failed
    return report.rows_added


def bench_real(repeat: int, tmp: Path) -> dict:
    files = export_files(RAW)
    rows = sum(gzip.open(p).read().count(b"\n") if p.suffix == ".gz" else len(gdelt.read_lines(p)) for p in files)
    best = {}
    for name, fn in (("entente", entente_ingest), ("pandas", pandas_ingest), ("pandas-pool", pandas_pool_ingest)):
        runs = []
        for i in range(repeat):
            target = tmp / f"real-{name}-{i}" / ("store" if name == "entente" else "events.parquet")
            target.parent.mkdir(parents=True)
            n, wall, cpu = timed(fn, files, target)
            runs.append((wall, cpu, n))
            shutil.rmtree(target.parent)
        wall, cpu, n = min(runs)
        best[name] = {"seconds": round(wall, 3), "cpu_seconds": round(cpu, 3), "events": n,
                      "rows_per_s": round(rows / wall)}
        print(f"real   {name:8s} {wall:7.2f} s  cpu {cpu:6.2f} s  {rows / wall:12,.0f} rows/s  {n:,} events")
    assert best["entente"]["events"] == best["pandas"]["events"] == best["pandas-pool"]["events"], best
    ratio = best["pandas"]["seconds"] / best["entente"]["seconds"]
    pool = best["pandas-pool"]["seconds"] / best["entente"]["seconds"]
    print(f"real: {len(files)} files, {rows:,} rows; entente is {ratio:.1f}x faster than pandas read_csv, "
          f"{pool:.1f}x than pandas read_csv on a process pool")
    return {"files": len(files), "rows": rows, **best, "speedup_vs_pandas": round(ratio, 2),
            "speedup_vs_pandas_pool": round(pool, 2)}


# --- expanded samples ------------------------------------------------------------------------------

def base_lines() -> list[list[bytes]]:
    """The real GDELT 2.0 export rows (not translingual), split into fields."""
    out = []
    for path in export_files(RAW):
        info = gdelt.identify(path)
        if info.version != 2 or info.translation:
            continue
        for line in gdelt.read_lines(path):
            fields = line.split(b"\t")
            if len(fields) == 61:
                out.append(fields)
    return out


class Shift:
    """Dates moved by k days, memoised per distinct value."""

    def __init__(self, days: int):
        self.delta = dt.timedelta(days=days)
        self.dates: dict[bytes, tuple[bytes, bytes, bytes, bytes]] = {}

    def date(self, sqldate: bytes):
        got = self.dates.get(sqldate)
        if got is None:
            d = dt.datetime.strptime(sqldate.decode(), "%Y%m%d").date() + self.delta
            frac = d.year + (d.timetuple().tm_yday - 1) / 365
            got = (d.strftime("%Y%m%d").encode(), d.strftime("%Y%m").encode(), str(d.year).encode(),
                   f"{frac:.4f}".encode())
            self.dates[sqldate] = got
        return got


def expand(base: list[list[bytes]], rows: int, folder: Path, rows_per_file: int) -> list[Path]:
    """Write ``rows`` expanded rows as gzip GDELT 2.0 export files in ``folder`` (streaming)."""
    folder.mkdir(parents=True, exist_ok=True)
    # named from 2016 on: a file name must be a real time inside GDELT 2.0's (gdelt.parse_name)
    paths, written, slot = [], 0, dt.datetime(2016, 1, 1)
    out = compressor = None
    in_file = 0
    k, shift = 0, Shift(0)
    i = 0
    while written < rows:
        if i == len(base):
            i, k = 0, k + 1
            shift = Shift(k)
        if out is None:
            path = folder / f"{slot:%Y%m%d%H%M%S}.export.CSV.gz"
            added = f"{slot:%Y%m%d%H%M%S}".encode()         # DATEADDED is the file's stamp, as in GDELT's files
            slot += dt.timedelta(minutes=15)
            out = open(path, "wb")
            compressor = zlib.compressobj(1, zlib.DEFLATED, 31)
            paths.append(path)
            chunk = []
        f = list(base[i])
        f[0] = str(int(f[0]) + k * ID_STEP).encode()
        f[1], f[2], f[3], f[4] = shift.date(f[1])
        f[59] = added
        chunk.append(b"\t".join(f))
        i += 1
        written += 1
        in_file += 1
        if len(chunk) >= 20_000:
            out.write(compressor.compress(b"\n".join(chunk) + b"\n"))
            chunk = []
        if in_file >= rows_per_file or written >= rows:
            if chunk:
                out.write(compressor.compress(b"\n".join(chunk) + b"\n"))
            out.write(compressor.flush())
            out.close()
            out, in_file = None, 0
    return paths


def aggregate_time(engine: str, files: list[Path]) -> tuple[float, int]:
    backend = engines.connect(engine)
    table = engines.events_table(backend, files)
    expr = aggregate.pair_series(table, freq="month", directed=False)
    start = time.perf_counter()
    frame = expr.to_pandas()
    return time.perf_counter() - start, len(frame)


def bench_size(millions: float, base, tmp: Path, rows_per_file: int, spark: bool) -> dict:
    rows = int(millions * 1_000_000)
    folder = tmp / f"in-{millions}M"
    paths, gen_wall, _ = timed(expand, base, rows, folder, rows_per_file)
    gz_bytes = sum(p.stat().st_size for p in paths)
    print(f"{millions:g}M: wrote {len(paths)} files, {gz_bytes / 1e9:.2f} GB gzip in {gen_wall:.0f} s")
    root = tmp / f"store-{millions}M"
    report, wall, cpu = timed(store.ingest, folder, root=root)
    assert report.rows_added == rows and not report.failed, (report.rows_added, report.failed[:3])
    result = {"rows": rows, "files": len(paths), "gzip_bytes": gz_bytes,
              "ingest": {"seconds": round(wall, 2), "cpu_seconds": round(cpu, 2), "rows_per_s": round(rows / wall),
                         "rows_per_cpu_s": round(rows / cpu), "peak_rss_mib_so_far": peak_rss_mib()}}
    print(f"{millions:g}M: entente ingest {wall:7.1f} s  cpu {cpu:7.1f} s  {rows / wall:12,.0f} rows/s  "
          f"peak RSS so far {peak_rss_mib():,} MiB")
    if rows <= 1_000_000:
        n, pwall, pcpu = timed(pandas_ingest, paths, tmp / f"pandas-{millions}M.parquet")
        assert n == rows
        result["pandas"] = {"seconds": round(pwall, 2), "cpu_seconds": round(pcpu, 2), "rows_per_s": round(rows / pwall)}
        result["speedup_vs_pandas"] = round(pwall / wall, 2)
        print(f"{millions:g}M: pandas baseline {pwall:7.1f} s  {rows / pwall:12,.0f} rows/s  → {pwall / wall:.1f}x")
        n, qwall, _ = timed(pandas_pool_ingest, paths, tmp / f"pandas-pool-{millions}M.parquet")
        assert n == rows
        result["pandas_pool"] = {"seconds": round(qwall, 2), "rows_per_s": round(rows / qwall)}
        result["speedup_vs_pandas_pool"] = round(qwall / wall, 2)
        print(f"{millions:g}M: pandas on a process pool {qwall:7.1f} s  {rows / qwall:12,.0f} rows/s  → {qwall / wall:.1f}x")
    files = store.event_files(root)
    result["parquet_bytes"] = sum(p.stat().st_size for p in files)
    for engine in ("duckdb", "spark") if spark else ("duckdb",):
        seconds, n = aggregate_time(engine, files)
        result[f"pair_series_{engine}"] = {"seconds": round(seconds, 2), "rows": n}
        print(f"{millions:g}M: pair_series on {engine:6s} {seconds:7.1f} s  {n:,} pair-months")
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(root, ignore_errors=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,50", help="Expanded sample sizes in millions of rows, e.g. 1,10,50.")
    parser.add_argument("--repeat", type=int, default=3, help="Runs of the real-files part (best is kept).")
    parser.add_argument("--rows-per-file", type=int, default=1_500,
                        help="Rows per expanded file (GDELT 2.0's 15-minute files hold about 1,500 events).")
    parser.add_argument("--no-spark", action="store_true", help="Skip the Spark aggregation.")
    parser.add_argument("--tmp", help="Folder for the expanded files (default: the system temp folder).")
    parser.add_argument("--json", help="Write results here.")
    args = parser.parse_args()
    spark = not args.no_spark and engines.spark_missing() is None
    if spark:
        engines.connect("spark")                       # start the session before timing
    tmp = Path(tempfile.mkdtemp(prefix="entente-bench-events-", dir=args.tmp))
    try:
        results = {"real": bench_real(args.repeat, tmp), "expanded": {}}
        base = base_lines()
        for size in [float(s) for s in args.sizes.split(",") if s.strip()]:
            results["expanded"][f"{size:g}M"] = bench_size(size, base, tmp, args.rows_per_file, spark)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    results["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version(), "duckdb": duckdb.__version__,
                          "pandas": pd.__version__, "load_average_at_end": os.getloadavg()}
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(results, handle, indent=2)


if __name__ == "__main__":
    main()
