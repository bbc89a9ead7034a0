"""Soak: the web app's memory under mixed load for a while (issue #13: "memory bounded under an hour").

Starts ``python -m entente serve`` (this checkout's ``src/``, rate limit off) on a free loopback port and
drives it with ``wrk`` (``apt-get install -y wrk``) through a Lua script that mixes addresses: pair pages
and their JSON for many pairs and windows (so the app keeps assembling new briefs and dropping old ones
from its cache of 24), state pages, the blocs page by year, sources, suggestions and an article check.
The server's resident memory (``VmRSS`` from ``/proc``) is sampled every ``--every`` seconds; the result
says whether it levelled off: the growth over the second half of the run against the first.

Usage: ``python benchmarks/soak_web.py [--minutes 10] [--connections 8] [--json benchmarks/results_soak.json]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ["IRN/RUS", "USA/CHN", "IND/PAK", "GRC/TUR", "EGY/ISR", "FRN/GMY", "USA/RUS", "CHN/JPN", "ARG/UKG",
         "ETH/ERI", "ROK/PRK", "SAU/IRN", "USA/CUB", "VNM/CHN", "RUS/UKR", "BRA/ARG", "MOR/ALG", "IRQ/IRN",
         "ISR/SYR", "TUR/RUS", "USA/ISR", "UKG/FRN", "JPN/ROK", "IND/CHN", "AUL/CHN", "CAN/USA", "MEX/USA",
         "POL/RUS", "YUG/CRO", "PAK/AFG"]
WINDOWS = ["", "?from=1991", "?from=2000&to=2010", "?from=1946&to=1991"]
STATES = ["IRN", "RUS", "USA", "CHN", "IND", "BRA", "NIG", "EGY"]


def _addresses() -> list[str]:
    paths = [f"/pair/{p}{w}" for p in PAIRS for w in WINDOWS]
    paths += [f"/pair/{p}.json{w}" for p in PAIRS[:10] for w in WINDOWS[:2]]
    paths += [f"/state/{s}" for s in STATES] + [f"/blocs?year={y}" for y in (1960, 1975, 1990, 2005, 2020, 2025)]
    paths += ["/sources", "/api/suggest?q=ira", "/api/suggest?q=sov", "/check?text=India+and+Pakistan+fought+four+wars."]
    return paths


LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  -- nine in ten requests go to the first sixty addresses (kept answers), one in ten anywhere
  local n = (i %% 10 == 0) and #paths or math.min(60, #paths)
  return wrk.format("GET", paths[math.random(1, n)])
end
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--every", type=float, default=15.0)
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results_soak.json")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("soak_web.py needs wrk: apt-get install -y wrk")
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "ENTENTE_NO_RATE_LIMIT": "1"}
    server = subprocess.Popen([sys.executable, "-m", "entente", "serve", "--port", str(port), "--no-rate-limit"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/sources", timeout=5).read()
                break
            except OSError:
                time.sleep(0.5)
        start_rss = _rss_mb(server.pid)
        paths = _addresses()
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(LUA % ", ".join(json.dumps(p) for p in paths))
        seconds = int(args.minutes * 60)
        load = subprocess.Popen(["wrk", "-t2", f"-c{args.connections}", f"-d{seconds}s", "--timeout", "60s",
                                 "-s", script.name, base], stdout=subprocess.PIPE, text=True)
        samples = []
        t0 = time.monotonic()
        while load.poll() is None:
            samples.append((round(time.monotonic() - t0, 1), round(_rss_mb(server.pid), 1)))
            time.sleep(args.every)
        report = load.stdout.read()
    finally:
        server.terminate()
        server.wait(timeout=30)
    half = len(samples) // 2
    first, second = samples[:half], samples[half:]
    growth = lambda part: part[-1][1] - part[0][1] if len(part) > 1 else 0.0   # noqa: E731
    out = {"minutes": args.minutes, "connections": args.connections, "addresses": len(paths),
           "rss_mb_at_start": round(start_rss, 1), "rss_mb_max": max(s[1] for s in samples),
           "rss_mb_end": samples[-1][1], "growth_first_half_mb": round(growth(first), 1),
           "growth_second_half_mb": round(growth(second), 1), "samples": samples,
           "wrk": [line for line in report.splitlines() if line.strip()],
           "load_average_after": os.getloadavg(), "cpus": os.cpu_count()}
    args.json.write_text(json.dumps(out, indent=1))
    print(json.dumps({k: v for k, v in out.items() if k not in ("samples", "wrk")}, indent=1))


if __name__ == "__main__":
    main()
