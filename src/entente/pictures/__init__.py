"""Pictures: a bloc map of the world, network drawings around a pair or a group, bloc membership over time.

    from entente import pictures
    fig = pictures.bloc_map(1985)                          # the world coloured by UNGA voting bloc
    fig = pictures.pair_network("IRN", "RUS", 2019)        # the pair and its closest partners that year
    fig = pictures.group_network(["RUS", "IRN", "CHN", "PRK"], 2020)
    fig = pictures.bloc_timeline("IRN", 1990, 2025)        # which bloc each year (labels matched across years)
    pictures.save(fig, "blocs-1985.svg")                   # .png, .svg, or .html (one self-contained page)

Every function returns a matplotlib Figure with a title, a legend and its source line, built only from
:mod:`entente.network` and the bundled geometry (:mod:`entente.pictures.geometry`): nothing is fetched.
Same arguments, same seed → the same drawing, and :func:`save` writes the same SVG bytes.
"""

from __future__ import annotations

import importlib

# Loaded on first use, so that importing a light module of the package (palette, layout: what the brief's
# Vega-Lite charts need) does not import matplotlib and igraph with the drawings.
_LAZY_NAMES = {"bloc_map": "maps", "bloc_timeline": "timeline", "group_network": "graphs",
               "pair_network": "graphs", "save": "_style", "strongest_neighbours": "layout", "svg_text": "_style"}


def __getattr__(name: str):
    if name in _LAZY_NAMES:
        return getattr(importlib.import_module(f"entente.pictures.{_LAZY_NAMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["bloc_map", "bloc_timeline", "group_network", "pair_network", "save", "strongest_neighbours", "svg_text"]
