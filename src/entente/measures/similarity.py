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

**How it is computed.** For each group the votes form a states × roll-calls matrix; one-hot matrices
Y, A, N (yes, abstain, no) and P = Y + A + N give every pairwise count as a matrix product
(e.g. both-yes = Y·Yᵀ, votes both cast = P·Pᵀ, Σx over common votes = X·Pᵀ), so all pairs of a year
come from a dozen small BLAS calls instead of a self-join of votes (benchmarks/bench_alignment.py).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from entente.errors import BadInput, SchemaError

MEASURES = ("agree", "s_abs", "s_sq", "kappa", "pi")
OUTPUT_COLUMNS = ("ccode1", "ccode2", "n_votes", "agree_n", *MEASURES)


def dyad_similarity(
    votes: pd.DataFrame,
    by: Sequence[str] = ("year",),
    *,
    both_abstain: str = "agree",
) -> pd.DataFrame:
    """Similarity of every non-directed pair (``ccode1 < ccode2``) in each group of ``by``.

    ``votes`` needs columns ``rcid, ccode, vote`` (1 yes, 2 abstain, 3 no) plus the ``by`` columns;
    one row per (rcid, ccode). Returns the ``by`` columns, then ``ccode1, ccode2, n_votes, agree_n,
    agree, s_abs, s_sq, kappa, pi``, for pairs with at least one roll call in common.
    ``both_abstain`` is ``"agree"`` (count as agreement, the default) or ``"exclude"``.
    """
    by = list(by)
    needed = ["rcid", "ccode", "vote", *by]
    missing = [c for c in needed if c not in votes.columns]
    if missing:
        raise SchemaError(
            f"dyad_similarity() needs columns {needed}; the table has no {missing}. "
            "Pass UN roll-call votes, e.g. entente.alignment.votes()."
        )
    if both_abstain not in ("agree", "exclude"):
        raise BadInput(f"both_abstain must be 'agree' or 'exclude', not {both_abstain!r}.")
    frame = votes[needed]
    bad = ~frame["vote"].isin((1, 2, 3))
    if bad.any():
        raise SchemaError(
            f"dyad_similarity() takes votes coded 1 (yes), 2 (abstain), 3 (no); found "
            f"{sorted(frame.loc[bad, 'vote'].unique().tolist())[:5]}. Drop absences (8) and non-members (9) first."
        )
    if frame.duplicated(["rcid", "ccode", *by]).any():
        raise SchemaError("dyad_similarity() needs one vote per (rcid, ccode) in each group; the table has duplicates.")

    if by:
        frame = frame.sort_values(by, kind="stable")
        keys = frame[by].to_numpy()
        group_id = frame.groupby(by, sort=False, dropna=False).ngroup().to_numpy()
        starts = np.flatnonzero(np.r_[True, group_id[1:] != group_id[:-1]])
    else:
        keys = np.empty((len(frame), 0), dtype=object)
        starts = np.array([0]) if len(frame) else np.array([], dtype=int)
    ends = np.r_[starts[1:], len(frame)]

    rcid = frame["rcid"].to_numpy()
    ccode = frame["ccode"].to_numpy()
    vote = frame["vote"].to_numpy().astype(np.float64)
    parts = []
    for start, end in zip(starts, ends):
        result = _group_similarity(rcid[start:end], ccode[start:end], vote[start:end], both_abstain)
        if result is None:
            continue
        for position, column in enumerate(by):
            result[column] = np.repeat(keys[start, position], len(result["ccode1"]))
        parts.append(result)
    columns = [*by, *OUTPUT_COLUMNS]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in columns})
    out = pd.DataFrame({c: np.concatenate([p[c] for p in parts]) for c in columns})
    for column in by:
        out[column] = out[column].astype(votes[column].dtype)
    return out.astype({"ccode1": "int16", "ccode2": "int16", "n_votes": "int32", "agree_n": "int32"})


def _group_similarity(rcid, ccode, vote, both_abstain):
    """All pairs of one group: a dict of equal-length arrays, or None if fewer than two states voted."""
    states, s = np.unique(ccode, return_inverse=True)
    if len(states) < 2:
        return None
    _, r = np.unique(rcid, return_inverse=True)
    x = np.zeros((len(states), r.max() + 1))
    x[s, r] = vote
    yes, abstain, no = (x == 1).astype(float), (x == 2).astype(float), (x == 3).astype(float)
    cast = yes + abstain + no

    n = cast @ cast.T
    both_yes, both_no, both_abstained = yes @ yes.T, no @ no.T, abstain @ abstain.T
    yes_no = yes @ no.T
    opposed = yes_no + yes_no.T                                   # |x − y| = 2
    yes_abs, no_abs = yes @ abstain.T, no @ abstain.T
    half = yes_abs + yes_abs.T + no_abs + no_abs.T                # |x − y| = 1
    sum_abs = half + 2 * opposed
    sum_sq = half + 4 * opposed
    sum_x = x @ cast.T                                            # Σ x_k over votes both cast, row state
    sum_xx = (x * x) @ cast.T

    i, j = np.triu_indices(len(states), 1)
    keep = n[i, j] > 0
    i, j = i[keep], j[keep]
    nn = n[i, j]
    agree_num = both_yes[i, j] + both_no[i, j] + 0.5 * half[i, j]
    if both_abstain == "agree":
        agree_num = agree_num + both_abstained[i, j]
        agree_n = nn
    else:
        agree_n = nn - both_abstained[i, j]
    with np.errstate(invalid="ignore", divide="ignore"):
        agree = np.where(agree_n > 0, agree_num / agree_n, np.nan)
    do = sum_sq[i, j]
    sx, sy, sxx, syy = sum_x[i, j], sum_x[j, i], sum_xx[i, j], sum_xx[j, i]
    de_cohen = sxx + syy - 2.0 * sx * sy / nn
    de_scott = sxx + syy - (sx + sy) ** 2 / (2.0 * nn)
    tiny = 1e-9
    with np.errstate(invalid="ignore", divide="ignore"):
        kappa = np.where(de_cohen > tiny, 1.0 - do / de_cohen, 0.0)
        pi = np.where(de_scott > tiny, 1.0 - do / de_scott, 0.0)
    return {
        "ccode1": states[i], "ccode2": states[j], "n_votes": nn.astype(np.int32),
        "agree_n": agree_n.astype(np.int32), "agree": agree,
        "s_abs": 1.0 - sum_abs[i, j] / nn, "s_sq": 1.0 - sum_sq[i, j] / (2.0 * nn),
        "kappa": kappa, "pi": pi,
    }


def directed(pairs: pd.DataFrame) -> pd.DataFrame:
    """Both directions of each non-directed pair: (ccode1, ccode2) and (ccode2, ccode1)."""
    flipped = pairs.rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})
    return pd.concat([pairs, flipped[pairs.columns]], ignore_index=True)
