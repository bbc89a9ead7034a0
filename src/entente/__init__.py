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

__all__ = [
    "BadInput", "ChecksumMismatch", "Dyad", "EntenteError", "NoEvidence", "SchemaError", "SourceError", "State",
    "UnknownCountry", "WarehouseError", "alignment", "countries", "dyad", "resolve", "__version__",
]
