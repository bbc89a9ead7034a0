"""Everything about one pair of states, in one object: ``entente.dyad("Iran", "Russia")``, the face of
:mod:`entente.pair`. Names are resolved here, once; each method passes COW codes inward."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from entente import countries
from entente.errors import BadInput
from entente.pair import alignment as _alignment
from entente.pair import evidence
from entente.pair import third_parties as _third_parties
from entente.pair import trend as _trend


@dataclass(frozen=True)
class Dyad:
    """A pair of states; methods return DataFrames with ``a`` as ``ccode1``."""

    a: countries.State
    b: countries.State

    def alignment(self, **options) -> pd.DataFrame:
        """UNGA alignment per year (see :func:`entente.pair.alignment.alignment` for options)."""
        return _alignment.alignment(self.a.ccode, self.b.ccode, **options)

    def ranks(self, **options) -> pd.DataFrame:
        """Where each ranks among the other's UNGA partners, per year."""
        return _alignment.ranks(self.a.ccode, self.b.ccode, **options)

    def splits(self, **options) -> pd.DataFrame:
        """UNGA roll calls on which the two voted differently, newest first."""
        return _alignment.splits(self.a.ccode, self.b.ccode, **options)

    def wars(self) -> pd.DataFrame:
        """COW inter-state wars between the two."""
        return evidence.wars(self.a.ccode, self.b.ccode)

    def disputes(self) -> pd.DataFrame:
        """GML militarized disputes between the two, one row per dispute."""
        return evidence.disputes(self.a.ccode, self.b.ccode)

    def alliances(self, dataset: str = "atop") -> pd.DataFrame:
        """Alliance obligations of a towards b as spells (ATOP or COW)."""
        return evidence.alliances(self.a.ccode, self.b.ccode, dataset=dataset)

    def trade(self) -> pd.DataFrame:
        """Trade each way per year, shares of each side's trade, asymmetry."""
        return evidence.trade(self.a.ccode, self.b.ccode)

    def arms(self) -> pd.DataFrame:
        """SIPRI deliveries both ways (when the SIPRI export is supplied)."""
        return evidence.arms(self.a.ccode, self.b.ccode)

    def third_parties(self, **options) -> pd.DataFrame:
        """Every third state's standing with both sides (see :mod:`entente.pair.third_parties`)."""
        return _third_parties.third_parties(self.a.ccode, self.b.ccode, **options)

    def trend(self, **options) -> dict:
        """Change points, last-decade direction and the composite index (see :mod:`entente.pair.trend`)."""
        return _trend.trend(self.a.ccode, self.b.ccode, **options)

    def __str__(self) -> str:
        return f"{self.a.label} – {self.b.label}"


def dyad(a, b, *, year: int | None = None) -> Dyad:
    """The pair ``a``–``b``, each given as a name or code ("Iran", "IRN", 630), named as in ``year``.

    Input from a person, so checked as the command line checks it: a name that meant two states then
    ("Korea", "Congo", "Germany" with year=1980) raises AmbiguousCountry listing them, and the same
    state twice raises BadInput ("Both states are Russia (RUS, COW 365); give two different states.").
    """
    sa, sb = countries.resolve(a, year=year, strict=True), countries.resolve(b, year=year, strict=True)
    if sa.ccode == sb.ccode:
        given = f" ({a!r} and {b!r})" if a != b else ""
        raise BadInput(f"Both states are {sa.label}{given}; give two different states.")
    return Dyad(sa, sb)
