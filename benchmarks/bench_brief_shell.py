"""Benchmark: ``entente brief`` as the user waits for it, from the shell, against ``entente alignment``.

What is timed, all in one run so that the ratios hold on a busy machine (wall time, median of
``--repeat`` runs; each command is a fresh ``python -m entente`` process, start-up and imports included):

- **warm**: ``entente brief A B --out TMP`` (two processes: :mod:`entente.cli._ahead`; and with
  ``ENTENTE_ONE_PROCESS=1``, ``brief_one_process``, everything in one) with the warehouse built and Python's bytecode cached (in a
  folder of its own, ``PYTHONPYCACHEPREFIX``; ``PYTHONDONTWRITEBYTECODE`` is dropped) — and the brief's
  charts in the chart cache (``$ENTENTE_HOME/cache/charts``), as when a brief is written again; then the
  same brief with that cache emptied first (``brief_uncached``: every chart rendered, as for a new pair) —
  and in
  the same loop (interleaved, run for run) ``entente alignment A B``, ``entente --help``, ``entente country
  Iran`` and an empty interpreter (``python -c pass``) for the floor;
- **cold**: the first ``entente brief A B`` after a fresh ``ENTENTE_HOME`` and a fresh bytecode cache
  (``PYTHONPYCACHEPREFIX``), as after an install; it builds the warehouse from the bundled snapshot, so
  ``entente data build`` in another fresh home is timed beside it and reported separately
  (``cold_brief_s - cold_build_s`` is what the brief itself costs the first time);
- **in-process**: a second call of ``write_brief`` inside one process (imports and caches warm), as
  ``bench_brief.py`` times it and as the web app would pay it.

Each command's CPU time (user + system, children's rusage) is kept beside its wall time, and the load
average before and after the run: on a shared machine the CPU figures and the ratios hold better than
the seconds.

The commands run this checkout's code: ``sys.executable -m entente`` with ``PYTHONPATH`` set to this
checkout's ``src/`` (not whatever ``entente`` console script is on the PATH). SIPRI is supplied to each
fresh home when ``--sipri`` names the trade-register export (default: the shared data folder's, if it is
there), as a user who saved it would have.

Usage: ``python benchmarks/bench_brief_shell.py [A B] [--repeat 5] [--cold-repeat 3] [--json benchmarks/results_brief.json]``.
The figures go under ``"shell"`` in the JSON file (beside ``bench_brief.py``'s in-process ones); ``--src
OTHER/src --key shell_before`` times another checkout (say, the commit before a change) into another key,
to compare two versions in one session.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"   # this checkout's code (see --src)
SIPRI = Path("/work/shared/data/sipri/raw/trade_register_1995-2025_generated_2026-02-12.csv.gz")


def _env(home: Path, pycache: Path) -> dict[str, str]:
    """The environment of a timed command: this checkout's code, ``home`` as ENTENTE_HOME, and Python's
    bytecode kept in ``pycache`` (a fresh folder: compiled on the first run, as after an install; the same
    folder again: cached). PYTHONDONTWRITEBYTECODE is dropped: an installed package has its bytecode, and
    without it every run would compile entente's ~90 modules again."""
    env = dict(os.environ, PYTHONPATH=str(SRC), ENTENTE_HOME=str(home), PYTHONPYCACHEPREFIX=str(pycache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _fresh_home(root: Path, name: str, sipri: Path | None) -> Path:
    home = root / name
    if sipri is not None and sipri.is_file():
        (home / "user" / "sipri").mkdir(parents=True)
        shutil.copy(sipri, home / "user" / "sipri" / sipri.name)
    else:
        home.mkdir(parents=True)
    return home


CPU: dict[str, list[float]] = {}   # CPU seconds (user + system) of each timed command, by label


def seconds(args: list[str], env: dict[str, str], label: str | None = None) -> float:
    """Wall time of one ``python -m entente ARGS`` (``args`` starting with "-c" run Python itself); its CPU
    time (user + system, less sensitive to other users of the machine) goes to :data:`CPU` under ``label``."""
    command = [sys.executable, *args] if args[:1] == ["-c"] else [sys.executable, "-m", "entente", *args]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if label:
        CPU.setdefault(label, []).append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall


def in_process(a: str, b: str, home: Path, pycache: Path, repeat: int) -> list[float]:
    """Second and later calls of ``write_brief`` in one process (run in a child so this one stays clean)."""
    code = f"""
import json, tempfile, time
from entente import countries, warehouse
from entente.brief import write_brief
a, b = countries.resolve({a!r}).ccode, countries.resolve({b!r}).ccode
con = warehouse.connection()
times = []
with tempfile.TemporaryDirectory() as tmp:
    for i in range({repeat} + 1):
        start = time.perf_counter()
        write_brief(a, b, out=tmp, con=con)
        times.append(time.perf_counter() - start)
print(json.dumps(times[1:]))
"""
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True,
                         env=_env(home, pycache))
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pair", nargs="*", default=["IRN", "RUS"])
    parser.add_argument("--repeat", type=int, default=5, help="Warm runs of each command (median).")
    parser.add_argument("--cold-repeat", type=int, default=3, help="Cold runs (each in a fresh home).")
    parser.add_argument("--sipri", type=Path, default=SIPRI if SIPRI.is_file() else None,
                        help="SIPRI trade-register export to supply to each fresh home.")
    parser.add_argument("--json", help="Write results here (e.g. benchmarks/results_brief.json).")
    parser.add_argument("--src", type=Path, help="Time the code in this src/ folder instead of this checkout's.")
    parser.add_argument("--key", default="shell", help="The key of the JSON file to write the figures under.")
    args = parser.parse_args()
    global SRC
    SRC = (args.src or SRC).resolve()
    a, b = (args.pair or ["IRN", "RUS"])[:2]
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-brief-") as tmp:
        root = Path(tmp)
        # cold: the first brief after a fresh home and bytecode cache; the build alone beside it
        cold_brief, cold_build = [], []
        for i in range(args.cold_repeat):
            home = _fresh_home(root, f"cold-build-{i}", args.sipri)
            cold_build.append(seconds(["data", "build"], _env(home, root / f"pyc-build-{i}")))
            home = _fresh_home(root, f"cold-brief-{i}", args.sipri)
            cold_brief.append(seconds(["brief", a, b, "--out", str(root / f"cold-out-{i}")],
                                      _env(home, root / f"pyc-brief-{i}")))
        # warm: the last cold home, its warehouse built; bytecode cached by one untimed run
        env = _env(home, root / "pyc-warm")
        seconds(["brief", a, b, "--out", str(root / "warm-out")], env)
        seconds(["alignment", a, b], env)
        warm: dict[str, list[float]] = {"brief": [], "brief_one_process": [], "brief_uncached": [],
                                        "alignment": [], "help": [], "country": [], "python": []}
        one = dict(env, ENTENTE_ONE_PROCESS="1")
        for _ in range(args.repeat):  # interleaved: each round sees the same load on the machine
            warm["brief"].append(seconds(["brief", a, b, "--out", str(root / "warm-out")], env, "brief"))
            warm["brief_one_process"].append(seconds(["brief", a, b, "--out", str(root / "warm-out")], one,
                                                     "brief_one_process"))
            shutil.rmtree(home / "cache" / "charts", ignore_errors=True)   # every chart rendered again
            warm["brief_uncached"].append(seconds(["brief", a, b, "--out", str(root / "warm-out")], env,
                                                  "brief_uncached"))
            warm["alignment"].append(seconds(["alignment", a, b], env, "alignment"))
            warm["help"].append(seconds(["--help"], env, "help"))
            warm["country"].append(seconds(["country", "Iran"], env, "country"))
            warm["python"].append(seconds(["-c", "pass"], env, "python"))
        inproc = in_process(a, b, home, root / "pyc-warm", args.repeat)
    med = {k: statistics.median(v) for k, v in warm.items()}
    result = {
        "pair": [a, b], "repeat": args.repeat, "cold_repeat": args.cold_repeat, "cpus": os.cpu_count(),
        "how": "python -m entente with PYTHONPATH=<checkout>/src; wall time, median", "src": str(SRC),
        "sipri_supplied": bool(args.sipri and args.sipri.is_file()),
        "load_average": {"before": [round(x, 2) for x in load_before], "after": [round(x, 2) for x in os.getloadavg()]},
        "warm_brief_s": med["brief"], "warm_brief_one_process_s": med["brief_one_process"],
        "warm_brief_uncached_s": med["brief_uncached"],
        "warm_alignment_s": med["alignment"],
        "brief_over_alignment": med["brief"] / med["alignment"],
        "help_s": med["help"], "country_s": med["country"], "python_startup_s": med["python"],
        "cold_brief_s": statistics.median(cold_brief), "cold_build_s": statistics.median(cold_build),
        "in_process_write_brief_s": statistics.median(inproc),
        "cpu_s": {k: statistics.median(v) for k, v in CPU.items()},
        "cpu_brief_over_alignment": statistics.median(CPU["brief"]) / statistics.median(CPU["alignment"]),
        "runs": {**{f"warm_{k}": v for k, v in warm.items()}, "cold_brief": cold_brief, "cold_build": cold_build,
                 "in_process_write_brief": inproc},
    }
    print(f"warm  entente brief {a} {b}      {med['brief']:6.2f} s   (median of {args.repeat})")
    print(f"warm  entente brief, one process {med['brief_one_process']:6.2f} s   (ENTENTE_ONE_PROCESS=1: no child)")
    print(f"warm  entente brief, no chart cache {med['brief_uncached']:6.2f} s   (every chart rendered again)")
    print(f"warm  entente alignment {a} {b}  {med['alignment']:6.2f} s   brief / alignment = "
          f"{result['brief_over_alignment']:.1f}x (target <= 3x, brief <= 2 s)")
    print(f"warm  entente --help           {med['help']:6.2f} s   (target < 0.5 s)")
    print(f"warm  entente country Iran     {med['country']:6.2f} s   (target < 0.5 s)")
    print(f"      python -c pass           {med['python']:6.2f} s   (the floor)")
    print(f"cold  entente brief {a} {b}      {result['cold_brief_s']:6.2f} s   (fresh home and bytecode cache; "
          f"builds the warehouse)")
    print(f"cold  entente data build       {result['cold_build_s']:6.2f} s   (the build alone)")
    print(f"in-process write_brief         {result['in_process_write_brief_s']:6.2f} s   (second call, one process)")
    print(f"load average (1, 5, 15 min) before {result['load_average']['before']}, after "
          f"{result['load_average']['after']} on {os.cpu_count()} CPUs")
    print("CPU (user+system, median): " + ", ".join(f"{k} {v:.2f} s" for k, v in result["cpu_s"].items())
          + f"; brief / alignment = {result['cpu_brief_over_alignment']:.1f}x")
    if args.json:  # beside bench_brief.py's in-process figures, under "shell" (or --key)
        path = Path(args.json)
        data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        data[args.key] = result
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
