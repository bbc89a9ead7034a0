"""Triads and structural balance in the signed network of states.

**Structural balance** (Heider 1946; Cartwright & Harary 1956, Psychological Review 63:5): a triangle
of signed ties is *balanced* when the product of its three signs is positive — "the friend of my friend
is my friend" (+++), "the enemy of my friend is my enemy" (+−−) — and *unbalanced* otherwise (++−,
−−−). With the signed adjacency matrix ``A`` (entries +1, −1, 0) and its positive and negative parts
``P`` and ``N`` (A = P − N), closed walks of length three count triangles by type::

    +++ = tr(P³)/6      ++− = tr(P²N)/2      +−− = tr(PN²)/2      −−− = tr(N³)/6
    balanced − unbalanced = tr(A³)/6,    all triangles = tr(|A|³)/6

so :func:`triad_counts` needs three n × n matrix products per year, not an enumeration of triangles.

**Frustration** (the line index of balance, Harary 1959): the least number of edges whose sign must
change (or which must be removed) for the whole network to be balanced, i.e. the minimum over
two-camp splits ``s ∈ {−1, +1}ⁿ`` of the negative edges inside a camp plus the positive edges across.
Exact computation is NP-hard (Aref & Wilson 2018, Journal of Complex Networks 6:4, solve it by binary
programming); :func:`frustration` runs a local search (single-state moves from the sign of the
leading eigenvector and from ``restarts`` random splits with a fixed seed) and so gives an **upper
bound** on the index, the same for the same seed.

**A pair's triads** (:func:`triads`): for states *a*, *b* and every third state *c* tied to both, the
signs a–c and b–c say whether *c* is a shared friend (+, +), a shared adversary (−, −) or divergent
(one +, one −); with the a–b sign the triad is balanced or not. An unbalanced triad on a friendly pair
(a–b +) is a third state one side befriends while the other opposes: where the partnership has limits.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from entente import countries, warehouse
from entente.errors import BadInput, NoEvidence
from entente.network import layers as _layers
from entente.store import Connection

__all__ = ["balance", "frustration", "signed_adjacency", "triad_counts", "triads"]

TRIAD_COLUMNS = ["ccode", "abb", "name", "sign_a", "sign_b", "score_a", "score_b", "class", "balanced",
                 "evidence_a", "evidence_b"]


def signed_adjacency(combined: pd.DataFrame, year: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The signed adjacency matrix (+1, −1, 0) of one year's edges and the ccode of each row.

    ``combined``: an edge table with ``ccode1, ccode2, sign`` (and ``year``, filtered to ``year`` if
    given): :func:`entente.network.combine` or a single layer.
    """
    rows = combined if year is None else combined[combined["year"] == year]
    c1, c2 = rows["ccode1"].to_numpy(), rows["ccode2"].to_numpy()
    nodes = np.unique(np.concatenate([c1, c2])).astype(int)
    i, j = np.searchsorted(nodes, c1), np.searchsorted(nodes, c2)
    adjacency = np.zeros((len(nodes), len(nodes)))
    adjacency[i, j] = rows["sign"].to_numpy()
    adjacency[j, i] = adjacency[i, j]
    return adjacency, nodes


def triad_counts(adjacency: np.ndarray) -> dict[str, float]:
    """Triangles of a signed adjacency matrix by type, from traces of matrix products (see module doc).

    Keys: ``edges``, ``positive_edges``, ``triangles``, ``ppp``, ``ppn``, ``pnn``, ``nnn``,
    ``balanced`` (ppp + pnn), ``unbalanced`` (ppn + nnn) and ``balance`` (balanced / triangles; NaN
    without triangles).
    """
    a = np.sign(np.asarray(adjacency, dtype=float))
    p, n = (a > 0).astype(float), (a < 0).astype(float)
    pp, nn = p @ p, n @ n                     # integer path counts, exact in float64
    ppp, ppn = (pp * p).sum() / 6, (pp * n).sum() / 2
    pnn, nnn = (nn * p).sum() / 2, (nn * n).sum() / 6
    counts = {"edges": int(np.count_nonzero(np.triu(a))), "positive_edges": int(np.triu(p).sum()),
              "ppp": int(round(ppp)), "ppn": int(round(ppn)), "pnn": int(round(pnn)), "nnn": int(round(nnn))}
    counts["balanced"] = counts["ppp"] + counts["pnn"]
    counts["unbalanced"] = counts["ppn"] + counts["nnn"]
    counts["triangles"] = counts["balanced"] + counts["unbalanced"]
    counts["balance"] = counts["balanced"] / counts["triangles"] if counts["triangles"] else float("nan")
    return counts


def _descend(a: np.ndarray, s: np.ndarray) -> np.ndarray:
    """Flip single states while that lowers the frustration (largest gain first); return the split."""
    s = s.copy()
    field = a @ s
    while True:
        gain = s * field                     # flipping i changes the frustration by s_i (A s)_i
        i = int(np.argmin(gain))
        if gain[i] >= 0:
            return s
        field -= 2 * s[i] * a[:, i]
        s[i] = -s[i]


def frustration(adjacency: np.ndarray, *, seed: int = 42, restarts: int = 20) -> tuple[int, np.ndarray]:
    """An upper bound on the frustration (line) index and the two-camp split that attains it.

    Frustration of a split ``s``: ``(m − sᵀAs / 2) / 2`` with ``m`` edges, i.e. negative edges inside a
    camp plus positive edges across. Local search from the sign of the leading eigenvector of ``A`` and
    from ``restarts`` random splits drawn with ``seed``; the best split found is returned (camps +1/−1).
    """
    a = np.sign(np.asarray(adjacency, dtype=float))
    n = len(a)
    if n == 0:
        return 0, np.zeros(0, dtype=int)
    m = np.count_nonzero(np.triu(a))
    _, vectors = np.linalg.eigh(a)
    lead = np.where(vectors[:, -1] >= 0, 1.0, -1.0)
    rng = np.random.default_rng(seed)
    starts = [lead, *rng.choice([-1.0, 1.0], size=(restarts, n))]
    best, best_s = None, None
    for start in starts:
        s = _descend(a, start)
        value = int(round((m - s @ a @ s / 2) / 2))
        if best is None or value < best:
            best, best_s = value, s
    return best, best_s.astype(int)


def balance(start: int, end: int | None = None, layers=None, *, weights=None, seed: int = 42,
            with_frustration: bool = True, con: Connection | None = None, **options) -> pd.DataFrame:
    """Structural balance of the combined signed network, year by year.

    Columns: year, states, edges, positive_edges, triangles, ppp, ppn, pnn, nnn, balanced, unbalanced,
    balance (share of triangles balanced), frustration (upper bound on the line index; see
    :func:`frustration`) and frustration_share (frustration / edges). ``layers``, ``weights`` and
    ``options``: see :func:`entente.network.edges` and :func:`entente.network.combine`.
    """
    table = _layers.edges(start, end, layers, con=con, **options)
    combined = _layers.combine(table, weights)
    rows = []
    for year, group in combined.groupby("year", sort=True):
        a, nodes = signed_adjacency(group)
        row = {"year": int(year), "states": len(nodes), **triad_counts(a)}
        if with_frustration:
            value, _ = frustration(a, seed=seed)
            row["frustration"] = value
            row["frustration_share"] = value / row["edges"] if row["edges"] else float("nan")
        rows.append(row)
    if not rows:
        raise NoEvidence(f"No signed edges in {table.attrs['years'][0]}–{table.attrs['years'][1]} for layers "
                         f"{', '.join(table.attrs['layers']) or '(none available)'}.")
    out = pd.DataFrame(rows)
    out = out[["year", "states", "edges", "positive_edges", "triangles", "ppp", "ppn", "pnn", "nnn", "balanced",
               "unbalanced", "balance", *(["frustration", "frustration_share"] if with_frustration else [])]]
    out.attrs = {**combined.attrs, "seed": seed}
    return out


def _evidence(row: pd.Series, names: list[str]) -> str:
    parts = [f"{n} {row[f'w_{n}']:+.2f}" for n in names if row.get(f"w_{n}", 0) != 0]
    return ", ".join(parts)


def triads(a, b, year: int, layers=None, *, weights=None, con: Connection | None = None, **options) -> pd.DataFrame:
    """Third states tied to both ``a`` and ``b`` in the signed network of ``year``, and the triads' balance.

    One row per third state with an edge to both: ``sign_a``/``sign_b`` (±1), ``score_a``/``score_b``
    (combined signed scores, see :func:`entente.network.combine`), ``class`` (``shared friend``,
    ``shared adversary``, ``divergent``), ``balanced`` (sign a–b × sign a–c × sign b–c > 0; missing when
    a and b have no edge), ``evidence_a``/``evidence_b`` (each layer's signed contribution). Sorted:
    unbalanced first, then by the weaker of the two ties. ``attrs``: ``pair_sign``, ``pair_score``,
    ``year``, ``layers``, ``missing`` and ``coverage``.
    """
    sa, sb = countries.resolve(a), countries.resolve(b)
    if sa.ccode == sb.ccode:
        raise BadInput(f"Both states are {sa.label}; triads need two different states.")
    con = con or warehouse.connection()
    table = _layers.edges(year, year, layers, con=con, **options)
    combined = _layers.combine(table, weights)
    names = [c[2:] for c in combined.columns if c.startswith("w_")]

    def ties(state: int) -> pd.DataFrame:
        rows = combined[(combined["ccode1"] == state) | (combined["ccode2"] == state)]
        other = np.where(rows["ccode1"] == state, rows["ccode2"], rows["ccode1"])
        tied = rows.assign(ccode=other).set_index("ccode")
        tied.attrs = {}   # pandas deep-copies attrs on every row lookup below; these ties need none
        return tied

    ta, tb = ties(sa.ccode), ties(sb.ccode)
    if ta.empty or tb.empty:
        who = sa if ta.empty else sb
        raise NoEvidence(f"{who.label} has no signed tie in {year} in layers {', '.join(table.attrs['layers'])}. "
                         "Try another year or more layers (UN votes run 1946–2025; ATOP to 2018).")
    pair = ta.loc[sb.ccode] if sb.ccode in ta.index else None
    pair_sign = int(pair["sign"]) if pair is not None else 0
    shared = ta.index.intersection(tb.index).difference([sa.ccode, sb.ccode])
    out = pd.DataFrame({"ccode": shared.astype(int)})
    labels = [_layers.state_label(int(c), int(year)) for c in out["ccode"]]
    out["abb"], out["name"] = [x[0] for x in labels], [x[1] for x in labels]
    out["sign_a"] = ta.loc[shared, "sign"].to_numpy().astype(int)
    out["sign_b"] = tb.loc[shared, "sign"].to_numpy().astype(int)
    out["score_a"] = ta.loc[shared, "score"].to_numpy()
    out["score_b"] = tb.loc[shared, "score"].to_numpy()
    product = out["sign_a"] * out["sign_b"]
    out["class"] = np.where(product < 0, "divergent", np.where(out["sign_a"] > 0, "shared friend", "shared adversary"))
    out["balanced"] = pd.array([bool(p * pair_sign > 0) if pair_sign else pd.NA for p in product], dtype="boolean")
    out["evidence_a"] = [_evidence(ta.loc[c], names) for c in shared]
    out["evidence_b"] = [_evidence(tb.loc[c], names) for c in shared]
    strength = np.minimum(out["score_a"].abs(), out["score_b"].abs())
    out = out.assign(_u=out["balanced"].fillna(True).astype(bool), _s=-strength)
    out = out.sort_values(["_u", "_s", "ccode"], kind="stable").drop(columns=["_u", "_s"]).reset_index(drop=True)
    out.attrs = {"pair": (sa.abb, sb.abb), "year": int(year), "pair_sign": pair_sign,
                 "pair_score": float(pair["score"]) if pair is not None else 0.0,
                 "layers": table.attrs["layers"], "missing": table.attrs["missing"],
                 "coverage": table.attrs["coverage"]}
    return out[TRIAD_COLUMNS]
