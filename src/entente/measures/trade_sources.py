"""Two trade datasets, one series: how COW Trade and IMF DOTS agree, and where COW ends and the IMF takes over.

**What is compared.** COW Trade v4.0 (Barbieri & Keshk 2016) codes, per non-directed dyad-year
(``ccode1 < ccode2``), ``flow1`` = imports of ccode1 from ccode2 and ``flow2`` = imports of ccode2 from
ccode1, in current million US dollars. It is built largely from the IMF's Direction of Trade Statistics,
taking the **importer's report** (CIF) first and, where the importer is silent, the **exporter's
report** of the same flow (FOB) (Barbieri, Keshk & Pollins 2009). The IMF figure that matches COW's
definition of ``flow1`` is therefore ``imf_imports_1from2`` (ccode1's own report), else
``imf_exports_2to1`` (ccode2's mirror report); ``flow2`` likewise (:data:`DEFINITION`).

**Agreement.** For a flow both datasets give, COW's value ``c`` and the IMF's ``m`` agree within ``p`` if
``|c − m| ≤ max(p·m, 0.5)``: the 0.5 absolves COW's rounding to whole millions in the bundled release
(an IMF 0.4 is a COW 0). :func:`agreement` gives the share within 1% and within 10%.

**Why they differ** (:func:`compare`, column ``reason``), tried in this order:

- ``agree``: within 1%;
- ``cow_only``: COW has a figure where the IMF has neither report: COW imputed it or took it from
  another source (``cow_zero_only`` when that figure is 0: COW wrote 0 where the IMF has no record,
  zero against missing);
- ``imf_only``: the IMF has a figure and COW has none (no row, or a missing flow);
- ``exporter_view``: COW is within 1% of the exporter's report (FOB), as is or raised by the IMF's
  conventional 10% from FOB to CIF (:data:`CIF_FOB`), not of the importer's: COW took the mirror figure,
  most likely because the importer had not reported when COW drew the data and has since (Iran's
  imports from Russia, 2011–2014: COW 3,599, 2,090, 1,285, 1,460 = 1.1 × Russia's reported exports;
  Iran's own reports, in the IMF's 2022 data, 1,079, 1,204, 747, 647);
- ``revised``: within 10% of the IMF's current figure but not 1%: the IMF revises its data, and this
  copy (exported 2022) is later than what COW v4.0 drew on (2016);
- ``apart``: further than 10% apart.

**On the bundled data** (COW v4.0 against the IMF's 2022 export, 1960–2014): 771,124 dyad-year flows have
a figure in both; 89.2% agree within 1% and 92.1% within 10%. Agreement is complete to 1989 (100%) and
99.8% in the 1990s, then falls to 80.0% in 2000–2009 and 69.0% in 2010–2014. Of the 83,365 flows that
differ by more than 1%, 40,693 are COW's use of the exporter's report, 16,578 differ by 1–10% and 26,094
by more. Besides, COW writes 0 for 380,908 flows the IMF has no record of, has 16,442 other figures the
IMF lacks, and lacks 52,737 the IMF has (West Germany before 1990 among them: COW's bundled file keeps
few 260 rows).

COW's ``smoothflow`` columns are not compared: smoothing is COW's own treatment, applied after the
figures were taken.

**One series.** :func:`one_series` takes COW for every year COW covers and the IMF for the years after
its last (2015–2020 with the bundled DOTS data, then IMTS from 2021 once ``entente data update imf_trade``
has fetched it): one seam, at a year, the same for every pair, each row
marked with its ``dataset``. IMF years use the COW-definition figure (importer's report, else the
exporter's) so the two sides of the seam measure the same thing; COW's own years are never replaced,
even where COW has a gap the IMF could fill, so a series never switches back and forth.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

COW = "COW Trade v4.0"
IMF = "IMF DOTS"
IMTS = "IMF IMTS"      # the IMF's successor dataset, fetched by `entente data update imf_trade` (2021 onwards)

#: For COW's flow: (the IMF importer's report, the IMF exporter's report of the same flow), COW's
#: definition taking the first, else the second.
DEFINITION = {"flow1": ("imf_imports_1from2", "imf_exports_2to1"),
              "flow2": ("imf_imports_2from1", "imf_exports_1to2")}
REASONS = ("agree", "cow_only", "cow_zero_only", "imf_only", "exporter_view", "revised", "apart")
ROUNDING = 0.5      # COW's flows are whole millions in the bundled release
CIF_FOB = 1.10      # the IMF's conventional CIF/FOB factor: imports derived from a partner's exports


def within(cow, imf, share: float):
    """Whether COW's ``cow`` and the IMF's ``imf`` agree within ``share`` (0.01 for 1%), allowing COW's rounding."""
    cow, imf = np.asarray(cow, dtype=float), np.asarray(imf, dtype=float)
    return np.abs(cow - imf) <= np.maximum(share * np.abs(imf), ROUNDING)


def compare(cow: pd.DataFrame, imf: pd.DataFrame, years: tuple[int, int] | None = None) -> pd.DataFrame:
    """One row per dyad-year and flow in the years both datasets cover: the two figures and why they differ.

    ``cow``: COW dyad-years (``ccode1, ccode2, year, flow1, flow2``); ``imf``: ``imf_dots_dyad_year``
    rows. Only ``years`` (first, last) are compared: the years both datasets cover, by default the overlap
    of the two frames' years (pass the tables' coverage when the frames hold one pair). Columns: ``ccode1, ccode2,
    year, flow`` ("flow1"/"flow2"), ``cow``, ``imf_importer``, ``imf_exporter``, ``imf`` (COW's
    definition), ``imf_estimate`` (the IMF figure used is an IMF estimate), ``within_1pct``,
    ``within_10pct`` (null unless both have a figure) and ``reason`` (see the module docstring).
    """
    keys = ["ccode1", "ccode2", "year"]
    lo, hi = years or (max(cow["year"].min(), imf["year"].min()), min(cow["year"].max(), imf["year"].max()))
    cow = cow[cow["year"].between(lo, hi)]
    imf = imf[imf["year"].between(lo, hi)]
    both = cow[keys + ["flow1", "flow2"]].merge(imf, on=keys, how="outer")
    parts = []
    for flow, (importer, exporter) in DEFINITION.items():
        part = pd.DataFrame({k: both[k] for k in keys})
        part["flow"] = flow
        part["cow"] = both[flow].astype(float)
        part["imf_importer"] = both[importer]
        part["imf_exporter"] = both[exporter]
        use_importer = both[importer].notna()
        part["imf"] = both[importer].where(use_importer, both[exporter])
        part["imf_estimate"] = both[f"{importer}_est"].where(use_importer, both[f"{exporter}_est"]).astype("boolean")
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    out = out[out["cow"].notna() | out["imf"].notna()]
    has_both = out["cow"].notna() & out["imf"].notna()
    out["within_1pct"] = pd.array(np.where(has_both, within(out["cow"], out["imf"], 0.01), pd.NA), dtype="boolean")
    out["within_10pct"] = pd.array(np.where(has_both, within(out["cow"], out["imf"], 0.10), pd.NA), dtype="boolean")
    exporter_view = has_both & (within(out["cow"], out["imf_exporter"], 0.01)      # NaN compares False
                                | within(out["cow"], CIF_FOB * out["imf_exporter"], 0.01))
    out["reason"] = np.select(
        [out["within_1pct"].fillna(False).to_numpy(dtype=bool),
         (out["imf"].isna() & (out["cow"] == 0)).to_numpy(),
         out["imf"].isna().to_numpy(),
         out["cow"].isna().to_numpy(),
         exporter_view.to_numpy(dtype=bool),
         out["within_10pct"].fillna(False).to_numpy(dtype=bool)],
        ["agree", "cow_zero_only", "cow_only", "imf_only", "exporter_view", "revised"], default="apart")
    return out.sort_values(keys + ["flow"]).reset_index(drop=True)


def agreement(compared: pd.DataFrame, by: list[str] | tuple[str, ...] = ("flow",)) -> pd.DataFrame:
    """Per group of :func:`compare` rows: how many flows both datasets give (``both``), the share of them
    within 1% and within 10%, the first and last year, and the count of each ``reason``."""
    by = list(by)
    grouped = compared.groupby(by, dropna=False) if by else [((), compared)]
    rows = []
    for key, group in grouped:
        both = group[group["within_1pct"].notna()]
        row = dict(zip(by, key if isinstance(key, tuple) else (key,)))
        row.update(first_year=int(group["year"].min()), last_year=int(group["year"].max()), both=len(both),
                   within_1pct=float(both["within_1pct"].astype(bool).mean()) if len(both) else None,
                   within_10pct=float(both["within_10pct"].astype(bool).mean()) if len(both) else None)
        counts = group["reason"].value_counts()
        row.update({reason: int(counts.get(reason, 0)) for reason in REASONS})
        rows.append(row)
    return pd.DataFrame(rows)


def one_series(cow: pd.DataFrame, imf: pd.DataFrame, cow_states: pd.DataFrame, imf_states: pd.DataFrame,
               cow_last: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """COW's rows up to ``cow_last`` (COW's last year), the IMF's after: ``(dyads, states)`` in COW's layout.

    ``dyads``: ``ccode1, ccode2, year, flow1, flow2, dataset, estimated`` (``estimated``: an IMF figure
    used is an IMF estimate; null for COW years). ``states``: ``ccode, year, imports, exports, dataset``
    (COW's national totals, then each reporter's IMF World totals). IMF rows that carry a ``dataset``
    column (IMTS years appended after DOTS) keep it; others are :data:`IMF`.
    """
    keys = ["ccode1", "ccode2", "year"]
    early = cow.loc[cow["year"] <= cow_last, keys + ["flow1", "flow2"]].astype({"flow1": float, "flow2": float})
    early = early.assign(dataset=COW, estimated=pd.array([pd.NA] * len(early), dtype="boolean"))
    late = imf[imf["year"] > cow_last]
    flows, flags = {}, []
    for flow, (importer, exporter) in DEFINITION.items():
        use_importer = late[importer].notna()
        flows[flow] = late[importer].where(use_importer, late[exporter])
        flag = late[f"{importer}_est"].where(use_importer, late[f"{exporter}_est"]).astype("boolean")
        flags.append(flag.mask(flows[flow].isna(), False))   # no figure: nothing estimated; unknown stays NA
    after = pd.DataFrame({**{k: late[k] for k in keys}, **flows,
                          "dataset": late["dataset"] if "dataset" in late else IMF})
    after["estimated"] = flags[0] | flags[1]      # Kleene logic: IMTS rows, which carry no flag, stay NA
    after = after[after["flow1"].notna() | after["flow2"].notna()]
    dyads = pd.concat([early, after], ignore_index=True).sort_values(keys).reset_index(drop=True)
    early_states = cow_states.loc[cow_states["year"] <= cow_last, ["ccode", "year", "imports", "exports"]].assign(dataset=COW)
    late_states = imf_states.loc[imf_states["year"] > cow_last].rename(
        columns={"imf_imports": "imports", "imf_exports": "exports"})
    late_states = late_states.assign(dataset=late_states["dataset"] if "dataset" in late_states else IMF)[
        ["ccode", "year", "imports", "exports", "dataset"]]
    states = pd.concat([early_states, late_states], ignore_index=True).sort_values(["ccode", "year"]).reset_index(drop=True)
    return dyads, states
