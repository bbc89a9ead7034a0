"""Roll-call vote similarity for every pair of states in every group (year, or year × issue).

Votes are coded as in Voeten's data: 1 = yes, 2 = abstain, 3 = no; a state that was absent or not a
member has no row, so every measure is computed over the *n* roll calls **both** states voted on.

For states *i* and *j* with votes x_k and y_k on those n roll calls:

- ``agree`` (percent agreement, e.g. Voeten 2013):
  (both yes + both no + both abstain + ½ · one abstains while the other votes yes or no) / n.
  With ``both_abstain="exclude"`` roll calls on which both abstained are dropped from numerator and
  denominator (``agree_n`` counts the roll calls used).
- ``s_abs``, ``s_sq`` (Signorino & Ritter 1999): S = 1 − 2·Σ d(x_k, y_k) / (d_max · n) with
  d = |x − y| (d_max = 2) or d = (x − y)² (d_max = 4); S ∈ [−1, 1], S(i, i) = 1.
- ``kappa`` (Cohen's κ) and ``pi`` (Scott's π) for interval data, as in Häge (2011):
  1 − D_o / D_e with D_o = Σ(x − y)²; Cohen's D_e = Σx² + Σy² − (2/n)·Σx·Σy; Scott's
  D_e = Σx² + Σy² − (Σx + Σy)² / (2n). Both are chance-corrected; they are 0 when D_e = 0 (both
  states cast one and the same vote on every roll call, so no variation is left to correct).

References: Signorino, C. S. & Ritter, J. M. (1999), "Tau-b or Not Tau-b: Measuring the Similarity of
Foreign Policy Positions", International Studies Quarterly 43(1): 115–144. Häge, F. M. (2011),
"Choice or Circumstance? Adjusting Measures of Foreign Policy Similarity for Chance Agreement",
Political Analysis 19(3): 287–305.

**How it is computed.** For each group the votes form one-hot states × roll-calls matrices Y, A, N
(yes, abstain, no). One matrix product of L = [Y; A; N] with itself gives, for every pair, the 3 × 3
table of how often state i voted u while j voted v, and every measure above is a weighted sum of that
table (e.g. Σx = Σ_uv u·c_uv). All pairs of a year come from one BLAS call instead of a self-join of
votes (benchmarks/bench_alignment.py measures the difference).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import cache

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from entente.errors import BadInput, SchemaError

MEASURES = ("agree", "s_abs", "s_sq", "kappa", "pi")
OUTPUT_COLUMNS = ("ccode1", "ccode2", "n_votes", "agree_n", *MEASURES)
#: Below this many votes the groups are computed one after another in the calling thread: the counts are
#: exact (integers far below 2**24 in float32), so the result is the same either way, only cheaper.
SERIAL_BELOW = 50_000


def dyad_similarity(
    votes: pd.DataFrame,
    by: Sequence[str] = ("year",),
    *,
    both_abstain: str = "agree",
    focal: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Similarity of every non-directed pair (``ccode1 < ccode2``) in each group of ``by``.

    ``votes`` needs columns ``rcid, ccode, vote`` (1 yes, 2 abstain, 3 no) plus the ``by`` columns;
    one row per (rcid, ccode). Returns the ``by`` columns, then ``ccode1, ccode2, n_votes, agree_n,
    agree, s_abs, s_sq, kappa, pi``, for pairs with at least one roll call in common.
    ``both_abstain`` is ``"agree"`` (count as agreement, the default) or ``"exclude"``. With ``focal``
    (COW codes), only the pairs that include one of those states, in the same order and with the same
    values as in the full result; the product then takes the focal states' rows only (a pair's ties with
    every state cost two rows of ~190, not the whole square).
    """
    by = list(by)
    needed = ["rcid", "ccode", "vote", *by]
    missing = [c for c in needed if c not in votes.columns]
    if missing:
        raise SchemaError(
            f"dyad_similarity() needs columns {needed}; the table has no {missing}. "
            "Pass UN roll-call votes, e.g. entente.pair.alignment.votes()."
        )
    if both_abstain not in ("agree", "exclude"):
        raise BadInput(f"both_abstain must be 'agree' or 'exclude', not {both_abstain!r}.")
    frame = votes[needed]
    vote = frame["vote"].to_numpy()
    bad = ~np.isin(vote, (1, 2, 3))
    if bad.any():
        raise SchemaError(
            f"dyad_similarity() takes votes coded 1 (yes), 2 (abstain), 3 (no); found "
            f"{sorted(set(vote[bad].tolist()))[:5]}. Drop absences (8) and non-members (9) first."
        )
    if by:
        group_id = frame.groupby(by, sort=True, dropna=False, observed=True).ngroup().to_numpy()
        order = np.argsort(group_id, kind="stable")
        group_id = group_id[order]
        starts = np.flatnonzero(np.r_[True, group_id[1:] != group_id[:-1]])
    else:
        order = np.arange(len(frame))
        starts = np.array([0]) if len(frame) else np.array([], dtype=int)
    ends = np.r_[starts[1:], len(frame)]
    rcid = frame["rcid"].to_numpy()[order]
    state_code, states = pd.factorize(frame["ccode"].to_numpy()[order], sort=True)
    states = np.asarray(states)
    vote = vote[order].astype(np.int8)
    key_values = {c: frame[c].to_numpy()[order][starts] for c in by}

    focal_codes = None if focal is None else np.flatnonzero(np.isin(states, np.asarray(list(focal))))

    def one_group(bounds):
        start, end = bounds
        return _group_similarity(rcid[start:end], state_code[start:end], states, vote[start:end], both_abstain,
                                 focal_codes)

    if len(frame) < SERIAL_BELOW:
        # a pair's votes (a few thousand rows): the groups' products are tiny, and handing them to threads
        # (and capping BLAS's threads, which reads the loaded libraries) cost more than the products
        parts = [one_group(bounds) for bounds in zip(starts, ends)]
    else:
        # numpy releases the GIL in the heavy steps, so groups run in parallel threads, one BLAS thread
        # each (the matrices are small; nested BLAS threads would only contend for the same cores).
        with threadpool_limits(1, user_api="blas"), \
                ThreadPoolExecutor(max_workers=min(len(starts), os.cpu_count() or 1) or 1) as pool:
            parts = list(pool.map(one_group, zip(starts, ends)))
    sizes = [0 if p is None else len(p["ccode1"]) for p in parts]
    parts = [p for p in parts if p is not None]
    columns = [*by, *OUTPUT_COLUMNS]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=votes[c].dtype if c in by else "float64") for c in columns})
    out = {c: np.repeat(key_values[c], sizes) for c in by}
    out.update({c: np.concatenate([p[c] for p in parts]) for c in OUTPUT_COLUMNS})
    out = pd.DataFrame(out)
    for column in by:
        out[column] = out[column].astype(votes[column].dtype)
    return out


def _group_similarity(rcid, state_code, all_states, vote, both_abstain, focal_codes=None):
    """All pairs of one group: a dict of equal-length arrays, or None if fewer than two states voted.

    One product M = L·Lᵀ of the stacked one-hot matrix L = [Y; A; N] (3s × r) holds every count:
    block (u, v) of M at (i, j) counts roll calls where state i voted u and state j voted v. With
    ``focal_codes`` (indices into ``all_states``) only the focal states' rows and columns of M are
    computed; the other pairs keep zero counts and are dropped as pairs with no roll call in common.
    """
    present = np.bincount(state_code, minlength=len(all_states)) > 0
    local = np.cumsum(present) - 1                    # global state code → row in this group's matrices
    states, s = all_states[present], local[state_code]
    r, _ = pd.factorize(rcid)
    k = len(states)
    onehot = np.zeros((3 * k, r.max() + 1), dtype=np.float32)
    onehot[(vote.astype(np.int64) - 1) * k + s, r] = 1.0
    if onehot.sum() != len(vote):
        raise SchemaError("dyad_similarity() needs one vote per (rcid, ccode) in each group; the table has duplicates.")
    if k < 2:
        return None
    if focal_codes is None:
        m = onehot @ onehot.T                  # exact: counts are far below 2**24
    else:
        rows = (np.arange(3)[:, None] * k + local[focal_codes[present[focal_codes]]][None, :]).ravel()
        m = np.zeros((3 * k, 3 * k), dtype=np.float32)
        m[rows] = onehot[rows] @ onehot.T      # the same exact counts, for the focal rows only
        m[:, rows] = m[rows].T

    i, j = _upper_pairs(k)
    offsets = (np.arange(3)[:, None] * 3 * k * k + np.arange(3)[None, :] * k).reshape(9, 1)
    # counts[3u + v] = roll calls where the pair's first state voted u+1 and its second v+1
    # (1 yes, 2 abstain, 3 no); row 0 is both-yes, row 4 both-abstain, row 8 both-no.
    counts = m.ravel().take(offsets + (i * 3 * k + j))
    keep = counts.sum(axis=0) > 0
    if not keep.all():
        i, j, counts = i[keep], j[keep], counts[:, keep]
    # Every sum the measures need is a weighted sum of the nine counts: one small product.
    nn, sx, sy, sxx, syy, half, opposed, both_abstained, same = _WEIGHTS @ counts.astype(np.float64)
    sum_abs = half + 2 * opposed
    sum_sq = half + 4 * opposed

    agree_num = same - both_abstained + 0.5 * half
    if both_abstain == "agree":
        agree_num = agree_num + both_abstained
        agree_n = nn
    else:
        agree_n = nn - both_abstained
    tiny = 1e-9
    de_cohen = sxx + syy - 2.0 * sx * sy / nn
    de_scott = sxx + syy - (sx + sy) ** 2 / (2.0 * nn)
    with np.errstate(invalid="ignore", divide="ignore"):
        agree = np.where(agree_n > 0, agree_num / agree_n, np.nan)
        kappa = np.where(de_cohen > tiny, 1.0 - sum_sq / de_cohen, 0.0)
        pi = np.where(de_scott > tiny, 1.0 - sum_sq / de_scott, 0.0)
    return {
        "ccode1": states[i].astype(np.int16), "ccode2": states[j].astype(np.int16), "n_votes": nn.astype(np.int32),
        "agree_n": agree_n.astype(np.int32), "agree": agree,
        "s_abs": 1.0 - sum_abs / nn, "s_sq": 1.0 - sum_sq / (2.0 * nn),
        "kappa": kappa, "pi": pi,
    }


_FIRST = np.repeat([1.0, 2.0, 3.0], 3)        # first state's vote value in each of the nine cells
_SECOND = np.tile([1.0, 2.0, 3.0], 3)          # second state's
_WEIGHTS = np.vstack([
    np.ones(9),                                 # n: roll calls both voted on
    _FIRST, _SECOND,                            # Σx, Σy
    _FIRST ** 2, _SECOND ** 2,                  # Σx², Σy²
    np.abs(_FIRST - _SECOND) == 1,              # one abstained, the other voted yes or no
    np.abs(_FIRST - _SECOND) == 2,              # yes against no
    (_FIRST == 2) & (_SECOND == 2),             # both abstained
    _FIRST == _SECOND,                          # same vote
]).astype(np.float64)


@cache
def _upper_pairs(k: int) -> tuple[np.ndarray, np.ndarray]:
    """Row and column indices of the strict upper triangle of a k × k matrix (cached per k)."""
    return np.triu_indices(k, 1)


def directed(pairs: pd.DataFrame) -> pd.DataFrame:
    """Both directions of each non-directed pair: (ccode1, ccode2) and (ccode2, ccode1)."""
    flipped = pairs.rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})
    return pd.concat([pairs, flipped[pairs.columns]], ignore_index=True)
