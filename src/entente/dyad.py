"""Everything about one pair of states, in one object: ``entente.dyad("Iran", "Russia")``."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from entente import alignment as _alignment
from entente import countries
from entente.errors import BadInput


@dataclass(frozen=True)
class Dyad:
    """A pair of states; methods return DataFrames with ``a`` as ``ccode1``."""

    a: countries.State
    b: countries.State

    def alignment(self, **options) -> pd.DataFrame:
        """UNGA alignment per year (see :func:`entente.alignment.alignment` for options)."""
        return _alignment.alignment(self.a.ccode, self.b.ccode, **options)

    def ranks(self, **options) -> pd.DataFrame:
        """Where each ranks among the other's UNGA partners, per year."""
        return _alignment.ranks(self.a.ccode, self.b.ccode, **options)

    def splits(self, **options) -> pd.DataFrame:
        """UNGA roll calls on which the two voted differently, newest first."""
        return _alignment.splits(self.a.ccode, self.b.ccode, **options)

    def brief(self, **options) -> dict:
        """Write the evidence brief (HTML, Markdown, JSON) and return it as a dict."""
        from entente.brief import write_brief

        return write_brief(self.a.ccode, self.b.ccode, **options)

    def __str__(self) -> str:
        return f"{self.a.label} – {self.b.label}"


def dyad(a, b) -> Dyad:
    """The pair ``a``–``b``, each given as a name or code ("Iran", "IRN", 630)."""
    sa, sb = countries.resolve(a), countries.resolve(b)
    if sa.ccode == sb.ccode:
        raise BadInput(f"Both states are {sa.label}; a dyad needs two different states.")
    return Dyad(sa, sb)
