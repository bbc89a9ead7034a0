"""Benchmark: the web app (``entente serve``) under load on loopback, against the Python API and the shell.

**Needs wrk** (https://github.com/wg/wrk; ``apt-get install -y wrk``): it drives the load and reports the
latency distribution (a Lua ``done()`` hook prints p50, p95 and p99 as JSON).

What is timed (wall time), in one run so that the comparisons hold on a busy machine:

- **cold**: a fresh ``python -m entente serve`` process (this checkout's ``src/``), the warehouse already
  built; once it answers a static file, the first request for the pair page (``/pair/A/B``) and, in another
  fresh server, for the pair JSON (``/pair/A/B.json``): start-up excluded, imports of the brief and the
  first assembly included. Median of ``--cold-repeat`` servers each.
- **warm**: one server, both addresses asked once (the app keeps assembled briefs per pair, window and data
  version), then ``wrk`` at 1, 8, 32 and 64 concurrent connections for ``--seconds`` each: p50, p95, p99,
  requests per second and non-2xx answers. Targets (issue #13): warm pair JSON p95 ≤ 50 ms and pair page
  p95 ≤ 150 ms at 32 clients on 2 cores.
- **other pages, warm** (for scale): the state page (``/state/A``), its JSON and the blocs page's JSON at 32
  connections, each asked once first; and two floors: a static file (``/static/app.css``: uvicorn and the
  middleware, no handler work) and ``/api/resolve?q=A`` (a small JSON answer through a handler).
- **baseline, in-process**: the same pair's data through the Python API (``entente.web.briefs.build``:
  assemble, compose, draw the charts, as the pair page does) in this process: the first call (imports
  warm, caches cold) and the median of later calls; also the JSON body alone (``respond.jsonable`` +
  ``json.dumps`` of the assembled brief), which every warm JSON request pays.
- **baseline, shell**: ``entente brief A B --out TMP`` as a fresh process (median of ``--shell-repeat``),
  the cold page's counterpart a user already has.

The machine's load (``os.getloadavg()``) is recorded before and after: other jobs share the cores.

Usage: ``python benchmarks/bench_web.py [A B] [--seconds 10] [--json benchmarks/results_web.json]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
CONCURRENCY = (1, 8, 32, 64)
TARGETS_MS = {"json": 50.0, "page": 150.0}   # warm p95 at 32 clients

LUA = r"""
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format('WRKJSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "mean_us": %.1f, "non_2xx": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean, errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
"""


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 300) -> tuple[int, int]:
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.status, len(r.read())


class Server:
    """``python -m entente serve`` on a free loopback port, without the rate limit."""

    def __init__(self):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen([sys.executable, "-m", "entente", "serve", "--port", str(self.port),
                                      "--no-rate-limit"], env=_env(), stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 180
        while True:
            try:
                _get(self.base + "/static/entente.css", timeout=2)
                return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("entente serve did not start") from None
                time.sleep(0.1)

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def cold(path: str, repeat: int) -> dict:
    times = []
    for _ in range(repeat):
        server = Server()
        try:
            t = time.perf_counter()
            status, size = _get(server.base + path)
            times.append(time.perf_counter() - t)
            assert status == 200, status
        finally:
            server.close()
    return {"first_request_s": round(statistics.median(times), 3), "runs_s": [round(x, 3) for x in times],
            "bytes": size}


def wrk(url: str, connections: int, seconds: int, script: Path) -> dict:
    threads = min(connections, 2)
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s",
                          "-s", str(script), url], capture_output=True, text=True, check=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("WRKJSON "))
    raw = json.loads(line.removeprefix("WRKJSON "))
    return {"connections": connections, "threads": threads, "requests": raw["requests"],
            "rps": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
            "p50_ms": raw["p50_us"] / 1000, "p95_ms": raw["p95_us"] / 1000, "p99_ms": raw["p99_us"] / 1000,
            "max_ms": raw["max_us"] / 1000, "mean_ms": round(raw["mean_us"] / 1000, 2),
            "non_2xx": raw["non_2xx"], "socket_errors": raw["socket_errors"]}


def in_process(a: str, b: str, repeat: int) -> dict:
    """The pair's data through the Python API in this process (what the pair page computes on a miss)."""
    from entente import countries, warehouse
    from entente.web import briefs, respond

    con = warehouse.connection()
    sa, sb = countries.resolve(a), countries.resolve(b)
    t = time.perf_counter()
    live = briefs.build(sa, sb, None, None, None, con)
    first = time.perf_counter() - t
    later, body = [], []
    for _ in range(repeat):
        t = time.perf_counter()
        live = briefs.build(sa, sb, None, None, None, con)
        later.append(time.perf_counter() - t)
        t = time.perf_counter()
        text = json.dumps(respond.jsonable(live.brief), ensure_ascii=False, allow_nan=False)
        body.append(time.perf_counter() - t)
    return {"build_first_s": round(first, 3), "build_warm_median_s": round(statistics.median(later), 3),
            "json_body_median_ms": round(1000 * statistics.median(body), 2), "json_bytes": len(text.encode())}


def shell(a: str, b: str, repeat: int) -> dict:
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as out:
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "entente", "brief", a, b, "--out", out], env=_env(), check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times.append(time.perf_counter() - t)
    return {"entente_brief_s": round(statistics.median(times), 3), "runs_s": [round(x, 3) for x in times]}


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pair", nargs="*", default=["IRN", "RUS"])
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per concurrency level")
    parser.add_argument("--cold-repeat", type=int, default=2)
    parser.add_argument("--shell-repeat", type=int, default=2)
    parser.add_argument("--api-repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results_web.json")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        sys.exit("bench_web.py needs wrk: apt-get install -y wrk")
    a, b = (args.pair + ["IRN", "RUS"])[:2]
    paths = {"page": f"/pair/{a}/{b}", "json": f"/pair/{a}/{b}.json"}
    sys.path.insert(0, str(SRC))
    from entente import warehouse

    warehouse.ensure(progress=False)            # cold means a cold server, not a warehouse build
    result = {"when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "pair": [a, b],
              "cores": os.cpu_count(), "loadavg_before": [round(x, 2) for x in os.getloadavg()],
              "python": sys.version.split()[0], "wrk_seconds": args.seconds, "targets_ms": TARGETS_MS}

    result["cold"] = {name: cold(path, args.cold_repeat) for name, path in paths.items()}
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "report.lua"
        script.write_text(LUA)
        server = Server()
        try:
            for path in paths.values():
                _get(server.base + path)                                        # prime
            result["warm"] = {name: [wrk(server.base + path, c, args.seconds, script) for c in CONCURRENCY]
                              for name, path in paths.items()}
            others = {"state_page": f"/state/{a}", "state_json": f"/state/{a}.json", "blocs_json": "/blocs.json",
                      "floor_static_css": "/static/app.css", "floor_api_resolve": f"/api/resolve?q={a}"}
            for path in others.values():
                _get(server.base + path)
            result["warm_other_pages_32"] = {name: wrk(server.base + path, 32, args.seconds, script)
                                             for name, path in others.items()}
        finally:
            server.close()
    result["baseline"] = {"in_process": in_process(a, b, args.api_repeat), "shell": shell(a, b, args.shell_repeat)}
    result["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    verdict = {}
    for name, target in TARGETS_MS.items():
        at32 = next(r for r in result["warm"][name] if r["connections"] == 32)
        verdict[name] = {"p95_ms_at_32": at32["p95_ms"], "target_ms": target, "met": at32["p95_ms"] <= target,
                         "over_by_ms": round(max(0.0, at32["p95_ms"] - target), 1)}
    result["verdict"] = verdict
    args.json.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
