"""entente: unpack the relationship between any two states from evidence.

>>> import entente
>>> entente.dyad("Iran", "Russia").alignment(start=2020)        # doctest: +SKIP
>>> entente.resolve("Persia")                                    # doctest: +SKIP
State(ccode=630, abb='IRN', name='Iran', iso3='IRN', gwcode=630)

Submodules: ``alignment`` (UN General Assembly alignment), ``countries`` (the state registry),
``brief`` (evidence briefs), ``warehouse`` (the DuckDB store), ``sources`` (datasets and citations),
``measures`` (pure functions: similarity, roll-call stacking, topics).
"""

from __future__ import annotations

from importlib.metadata import version as _version

from entente import alignment, countries
from entente.countries import State, resolve
from entente.dyad import Dyad, dyad
from entente.errors import (BadInput, ChecksumMismatch, EntenteError, NoEvidence, SchemaError, SourceError,
                            UnknownCountry, WarehouseError)

__version__ = _version("entente")

#: Submodules loaded on first use (``entente.brief.write_brief`` works after ``import entente``) without
#: making ``import entente`` pay for matplotlib, igraph or Ibis.
_LAZY = {"brief", "network", "frames", "events", "pictures", "warehouse", "sources", "measures", "catalog", "period"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib  # lazy submodule import, by design (see _LAZY)

        return importlib.import_module(f"entente.{name}")
    raise AttributeError(f"module 'entente' has no attribute {name!r}")

__all__ = [
    "BadInput", "ChecksumMismatch", "Dyad", "EntenteError", "NoEvidence", "SchemaError", "SourceError", "State",
    "UnknownCountry", "WarehouseError", "alignment", "countries", "dyad", "resolve", "__version__",
]
