"""Third states two states treated differently, era by era: the reading of
:mod:`entente.measures.third_parties` done within each era of a long window, in one pass.

**Why eras.** Over a long window one side's stance towards a third state pools years that do not belong
together: Vietnam and China were allied against the United States in the 1960s and at war over Cambodia
in 1979, and over 1954–2025 their stances towards Cambodia and the Soviet Union average out (Cambodia
comes out a *shared* adversary, the Soviet Union nothing at all) while a state both sides barely dealt
with (Iraq, which China sanctioned in 1990–2002) tops the list. Read decade by decade, the 1980s give
Cambodia: Vietnam occupied it, and China voted with Democratic Kampuchea, which held its UN seat.

**The reading in each era** is the module's, with the era as the window: ``z`` is each side's UN
alignment (Cohen's κ, mean over the era's session-years) standardised among its partners *of that era*;
``hostile`` a rivalry spell overlapping the era, a militarized dispute-year or an imposed TIES sanction in
it; ``allied`` an ATOP defence or offence obligation or a COW defence pact in it; ``opposed`` a year of
the era with hostility and no such pact. Stance σ = z + w·(allied − hostile);
divergence = max(0, min(max σ, −min σ)); a row is ``divergent`` when one side has a tie (a pact, or
z ≥ threshold) and the other is opposed, unless it is a shared adversary (both opposed, each by a rivalry
or by a dispute with σ < 0, in years within ``OVERLAP`` of each other). ``tests/test_third_party_eras.py`` checks each era
against :func:`entente.pair.third_parties.third_parties` run on that era alone.

Everything is computed from year-level rows grouped by era, so a 210-year window (21 decades) costs about
what one window does.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from entente.measures.third_parties import MIN_VOTES, THRESHOLD, WEIGHT, common_years

__all__ = ["era_divergence"]

COLUMNS = ["era", "ccode", "divergence", "divergent", "shared_adversary", "stance_a", "stance_b", "z_a", "z_b",
           "allied_a", "allied_b", "hostile_a", "hostile_b", "rival_a", "rival_b"]


def _expand(partners, firsts, lasts) -> pd.DataFrame:
    """(ccode, year) for every year of each spell."""
    lengths = np.maximum(np.asarray(lasts, dtype="int64") - np.asarray(firsts, dtype="int64") + 1, 0)
    return pd.DataFrame({"ccode": np.repeat(np.asarray(partners, dtype="int64"), lengths),
                         "year": np.concatenate([np.arange(f, f + n) for f, n in zip(np.asarray(firsts, dtype="int64"),
                                                                                  lengths)]) if len(lengths) else
                         np.array([], dtype="int64")})


def _other(rows: pd.DataFrame, state: int) -> np.ndarray:
    return np.where(rows["ccode1"].to_numpy() == state, rows["ccode2"].to_numpy(), rows["ccode1"].to_numpy())


def _hostile_years(rivalries, disputes, sanctions, state: int, start: int, end: int) -> pd.DataFrame:
    """(ccode, year, rival, dispute) for every year of [start, end] with a rivalry, a dispute or an imposed
    sanction."""
    riv = rivalries[((rivalries["ccode1"] == state) | (rivalries["ccode2"] == state))
                    & (rivalries["styear"] <= end) & (rivalries["endyear"] >= start)]
    riv_years = _expand(_other(riv, state), np.maximum(riv["styear"], start), np.minimum(riv["endyear"], end))
    mid = disputes[(disputes["ccode1"] == state) & disputes["year"].between(start, end)]
    mid_years = pd.DataFrame({"ccode": mid["ccode2"].astype("int64").to_numpy(), "year": mid["year"].astype("int64")})
    sanc = sanctions[sanctions["imposed"].astype(bool) & (sanctions["start"] <= end) & (sanctions["end"] >= start)
                     & ((sanctions["sender"] == state) | (sanctions["target"] == state))]
    partner = np.where(sanc["sender"].to_numpy() == state, sanc["target"].to_numpy(), sanc["sender"].to_numpy())
    keep = partner != state
    sanc_years = _expand(partner[keep], np.maximum(sanc["start"].to_numpy()[keep], start),
                         np.minimum(sanc["end"].to_numpy()[keep], end))
    return pd.concat([riv_years.assign(rival=True, dispute=False), mid_years.assign(rival=False, dispute=True),
                      sanc_years.assign(rival=False, dispute=False)], ignore_index=True)


def _allied_years(atop, cow, state: int, start: int, end: int) -> pd.DataFrame:
    """(ccode, year) with an ATOP defence or offence obligation or a COW defence pact."""
    parts = []
    for frame, columns in ((atop, ["atop_defense", "atop_offense"]), (cow, ["cow_defense"])):
        rows = frame[(frame["ccode1"] == state) & frame["year"].between(start, end)]
        hit = rows[(rows[columns] == 1).any(axis=1)]
        parts.append(pd.DataFrame({"ccode": hit["ccode2"].astype("int64").to_numpy(),
                                   "year": hit["year"].astype("int64").to_numpy()}))
    return pd.concat(parts, ignore_index=True).drop_duplicates()


def _era_of(years, starts: np.ndarray) -> np.ndarray:
    return np.searchsorted(starts, np.asarray(years, dtype="int64"), side="right") - 1


def _years_by_key(rows: pd.DataFrame) -> dict[tuple[int, int], tuple[int, ...]]:
    """(era, ccode) → the sorted distinct years of ``rows`` (era, ccode, year), without a Python call per group."""
    rows = rows.drop_duplicates().sort_values(["era", "ccode", "year"])
    out: dict[tuple[int, int], tuple[int, ...]] = {}
    for e, c, y in zip(rows["era"].to_numpy().tolist(), rows["ccode"].to_numpy().tolist(), rows["year"].to_numpy().tolist()):
        out.setdefault((e, c), ())
        out[(e, c)] += (y,)
    return out


def _side(unga, rivalries, disputes, sanctions, atop, cow, state: int, eras, measure: str, min_votes: int,
          weight: float) -> pd.DataFrame:
    """One side's stance towards every partner in every era: era, ccode, z, allied, hostile, rival,
    opposed_years (a tuple), stance."""
    starts = np.array([lo for lo, _ in eras])
    start, end = eras[0][0], eras[-1][1]
    rows = unga[((unga["ccode1"] == state) | (unga["ccode2"] == state)) & unga["year"].between(start, end)]
    votes = pd.DataFrame({"ccode": _other(rows, state), "m": rows[measure].to_numpy(),
                          "n": rows["n_votes"].to_numpy(), "era": _era_of(rows["year"], starts)})
    base = votes.groupby(["era", "ccode"]).agg(unga=("m", "mean"), n=("n", "sum")).reset_index()
    base = base[base["n"] >= min_votes]
    grouped = base.groupby("era")["unga"]
    mean, sd, count = grouped.transform("mean"), grouped.transform("std"), grouped.transform("size")
    base = base.assign(z=np.where((count > 1) & (sd > 0), (base["unga"] - mean) / sd, 0.0))[["era", "ccode", "z"]]
    hostile = _hostile_years(rivalries, disputes, sanctions, state, start, end)
    hostile["era"] = _era_of(hostile["year"], starts)
    allied = _allied_years(atop, cow, state, start, end)
    allied["era"] = _era_of(allied["year"], starts)
    pacts = set(zip(allied["ccode"], allied["year"]))
    hostile["opposed"] = np.array([(c, y) not in pacts for c, y in zip(hostile["ccode"], hostile["year"])], dtype=bool)
    host = hostile.groupby(["era", "ccode"]).agg(rival=("rival", "any"), dispute=("dispute", "any")).reset_index()
    host = host.assign(hostile=True)
    opposed = _years_by_key(hostile.loc[hostile["opposed"], ["era", "ccode", "year"]])
    host["opposed_years"] = [opposed.get((e, c), ()) for e, c in zip(host["era"], host["ccode"])]
    ally = allied[["era", "ccode"]].drop_duplicates().assign(allied=True)
    out = base.merge(host, on=["era", "ccode"], how="outer").merge(ally, on=["era", "ccode"], how="outer")
    for flag in ("hostile", "allied", "rival", "dispute"):
        out[flag] = out[flag].astype("boolean").fillna(False).astype(bool)
    out["opposed_years"] = out["opposed_years"].map(lambda v: v if isinstance(v, tuple) else ())
    out["stance"] = out["z"].astype(float).fillna(0.0) + weight * (out["allied"].astype(int) - out["hostile"].astype(int))
    return out


def era_divergence(unga: pd.DataFrame, rivalries: pd.DataFrame, disputes: pd.DataFrame, sanctions: pd.DataFrame,
                   atop: pd.DataFrame, cow: pd.DataFrame, a: int, b: int, eras: list[tuple[int, int]], *,
                   measure: str = "kappa", threshold: float = THRESHOLD, weight: float = WEIGHT,
                   min_votes: int = MIN_VOTES) -> pd.DataFrame:
    """Per era (an index into ``eras``, consecutive (first, last) years) and third state: the divergence of
    the pair's stances and whether the row is ``divergent`` or a ``shared_adversary`` (the rest of the
    module's classes are not needed to rank what the pair treated differently). Inputs are the rows
    :func:`entente.pair.third_parties.third_parties` reads (UN alignment dyad-years; rivalry spells;
    directed dispute-years; TIES cases, one row per sender and target; ATOP and COW directed dyad-years).
    Rows with divergence 0 are left out.
    """
    sides = [_side(unga, rivalries, disputes, sanctions, atop, cow, s, eras, measure, min_votes, weight)
             for s in (a, b)]
    out = sides[0].merge(sides[1], on=["era", "ccode"], how="outer", suffixes=("_a", "_b"))
    out = out[~out["ccode"].isin([a, b])].copy()
    for s in ("_a", "_b"):
        out[f"stance{s}"] = out[f"stance{s}"].fillna(0.0)
        for flag in ("hostile", "allied", "rival", "dispute"):
            out[f"{flag}{s}"] = out[f"{flag}{s}"].astype("boolean").fillna(False).astype(bool)
        out[f"opposed_years{s}"] = out[f"opposed_years{s}"].map(lambda v: v if isinstance(v, tuple) else ())
        out[f"tie{s}"] = out[f"allied{s}"] | (out[f"z{s}"].astype(float).fillna(0.0) >= threshold)
    sa, sb = out["stance_a"].to_numpy(), out["stance_b"].to_numpy()
    out["divergence"] = np.maximum(0.0, np.minimum(np.maximum(sa, sb), -np.minimum(sa, sb)))
    out = out[out["divergence"] > 0].copy()
    opposed = {s: out[f"opposed_years{s}"].map(bool) for s in ("_a", "_b")}
    against = {s: out[f"rival{s}"] | (out[f"dispute{s}"] & (out[f"stance{s}"] < 0)) for s in ("_a", "_b")}
    together = pd.Series([bool(common_years(x, y)) if x and y else False
                          for x, y in zip(out["opposed_years_a"], out["opposed_years_b"])], index=out.index, dtype=bool)
    out["shared_adversary"] = opposed["_a"] & opposed["_b"] & against["_a"] & against["_b"] & together
    out["divergent"] = ~out["shared_adversary"] & ((out["tie_a"] & opposed["_b"]) | (out["tie_b"] & opposed["_a"]))
    out["ccode"] = out["ccode"].astype("int64")
    out["era"] = out["era"].astype("int64")
    return out[COLUMNS].sort_values(["era", "divergence", "ccode"], ascending=[True, False, True]).reset_index(drop=True)
