"""Trend: change points in a yearly series, the direction of its last decade, and a composite index.

Pure functions over pandas objects indexed by year; no I/O. :mod:`entente.pair.trend` feeds them a pair's
series (UNGA κ, alliance obligations, disputes, trade, arms).

**Change points** (:func:`change_points`). A series is modelled as piecewise constant in its mean
(ruptures' ``l2`` cost: the sum of squared deviations from each segment's mean) and segmented by PELT
(Killick, Fearnhead & Eckley 2012, JASA 107(500)), which returns the exact minimiser of

    Σ_segments Σ_t (x_t − x̄_segment)²  +  pen · (number of change points)

over all segmentations whose segments last at least ``min_size`` years. Why ``l2`` and not ``rbf``: the
question asked of these series is "when did the level of the relationship shift", which is a change in
mean; the ``l2`` cost is in the series' own units, so its penalty has a rule with a known justification
(below), whereas the ``rbf`` kernel cost detects any change of distribution, needs a bandwidth, and has
no penalty scale that carries over between series of 20 to 80 yearly points.

Penalty: ``pen = factor · σ̂² · ln n`` with ``factor = 3`` by default. For Gaussian noise of variance σ²
the squared-error cost is σ² times minus twice the log-likelihood, so ``factor = 2`` is the BIC/SIC
(Yao 1988, Stat. Prob. Letters 6(3): two parameters per change, its location and the new mean) and
``factor = 3`` is the leading term of Zhang & Siegmund's (2007, Biometrics 63(1)) modified BIC, the
default of R's ``changepoint`` (Killick & Eckley 2014, JSS 58(3)). We take 3 because yearly series
are autocorrelated, so σ̂ from differences runs low and 2 over-segments: on IRN–RUS UNGA κ, 1946–2025,
factor 2 gives 10 breaks in 79 years and factor 3 gives 7, both keeping the 1992 fall and the 2000
recovery. σ̂ is the noise scale estimated robustly from first differences,
σ̂ = MAD(Δx) · 1.4826 / √2 (as in Fryzlewicz 2014, Ann. Stat. 42(6)): a level shift moves one
difference only, so the estimate ignores it. When more than half the differences are zero (a step series such as alliance levels, or a series
of mostly zeros such as disputes) the MAD is 0 and σ̂ = sd(Δx)/√2 is used instead; a constant series has
no change point. The rule is deterministic: the same series gives the same breaks. Pass ``factor``
(2 for the plain BIC) or an explicit ``penalty`` to be looser or stricter.

A change point is reported as the **first year of the new segment**. Missing values are dropped first,
so a gap year is neither a segment nor a break.

*A correction to ruptures 1.1.10.* Its ``Pelt`` prunes a candidate as soon as a later point dominates
it, but with ``min_size > 1`` the later point cannot start a segment for the next ``min_size − 1``
steps, so the pruned candidate may still have been optimal: ``Pelt(min_size=2, jump=1)`` returns
``[2, 5]`` on ``[0, 1, 0, 0, 1]`` with ``pen = 0.1`` although ``[5]`` costs less (ruptures PR #383).
:class:`_ExactPelt` defers each pruning until the dominating point can start a segment, which makes
the search exact again; with ``min_size = 1`` it prunes exactly as ruptures does. It also fixes
``jump = 1``: ruptures' default ``jump = 5`` would only consider every fifth year.

**Direction of the last decade** (:func:`decade_direction`). The ordinary least-squares slope of the
series on the year over its last ``years`` years (the series' own last year and the nine before it),
its classical standard error se = √(Σe²/(n−2) / Σ(t − t̄)²), and a Student-t interval with n − 2
degrees of freedom. The verdict is ``rising`` or ``falling`` only when the interval excludes 0, else
``flat``; fewer than 4 observed years give ``insufficient data``. The standard error assumes
independent residuals; yearly series are often autocorrelated, which makes it too small, so a verdict
near the edge deserves the change points' reading too.

**Composite alignment index** (:func:`composite_index`). Each component is standardised over the years
it is observed, z = (x − mean) / sd (sample sd, ddof = 1), its sign set so that higher means closer
(disputes count against), and the index in year t is the weighted mean of the components observed in t:

    index_t = Σ_{c observed in t} w_c · s_c · z_{c,t}  /  Σ_{c observed in t} w_c

so a component that is missing in a year drops out and the remaining weights renormalise to 1 (the
column ``weight_covered`` = Σ_{c observed in t} w_c / Σ_c w_c says how much of the intended weight the
year rests on). A component with no variation in the window (sd = 0: a pair that never had an
alliance) carries no information about change and is dropped in every year. The index is in standard
deviations relative to **the pair's own history**: it says whether the pair is closer than usual for
itself, not whether it is closer than other pairs.

Components and default weights (:data:`DEFAULT_WEIGHTS`; they need not sum to 1, they are normalised):

=========  ======  ====  =========================================================================
name       weight  sign  series
=========  ======  ====  =========================================================================
unga       0.35    +     Cohen's κ of UNGA roll-call votes (Häge 2011): chance-corrected position
                         similarity; the one series covering almost every pair and year
alliance   0.25    +     ATOP obligation level, the Signorino–Ritter (1999) alliance valuation:
                         0 none, 1 consultation (entente), 2 neutrality or non-aggression,
                         3 defence or offence; the strongest formal commitment, but rare and coarse
disputes   0.20    −     highest hostility level (GML MIDs, 1 … 5 war) of a dispute between the two
                         in the year, 0 if none
trade      0.10    +     the weak link of trade dependence (Oneal & Russett 1997, ISQ 41(2)): the
                         smaller of the two sides' shares of their own trade that is with each other;
                         economic ties align interests less directly than votes or treaties
arms       0.10    +     SIPRI TIV delivered both ways (only when the SIPRI register is supplied)
=========  ======  ====  =========================================================================

Weights are given as a mapping or a string such as ``"unga=0.4,alliance=0.3,disputes=0.2,trade=0.1"``
(:func:`parse_weights`). A weight string is the whole weighting: a component it leaves out gets 0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from statistics import NormalDist

import numpy as np
import pandas as pd

from entente.codings import OBLIGATION_VALUES
from entente.errors import BadInput

#: Default weights of the composite index (normalised to sum 1 over the components present).
DEFAULT_WEIGHTS: dict[str, float] = {"unga": 0.35, "alliance": 0.25, "disputes": 0.20, "trade": 0.10, "arms": 0.10}
#: +1 when a higher value means a closer relationship, −1 when it means a more hostile one.
SIGNS: dict[str, int] = {"unga": 1, "alliance": 1, "disputes": -1, "trade": 1, "arms": 1}
COMPONENTS = tuple(DEFAULT_WEIGHTS)

#: Signorino–Ritter alliance valuation of the obligation labels (:data:`entente.codings.OBLIGATION_VALUES`).
ALLIANCE_LEVELS = OBLIGATION_VALUES

PENALTY_FACTOR = 3.0
MIN_SIZE = 3
DECADE = 10
MIN_DECADE_POINTS = 4


# ------------------------------------------------------------------------------------- change points
class _CostL2Cumsum:
    """ruptures' l2 cost, Σ(x − x̄)² over a segment, from running sums: O(1) per segment instead of O(n).

    Same values as ``ruptures.costs.CostL2`` (n·var); PELT asks for it once per candidate and end point.
    """

    model = "l2"
    min_size = 1

    def fit(self, signal):
        values = np.asarray(signal, dtype=float).reshape(len(signal), -1)
        self.signal = values
        self._sum = np.vstack([np.zeros((1, values.shape[1])), np.cumsum(values, axis=0)])
        self._sq = np.vstack([np.zeros((1, values.shape[1])), np.cumsum(values ** 2, axis=0)])
        # one series (the usual case): the same sums as Python floats, since PELT asks for thousands of
        # one-element costs and numpy's per-call overhead would dominate them (same IEEE operations)
        self._sum1 = self._sum[:, 0].tolist() if values.shape[1] == 1 else None
        self._sq1 = self._sq[:, 0].tolist() if values.shape[1] == 1 else None
        return self

    def error(self, start, end):
        if end - start < self.min_size:
            raise ValueError(f"a segment needs at least {self.min_size} point(s); got {start}–{end}.")
        if self._sum1 is not None:
            total = self._sum1[end] - self._sum1[start]
            return (self._sq1[end] - self._sq1[start]) - total * total / (end - start)
        total = self._sum[end] - self._sum[start]
        squares = self._sq[end] - self._sq[start]
        return float(np.sum(squares - total ** 2 / (end - start)))


class _ExactPelt:
    """PELT with pruning deferred by ``min_size`` steps, so it stays exact (see module doc).

    The interface of ``ruptures.Pelt`` (``fit(signal).predict(pen)`` → the segments' end indices, the
    last being ``len(signal)``) with the l2 cost only and ``jump = 1``. It stands alone rather than
    subclassing ruptures: ``import ruptures`` loads scipy.stats and scipy.spatial, about a second on
    the development machine, for a search this class does itself; tests compare it with ruptures'
    ``Pelt`` and ``Dynp``.
    """

    def __init__(self, model: str = "l2", min_size: int = MIN_SIZE):
        if model != "l2":
            raise BadInput(f"change points use the l2 cost (a shift in mean), not {model!r}.")
        self.cost = _CostL2Cumsum()
        self.min_size = max(int(min_size), self.cost.min_size)
        self.n_samples = None

    def fit(self, signal) -> "_ExactPelt":
        self.cost.fit(signal)
        self.n_samples = len(signal)
        return self

    def predict(self, pen: float) -> list[int]:
        """The sorted end indices of the optimal segments (the last is the signal's length)."""
        if self.n_samples < self.min_size:
            raise BadInput(f"{self.n_samples} points cannot make a segment of at least {self.min_size}.")
        return sorted(end for _, end in self._seg(pen))

    def _seg(self, pen):
        n, m = self.n_samples, self.min_size
        best = {0: -pen}          # F(t): optimal penalised cost of signal[:t], counting pen per segment
        last = {0: 0}             # the start of the last segment in that optimum
        admissible: list[int] = []
        dominated: dict[int, int] = {}   # candidate -> first end point at which it was dominated
        for end in range(m, n + 1):
            admissible.append(end - m)
            # a candidate dominated at step s may be dropped once s itself can start a segment
            admissible = [t for t in admissible if t not in dominated or end - dominated[t] < m]
            costs = [(best[t] + self.cost.error(t, end) + pen, t) for t in admissible if t in best]
            if not costs:
                continue
            value, start = min(costs)
            best[end], last[end] = value, start
            for cost, t in costs:
                if cost > value + pen and t not in dominated:
                    dominated[t] = end
        partition, end = {}, n
        while end > 0:
            start = last[end]
            partition[(start, end)] = self.cost.error(start, end)
            end = start
        return partition


def noise_scale(values: np.ndarray) -> float:
    """σ̂ from first differences: MAD(Δx)·1.4826/√2, or sd(Δx)/√2 when the MAD is 0 (module doc)."""
    diffs = np.diff(np.asarray(values, dtype=float))
    if diffs.size == 0:
        return 0.0
    mad = float(np.median(np.abs(diffs - np.median(diffs)))) * 1.4826
    if mad > 0:
        return mad / math.sqrt(2)
    return float(np.std(diffs, ddof=1)) / math.sqrt(2) if diffs.size > 1 else 0.0


def default_penalty(values: np.ndarray, factor: float = PENALTY_FACTOR) -> float:
    """BIC-type penalty ``factor · σ̂² · ln n`` in the units of the l2 cost."""
    n = len(values)
    return factor * noise_scale(values) ** 2 * math.log(n) if n > 1 else 0.0


def _clean(series: pd.Series) -> pd.Series:
    if not isinstance(series, pd.Series):
        raise BadInput(f"expected a pandas Series indexed by year, not {type(series).__name__}.")
    out = pd.to_numeric(series, errors="coerce").astype(float)
    out = out[np.isfinite(out.to_numpy())]
    return out.sort_index()


def change_points(series: pd.Series, *, penalty: float | None = None, min_size: int = MIN_SIZE,
                  factor: float = PENALTY_FACTOR) -> list[int]:
    """Years in which the series' mean shifts: the first year of each new segment, oldest first.

    PELT with the l2 cost (ruptures); ``penalty`` defaults to ``factor · σ̂² · ln n`` (module doc);
    segments last at least ``min_size`` observed years. NaN years are dropped first. Fewer than
    ``2 · min_size`` observed years, or a constant series, give no change point.
    """
    if isinstance(min_size, bool) or not isinstance(min_size, (int, np.integer)) or min_size < 1:
        raise BadInput(f"min_size must be a whole number of years ≥ 1, not {min_size!r}.")
    if penalty is not None and not (isinstance(penalty, (int, float)) and math.isfinite(penalty) and penalty >= 0):
        raise BadInput(f"penalty must be a number ≥ 0, not {penalty!r}.")
    if not (isinstance(factor, (int, float)) and math.isfinite(factor) and factor >= 0):
        raise BadInput(f"factor must be a number ≥ 0, not {factor!r}.")
    clean = _clean(series)
    values = clean.to_numpy()
    if len(values) < 2 * min_size or np.ptp(values) == 0:
        return []
    pen = default_penalty(values, factor) if penalty is None else float(penalty)
    ends = _ExactPelt("l2", min_size=int(min_size)).fit(values).predict(pen=pen)
    return [int(clean.index[i]) for i in ends[:-1]]


def segments(series: pd.Series, breaks: list[int]) -> pd.DataFrame:
    """The segments between change points: start, end (years), years observed, mean."""
    clean = _clean(series)
    edges = [clean.index.min(), *breaks]
    rows = []
    for i, first in enumerate(edges):
        part = clean[(clean.index >= first) & ((clean.index < edges[i + 1]) if i + 1 < len(edges) else True)]
        if len(part):
            rows.append({"start": int(part.index.min()), "end": int(part.index.max()), "years": len(part),
                         "mean": float(part.mean())})
    return pd.DataFrame(rows, columns=["start", "end", "years", "mean"])


# --------------------------------------------------------------------------------- decade direction
def decade_direction(series: pd.Series, *, years: int = DECADE, level: float = 0.95) -> dict:
    """OLS slope over the series' last ``years`` years, its standard error and interval, and a verdict.

    Returns start, end, n, slope (units per year), se, ci_low, ci_high, level, change (slope × span)
    and direction: ``rising``/``falling`` when the interval excludes 0, ``flat`` when it does not,
    ``insufficient data`` with fewer than 4 observed years (slope and interval then NaN).
    """
    if isinstance(years, bool) or not isinstance(years, (int, np.integer)) or years < 2:
        raise BadInput(f"years must be a whole number ≥ 2, not {years!r}.")
    if not 0 < level < 1:
        raise BadInput(f"level must lie between 0 and 1 (0.95 for a 95% interval), not {level!r}.")
    clean = _clean(series)
    nan = float("nan")
    out = {"start": None, "end": None, "n": 0, "slope": nan, "se": nan, "ci_low": nan, "ci_high": nan,
           "level": level, "change": nan, "direction": "insufficient data"}
    if clean.empty:
        return out
    last = int(clean.index.max())
    window = clean[clean.index > last - years]
    t, y = window.index.to_numpy(dtype=float), window.to_numpy()
    out.update(start=int(t.min()), end=last, n=len(window))
    if len(window) < MIN_DECADE_POINTS:
        return out
    tc = t - t.mean()
    slope = float((tc * (y - y.mean())).sum() / (tc ** 2).sum())
    resid = y - y.mean() - slope * tc
    df = len(y) - 2
    se = math.sqrt(float((resid ** 2).sum()) / df / float((tc ** 2).sum()))
    half = t_quantile(0.5 + level / 2, df) * se
    low, high = slope - half, slope + half
    direction = "rising" if low > 0 else "falling" if high < 0 else "flat"
    out.update(slope=slope, se=se, ci_low=low, ci_high=high, change=slope * float(t.max() - t.min()),
               direction=direction)
    return out


def _t_within(t: float, df: int) -> float:
    """P(−t < T < t) for Student's t with a whole number ``df`` ≥ 1 of degrees of freedom, t ≥ 0, by the
    finite series of Abramowitz & Stegun (1964) 26.7.3 (odd df) and 26.7.4 (even df), θ = atan(t/√df)."""
    theta = math.atan(t / math.sqrt(df))
    cos2, sin = math.cos(theta) ** 2, math.sin(theta)
    if df % 2:       # (2/π)(θ + sin θ cos θ (1 + (2/3) cos²θ + … + (2·4…(df−3))/(3·5…(df−2)) cos^(df−3) θ))
        term = total = math.cos(theta) if df > 1 else 0.0
        for k in range(3, df, 2):
            term *= cos2 * (k - 1) / k
            total += term
        return 2 / math.pi * (theta + sin * total)
    term = total = 1.0   # sin θ (1 + (1/2) cos²θ + … + (1·3…(df−3))/(2·4…(df−2)) cos^(df−2) θ)
    for k in range(2, df, 2):
        term *= cos2 * (k - 1) / k
        total += term
    return sin * total


def t_quantile(p: float, df: int) -> float:
    """The ``p`` quantile of Student's t with a whole number ``df`` of degrees of freedom (the decade
    direction's df is n − 2): Newton's method on :func:`_t_within` from the normal quantile, kept inside a
    bracket. It agrees with ``scipy.stats.t.ppf`` to about 1e-14 for the df and levels a decade gives
    (tests compare them); scipy itself is not imported here, since ``scipy.special`` costs a brief about a
    sixth of a second to load."""
    if not 0 < p < 1 or isinstance(df, bool) or int(df) != df or df < 1:
        raise BadInput(f"t_quantile needs 0 < p < 1 and a whole number of degrees of freedom ≥ 1, not {p!r}, {df!r}.")
    if p < 0.5:
        return -t_quantile(1 - p, df)
    if p == 0.5:
        return 0.0
    df, target = int(df), 2 * p - 1
    t, low, high = NormalDist().inv_cdf(p), 0.0, math.inf
    for _ in range(200):
        error = _t_within(t, df) - target
        low, high = (t, high) if error < 0 else (low, t)
        density = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
                           - (df + 1) / 2 * math.log1p(t * t / df))
        step = t - error / (2 * density)
        if not low < step < high:   # Newton left the bracket: bisect (or widen while unbounded)
            step = (low + high) / 2 if math.isfinite(high) else 2 * t
        if abs(step - t) <= 1e-15 * abs(step):
            return step
        t = step
    return t


# ---------------------------------------------------------------------------------- composite index
def parse_weights(text: str | Mapping[str, float] | None) -> dict[str, float]:
    """Weights from ``"unga=0.4,alliance=0.3"`` or a mapping; None gives :data:`DEFAULT_WEIGHTS`.

    Names are the components (unga, alliance, disputes, trade, arms); a component left out gets 0.
    Raises BadInput, naming the bad part, for an unknown name, a malformed part, a repeated name, a
    value that is not a finite number ≥ 0, or weights that are all 0.
    """
    if text is None:
        return dict(DEFAULT_WEIGHTS)
    known = ", ".join(COMPONENTS)
    example = "unga=0.4,alliance=0.3,disputes=0.2,trade=0.1"
    if isinstance(text, Mapping):
        items = [(str(k), v, f"{k}={v}") for k, v in text.items()]
    elif isinstance(text, str):
        items = []
        for part in (p.strip() for p in text.split(",")):
            if not part:
                continue
            if part.count("=") != 1:
                raise BadInput(f"Weight {part!r} is not name=value; write weights as {example!r}.")
            name, value = (s.strip() for s in part.split("="))
            items.append((name, value, part))
    else:
        raise BadInput(f"weights must be a string such as {example!r} or a mapping, not {type(text).__name__}.")
    weights = {c: 0.0 for c in COMPONENTS}
    seen = set()
    for name, value, part in items:
        key = name.lower()
        if key not in weights:
            raise BadInput(f"Unknown component {name!r} in weight {part!r}; use one of: {known}.")
        if key in seen:
            raise BadInput(f"Component {name!r} is weighted twice (in {part!r}); give each once.")
        seen.add(key)
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise BadInput(f"Weight {part!r} is not a number; write e.g. {key}=0.3.") from None
        if not math.isfinite(number) or number < 0:
            raise BadInput(f"Weight {part!r} must be a finite number ≥ 0 (negative weights would invert a "
                           "component; disputes already count against closeness).")
        weights[key] = number
    if not seen:
        raise BadInput(f"No weights given; write weights as {example!r}.")
    if sum(weights.values()) == 0:
        raise BadInput(f"All weights are 0 in {text!r}; give at least one component a positive weight.")
    return weights


def standardize(values: pd.Series) -> pd.Series:
    """z = (x − mean) / sd over the observed values (sample sd); all-NaN if sd is 0 or undefined."""
    x = pd.to_numeric(values, errors="coerce").astype(float)
    sd = x.std(ddof=1)
    if not (isinstance(sd, float) and math.isfinite(sd) and sd > 0):
        return pd.Series(np.nan, index=x.index)
    return (x - x.mean()) / sd


def composite_index(components: pd.DataFrame, weights: str | Mapping[str, float] | None = None) -> pd.DataFrame:
    """Composite alignment index per year from per-year components (module doc for the formula).

    ``components``: indexed by year, one column per component named as in :data:`COMPONENTS`
    (missing years NaN; absent columns count as missing throughout). Returns, indexed by year:
    ``z_<component>`` (standardised, before the sign), ``index``, ``components`` (how many entered
    that year) and ``weight_covered`` (share of the total weight they carry). Years with no
    component are left out.
    """
    if not isinstance(components, pd.DataFrame):
        raise BadInput(f"composite_index() needs a DataFrame of components by year, not {type(components).__name__}.")
    unknown = [c for c in components.columns if c not in COMPONENTS]
    if unknown:
        raise BadInput(f"Unknown component column(s) {unknown}; composite_index() takes {', '.join(COMPONENTS)}.")
    w = parse_weights(weights)
    total = sum(w.values())
    frame = components.sort_index()
    z = pd.DataFrame({c: standardize(frame[c]) for c in frame.columns if w[c] > 0}, index=frame.index)
    z = z.dropna(axis=1, how="all")
    signed = z * pd.Series({c: SIGNS[c] for c in z.columns})
    weight = pd.Series({c: w[c] for c in z.columns}, dtype=float)
    present = z.notna()
    covered = present.mul(weight, axis=1).sum(axis=1)
    index = signed.fillna(0.0).mul(weight, axis=1).sum(axis=1) / covered.where(covered > 0)
    out = z.add_prefix("z_")
    out["index"] = index
    out["components"] = present.sum(axis=1).astype(int)
    out["weight_covered"] = covered / total
    out.index.name = "year"
    return out[out["components"] > 0]
