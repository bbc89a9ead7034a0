"""Shared adversaries, shared friends and limits: how two states each stand towards every third state.

Tables in, tables out; no I/O. :mod:`entente.pair.third_parties` reads the warehouse rows these need.

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
   2012, to 2010; Thompson, Sakuwa & Suhas 2021, to 2020), a militarized dispute with a dyad-year in
   the window (GML MIDs v2.2.1, Gibler, Miller & Little 2016, to 2010, then COW MID 5.0 for 2011–2014),
   or a TIES sanctions case *imposed* by one on the other in the window (Morgan, Bapat & Kobayashi
   2014; cases begun to 2005, followed to 2013). Threatened sanctions are listed nowhere as hostility:
   TIES records many threats between friends over trade, and a threat not carried out says little.
   ``allied``: a defence or offence obligation in the window (ATOP v5.1, Leeds et al. 2002, to 2018)
   or a COW defence pact (Gibler 2009, to 2012). Neutrality, non-aggression and consultation pacts are
   listed in ``pacts`` but do not make a state ``allied``: ATOP codes multilateral instruments that
   bind former adversaries (Russia and the USA share a non-aggression obligation in every year
   2015–2018), so they say little about friendship. ``opposed``: a year of the window with hostility
   and no defence or offence pact in force that year — allies that quarrel (Greece and Turkey, NATO
   members with disputes) are not adversaries, but a rival that was once an ally is (China and the
   Soviet Union: allied 1950–1980, rivals to 1989). Beyond a dataset's last year its evidence is
   missing, not absent.

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

At most one is positive (the signs of σ_a and σ_b decide which). They rank; the **class** is decided by
evidence, not by the scores, because UN votes alone do not show adversity (India and Pakistan both
vote furthest from the Marshall Islands, Palau and Nauru, which vote with the USA and Israel: distance,
not hostility)::

    shared adversary   opposed by a and opposed by b, in        hard evidence with each side, at
                       years within ``OVERLAP`` (2) of each     the same time
                       other
    shared friend      a tie with a and a tie with b,           tie = defence/offence pact, or UN
                       hostile to neither                       alignment z ≥ ``threshold`` (default 1)
    divergent          a tie with one side, opposed by the other
    none               anything else

So a shared adversary needs a rivalry, a dispute or an imposed sanction with *each* side, at the same
time (``shared_years``: the United States' rivalry with Germany from 1889 and its one dispute with
Austria-Hungary in 1853 make it no shared adversary of the two in 1816–1914), and with each side either
a rivalry, or a militarized dispute and a stance below zero: a dispute with a state one otherwise votes
with among one's closest partners is an incident, not enmity (the United States and Israel in 1976) (UN
distance is a weaker signal: it only ranks them, through σ), and sanctions alone are a policy, not enmity
(Germany and Canada sanctioned both India and Pakistan after their nuclear tests of 1998; the United
States sanctioned South Vietnam in 1963): they move σ but make no one an adversary of both, while friendship may rest on votes alone, because
voting together well above one's own baseline is itself a tie, and most friendly states have no pact.
A friend must be hostile to neither (a NATO ally in a cod war with one side is not a shared friend).
Shared adversaries are listed by ``hard``, the kinds of hard evidence summed over both sides (rivalry,
dispute, sanction: 0–6), then by ``score``; the other classes by ``score``. ``score`` is the class's
strength, ``min(−σ_a, −σ_b)`` for adversaries, ``min(σ_a, σ_b)`` for friends, ``min(max σ, −min σ)``
for divergent rows, without the floor at 0 (a rival of both that one side still votes with ranks low
but stays a shared adversary); for ``none`` the largest of the three. A long window mixes eras: China
is a shared adversary of the USA and the Soviet Union in 1946–1991 (rival of both; allied with the
Soviet Union until 1980, the years after count), and the evidence says both.
Every score and class is symmetric in (a, b).

**Topics.** :func:`topic_divergence` compares the pair's agreement on each of Voeten's six issue codes
(pooled over the window) with each side's average over all its other partners on that issue.

References: Häge, F. M. (2011) Political Analysis 19(3): 287–305. Thompson, W. R. & Dreyer, D. R. (2012)
*Handbook of International Rivalries*. Thompson, Sakuwa & Suhas (2021) *Analyzing Strategic Rivalries in
World Politics*. Gibler, Miller & Little (2016) ISQ 60(4). Leeds, Ritter, Mitchell & Long (2002)
International Interactions 28. Gibler (2009) *International Military Alliances, 1648–2008*. Morgan,
Bapat & Kobayashi (2014) Conflict Management and Peace Science 31(5). Voeten (2013) in Reinalda (ed.)
*Routledge Handbook of International Organization*.
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
#: Two sides' enmity towards a third state counts as shared when their opposed years lie within this many
#: years of each other: a militarized dispute is an incident, and the enmity it shows outlasts its year.
OVERLAP = 2
MIN_VOTES = 10
CLASSES = ("shared adversary", "shared friend", "divergent", "none")
RIVALRY_DATASETS = {"td": "Thompson & Dreyer", "tss": "TSS"}

BASELINE_COLUMNS = ["ccode", "unga", "z", "rank", "partners", "years", "n_votes"]
HOSTILITY_COLUMNS = ["ccode", "hostile", "rivalry", "rival_datasets", "rival_spans", "rival_years", "disputes",
                     "dispute_years",
                     "max_hostility", "sanctions", "sanction_years", "sanction_dir", "hostile_years"]
ALLIANCE_COLUMNS = ["ccode", "allied", "allied_span", "pacts", "allied_years"]
DISPUTE_COLUMNS = ["dispnum", "ccode1", "ccode2", "year", "hostlev1", "hostlev2"]
SANCTION_COLUMNS = ["caseid", "sender", "target", "start", "end", "imposed"]


def _need(frame: pd.DataFrame, columns, what: str, hint: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise SchemaError(f"{what} needs columns {list(columns)}; the table has no {missing}. {hint}")


def _partner(rows: pd.DataFrame, state: int) -> np.ndarray:
    """The other state of each row that involves ``state`` (directed or non-directed rows)."""
    return np.where(rows["ccode1"].to_numpy() == state, rows["ccode2"].to_numpy(), rows["ccode1"].to_numpy())


def _years(values) -> str:
    """[2003, 2004, 2007] → "2003–2004, 2007"."""
    return ", ".join(f"{s}" if s == e else f"{s}–{e}" for s, e in spells(values))


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


def common_years(first, second, tolerance: int = OVERLAP) -> tuple[int, ...]:
    """The years of ``first`` within ``tolerance`` years of one in ``second``, and those of ``second``
    within ``tolerance`` of one in ``first``: when two sides were each opposed to a third state at once.

    (1975, 1976) and (1977,) with tolerance 2 → (1975, 1976, 1977); (1853,) and (1889, …, 1914) → ().
    """
    a, b = np.asarray(sorted(set(first)), dtype="int64"), np.asarray(sorted(set(second)), dtype="int64")
    if not len(a) or not len(b):
        return ()

    def near(x, y):
        i = np.searchsorted(y, x)
        left = np.abs(x - y[np.clip(i - 1, 0, len(y) - 1)])
        right = np.abs(y[np.clip(i, 0, len(y) - 1)] - x)
        return x[np.minimum(left, right) <= tolerance]

    return tuple(int(y) for y in sorted(set(near(a, b)) | set(near(b, a))))


def _clip(first: int, last: int, start: int, end: int) -> str:
    """A spell cut to the window, as text: (1946, 2020) in 1946–1991 → "1946–1991"; one year → "1990"."""
    first, last = max(int(first), start), min(int(last), end)
    return f"{first}" if first == last else f"{first}–{last}"


def _per_partner(codes: pd.Series, values: list, join, name: str) -> pd.Series:
    """``join`` of each partner's ``values`` (in row order), indexed by partner code, ascending: what
    ``Series(values, index=codes).groupby(level=0).agg(join)`` gives, without pandas' per-group call."""
    groups: dict[int, list] = {}
    for code, value in zip(codes.tolist(), values):
        groups.setdefault(code, []).append(value)
    keys = sorted(groups)
    return pd.Series([join(groups[k]) for k in keys], index=pd.Index(keys, dtype=codes.dtype, name=codes.name),
                     dtype="object", name=name)


def _dispute_totals(mid: pd.DataFrame) -> pd.DataFrame:
    """Per partner (``ccode2``, ascending): distinct disputes, their years as text and the highest level: the
    ``groupby("ccode2").agg(nunique, _years, max)`` of the rows, without pandas' per-group Python calls."""
    if mid.empty:       # pandas' own empty result, with the dtypes the columns get downstream
        return mid.groupby("ccode2").agg(disputes=("dispnum", "nunique"), dispute_years=("year", _years),
                                         max_hostility=("level", "max")).rename_axis("ccode")
    nums: dict[int, set] = {}
    years: dict[int, list] = {}
    top: dict[int, float] = {}
    for code, num, year, level in zip(mid["ccode2"].tolist(), mid["dispnum"].tolist(), mid["year"].tolist(),
                                      mid["level"].tolist()):
        nums.setdefault(code, set())
        if num == num:                      # nunique leaves NaN out
            nums[code].add(num)
        years.setdefault(code, []).append(year)
        if level == level and (code not in top or level > top[code]):
            top[code] = level
    keys = sorted(nums)
    index = pd.Index(keys, dtype=mid["ccode2"].dtype, name="ccode")
    return pd.DataFrame({"disputes": pd.Series([len(nums[k]) for k in keys], index=index, dtype="int64"),
                         "dispute_years": pd.Series([_years(years[k]) for k in keys], index=index, dtype="object"),
                         "max_hostility": pd.Series([top.get(k, np.nan) for k in keys], index=index,
                                                    dtype=mid["level"].dtype)})


def _sanction_totals(sanc: pd.DataFrame, state: int, sanc_years: dict[int, set]) -> pd.DataFrame:
    """Per partner (ascending): distinct imposed cases, their years and direction (``by`` ``state``, ``on`` it,
    ``both``)."""
    if sanc.empty:      # pandas' own empty result, with the dtypes the columns get downstream
        out = sanc.groupby("ccode").agg(sanctions=("caseid", "nunique"))
        out["sanction_years"] = []
        out["sanction_dir"] = np.select([np.zeros(0, bool)], ["by"], "on")
        return out
    cases: dict[int, set] = {}
    by: dict[int, bool] = {}
    on: dict[int, bool] = {}
    for code, case, sender, target in zip(sanc["ccode"].tolist(), sanc["caseid"].tolist(), sanc["sender"].tolist(),
                                          sanc["target"].tolist()):
        cases.setdefault(code, set())
        if case == case:
            cases[code].add(case)
        by[code] = by.get(code, False) or sender == state
        on[code] = on.get(code, False) or target == state
    keys = sorted(cases)
    index = pd.Index(keys, dtype=sanc["ccode"].dtype, name="ccode")
    direction = ["both" if by[k] and on[k] else "by" if by[k] else "on" for k in keys]
    return pd.DataFrame({"sanctions": pd.Series([len(cases[k]) for k in keys], index=index, dtype="int64"),
                         "sanction_years": pd.Series([_years(sanc_years[int(k)]) for k in keys], index=index,
                                                     dtype="object"),
                         "sanction_dir": pd.Series(direction, index=index, dtype="object")})


def hostility_evidence(rivalries: pd.DataFrame, disputes: pd.DataFrame, state: int, start: int, end: int,
                       sanctions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rivalries, militarized disputes and sanctions between ``state`` and each other state within [start, end].

    ``rivalries``: spells with columns dataset (``td``/``tss``), name, ccode1, ccode2, styear, endyear
    (non-directed). ``disputes``: directed dispute-years (dispnum, ccode1, ccode2, year, hostlev1,
    hostlev2): GML MIDs, with COW MID rows for the years after GML's last (see
    :mod:`entente.pair.third_parties`). ``sanctions``: one row per TIES case, sender and target (caseid,
    sender, target, start, end, imposed), ``end`` the case's last known year. A spell counts if it
    overlaps the window, a dispute if one of its dyad-years lies in it, a sanctions case if it was
    imposed (not merely threatened) and its years overlap the window, either direction.

    Returns ccode, hostile, rivalry (text: name, dataset, spell cut to the window), rival_datasets
    ("td", "tss" or "td, tss"), rival_spans ("td 2001–2010; tss 2001–2020": each dataset's spells cut
    to the window), rival_years (the years any spell covers in the window), disputes (distinct
    disputes), dispute_years, max_hostility (1–5, the higher side's level in any dispute-year of the
    window), sanctions (distinct imposed cases), sanction_years, sanction_dir (``by``: ``state`` imposed
    them, ``on``: the other state did, ``both``), and hostile_years (the window's years
    with any of the three: a sorted tuple, used to set rivalries and disputes against alliances).
    """
    _need(rivalries, ["dataset", "name", "ccode1", "ccode2", "styear", "endyear"], "hostility_evidence()",
          "Pass td_rivalries/tss_rivalries as dataset, name (rivalryname/rivalry), ccode1, ccode2, styear, endyear.")
    _need(disputes, ["dispnum", "ccode1", "ccode2", "year", "hostlev1", "hostlev2"], "hostility_evidence()",
          "Pass rows of gml_mid_dir_dyad_year.")
    if sanctions is None:
        sanctions = pd.DataFrame(columns=SANCTION_COLUMNS)
    _need(sanctions, SANCTION_COLUMNS, "hostility_evidence()", "Pass TIES cases as one row per sender and target.")
    years: dict[int, set] = {}
    riv = rivalries[((rivalries["ccode1"] == state) | (rivalries["ccode2"] == state))
                    & (rivalries["styear"] <= end) & (rivalries["endyear"] >= start)]
    riv = riv.assign(ccode=_partner(riv, state)).sort_values(["styear", "dataset"], kind="stable")
    for c, s, e in zip(riv["ccode"], riv["styear"], riv["endyear"]):
        years.setdefault(int(c), set()).update(range(max(int(s), start), min(int(e), end) + 1))
    spans = [_clip(s, e, start, end) for s, e in zip(riv["styear"], riv["endyear"])]
    codes = riv["ccode"]
    riv_text = _per_partner(codes, [f"{n} ({RIVALRY_DATASETS.get(d, d)} {sp})" for n, d, sp in
                                    zip(riv["name"], riv["dataset"], spans)], "; ".join, "rivalry")
    riv_sets = _per_partner(codes, list(riv["dataset"]), lambda d: ", ".join(sorted(set(d))), "rival_datasets")
    riv_spans = _per_partner(codes, [f"{d} {sp}" for d, sp in zip(riv["dataset"], spans)],
                             lambda v: "; ".join(dict.fromkeys(v)), "rival_spans")
    riv_years = pd.Series({c: _years(y) for c, y in years.items()}, dtype="object").rename("rival_years")
    mid = disputes[(disputes["ccode1"] == state) & (disputes["year"] >= start) & (disputes["year"] <= end)]
    mid = mid.assign(level=mid[["hostlev1", "hostlev2"]].max(axis=1))
    for c, y in zip(mid["ccode2"], mid["year"]):
        years.setdefault(int(c), set()).add(int(y))
    mid_agg = _dispute_totals(mid)
    sanc = sanctions[sanctions["imposed"].astype(bool) & (sanctions["start"] <= end) & (sanctions["end"] >= start)
                     & ((sanctions["sender"] == state) | (sanctions["target"] == state))]
    sanc = sanc.assign(ccode=np.where(sanc["sender"].to_numpy() == state, sanc["target"].to_numpy(),
                                      sanc["sender"].to_numpy()))
    sanc = sanc[sanc["ccode"] != state]
    sanc_years: dict[int, set] = {}
    for c, s, e in zip(sanc["ccode"], sanc["start"], sanc["end"]):
        span = range(max(int(s), start), min(int(e), end) + 1)
        years.setdefault(int(c), set()).update(span)
        sanc_years.setdefault(int(c), set()).update(span)
    sanc_agg = _sanction_totals(sanc, state, sanc_years)
    out = pd.concat([riv_text, riv_sets, riv_spans, riv_years, mid_agg, sanc_agg], axis=1)
    out = out.rename_axis("ccode").reset_index()
    if out.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in HOSTILITY_COLUMNS})
    for column in ("disputes", "sanctions"):
        out[column] = pd.to_numeric(out[column], errors="coerce").fillna(0).astype("int64")
    out["hostile"] = out["rivalry"].notna() | (out["disputes"] > 0) | (out["sanctions"] > 0)
    out["hostile_years"] = [tuple(sorted(years.get(int(c), ()))) for c in out["ccode"]]
    return out[HOSTILITY_COLUMNS]


def alliance_evidence(atop: pd.DataFrame, cow: pd.DataFrame, state: int, start: int, end: int) -> pd.DataFrame:
    """Alliance obligations of ``state`` towards each other state within [start, end].

    ``atop``: ATOP directed dyad-years (ccode1, ccode2, year, atop_*); ``cow``: COW directed dyad-years
    (ccode1, ccode2, year, cow_*). Returns ccode, allied (an ATOP defence or offence obligation or a COW
    defence pact in the window), pacts (every obligation type with its years in the window) and
    allied_years (the years with a defence or offence obligation, a sorted tuple; ``allied_span`` as text).
    """
    found: dict[int, list[tuple[str, bool, tuple]]] = {}     # partner → (text, strong, years), in reading order
    for frame, types, label in ((atop, ATOP_TYPES, "ATOP"), (cow, COW_TYPES, "COW")):
        _need(frame, ["ccode1", "ccode2", "year", *types], "alliance_evidence()",
              f"Pass rows of {'atop' if label == 'ATOP' else 'cow_alliance'}_dyad_year.")
        rows = frame[(frame["ccode1"] == state) & (frame["year"] >= start) & (frame["year"] <= end)]
        partners, years_of = rows["ccode2"].to_numpy(), rows["year"].to_numpy()
        for column, name in types.items():
            hit = rows[column].to_numpy() == 1
            by_partner: dict[int, list[int]] = {}
            for ccode, year in zip(partners[hit].tolist(), years_of[hit].tolist()):
                by_partner.setdefault(int(ccode), []).append(int(year))
            strong = name == "defence" or (label == "ATOP" and name == "offence")
            for ccode in sorted(by_partner):
                years = by_partner[ccode]
                found.setdefault(ccode, []).append((f"{label} {name} {_years(years)}", strong,
                                                    tuple(years) if strong else ()))
    if not found:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in ALLIANCE_COLUMNS})
    codes = sorted(found)
    allied_years = [tuple(sorted(set().union(*(y for _, _, y in found[c])))) for c in codes]
    out = pd.DataFrame({"ccode": pd.Series(codes, dtype="int64"),
                        "allied": [any(strong for _, strong, _ in found[c]) for c in codes],
                        "pacts": ["; ".join(text for text, _, _ in found[c]) for c in codes],
                        "allied_years": pd.Series(allied_years, dtype="object")})
    out["allied_span"] = [_years(y) if y else None for y in out["allied_years"]]
    return out[ALLIANCE_COLUMNS]


def stances(baseline: pd.DataFrame, hostility: pd.DataFrame, alliances: pd.DataFrame, *,
            weight: float = WEIGHT) -> pd.DataFrame:
    """One side's stance σ = z + weight · (allied − hostile) towards every state in any of the three tables.

    A state with no UN votes in common has z taken as 0 for σ (``z`` itself stays missing). ``opposed``:
    a year of the window with a rivalry, a dispute or an imposed sanction and no defence or offence
    pact that year (an adversary by hard evidence; allies that quarrel are not); ``opposed_years``
    those years, a sorted tuple.
    """
    out = (baseline.merge(hostility, on="ccode", how="outer").merge(alliances, on="ccode", how="outer"))
    out["hostile"] = out["hostile"].astype("boolean").fillna(False).astype(bool)
    out["allied"] = out["allied"].astype("boolean").fillna(False).astype(bool)
    out["disputes"] = pd.to_numeric(out["disputes"], errors="coerce").fillna(0).astype("int64")
    out["stance"] = out["z"].astype(float).fillna(0.0) + weight * (out["allied"].astype(int) - out["hostile"].astype(int))
    allied_years = out["allied_years"].map(lambda v: v if isinstance(v, tuple) else ())
    out["opposed_years"] = [tuple(sorted(set(h) - set(a))) if isinstance(h, tuple) else ()
                            for h, a in zip(out["hostile_years"], allied_years)]
    out["opposed"] = out["opposed_years"].map(bool)
    out["ccode"] = out["ccode"].astype("int64")
    out = out.drop(columns=["hostile_years", "allied_years"])
    return out.sort_values("ccode").reset_index(drop=True)


def _signed(value: float) -> str:
    """``+0.14``, ``-0.26``; ``0.00`` for what rounds to zero (never ``-0.00``)."""
    text = f"{value:+.2f}"
    return "0.00" if float(text) == 0 else text


def _side_text(label: str, row, suffix: str) -> str:
    z = row[f"z{suffix}"]
    if pd.isna(z):
        parts = ["no UN votes in common"]
    else:
        parts = [f"UNGA κ {_signed(row[f'unga{suffix}'])}, z {_signed(z)}, rank {int(row[f'rank{suffix}'])}"
                 f"/{int(row[f'partners{suffix}'])}"]
    if isinstance(row[f"rivalry{suffix}"], str):
        parts.append("rivalry " + row[f"rivalry{suffix}"])
    if row[f"disputes{suffix}"]:
        level = int(row[f"max_hostility{suffix}"])
        parts.append(f"{int(row[f'disputes{suffix}'])} MID(s) {row[f'dispute_years{suffix}']} "
                     f"(highest hostility {level}, {HOSTILITY.get(level, '?')})")
    if row[f"sanctions{suffix}"]:
        parts.append(f"{int(row[f'sanctions{suffix}'])} TIES sanctions case(s) imposed {row[f'sanction_years{suffix}']}")
    if isinstance(row[f"pacts{suffix}"], str):
        parts.append(row[f"pacts{suffix}"])
    return f"{label}: " + "; ".join(parts)


def classify(side_a: pd.DataFrame, side_b: pd.DataFrame, a: int, b: int, *, threshold: float = THRESHOLD,
             labels: tuple[str, str] | None = None) -> pd.DataFrame:
    """Shared friend, shared adversary or divergent: the pair (a, b) towards every third state.

    ``side_a``, ``side_b``: :func:`stances` of ``a`` and ``b``. Columns ``*_a`` are ``a``'s, ``*_b``
    ``b``'s; ``tie_*`` is a defence/offence pact or UN alignment at least ``threshold`` sd above the
    side's baseline; ``friend``, ``adversary``, ``divergence``, ``score`` and ``class`` as in the module
    docstring; ``closer`` names the side with the higher stance on rows with divergence; ``evidence``
    spells out each side's numbers. Sorted by class (shared adversary, shared friend, divergent, none), then
    score, highest first; ``a`` and ``b`` themselves are left out.
    """
    la, lb = labels or (str(a), str(b))
    out = side_a.merge(side_b, on="ccode", how="outer", suffixes=("_a", "_b"))
    out = out[~out["ccode"].isin([a, b])].copy()
    for s in ("_a", "_b"):
        out[f"stance{s}"] = out[f"stance{s}"].fillna(0.0)
        for flag in ("hostile", "allied", "opposed"):
            out[f"{flag}{s}"] = out[f"{flag}{s}"].astype("boolean").fillna(False).astype(bool)
        for count in ("disputes", "sanctions"):
            # object columns after the outer merge: numbers first, so that fillna does not downcast
            out[f"{count}{s}"] = pd.to_numeric(out[f"{count}{s}"]).fillna(0).astype("int64")
        out[f"tie{s}"] = out[f"allied{s}"] | (out[f"z{s}"].astype(float).fillna(0.0) >= threshold)
    sa, sb = out["stance_a"].to_numpy(), out["stance_b"].to_numpy()
    hi, lo = np.maximum(sa, sb), np.minimum(sa, sb)
    out["friend"] = np.maximum(0.0, lo)
    out["adversary"] = np.maximum(0.0, -hi)
    out["divergence"] = np.maximum(0.0, np.minimum(hi, -lo))
    for s in ("_a", "_b"):
        out[f"opposed_years{s}"] = out[f"opposed_years{s}"].map(lambda v: v if isinstance(v, tuple) else ())
    together = [common_years(x, y) for x, y in zip(out["opposed_years_a"], out["opposed_years_b"])]
    out["shared_years"] = [_years(t) if t else None for t in together]
    # Against each side: a rivalry, or a militarized dispute the votes do not outweigh (σ < 0). A lone dispute
    # with a state one votes with among one's closest partners (the United States and Israel, 1976) is an
    # incident; sanctions alone (Germany on India and Pakistan after 1998) are a policy, not enmity.
    against = {s: out[f"rivalry{s}"].notna() | ((out[f"disputes{s}"] > 0) & (out[f"stance{s}"] < 0))
               for s in ("_a", "_b")}
    shared_adversary = (out["opposed_a"] & out["opposed_b"] & against["_a"] & against["_b"]
                        & pd.Series([bool(t) for t in together], index=out.index))
    shared_friend = out["tie_a"] & out["tie_b"] & ~out["hostile_a"] & ~out["hostile_b"]
    divergent = (out["tie_a"] & out["opposed_b"]) | (out["tie_b"] & out["opposed_a"])
    out["class"] = np.select([shared_adversary, shared_friend, divergent], list(CLASSES[:3]), "none")
    # The score of a classed row is its class's strength without the floor at 0, so that it ranks rows
    # whose hard evidence goes against the votes; an unclassed row keeps the largest of the three.
    out["score"] = np.select([shared_adversary, shared_friend, divergent], [-hi, lo, np.minimum(hi, -lo)],
                             out[["adversary", "friend", "divergence"]].max(axis=1).to_numpy())
    kinds = [(out[f"rivalry{s}"].notna().astype(int) + (out[f"disputes{s}"] > 0).astype(int)
              + (out[f"sanctions{s}"] > 0).astype(int)) for s in ("_a", "_b")]
    out["hard"] = kinds[0] + kinds[1]
    out["closer"] = np.where(out["divergence"] > 0, np.where(sa > sb, la, lb), "")
    out["evidence"] = [_side_text(la, r, "_a") + " | " + _side_text(lb, r, "_b") for _, r in out.iterrows()]
    order = {c: i for i, c in enumerate(CLASSES)}
    # Shared adversaries rank first by the kinds of hard evidence (rivalry, dispute, sanction: 0–3 per
    # side), then by score; the other classes by score.
    out = out.assign(_o=out["class"].map(order), _h=np.where(shared_adversary, out["hard"], 0))
    out = out.sort_values(["_o", "_h", "score", "ccode"], ascending=[True, False, False, True], kind="stable")
    columns = ["ccode", "class", "score", "hard", "friend", "adversary", "divergence", "closer", "stance_a", "stance_b",
               "shared_years"]
    per_side = ["unga", "z", "rank", "partners", "years", "n_votes", "hostile", "opposed", "tie", "rivalry",
                "rival_datasets", "rival_spans", "rival_years", "disputes", "dispute_years", "max_hostility",
                "sanctions", "sanction_years", "sanction_dir", "allied", "allied_span", "pacts"]
    columns += [f"{c}{s}" for s in ("_a", "_b") for c in per_side] + ["evidence"]
    return out[columns].reset_index(drop=True)


def unshared_evidence(table: pd.DataFrame, labels: tuple[str, str]) -> pd.DataFrame:
    """Third states where hard evidence (a rivalry or dispute, or a defence/offence pact) holds for one side only.

    ``table``: :func:`classify`'s output. Returns ccode, kind (``hostility``/``alliance``), side (the
    label of the side that has it), ``strength`` of the evidence, the other side's stance and z, the row's
    class and its evidence. These are the limits UN votes cannot show: a rival of one that the other
    never fought or rivalled.

    Hostility is one side's opposition (hard evidence in years without a pact, see :func:`stances`)
    that the other side does not share: Syria is Israel's adversary and not Egypt's, though Egypt and
    Syria once exchanged sanctions, because the two were allied then. ``strength`` ranks them, strongest
    first: 3 for a rivalry, 1 per militarized dispute up to 5, 1 for sanctions (a rival with forty
    disputes before a state sanctioned once); an alliance's strength is its number of allied years.
    """
    rows = []
    for kind, column in (("hostility", "opposed"), ("alliance", "allied")):
        for s, other, label in (("_a", "_b", labels[0]), ("_b", "_a", labels[1])):
            hit = table[table[f"{column}{s}"] & ~table[f"{column}{other}"]]
            if kind == "hostility":
                strength = (3 * hit[f"rivalry{s}"].notna().astype(int) + hit[f"disputes{s}"].clip(upper=5)
                            + (hit[f"sanctions{s}"] > 0).astype(int))
            else:
                strength = hit[f"allied_span{s}"].map(_span_years)
            rows.append(pd.DataFrame({
                "ccode": hit["ccode"], "kind": kind, "side": label, "strength": strength.astype("int64"),
                "other_stance": hit[f"stance{other}"], "other_z": hit[f"z{other}"], "class": hit["class"],
                "evidence": hit["evidence"]}))
    out = pd.concat(rows, ignore_index=True)
    return out.sort_values(["kind", "strength", "other_stance"], ascending=[False, False, False],
                           kind="stable").reset_index(drop=True)


def _span_years(text) -> int:
    """The number of years in "1992–2018, 2020" (0 for none)."""
    if not isinstance(text, str):
        return 0
    total = 0
    for part in text.split(","):
        first, _, last = part.strip().partition("–")
        total += int(last or first) - int(first) + 1
    return total


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
    columns = ["issue", "topic", "n_votes", measure, "mean_a", "mean_b", "gap_a", "gap_b", "gap",
               "rank_a", "partners_a", "rank_b", "partners_b"]
    if votes.empty:   # a window without UN votes (before 1946)
        return pd.DataFrame(columns=columns)
    sims = directed(dyad_similarity(votes, ["issue"], focal=(a, b)))   # only a's and b's ties are read
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
    if not rows:
        return pd.DataFrame(columns=columns)
    out = pd.DataFrame(rows)
    out["gap_a"] = out[measure] - out["mean_a"]
    out["gap_b"] = out[measure] - out["mean_b"]
    out["gap"] = out[measure] - (out["mean_a"] + out["mean_b"]) / 2
    return out[columns].sort_values("gap", kind="stable").reset_index(drop=True)
