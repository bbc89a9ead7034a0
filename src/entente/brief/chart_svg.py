"""The brief's charts as SVG: each Vega-Lite spec of :mod:`entente.brief.charts` rendered by vl-convert, kept
in a cache under the hash of the spec (same spec, same bytes), and a :class:`Painter` that renders a brief's
charts in a child process while the later sections are read."""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from entente import config
from entente.brief.charts import FILES, SCHEMA, VL_VERSION, section_specs, specs
from entente.pictures import palette as _style

__all__ = ["ChartError", "Painter", "cached", "render_all", "renderer_version", "svg", "svgs", "warm_up"]


def _renderer():
    """vl-convert, imported on first use: a brief whose charts are all in the chart cache, or drawn by the
    painter's child process, never needs it in this process (its import costs about 0.07 s)."""
    import vl_convert  # here, not at the top: only a process that renders a chart needs the engine

    return vl_convert


@functools.cache
def renderer_version() -> str:
    """vl-convert's installed version, read from the package metadata (no import): part of the cache key."""
    return importlib.metadata.version("vl-convert-python")


def warm_up() -> None:
    """Start vl-convert's JavaScript engine in this process (about 0.4 s, once a process; it holds the GIL
    meanwhile) with a one-point chart: for a long-lived process such as the web app, at its start, so that
    its first :func:`svg` does not pay it."""
    _renderer().vegalite_to_svg(vl_version=VL_VERSION, vl_spec={
        "$schema": SCHEMA, "data": {"values": [{"x": 0}]}, "mark": "point",
        "encoding": {"x": {"field": "x", "type": "quantitative"}}})


def svg(spec: dict, *, cache: bool = True) -> str:
    """``spec`` as SVG text ready to inline several to a page: ids prefixed with the spec's key
    (:func:`entente.pictures.palette.prefix_ids`), and named for screen readers by its title and footnote
    (:func:`entente.pictures.palette.accessible`). Rendered by vl-convert: same spec, same bytes; so an
    SVG rendered before is read from the chart cache (:func:`cached`) instead, unless ``cache`` is False
    (then it is rendered, and the cache's copy written again)."""
    hit = cached(spec) if cache else None
    return hit if hit is not None else _render(spec)


def _render(spec: dict) -> str:
    return _finish_svg(spec, _renderer().vegalite_to_svg(spec, vl_version=VL_VERSION))


def _finish_svg(spec: dict, text: str) -> str:
    """vl-convert's SVG of ``spec`` with ids prefixed and named for screen readers; kept in the cache."""
    meta = spec.get("usermeta", {}).get("entente", {})
    text = text[text.index("<svg"):]
    if meta.get("key"):
        text = _style.prefix_ids(text, meta["key"])
    text = _style.accessible(text, meta["title"], meta.get("desc")) if meta.get("title") else text
    _store(spec, text)
    return text


def _cache_path(spec: dict) -> Path:
    """``$ENTENTE_HOME/cache/charts/<sha256>.svg``: the hash of the spec (canonical JSON), the Vega-Lite
    version and vl-convert's, so a new renderer or any change of data, words or style is a new file."""
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(f"{VL_VERSION}\n{renderer_version()}\n{text}".encode()).hexdigest()
    return config.home() / "cache" / "charts" / f"{digest}.svg"


def cached(spec: dict) -> str | None:
    """The SVG of ``spec`` rendered before (by this vl-convert and Vega-Lite), or None. Rendering is pure
    (same spec, same bytes), so a brief written again, or the same chart in the web app and the brief,
    skips the JavaScript engine: about 0.4 s to start it and 0.1 s a chart."""
    try:
        return _cache_path(spec).read_text(encoding="utf-8")
    except OSError:          # not rendered yet, or no readable cache: render it
        return None


def _store(spec: dict, text: str) -> None:
    """Keep ``text`` in the chart cache (written to a temporary file, then renamed: a reader never sees
    half a file); without a writable cache the chart is simply rendered again next time."""
    path = _cache_path(spec)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass


def svgs(brief: dict) -> dict[str, str]:
    """Every chart of ``brief`` (:func:`specs`) as SVG text, by name."""
    return render_all(specs(brief))


def render_all(charts: dict[str, dict]) -> dict[str, str]:
    """Each spec of ``charts`` as SVG text (:func:`svg`), by name."""
    return {name: svg(spec) for name, spec in charts.items()}


class ChartError(RuntimeError):
    """vl-convert could not render a chart (the chart's name and vl-convert's message)."""


WORKER = Path(__file__).with_name("_vl_worker.py")


class Painter:
    """Renders a brief's charts in a child process (:mod:`entente.brief._vl_worker`) while the caller reads
    the next sections: :meth:`paint` hands over a spec, :meth:`finish` waits and returns the SVGs by name.

    A chart in the cache (:func:`cached`) is taken at once. The child starts with the first chart that is
    not (a brief written again, or a pair whose charts are all cached, starts none) and starts vl-convert's
    engine at once (0.4 s of CPU, on another core: in a thread it would hold the GIL), while the caller
    reads the next sections. Two small threads move the specs in and the SVGs out, so the caller never
    waits on a pipe.

        painter = Painter()
        brief = assemble(a, b, on_section=painter.section)    # each section's charts handed over when ready
        svgs = painter.finish()
    """

    def __init__(self) -> None:
        self._svgs: dict[str, str] = {}
        self._sent: dict[str, dict] = {}
        self._raw: list[dict] = []
        self._jobs: queue.Queue = queue.Queue()
        self._proc: subprocess.Popen | None = None     # started by the first chart not in the cache

    def _start(self) -> None:
        self._errors = tempfile.TemporaryFile()
        self._proc = subprocess.Popen([sys.executable, str(WORKER), VL_VERSION], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, stderr=self._errors, encoding="utf-8")
        self._writer = threading.Thread(target=self._write, name="entente-charts-in", daemon=True)
        self._reader = threading.Thread(target=self._read, name="entente-charts-out", daemon=True)
        self._writer.start()
        self._reader.start()

    def _write(self) -> None:
        try:
            while (job := self._jobs.get()) is not None:
                self._proc.stdin.write(json.dumps(job, ensure_ascii=False) + "\n")
                self._proc.stdin.flush()
        except OSError:          # the child has gone: finish() says which charts are missing
            pass
        finally:
            try:
                self._proc.stdin.close()
            except OSError:
                pass

    def _read(self) -> None:
        for line in self._proc.stdout:
            self._raw.append(json.loads(line))

    def paint(self, name: str, spec: dict) -> None:
        """Chart ``name``: taken from the cache, or handed to the child to be rendered."""
        hit = cached(spec)
        if hit is not None:
            self._svgs[name] = hit
            return
        if self._proc is None:
            self._start()
        self._sent[name] = spec
        self._jobs.put({"name": name, "spec": spec})

    def section(self, brief: dict, name: str) -> None:
        """Hand over the charts of ``brief``'s section ``name`` (:func:`section_specs`): an ``on_section`` hook."""
        for chart, spec in section_specs(brief, name).items():
            self.paint(chart, spec)

    def cancel(self) -> None:
        """Stop the child without waiting (the caller failed; its charts are not wanted)."""
        if self._proc is None:
            return
        self._jobs.put(None)
        self._proc.kill()
        self._proc.wait()
        self._errors.close()

    def finish(self) -> dict[str, str]:
        """Wait for every chart handed over; their SVGs by name (in :data:`FILES` order). ChartError when
        one could not be rendered."""
        if self._proc is None:        # every chart was in the cache: no child was started
            return {name: self._svgs[name] for name in FILES if name in self._svgs}
        self._jobs.put(None)
        self._writer.join()
        self._reader.join()
        self._proc.wait()
        self._errors.seek(0)
        stderr = self._errors.read().decode("utf-8", "replace").strip()
        self._errors.close()
        for item in self._raw:
            if "error" in item:
                raise ChartError(f"Could not draw the {item['name']!r} chart: {item['error']}")
            self._svgs[item["name"]] = _finish_svg(self._sent[item["name"]], item["svg"])
        missing = [name for name in self._sent if name not in self._svgs]
        if missing:
            raise ChartError(f"The chart renderer stopped before drawing {', '.join(missing)}"
                             + (f": {stderr.splitlines()[-1]}" if stderr else "."))
        return {name: self._svgs[name] for name in FILES if name in self._svgs}
