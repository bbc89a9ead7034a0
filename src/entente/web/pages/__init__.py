"""The app's pages, one module per family (home, pair, check, sources, state, blocs, axis, api).

Each module defines ``router`` (a FastAPI ``APIRouter``) and, if it belongs in the navigation bar,
``NAV = (label, address, order)``. :func:`modules` finds them all (no list to keep in sync): a new family
is a new module here.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil


@functools.cache
def modules() -> tuple:
    """Every page module, in name order."""
    return tuple(importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__)
                 if not info.name.startswith("_"))


@functools.cache
def navigation() -> tuple[tuple[str, str], ...]:
    """(label, address) for the navigation bar, in each module's ``NAV`` order."""
    entries = [m.NAV for m in modules() if getattr(m, "NAV", None)]
    return tuple((label, href) for label, href, _ in sorted(entries, key=lambda e: (e[2], e[0])))
