"""Names of well-known militarized disputes, tied to the GML MID numbers that code them.

The MID data number disputes and do not name them; a reader knows the Cuban Missile Crisis, not MID 61.
Each name below is tied to its dispute by what the GML MIDs 2.2.1 record (start year and month, the
states on either side) and by the crisis's dates in the standard accounts (Brecher & Wilkenfeld,
*A Study of Crisis*, 1997, and the ICB data). ``tests/test_prose.py`` checks every tie against the
warehouse: a name whose dispute no longer has those participants and start fails the tests.
"""

from __future__ import annotations

#: dispnum → (name, start year, start month, participants (COW codes) the data must hold).
DISPUTE_NAMES: dict[int, tuple[str, int, int, frozenset[int]]] = {
    26: ("the Berlin Blockade crisis", 1948, 3, frozenset({2, 200, 220, 365})),
    27: ("the Berlin Wall crisis", 1961, 7, frozenset({2, 200, 220, 260, 265, 365})),
    61: ("the Cuban Missile Crisis", 1962, 8, frozenset({2, 40, 365})),
    173: ("the Second Taiwan Strait Crisis", 1958, 7, frozenset({2, 710, 713})),
    4064: ("the Third Taiwan Strait Crisis", 1995, 7, frozenset({2, 710, 713})),
}


def dispute_name(dispnum) -> str | None:
    """The name of MID ``dispnum`` ("the Cuban Missile Crisis" for 61), or None."""
    found = DISPUTE_NAMES.get(int(dispnum)) if dispnum is not None else None
    return found[0] if found else None
