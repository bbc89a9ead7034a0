"""entente: unpack the relationship between any two states from evidence.

>>> import entente
>>> entente.dyad("Iran", "Russia").alignment(start=2020)        # doctest: +SKIP
>>> entente.resolve("Persia")                                    # doctest: +SKIP
State(ccode=630, abb='IRN', name='Iran', iso3='IRN', gwcode=630)

Submodules: ``pair`` (one pair's evidence: ``pair.alignment``, ``pair.evidence``, ``pair.trend`` …),
``countries`` (the state registry),
``brief`` (evidence briefs), ``warehouse`` (the DuckDB store), ``sources`` (datasets and citations),
``measures`` (pure functions: similarity, roll-call stacking, topics), ``factcheck`` (an article's
claims checked against the data: ``entente.check(text)`` returns one row per claim; ``entente.read(text)``
returns who did what to whom, one row per actor–action–target triple coded to CAMEO).
"""

from __future__ import annotations

import importlib
from importlib.metadata import version as _version

from entente.errors import (BadInput, ChecksumMismatch, EntenteError, NoEvidence, SchemaError, SourceError,
                            UnknownCountry, WarehouseError)

__version__ = _version("entente")

#: Submodules loaded on first use (``entente.brief.write_brief`` works after ``import entente``) without
#: making ``import entente`` pay for matplotlib, igraph or Ibis.
_LAZY = {"pair", "brief", "network", "frames", "events", "pictures", "warehouse", "sources", "measures",
         "catalog", "period", "factcheck", "countries"}


#: Names whose modules load on first use: ``entente.dyad(...)``, ``entente.resolve(...)`` and ``from entente
#: import alignment`` (``entente.pair.alignment``, kept at the top for the API's users). The state registry
#: loads pandas, so even ``entente.countries`` waits until it is used: ``entente --help`` does not need it.
_LAZY_NAMES = {"dyad": ("entente.pair.dyad", "dyad"), "Dyad": ("entente.pair.dyad", "Dyad"),
               "State": ("entente.countries", "State"), "resolve": ("entente.countries", "resolve"),
               "alignment": ("entente.pair.alignment", None), "check": ("entente.factcheck", "check"),
               "read": ("entente.factcheck.read", "read")}


def __getattr__(name: str):
    if name in _LAZY_NAMES:
        module, attribute = _LAZY_NAMES[name]
        loaded = importlib.import_module(module)
        return getattr(loaded, attribute) if attribute else loaded
    if name in _LAZY:
        return importlib.import_module(f"entente.{name}")
    raise AttributeError(f"module 'entente' has no attribute {name!r}")


__all__ = [
    "BadInput", "ChecksumMismatch", "Dyad", "EntenteError", "NoEvidence", "SchemaError", "SourceError", "State",
    "UnknownCountry", "WarehouseError", "alignment", "check", "countries", "dyad", "read", "resolve", "__version__",
]
