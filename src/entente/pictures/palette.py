"""What every picture and every brief chart shares and needs no drawing library for: the palette, short
state labels, the source line, and SVG text helpers (ids prefixed per chart, SVGs named for screen readers).

Split from :mod:`entente.pictures._style` (which re-exports all of it) so that :mod:`entente.brief.charts`
(Vega-Lite specs rendered by vl-convert) can take its colours and SVG helpers without importing matplotlib.
"""

from __future__ import annotations

import html
import re
import textwrap

from entente import countries
from entente.countries_aliases import FORMER_ISO_CODES

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
