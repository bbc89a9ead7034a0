"""What every picture and every brief chart shares: the palette, the source line, SVG ids prefixed per chart
and SVGs named for screen readers, and (for the pictures) matplotlib's backend and fonts and writing PNG, SVG
or HTML.

This is entente's one drawing style module. :mod:`entente.pictures` (matplotlib figures) take the backend,
:data:`RC` and their figures (:func:`figure`, :func:`subplots`) from here, and nothing else in entente sets a
matplotlib setting. :mod:`entente.brief.charts` (Vega-Lite specs, rendered by vl-convert) takes the colours,
:func:`prefix_ids` and :func:`accessible`. SVG text from :func:`svg_text` is ready to inline several to a
page: its element ids carry a per-chart prefix, and it names itself to screen readers (``role="img"``,
``aria-label``, ``<title>``, ``<desc>``).

Figures are plain :class:`matplotlib.figure.Figure` objects made here, not pyplot's: pyplot keeps every
figure in a global registry until it is closed, and entente's drawings need neither the registry nor a
window. The backend is still set to Agg here, so that pyplot (which igraph imports, and ``_style.plt``
gives callers who want it) never needs a display. The same drawing gives the same bytes either way.
"""

from __future__ import annotations

import functools
import hashlib
import html
import io
import sys
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure

from entente.errors import BadInput
from entente.pictures.palette import (  # noqa: F401  (re-exported: the pictures take them from here)
    A_COLOUR, B_COLOUR, BLOC_COLOURS, HISTORICAL_CODES, HOSTILITY_COLOURS, INK, MUTED, NO_DATA, NOT_STATE, OTHER_BLOC,
    PAIR_COLOUR, accessible, bloc_colour, id_key, prefix_ids, short, source_line, wrap,
)

matplotlib.use("Agg")

EXTENSIONS = (".png", ".svg", ".html")
SVG_METADATA = {"Date": None, "Creator": None}   # no timestamp, no version: same drawing, same bytes
RC = {"svg.fonttype": "none", "svg.hashsalt": "entente", "font.size": 10, "font.family": "sans-serif",
      "path.simplify": True}


def styled(func):
    """Draw inside entente's matplotlib settings (text kept as text in SVG, fixed SVG ids, font size)."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with matplotlib.rc_context(RC):
            return func(*args, **kwargs)

    return wrapper


def figure(figsize: tuple[float, float]) -> Figure:
    """A new figure of ``figsize`` inches (not registered with pyplot: nothing to close)."""
    return Figure(figsize=figsize)


def subplots(figsize: tuple[float, float]):
    """A new figure of ``figsize`` inches and its one axes, as ``plt.subplots`` gives them."""
    fig = figure(figsize)
    return fig, fig.subplots()


def __getattr__(name: str):
    if name == "plt":   # pyplot for callers who want it (tests, notebooks); entente's drawings do not use it
        import matplotlib.pyplot as plt

        return plt
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def check_extension(path) -> str:
    """The extension of ``path`` if entente can write it; BadInput otherwise (before any work is done)."""
    ext = Path(path).suffix.lower()
    if ext not in EXTENSIONS:
        raise BadInput(f"Cannot write {str(path)!r}: pictures are saved as {', '.join(EXTENSIONS)} "
                       f"(chosen by the extension); got {ext or 'no extension'!r}.")
    return ext


def svg_text(fig, *, close: bool = False, tight: bool = True, key: str | None = None, title: str | None = None,
             desc: str | None = None) -> str:
    """The figure as SVG text without the XML prolog (for inline use); the same figure gives the same bytes.

    ``tight=False`` keeps the figure's own size and skips the extra layout pass that trimming needs
    (the pictures place every text inside the figure, so nothing is cut).

    Every element id is prefixed with ``key`` (default: a hash of the drawing), so several SVGs inlined in
    one page have no id in common; see :func:`prefix_ids`. ``title`` (default: the figure's label, which
    the drawing functions set to their title) and ``desc`` (say, the source line) go to
    :func:`accessible`.
    """
    buffer = io.StringIO()
    with matplotlib.rc_context(RC):
        fig.savefig(buffer, format="svg", bbox_inches="tight" if tight else None, metadata=SVG_METADATA)
    if close and getattr(fig.canvas, "manager", None) is not None:   # a pyplot figure: let pyplot forget it
        sys.modules["matplotlib.pyplot"].close(fig)
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    if key is None:
        key = "c" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    text = prefix_ids(text, key)
    title = title or _title_of(fig)
    return accessible(text, title, desc) if title else text


def save(fig, path, *, title: str | None = None) -> Path:
    """Write ``fig`` to ``path``: PNG (150 dpi) or SVG by extension, or a self-contained HTML page (inline SVG).

    The HTML page has no script and no external URL; it scales the drawing to the window width.
    """
    path = Path(path)
    ext = check_extension(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if ext == ".png":
        with matplotlib.rc_context(RC):
            fig.savefig(path, format="png", dpi=150, bbox_inches="tight", metadata={"Software": None})
    elif ext == ".svg":
        path.write_text('<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
                        + svg_text(fig, title=title), encoding="utf-8")
    else:
        heading = title or _title_of(fig) or path.stem
        page = ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                f"<title>{html.escape(heading)}</title>\n"
                "<style>body{margin:1rem;font-family:sans-serif;color:#222}"
                "figure{margin:0;max-width:1100px}figure svg{width:100%;height:auto}</style>\n"
                f"</head>\n<body>\n<figure>\n{svg_text(fig)}</figure>\n</body>\n</html>\n")
        path.write_text(page, encoding="utf-8")
    return path


def _title_of(fig) -> str | None:
    """The title the drawing functions record as the figure's label."""
    return fig.get_label() or None
