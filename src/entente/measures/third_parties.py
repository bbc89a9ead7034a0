"""Shared adversaries, shared friends and limits: how two states each stand towards every third state.

Tables in, tables out; no I/O. :mod:`entente.third_parties` reads the warehouse rows these need.

**One side's stance towards a third state.** For a state *x*, a window of years and every partner *c*:

1. **UN votes, relative to x's own baseline.** ``unga`` is the mean over the window's session-years of
   Cohen's κ between *x* and *c* (Häge 2011; :mod:`entente.measures.similarity`), each year counting
   once. It is standardised among all of *x*'s partners in the window::

       z(x, c) = (unga(x, c) − mean_c' unga(x, c')) / sd_c' unga(x, c')        (sd with ddof = 1)

   κ rather than raw agreement because most General Assembly votes are lopsided "yes" majorities:
   agreement and S are inflated by that consensus, κ corrects for each state's own voting marginals.
   A z-score rather than raw κ because the same κ means different things for different states
   (2015–2025: Iran's κ with its partners spans −0.43…0.85 with sd 0.31, Russia's −0.35…0.69 with
   sd 0.16), and "relative to each side's baseline" is the question. A z-score rather than a
   percentile because κ among a state's partners is clustered in voting blocs: Iran's κ with some
   forty European states lies within 0.05 of −0.30, and percentiles would spread that one bloc over a
   quarter of the scale, while z keeps them together and keeps the distance to the next bloc.
   ``rank`` (1 = the partner *x* votes with most) is given for reading. Partners with fewer than
   ``min_votes`` roll calls in common over the window are left out of the baseline.

2. **Hard evidence.** ``hostile``: a strategic rivalry spell overlapping the window (Thompson & Dreyer
   2012, to 2010; Thompson, Sakuwa & Suhas 2021, to 2020) or a militarized dispute with a dyad-year in
   the window (GML MIDs v2.2.1, Gibler, Miller & Little 2016, to 2010). ``allied``: a defence or offence
   obligation in the window (ATOP v5.1, Leeds et al. 2002, to 2018) or a COW defence pact (Gibler
   2009, to 2012). Neutrality, non-aggression and consultation pacts are listed in ``pacts`` but do not
   make a state ``allied``: ATOP codes multilateral instruments that bind former adversaries (Russia
   and the USA share a non-aggression obligation in every year 2015–2018), so they say little about
   friendship. Beyond a dataset's last year its evidence is missing, not absent.

3. **Stance** σ(x, c) = z(x, c) + w · (allied − hostile), with w = ``weight`` (default 2): a rivalry,
   a dispute or a defence pact moves the stance by two standard deviations of the state's UN
   alignment, so hard evidence decides unless the votes point strongly the other way (Iran votes with
   Egypt at z = +1.8 while the two are rivals: σ = −0.2, a mixed record). A state with no votes in
   common with *x* has z taken as 0 (no evidence either way). Rivalry and alliance cancel (Greece and
   Turkey: NATO allies with disputes).

**The pair (a, b) towards c.** Three scores, each the weaker of the two commitments (Zadeh's min), so a
third state counts as shared only as far as *both* sides go::

    friend     = max(0, min(σ_a, σ_b))          both above their baselines
    adversary  = max(0, min(−σ_a, −σ_b))        both below
    divergence = max(0, min(max(σ_a, σ_b), −min(σ_a, σ_b)))     one above, the other below

At most one is positive (the signs of σ_a and σ_b decide which), ``score`` is that one, and ``class``
is ``shared friend``, ``shared adversary`` or ``divergent`` when ``score ≥ threshold`` (default 1: the
weaker side at least one standard deviation from its baseline, or carrying hard evidence), else
``none``. Every score is symmetric in (a, b).

**Topics.** :func:`topic_divergence` compares the pair's agreement on each of Voeten's six issue codes
(pooled over the window) with each side's average over all its other partners on that issue.

References: Häge, F. M. (2011) Political Analysis 19(3): 287–305. Thompson, W. R. & Dreyer, D. R. (2012)
*Handbook of International Rivalries*. Thompson, Sakuwa & Suhas (2021) *Analyzing Strategic Rivalries in
World Politics*. Gibler, Miller & Little (2016) ISQ 60(4). Leeds, Ritter, Mitchell & Long (2002)
International Interactions 28. Gibler (2009) *International Military Alliances, 1648–2008*. Voeten (2013)
in Reinalda (ed.) *Routledge Handbook of International Organization*.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from entente.errors import BadInput, SchemaError
from entente.measures.history import HOSTILITY
from entente.measures.similarity import MEASURES, directed, dyad_similarity
from entente.measures.topics import TOPICS
from entente.measures.treaties import ATOP_TYPES, COW_TYPES, spells

THRESHOLD = 1.0
WEIGHT = 2.0
MIN_VOTES = 10
CLASSES = ("shared adversary", "shared friend", "divergent", "none")
RIVALRY_DATASETS = {"td": "Thompson & Dreyer", "tss": "TSS"}

BASELINE_COLUMNS = ["ccode", "unga", "z", "rank", "partners", "years", "n_votes"]
HOSTILITY_COLUMNS = ["ccode", "hostile", "rivalry", "disputes", "dispute_years", "max_hostility"]
ALLIANCE_COLUMNS = ["ccode", "allied", "pacts"]


def _need(frame: pd.DataFrame, columns, what: str, hint: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise SchemaError(f"{what} needs columns {list(columns)}; the table has no {missing}. {hint}")


def _partner(rows: pd.DataFrame, state: int) -> np.ndarray:
    """The other state of each row that involves ``state`` (directed or non-directed rows)."""
    return np.where(rows["ccode1"].to_numpy() == state, rows["ccode2"].to_numpy(), rows["ccode1"].to_numpy())


def _years(values) -> str:
    """[2003, 2004, 2007] → "2003–2004, 2007"."""
    return ", ".join(f"{s}" if s == e else f"{s}–{e}" for s, e in spells(pd.Series(list(values))))


def unga_baseline(pairs: pd.DataFrame, state: int, *, measure: str = "kappa",
                  min_votes: int = MIN_VOTES) -> pd.DataFrame:
    """``state``'s UN alignment with each partner over the rows given, relative to its own baseline.

    ``pairs``: dyad-year rows of ``m_unga_alignment_dyad_year`` (year, ccode1, ccode2, n_votes and the
    measure), already cut to the window; rows not involving ``state`` are ignored. Returns one row per
    partner: ``unga`` = mean of the yearly measure (each year once), ``z`` = (unga − mean) / sd over
    all partners (ddof 1; 0 if sd is 0), ``rank`` (1 = closest; ties share the best rank),
    ``partners``, ``years`` and ``n_votes`` (roll calls in common, summed). Partners with fewer than
    ``min_votes`` roll calls in common are dropped before the baseline is taken.
    """
    if measure not in MEASURES:
        raise BadInput(f"Unknown measure {measure!r}; use one of {', '.join(MEASURES)}.")
    _need(pairs, ["year", "ccode1", "ccode2", "n_votes", measure], "unga_baseline()",
          "Pass rows of m_unga_alignment_dyad_year.")
    rows = pairs[(pairs["ccode1"] == state) | (pairs["ccode2"] == state)]
    frame = pd.DataFrame({"ccode": _partner(rows, state), "m": rows[measure].to_numpy(),
                          "year": rows["year"].to_numpy(), "n": rows["n_votes"].to_numpy()})
    out = frame.groupby("ccode").agg(unga=("m", "mean"), years=("year", "nunique"), n_votes=("n", "sum"))
    out = out[out["n_votes"] >= min_votes].reset_index()
    sd = out["unga"].std(ddof=1)
    out["z"] = (out["unga"] - out["unga"].mean()) / sd if len(out) > 1 and sd > 0 else 0.0
    out["rank"] = out["unga"].rank(ascending=False, method="min").astype("int64")
    out["partners"] = len(out)
    return out[BASELINE_COLUMNS]


def hostility_evidence(rivalries: pd.DataFrame, disputes: pd.DataFrame, state: int,
                       start: int, end: int) -> pd.DataFrame:
    """Rivalries and militarized disputes between ``state`` and each other state within [start, end].

    ``rivalries``: spells with columns dataset (``td``/``tss``), name, ccode1, ccode2, styear, endyear
    (non-directed). ``disputes``: GML directed dispute-years (dispnum, ccode1, ccode2, year, hostlev1,
    hostlev2). A spell counts if it overlaps the window; a dispute if one of its dyad-years lies in it.
    Returns ccode, hostile, rivalry (text: name, dataset, spell), disputes (distinct disputes),
    dispute_years, max_hostility (1–5, the higher side's level in any dispute-year of the window).
    """
    _need(rivalries, ["dataset", "name", "ccode1", "ccode2", "styear", "endyear"], "hostility_evidence()",
          "Pass td_rivalries/tss_rivalries as dataset, name (rivalryname/rivalry), ccode1, ccode2, styear, endyear.")
    _need(disputes, ["dispnum", "ccode1", "ccode2", "year", "hostlev1", "hostlev2"], "hostility_evidence()",
          "Pass rows of gml_mid_dir_dyad_year.")
    riv = rivalries[((rivalries["ccode1"] == state) | (rivalries["ccode2"] == state))
                    & (rivalries["styear"] <= end) & (rivalries["endyear"] >= start)]
    riv = riv.assign(ccode=_partner(riv, state)).sort_values(["styear", "dataset"], kind="stable")
    riv_text = pd.Series(
        [f"{n} ({RIVALRY_DATASETS.get(d, d)} {s}–{e})"
         for n, d, s, e in zip(riv["name"], riv["dataset"], riv["styear"], riv["endyear"])],
        index=riv["ccode"], dtype="object").groupby(level=0).agg("; ".join).rename("rivalry")
    mid = disputes[(disputes["ccode1"] == state) & (disputes["year"] >= start) & (disputes["year"] <= end)]
    mid = mid.assign(level=mid[["hostlev1", "hostlev2"]].max(axis=1))
    mid_agg = mid.groupby("ccode2").agg(disputes=("dispnum", "nunique"), dispute_years=("year", _years),
                                        max_hostility=("level", "max")).rename_axis("ccode")
    out = pd.concat([riv_text, mid_agg], axis=1).rename_axis("ccode").reset_index()
    if out.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in HOSTILITY_COLUMNS})
    out["disputes"] = pd.to_numeric(out["disputes"], errors="coerce").fillna(0).astype("int64")
    out["hostile"] = out["rivalry"].notna() | (out["disputes"] > 0)
    return out[HOSTILITY_COLUMNS]


def alliance_evidence(atop: pd.DataFrame, cow: pd.DataFrame, state: int, start: int, end: int) -> pd.DataFrame:
    """Alliance obligations of ``state`` towards each other state within [start, end].

    ``atop``: ATOP directed dyad-years (ccode1, ccode2, year, atop_*); ``cow``: COW directed dyad-years
    (ccode1, ccode2, year, cow_*). Returns ccode, allied (an ATOP defence or offence obligation or a COW
    defence pact in the window) and pacts (every obligation type with its years in the window).
    """
    parts = []
    for frame, types, label in ((atop, ATOP_TYPES, "ATOP"), (cow, COW_TYPES, "COW")):
        _need(frame, ["ccode1", "ccode2", "year", *types], "alliance_evidence()",
              f"Pass rows of {'atop' if label == 'ATOP' else 'cow_alliance'}_dyad_year.")
        rows = frame[(frame["ccode1"] == state) & (frame["year"] >= start) & (frame["year"] <= end)]
        for column, name in types.items():
            hit = rows[rows[column] == 1]
            for ccode, years in hit.groupby("ccode2")["year"]:
                strong = name == "defence" or (label == "ATOP" and name == "offence")
                parts.append({"ccode": int(ccode), "text": f"{label} {name} {_years(years)}", "strong": strong})
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in ALLIANCE_COLUMNS})
    parts = pd.DataFrame(parts)
    return (parts.groupby("ccode").agg(allied=("strong", "any"), pacts=("text", "; ".join))
            .reset_index()[ALLIANCE_COLUMNS])


def stances(baseline: pd.DataFrame, hostility: pd.DataFrame, alliances: pd.DataFrame, *,
            weight: float = WEIGHT) -> pd.DataFrame:
    """One side's stance σ = z + weight · (allied − hostile) towards every state in any of the three tables.

    A state with no UN votes in common has z taken as 0 for σ (``z`` itself stays missing).
    """
    out = (baseline.merge(hostility, on="ccode", how="outer").merge(alliances, on="ccode", how="outer"))
    out["hostile"] = out["hostile"].astype("boolean").fillna(False).astype(bool)
    out["allied"] = out["allied"].astype("boolean").fillna(False).astype(bool)
    out["disputes"] = pd.to_numeric(out["disputes"], errors="coerce").fillna(0).astype("int64")
    out["stance"] = out["z"].astype(float).fillna(0.0) + weight * (out["allied"].astype(int) - out["hostile"].astype(int))
    out["ccode"] = out["ccode"].astype("int64")
    return out.sort_values("ccode").reset_index(drop=True)


def _side_text(label: str, row, suffix: str) -> str:
    z = row[f"z{suffix}"]
    if pd.isna(z):
        parts = ["no UN votes in common"]
    else:
        parts = [f"UNGA κ {row[f'unga{suffix}']:+.2f}, z {z:+.2f}, rank {int(row[f'rank{suffix}'])}"
                 f"/{int(row[f'partners{suffix}'])}"]
    if isinstance(row[f"rivalry{suffix}"], str):
        parts.append("rivalry " + row[f"rivalry{suffix}"])
    if row[f"disputes{suffix}"]:
        level = int(row[f"max_hostility{suffix}"])
        parts.append(f"{int(row[f'disputes{suffix}'])} MID(s) {row[f'dispute_years{suffix}']} "
                     f"(highest hostility {level}, {HOSTILITY.get(level, '?')})")
    if isinstance(row[f"pacts{suffix}"], str):
        parts.append(row[f"pacts{suffix}"])
    return f"{label}: " + "; ".join(parts)


def classify(side_a: pd.DataFrame, side_b: pd.DataFrame, a: int, b: int, *, threshold: float = THRESHOLD,
             labels: tuple[str, str] | None = None) -> pd.DataFrame:
    """Shared friend, shared adversary or divergent: the pair (a, b) towards every third state.

    ``side_a``, ``side_b``: :func:`stances` of ``a`` and ``b``. Columns ``*_a`` are ``a``'s, ``*_b``
    ``b``'s; ``friend``, ``adversary``, ``divergence``, ``score`` and ``class`` as in the module
    docstring; ``closer`` names the side with the higher stance on divergent rows; ``evidence`` spells
    out each side's numbers. Sorted by class (shared adversary, shared friend, divergent, none), then
    score, highest first; ``a`` and ``b`` themselves are left out.
    """
    la, lb = labels or (str(a), str(b))
    out = side_a.merge(side_b, on="ccode", how="outer", suffixes=("_a", "_b"))
    out = out[~out["ccode"].isin([a, b])].copy()
    for s in ("_a", "_b"):
        out[f"stance{s}"] = out[f"stance{s}"].fillna(0.0)
        out[f"hostile{s}"] = out[f"hostile{s}"].astype("boolean").fillna(False).astype(bool)
        out[f"allied{s}"] = out[f"allied{s}"].astype("boolean").fillna(False).astype(bool)
        out[f"disputes{s}"] = out[f"disputes{s}"].fillna(0).astype("int64")
    sa, sb = out["stance_a"].to_numpy(), out["stance_b"].to_numpy()
    hi, lo = np.maximum(sa, sb), np.minimum(sa, sb)
    out["friend"] = np.maximum(0.0, lo)
    out["adversary"] = np.maximum(0.0, -hi)
    out["divergence"] = np.maximum(0.0, np.minimum(hi, -lo))
    scores = out[["adversary", "friend", "divergence"]].to_numpy()
    out["score"] = scores.max(axis=1)
    lean = np.array(CLASSES[:3])[scores.argmax(axis=1)]
    out["class"] = np.where(out["score"] >= threshold, lean, "none")
    out["closer"] = np.where(out["divergence"] > 0, np.where(sa > sb, la, lb), "")
    out["evidence"] = [_side_text(la, r, "_a") + " | " + _side_text(lb, r, "_b") for _, r in out.iterrows()]
    order = {c: i for i, c in enumerate(CLASSES)}
    out = out.assign(_o=out["class"].map(order)).sort_values(["_o", "score", "ccode"], ascending=[True, False, True],
                                                             kind="stable")
    columns = ["ccode", "class", "score", "friend", "adversary", "divergence", "closer", "stance_a", "stance_b"]
    per_side = ["unga", "z", "rank", "partners", "years", "n_votes", "hostile", "rivalry", "disputes",
                "dispute_years", "max_hostility", "allied", "pacts"]
    columns += [f"{c}{s}" for s in ("_a", "_b") for c in per_side] + ["evidence"]
    return out[columns].reset_index(drop=True)


def unshared_evidence(table: pd.DataFrame, labels: tuple[str, str]) -> pd.DataFrame:
    """Third states where hard evidence (a rivalry or dispute, or a defence/offence pact) holds for one side only.

    ``table``: :func:`classify`'s output. Returns ccode, kind (``hostility``/``alliance``), side (the
    label of the side that has it), the other side's stance and z, the row's class and its evidence.
    These are the limits UN votes cannot show: a rival of one that the other never fought or rivalled.
    """
    rows = []
    for kind, column in (("hostility", "hostile"), ("alliance", "allied")):
        for s, other, label in (("_a", "_b", labels[0]), ("_b", "_a", labels[1])):
            hit = table[table[f"{column}{s}"] & ~table[f"{column}{other}"]]
            rows.append(pd.DataFrame({
                "ccode": hit["ccode"], "kind": kind, "side": label, "other_stance": hit[f"stance{other}"],
                "other_z": hit[f"z{other}"], "class": hit["class"], "evidence": hit["evidence"]}))
    out = pd.concat(rows, ignore_index=True)
    return out.sort_values(["kind", "other_stance"], ascending=[False, False], kind="stable").reset_index(drop=True)


def topic_divergence(votes: pd.DataFrame, a: int, b: int, *, measure: str = "agree",
                     min_votes: int = MIN_VOTES) -> pd.DataFrame:
    """Per UNGA issue, the pair's alignment against each side's average with all its other partners.

    ``votes``: rcid, ccode, vote (1 yes, 2 abstain, 3 no), issue — one row per (rcid, ccode, issue),
    already cut to the window. Each measure is pooled over all the window's roll calls on the issue
    (:func:`entente.measures.similarity.dyad_similarity`). For side x ∈ {a, b}: ``mean_x`` is the
    unweighted mean of x's measure with every partner except the other side (partners with at least
    ``min_votes`` roll calls on the issue), ``rank_x`` the other side's rank among x's partners
    (1 = closest) out of ``partners_x``. ``gap_x = pair − mean_x``; ``gap = pair − (mean_a + mean_b)/2``.
    Sorted by ``gap``, lowest first: the topics where the pair is least close compared with the rest of
    each side's ties come first.
    """
    if measure not in MEASURES:
        raise BadInput(f"Unknown measure {measure!r}; use one of {', '.join(MEASURES)}.")
    _need(votes, ["rcid", "ccode", "vote", "issue"], "topic_divergence()",
          "Pass UN votes joined to unga_rollcall_issues.")
    sims = directed(dyad_similarity(votes, ["issue"]))
    sims = sims[sims["n_votes"] >= min_votes]
    rows = []
    for issue in [t for t in TOPICS if t in set(sims["issue"])]:
        s = sims[sims["issue"] == issue]
        pair = s[(s["ccode1"] == a) & (s["ccode2"] == b)]
        if pair.empty:
            continue
        row = {"issue": issue, "topic": TOPICS[issue], "n_votes": int(pair["n_votes"].iloc[0]),
               measure: float(pair[measure].iloc[0])}
        for x, other, tag in ((a, b, "a"), (b, a, "b")):
            mine = s[s["ccode1"] == x]
            rest = mine.loc[mine["ccode2"] != other, measure]
            row[f"mean_{tag}"] = float(rest.mean())
            row[f"rank_{tag}"] = int((mine[measure] > row[measure]).sum() + 1)
            row[f"partners_{tag}"] = len(mine)
        rows.append(row)
    columns = ["issue", "topic", "n_votes", measure, "mean_a", "mean_b", "gap_a", "gap_b", "gap",
               "rank_a", "partners_a", "rank_b", "partners_b"]
    if not rows:
        return pd.DataFrame(columns=columns)
    out = pd.DataFrame(rows)
    out["gap_a"] = out[measure] - out["mean_a"]
    out["gap_b"] = out[measure] - out["mean_b"]
    out["gap"] = out[measure] - (out["mean_a"] + out["mean_b"]) / 2
    return out[columns].sort_values("gap", kind="stable").reset_index(drop=True)
