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
import re
import sys
import textwrap
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure

from entente import countries
from entente.countries_aliases import FORMER_ISO_CODES
from entente.errors import BadInput

matplotlib.use("Agg")

#: Paul Tol's "muted" scheme (colour-blind safe), then four more distinct hues for crowded years.
BLOC_COLOURS = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499",
                "#E67E22", "#5D6D7E", "#A3E4D7", "#F1948A")
OTHER_BLOC = "#b3b3b3"         # blocs beyond the palette
NO_DATA = "#d4d4d4"            # a state with no UN vote that year
NOT_STATE = "#efefef"          # territory that is no COW state
A_COLOUR, B_COLOUR = "#c4622d", "#3f8f5a"   # the brief's colours for the two sides of a pair
PAIR_COLOUR = "#1f3b73"                     # the pair's own line (alignment, composite index)
#: Militarized dispute hostility levels (GML/COW ``hostlev``, labels in
#: :data:`entente.measures.history.HOSTILITY`): pale for no militarized action, dark red for war.
HOSTILITY_COLOURS = {1: "#d9d9d9", 2: "#f2c94c", 3: "#f2994a", 4: "#c0392b", 5: "#6d1a12"}
INK, MUTED = "#222222", "#555555"
EXTENSIONS = (".png", ".svg", ".html")
SVG_METADATA = {"Date": None, "Creator": None}   # no timestamp, no version: same drawing, same bytes
RC = {"svg.fonttype": "none", "svg.hashsalt": "entente", "font.size": 10, "font.family": "sans-serif",
      "path.simplify": True}


def wrap(text: str, width_inches: float, fontsize: float) -> str:
    """Break ``text`` into lines that fit ``width_inches`` at ``fontsize`` (about 0.55 em a character).

    Cheaper than matplotlib's ``wrap=True``, which measures the text word by word at every draw.
    """
    return textwrap.fill(text, width=max(20, int(width_inches * 72 / (0.55 * fontsize))))


def source_line(seed: int | None = None, extra: str | None = None) -> str:
    """``"Source: UNGA votes, Voeten et al.; blocs: Leiden, seed 42"`` (plus ``extra``)."""
    text = "Source: UNGA votes, Voeten et al. and UN DGACM"
    if seed is not None:
        text += f"; blocs: Leiden, seed {seed}"
    return text + (f". {extra}" if extra else "")


#: States whose code changes meaning over time: shown as these letters up to the year given.
HISTORICAL_CODES = {365: ("USSR", 1991), 345: ("YUG", 2002)}


def short(ccode: int, year: int | None = None) -> str:
    """A state's short code for labels: "USSR" (365 to 1991) and "YUG" (345 to 2002) in ``year``; else ISO3
    (IRN, DEU); else the withdrawn ISO code (DDR, CSK, YMD); else COW letters (GFR, YAR), or the name
    where COW's letters are another state's ISO3 code."""
    ccode = int(ccode)
    if year is not None and ccode in HISTORICAL_CODES and year <= HISTORICAL_CODES[ccode][1]:
        return HISTORICAL_CODES[ccode][0]
    state = countries.resolve(ccode)
    if state.iso3:
        return state.iso3
    former = [code for code, c in FORMER_ISO_CODES.items() if c == ccode and len(code) == 3]
    if former:
        return former[0]
    return state.abb if state.abb not in countries.CODE_CLASHES else state.name


def bloc_colour(rank: int) -> str:
    """The colour of the ``rank``-th bloc (0-based), grey past the palette."""
    return BLOC_COLOURS[rank] if rank < len(BLOC_COLOURS) else OTHER_BLOC


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


_TAG = re.compile(r"<[^!?<>][^<>]*>")           # start and end tags, not comments or processing instructions
_ID = re.compile(r'(\sid=")([^"]+)(")')
_REF = re.compile(r'((?:xlink:)?href="#|url\(#)([^")]+)')


def id_key(key: str) -> str:
    """``key`` made a safe id prefix: letters, digits, ``-`` and ``_`` only, starting with a letter."""
    key = re.sub(r"[^A-Za-z0-9_-]+", "-", str(key)).strip("-") or "chart"
    return key if key[0].isalpha() else f"c{key}"


def prefix_ids(svg: str, key: str) -> str:
    """``svg`` with every ``id="x"`` renamed ``id="<key>-x"``, and its references (``url(#x)``,
    ``href="#x"``, ``xlink:href="#x"``) with it.

    matplotlib numbers its ids per figure (``figure_1``, ``axes_1``, ``patch_3``, ``line2d_7``) and names
    clip paths and markers by a hash of their shape and ``svg.hashsalt``: that salt makes a drawing's ids
    repeatable, not different from another drawing's, so two charts in one HTML page still share
    ``figure_1`` and, when their axes have the same size, their clip path ids.
    """
    key = id_key(key)
    ids = {m.group(2) for tag in _TAG.findall(svg) for m in _ID.finditer(tag)}

    def rename(tag: re.Match) -> str:
        text = _ID.sub(lambda m: f"{m.group(1)}{key}-{m.group(2)}{m.group(3)}", tag.group(0))
        return _REF.sub(lambda m: f"{m.group(1)}{key}-{m.group(2)}" if m.group(2) in ids else m.group(0), text)

    return _TAG.sub(rename, svg)


def accessible(svg: str, title: str, desc: str | None = None) -> str:
    """``svg`` announced as one image: ``role="img"`` and ``aria-label`` on the root ``<svg>``, and its first
    children a ``<title>`` (``title``) and, when given, a ``<desc>`` (``desc``, say the source)."""
    start = svg.index("<svg")
    end = svg.index(">", start)
    text = html.escape(" ".join(title.split()), quote=False)
    label = text.replace('"', "&quot;")
    head = f' role="img" aria-label="{label}"><title>{text}</title>'
    if desc:
        head += f"<desc>{html.escape(' '.join(desc.split()), quote=False)}</desc>"
    return svg[:end] + head + svg[end + 1:]


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
