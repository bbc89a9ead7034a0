"""Render Vega-Lite specs to SVG with vl-convert in a process of its own, for :class:`entente.brief.chart_svg.Painter`.

Why a process and not a thread: vl-convert's first call starts its JavaScript engine while holding the GIL
(about 0.4 s: ``Thread.start()`` itself returns only when it is done), so a thread cannot overlap that start
with the brief's data; a child process can, on the other core. Later conversions release the GIL, but one
process keeps the whole cost off the caller.

Run as a script (``python _vl_worker.py VL_VERSION``), so that it imports vl-convert and nothing of entente.
It starts the engine at once, then reads one JSON object a line on stdin, ``{"name", "spec"}``, and writes
one a line on stdout, ``{"name", "svg"}`` (Vega's SVG as vl-convert gives it) or ``{"name", "error"}``.

It lowers its own scheduling priority (``nice`` 10) first: the charts are background work, and where
the cores are all busy the brief's data (which the charts wait for anyway) should have them.
"""

from __future__ import annotations

import json
import os
import sys

import vl_convert

WARM_UP = {"data": {"values": [{"x": 0}]}, "mark": "point", "encoding": {"x": {"field": "x", "type": "quantitative"}}}


def main(vl_version: str) -> None:
    if hasattr(os, "nice"):       # POSIX only
        os.nice(10)
    vl_convert.vegalite_to_svg(WARM_UP, vl_version=vl_version)
    for line in sys.stdin:
        job = json.loads(line)
        try:
            out = {"name": job["name"], "svg": vl_convert.vegalite_to_svg(job["spec"], vl_version=vl_version)}
        except Exception as exc:  # the caller raises it, with the chart's name
            out = {"name": job["name"], "error": f"{type(exc).__name__}: {exc}"}
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1])
