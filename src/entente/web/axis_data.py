"""What the axis page shows: a group's cohesion in the UN General Assembly against random groups.

:func:`entente.network.axis` does the work (mean within-group Cohen's κ per session-year against 1,000
region-matched random groups, seed 42; formal ties and shared adversaries). This module parses the
page's ``states`` argument, caches results per (group, window, data version), and picks the columns a
page and its CSV show.
"""

from __future__ import annotations

import pandas as pd

from entente import countries, network
from entente.errors import BadInput
from entente.store import Connection
from entente.web.versioned_cache import versioned

__all__ = ["COLUMNS", "MAX_STATES", "axis", "parse_states"]

MAX_STATES = 12
COLUMNS = ["year", "members", "kappa", "agree", "base_mean", "base_lo", "base_hi", "percentile", "z", "above_90",
           "defence_ties", "shared_adversaries", "unga_opposed"]


def parse_states(text: str) -> tuple[int, ...]:
    """``"IRN,RUS,CHN,PRK"`` (commas or spaces) → COW codes in the order given, duplicates dropped.

    BadInput for fewer than two states or more than :data:`MAX_STATES`; UnknownCountry (with
    suggestions) for a name no state has.
    """
    parts = [p for p in text.replace(",", " ").split() if p]
    if len(parts) > MAX_STATES:
        raise BadInput(f"An axis takes at most {MAX_STATES} states; got {len(parts)}.")
    codes = tuple(dict.fromkeys(countries.resolve(p).ccode for p in parts))
    if len(codes) < 2:
        raise BadInput("An axis needs at least two different states, e.g. states=IRN,RUS,CHN,PRK.")
    return codes


@versioned(maxsize=64)
def axis(codes: tuple[int, ...], start: int, end: int, *, con: Connection) -> pd.DataFrame:
    """:func:`entente.network.axis` for the group over ``start``–``end`` (1,000 draws, seed 42)."""
    return network.axis(list(codes), start, end, con=con)
