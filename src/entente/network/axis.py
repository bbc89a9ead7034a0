"""Is there an "axis"? The cohesion of a group of states, year by year, against random groups.

For a group of states and each UN session-year, :func:`axis` reports:

- **Alignment within the group**: the mean over member pairs of Cohen's κ (Häge 2011) and of raw
  agreement in UN General Assembly roll calls (pairs with at least ``min_votes`` shared votes).
- **A random baseline**: ``draws`` random groups of the same size *and the same region mix*, drawn
  among that year's voting states with a fixed seed (one stream per year, so a year's numbers do not
  depend on the range asked). The group's mean κ is placed among theirs: ``percentile`` (share of
  draws below, ties half), ``z`` ((κ − mean) / sd of the draws) and the 90 % interval of the draws
  (``base_lo`` = 5th, ``base_hi`` = 95th percentile). Matching the region mix matters: states of one
  region vote alike, so a group spanning Europe and Asia must be compared with groups that span the
  same regions, or regional blocs would pass for an axis. ``above_90`` flags κ above the 90th
  percentile of the draws. The draws are one numpy gather over the year's κ matrix, not a query each.
- **Formal ties** among members that year: pairs with each ATOP obligation (defence, offence,
  neutrality, non-aggression, consultation; Leeds et al. 2002, to 2018) and COW defence pacts (Gibler
  2009, to 2012), and the defence ties named (``defence_ties``). After a dataset's last year the counts
  are missing (NA), not zero.
- **Shared adversaries**: third states that are strategic rivals of (Thompson & Dreyer 2012; Thompson,
  Sakuwa & Suhas 2021) or in a militarized dispute that year with (GML MIDs) at least two members
  (``shared_adversaries``), and the three third states the members vote against most in the UN
  (``unga_opposed``: lowest mean κ above baseline, see :mod:`entente.network.layers`, all members below).

**Regions** (:data:`REGIONS`) come from the ranges of COW state numbers: Americas 2–165, Europe
200–399, Africa 402–626, Middle East 630–698, Asia (with Oceania) 700–990 — the COW codebook's
numbering, so Turkey (640), Egypt (651) and Iran (630) are Middle East, and Russia (365) is Europe.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from entente import countries, warehouse
from entente.codings import ATOP_OBLIGATIONS
from entente.errors import BadInput, NoEvidence
from entente.network.layers import excess_alignment, state_label
from entente.store import Connection, one

__all__ = ["REGIONS", "axis", "baseline_draws", "formal_ties", "region"]

REGIONS = {"Americas": (2, 165), "Europe": (200, 399), "Africa": (402, 626), "Middle East": (630, 698),
           "Asia": (700, 990)}
ATOP = ATOP_OBLIGATIONS


def region(ccode: int) -> str:
    """COW region of a state number (see :data:`REGIONS`); "Other" outside the ranges."""
    for name, (lo, hi) in REGIONS.items():
        if lo <= int(ccode) <= hi:
            return name
    return "Other"


def _members(states) -> list:
    if isinstance(states, str):
        states = states.replace(",", " ").split()
    resolved = list(dict.fromkeys(countries.resolve(s) for s in states))
    if len(resolved) < 2:
        raise BadInput(f"An axis needs at least two different states; got {', '.join(map(str, states)) or 'none'}. "
                       "Example: entente axis RUS IRN CHN PRK")
    return resolved


def baseline_draws(kappa: np.ndarray, regions: np.ndarray, mix: dict[str, int], *, draws: int,
                   rng: np.random.Generator) -> np.ndarray:
    """Mean within-group κ of ``draws`` random groups with ``mix[r]`` states from each region ``r``.

    ``kappa``: the year's n × n κ matrix (NaN on the diagonal and for pairs without enough votes);
    ``regions``: each row's region. States are drawn without replacement within each region (a random
    permutation per draw, by argsort of uniforms), then every group's pairs are gathered at once.
    """
    parts = []
    for name, k in mix.items():
        pool = np.flatnonzero(regions == name)
        order = rng.random((draws, len(pool))).argsort(axis=1)[:, :k]
        parts.append(pool[order])
    idx = np.concatenate(parts, axis=1)
    sub = kappa[idx[:, :, None], idx[:, None, :]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanmean(sub.reshape(draws, -1), axis=1)


def _matrix(rows: pd.DataFrame, column: str) -> tuple[np.ndarray, np.ndarray]:
    nodes = np.unique(np.concatenate([rows["ccode1"].to_numpy(), rows["ccode2"].to_numpy()])).astype(int)
    i, j = np.searchsorted(nodes, rows["ccode1"].to_numpy()), np.searchsorted(nodes, rows["ccode2"].to_numpy())
    out = np.full((len(nodes), len(nodes)), np.nan)
    out[i, j] = out[j, i] = rows[column].to_numpy()
    return out, nodes


def formal_ties(codes: list[int], start: int, end: int, *, con: Connection) -> pd.DataFrame:
    """Alliance obligations among ``codes``: year, ccode1, ccode2, dataset (atop/cow), obligation."""
    ph = ", ".join("?" * len(codes))
    atop = con.execute(
        "SELECT least(ccode1, ccode2) AS ccode1, greatest(ccode1, ccode2) AS ccode2, year, "
        + ", ".join(f"max({c}) AS {c}" for c in ATOP)
        + f" FROM atop_dyad_year WHERE ccode1 IN ({ph}) AND ccode2 IN ({ph}) AND year BETWEEN ? AND ? GROUP BY ALL",
        [*codes, *codes, start, end]).df()
    cow = con.execute(
        f"SELECT DISTINCT least(ccode1, ccode2) AS ccode1, greatest(ccode1, ccode2) AS ccode2, year "
        f"FROM cow_alliance_dyad_year WHERE ccode1 IN ({ph}) AND ccode2 IN ({ph}) AND year BETWEEN ? AND ? "
        "AND cow_defense = 1", [*codes, *codes, start, end]).df()
    long = atop.melt(["ccode1", "ccode2", "year"], list(ATOP), "obligation", "flag")
    long = long[long["flag"] == 1].assign(dataset="atop", obligation=lambda f: f["obligation"].map(ATOP))
    out = pd.concat([long.drop(columns="flag"), cow.assign(dataset="cow", obligation="defence")], ignore_index=True)
    return out[["year", "ccode1", "ccode2", "dataset", "obligation"]].sort_values(
        ["year", "ccode1", "ccode2", "dataset", "obligation"], ignore_index=True)


def _hostile(codes: list[int], start: int, end: int, *, con: Connection) -> pd.DataFrame:
    """(year, member, third) rows: rivalry spells covering the year, or a GML dispute dyad-year."""
    ph = ", ".join("?" * len(codes))
    spells = " UNION ALL ".join(f"SELECT ccode1, ccode2, styear, endyear FROM {t}" for t in ("td_rivalries",
                                                                                           "tss_rivalries"))
    sql = (f"WITH s AS ({spells}), r AS (SELECT y.year, s.ccode1 AS a, s.ccode2 AS b FROM s "
           "JOIN (SELECT range AS year FROM range(?, ? + 1)) y ON y.year BETWEEN s.styear AND s.endyear "
           "UNION SELECT year, ccode1, ccode2 FROM gml_mid_dir_dyad_year WHERE year BETWEEN ? AND ?) "
           f"SELECT DISTINCT year, a AS member, b AS third FROM r WHERE a IN ({ph}) "
           f"UNION SELECT DISTINCT year, b, a FROM r WHERE b IN ({ph})")
    return con.execute(sql, [start, end, start, end, *codes, *codes]).df()


def _abb(ccode: int) -> str:
    return state_label(ccode)[0]


def axis(states, start: int = 1990, end: int | None = None, *, draws: int = 1000, seed: int = 42,
         min_votes: int = 10, con: Connection | None = None) -> pd.DataFrame:
    """Cohesion of a group of states per session-year, against region-matched random groups (module doc).

    Columns: year, members (states of the group voting that year), kappa, agree, base_mean, base_lo,
    base_hi (90 % interval of the draws), percentile, z, above_90, atop_defense … atop_consul and
    cow_defense (member pairs with that obligation; NA after the dataset's last year), defence_ties,
    shared_adversaries (None after the rivalry data end), unga_opposed. ``attrs``: ``states`` (abb),
    ``ties`` (:func:`formal_ties`), ``mix`` (the region mix), ``draws``, ``seed``, ``coverage``.
    """
    group = _members(states)
    codes = [s.ccode for s in group]
    if draws < 10:
        raise BadInput(f"draws={draws} is too few for a baseline; use 1,000 or more.")
    con = con or warehouse.connection()
    last = int(one(con, "SELECT max(year) FROM m_unga_alignment_dyad_year")[0])
    end = last if end is None else int(end)
    if not (1946 <= int(start) <= end <= 2100):
        raise BadInput(f"Years {start}–{end} are out of range or reversed; UN votes run 1946–{last}.")
    pairs = con.execute("SELECT year, ccode1, ccode2, n_votes, agree, kappa FROM m_unga_alignment_dyad_year "
                        "WHERE year BETWEEN ? AND ? AND n_votes >= ?", [start, end, min_votes]).df()
    pairs = excess_alignment(pairs, min_votes=min_votes)
    ties = formal_ties(codes, start, end, con=con)
    hostile = _hostile(codes, start, end, con=con)
    atop_end = int(one(con, "SELECT max(year) FROM atop_dyad_year")[0])
    cow_end = int(one(con, "SELECT max(year) FROM cow_alliance_dyad_year")[0])
    hostile_end = int(one(con, "SELECT max(endyear) FROM tss_rivalries")[0])
    member_set = set(codes)
    rows = []
    for year, rows_y in pairs.groupby("year", sort=True):
        year = int(year)
        kappa, nodes = _matrix(rows_y, "kappa")
        present = [c for c in codes if c in set(nodes)]
        if len(present) < 2:
            continue
        agree, _ = _matrix(rows_y, "agree")
        at = np.searchsorted(nodes, present)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            k_group = float(np.nanmean(kappa[np.ix_(at, at)]))
            a_group = float(np.nanmean(agree[np.ix_(at, at)]))
        regions = np.array([region(c) for c in nodes])
        mix = pd.Series([region(c) for c in present]).value_counts().sort_index().to_dict()
        rng = np.random.default_rng([seed, year])
        base = baseline_draws(kappa, regions, mix, draws=draws, rng=rng)
        base = base[np.isfinite(base)]
        row = {"year": year, "members": len(present), "kappa": k_group, "agree": a_group,
               "base_mean": float(base.mean()), "base_lo": float(np.quantile(base, 0.05)),
               "base_hi": float(np.quantile(base, 0.95)),
               "percentile": float(100 * ((base < k_group).mean() + 0.5 * (base == k_group).mean())),
               "z": float((k_group - base.mean()) / base.std(ddof=1)) if base.std(ddof=1) > 0 else np.nan}
        row["above_90"] = bool(k_group > np.quantile(base, 0.90))
        t = ties[ties["year"] == year]
        for column, label in ATOP.items():
            n = t[(t["dataset"] == "atop") & (t["obligation"] == label)]
            row[column] = len(n) if year <= atop_end else pd.NA
        row["cow_defense"] = len(t[t["dataset"] == "cow"]) if year <= cow_end else pd.NA
        d = t[(t["obligation"] == "defence")].drop_duplicates(["ccode1", "ccode2"])
        row["defence_ties"] = (", ".join(f"{_abb(x)}–{_abb(y)}" for x, y in zip(d["ccode1"], d["ccode2"]))
                               if year <= max(atop_end, cow_end) else None)
        h = hostile[(hostile["year"] == year) & ~hostile["third"].isin(member_set)]
        counts = h.drop_duplicates(["member", "third"]).groupby("third")["member"].nunique()
        row["shared_adversaries"] = (", ".join(_abb(c) for c in sorted(counts[counts >= 2].index))
                                     if year <= hostile_end else None)
        row["unga_opposed"] = _opposed(rows_y, present, member_set)
        rows.append(row)
    if not rows:
        raise NoEvidence(f"Fewer than two of {', '.join(s.abb for s in group)} voted in the UN General Assembly "
                         f"in {start}–{end}. Try other years (UN votes run 1946–{last}).")
    out = pd.DataFrame(rows)
    for column in [*ATOP, "cow_defense"]:
        out[column] = out[column].astype("Int64")
    out.attrs = {"states": [s.abb for s in group], "ties": ties, "draws": draws, "seed": seed,
                 "mix": pd.Series([region(c) for c in codes]).value_counts().sort_index().to_dict(),
                 "coverage": {"atop": atop_end, "cow": cow_end, "rivalries": hostile_end}}
    return out


def _opposed(rows: pd.DataFrame, present: list[int], member_set: set, n: int = 3) -> str:
    """The ``n`` third states with the lowest mean excess κ over members, every member below baseline."""
    mine = rows[rows["ccode1"].isin(present) | rows["ccode2"].isin(present)]
    member = np.where(mine["ccode1"].isin(present), mine["ccode1"], mine["ccode2"])
    third = np.where(mine["ccode1"].isin(present), mine["ccode2"], mine["ccode1"])
    frame = pd.DataFrame({"member": member, "third": third, "excess": mine["excess"].to_numpy()})
    frame = frame[~frame["third"].isin(member_set)]
    g = frame.groupby("third")["excess"].agg(["mean", "max", "size"])
    g = g[(g["max"] < 0) & (g["size"] == len(present))].sort_values("mean")
    return ", ".join(_abb(c) for c in g.index[:n])
