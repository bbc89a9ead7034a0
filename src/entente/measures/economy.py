"""Trade between two states: flows each way, each side's dependence on the other, asymmetry.

Input: COW Trade v4.0 (Barbieri, Keshk & Pollins 2009) as bundled, continued after 2014 by IMF DOTS in COW's
layout (:func:`entente.measures.trade_sources.one_series`; its ``dataset`` and ``estimated`` columns are
passed through): a non-directed dyad-year table
(``ccode1 < ccode2``; ``flow1`` = imports of ccode1 from ccode2, ``flow2`` = imports of ccode2 from
ccode1, current million US dollars, rounded to whole millions in this release so small flows read 0)
and a state-year table of each state's total ``imports`` and ``exports``.

For states a and b in a year:

- ``a_imports_from_b``, ``b_imports_from_a`` and ``total`` = their sum (the dyad's trade);
- ``a_share`` = total / (a's imports + exports): how much of a's trade is with b; ``b_share`` likewise;
- ``asymmetry`` = (a_share − b_share) / (a_share + b_share) ∈ [−1, 1]: positive when a depends more
  on b than b on a (a symmetric normalisation of the dependence gap; cf. Barbieri 1996, JPR 33(1)).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from entente.measures.trend import DECADE, decade_direction


def trade_series(dyad_trade: pd.DataFrame, state_trade: pd.DataFrame, a: int, b: int) -> pd.DataFrame:
    """Per year: flows each way, total, each side's share of its own trade, and asymmetry."""
    lo, hi = sorted((a, b))
    rows = dyad_trade[(dyad_trade["ccode1"] == lo) & (dyad_trade["ccode2"] == hi)]
    a_is_1 = a == lo
    out = pd.DataFrame({
        "year": rows["year"].to_numpy(),
        "a_imports_from_b": (rows["flow1"] if a_is_1 else rows["flow2"]).to_numpy(dtype=float),
        "b_imports_from_a": (rows["flow2"] if a_is_1 else rows["flow1"]).to_numpy(dtype=float),
    })
    out["total"] = out["a_imports_from_b"] + out["b_imports_from_a"]
    extra = [c for c in ("dataset", "estimated") if c in rows.columns]   # one_series(): which dataset, IMF estimates
    for column in extra:
        out[column] = rows[column].to_numpy()
    totals = state_trade.assign(trade=state_trade["imports"] + state_trade["exports"])
    for side, code in (("a", a), ("b", b)):
        own = totals.loc[totals["ccode"] == code, ["year", "trade"]].rename(columns={"trade": f"{side}_total_trade"})
        out = out.merge(own, on="year", how="left")
        with np.errstate(invalid="ignore", divide="ignore"):
            out[f"{side}_share"] = out["total"] / out[f"{side}_total_trade"]
    with np.errstate(invalid="ignore", divide="ignore"):
        out["asymmetry"] = (out["a_share"] - out["b_share"]) / (out["a_share"] + out["b_share"])
    out = out[[c for c in out.columns if c not in extra] + extra]
    return out.sort_values("year").reset_index(drop=True)


def growth(series: pd.DataFrame, column: str = "total", years: int = 10) -> dict | None:
    """Compound annual growth of ``column`` over the last ``years`` years with positive values."""
    data = series.dropna(subset=[column])
    data = data[data[column] > 0]
    if len(data) < 2:
        return None
    last = data.iloc[-1]
    first_rows = data[data["year"] >= last["year"] - years]
    first = first_rows.iloc[0]
    span = int(last["year"] - first["year"])
    if span <= 0:
        return None
    rate = (last[column] / first[column]) ** (1 / span) - 1
    return {"from": int(first["year"]), "to": int(last["year"]), "first": float(first[column]),
            "last": float(last[column]), "annual_growth": float(rate)}


def growth_trend(series: pd.DataFrame, column: str = "total", years: int = DECADE) -> dict | None:
    """The trend of ``column`` over its last ``years`` years with positive values, as a yearly rate.

    OLS of ln(value) on the year (:func:`entente.measures.trend.decade_direction`, the Trend section's own
    test), so a rate uses every year, not the two end points a compound rate rests on: a pair whose trade
    fell by two thirds in 2011–2014 and recovered after shows no clear fall although 2020 is below 2010.
    rate = e^slope − 1, its 95% interval e^(slope ± t·se) − 1; ``direction`` is ``rising``/``falling``
    only when that interval excludes 0, ``flat`` when not, ``insufficient data`` with fewer than 4 years.
    Returns from, to (years), first, last (values in those years), n (years with a value), rate,
    rate_low, rate_high, direction; None with fewer than 2 positive values.
    """
    data = series.dropna(subset=[column])
    data = data[data[column] > 0]
    if len(data) < 2:
        return None
    logged = pd.Series(np.log(data[column].to_numpy(dtype=float)), index=data["year"].astype(int))
    fit = decade_direction(logged, years=years)
    window = data[data["year"].between(fit["start"], fit["end"])]
    if len(window) < 2:
        return None
    rate = (lambda v: float(np.expm1(v)) if np.isfinite(v) else None)
    return {"from": int(fit["start"]), "to": int(fit["end"]), "first": float(window[column].iloc[0]),
            "last": float(window[column].iloc[-1]), "n": int(fit["n"]), "rate": rate(fit["slope"]),
            "rate_low": rate(fit["ci_low"]), "rate_high": rate(fit["ci_high"]), "direction": fit["direction"]}
