"""What the blocs page shows: the UNGA voting blocs of one session-year and the world map coloured by them.

Blocs are :func:`entente.network.blocs` (Leiden on excess Cohen's κ, fixed seed 42; Traag, Waltman & van
Eck 2019): the same year gives the same blocs. Each bloc is named by its strongest core members
(:func:`entente.pictures.maps.bloc_names`, as on the PNG/SVG bloc map). The map's GeoJSON comes from
:mod:`entente.web.world`; results are cached per (year, data version).
"""

from __future__ import annotations

import pandas as pd

from entente import network
from entente.pictures import maps
from entente.pictures._style import short
from entente.store import Connection
from entente.web import world
from entente.web.versioned_cache import versioned

__all__ = ["bloc_table", "blocs", "world_map"]


@versioned(maxsize=96)
def blocs(year: int, *, con: Connection) -> pd.DataFrame:
    """Every voting state of ``year``: year, ccode, abb, name, bloc, bloc_size, core, strength (network.blocs)."""
    return network.blocs(year, con=con)


def bloc_table(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per bloc: bloc, size, name (its strongest core members), core (every core member, by
    strength), members (every member, by strength); states by the short codes of the bloc map (ISO3, or
    USSR, DDR … for states that no longer exist: :func:`entente.pictures._style.short`)."""
    names = maps.bloc_names(frame)
    rows = []
    year = int(frame["year"].iat[0]) if len(frame) else None
    for bloc, group in frame.groupby("bloc", sort=True):
        ranked = group.sort_values("strength", ascending=False)
        rows.append({"bloc": int(bloc), "size": len(group), "name": names[int(bloc)],
                     "core": ", ".join(short(c, year) for c in ranked.loc[ranked["core"], "ccode"]),
                     "members": ", ".join(short(c, year) for c in ranked["ccode"])})
    return pd.DataFrame(rows, columns=["bloc", "size", "name", "core", "members"])


@versioned(maxsize=96)
def world_map(year: int, *, con: Connection) -> dict:
    """The GeoJSON world of ``year`` with each shape's bloc (None: no vote that year, or not a state), and a dot
    at the capital of each voting state that no shape shows."""
    frame = blocs(year, con=con)
    return world.feature_collection(year, dict(zip(frame["ccode"].astype(int), frame["bloc"].astype(int))),
                                    world.capitals(con))
