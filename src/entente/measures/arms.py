"""Arms transfers between two states from the SIPRI trade register: TIV each way, systems named.

SIPRI's trend-indicator value (TIV) measures the volume of major conventional arms delivered, priced
on a common unit-production-cost scale; it is not money and not comparable with trade values.
The bundled register covers deliveries from 1995 (SIPRI Arms Transfers Database, export of 12 Feb 2026).
"""

from __future__ import annotations

import pandas as pd


def transfers(register: pd.DataFrame, supplier: int, recipient: int) -> pd.DataFrame:
    """Deliveries from ``supplier`` to ``recipient``: one row per deal and delivery year, newest first."""
    rows = register[(register["supplier_ccode"] == supplier) & (register["recipient_ccode"] == recipient)]
    keep = ["delivery_year", "designation", "description", "armament_category", "numbers_delivered",
            "tiv_delivery_values", "order_year", "status", "sipri_at_database_id"]
    return rows[keep].sort_values(["delivery_year", "tiv_delivery_values"], ascending=[False, False]).reset_index(drop=True)


def tiv_by_year(register: pd.DataFrame, a: int, b: int) -> pd.DataFrame:
    """Per delivery year: TIV delivered a→b and b→a (0 in a year with deliveries only the other way)."""
    ab = transfers(register, a, b).groupby("delivery_year")["tiv_delivery_values"].sum().rename("a_to_b")
    ba = transfers(register, b, a).groupby("delivery_year")["tiv_delivery_values"].sum().rename("b_to_a")
    out = pd.concat([ab, ba], axis=1).fillna(0.0).rename_axis("year").reset_index()
    return out.sort_values("year").reset_index(drop=True)


def systems(register: pd.DataFrame, supplier: int, recipient: int, top: int = 10) -> pd.DataFrame:
    """The systems delivered, largest TIV first: designation, description, units, TIV, years."""
    rows = transfers(register, supplier, recipient)
    if rows.empty:
        return pd.DataFrame(columns=["designation", "description", "units", "tiv", "first_year", "last_year"])
    g = rows.groupby(["designation", "description"], dropna=False)
    out = pd.DataFrame({"units": g["numbers_delivered"].sum(), "tiv": g["tiv_delivery_values"].sum(),
                        "first_year": g["delivery_year"].min(), "last_year": g["delivery_year"].max()})
    return out.reset_index().sort_values("tiv", ascending=False).head(top).reset_index(drop=True)
