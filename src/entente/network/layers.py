"""Signed, weighted networks of states, one layer per kind of evidence, and their combination.

Every layer is an edge table with the columns ``ccode1, ccode2, year, layer, sign, weight``: one row
per non-directed pair (``ccode1 < ccode2``) and year in which the evidence holds, ``sign`` +1
(cooperation) or −1 (hostility), ``weight`` > 0 its strength on a 0–1 scale (alignment: κ units).

========== ==== ======================================================================================
layer      sign weight
========== ==== ======================================================================================
alignment   ±   UNGA Cohen's κ (Häge 2011) above or below the pair's baseline that session-year:
                ``e_ij = κ_ij − (b_i + b_j)/2`` with ``b_i`` = mean κ of state *i* with all its partners
                (the same excess as :func:`~entente.network.blocs.alignment_graph`); sign = sign(e),
                weight = |e|; kept where |e| ≥ ``threshold`` (default 0.1 κ, about the median |κ|) and
                the pair shared ≥ ``min_votes`` roll calls. Raw κ is not used because most General
                Assembly votes pass by large majorities, so nearly every pair is positive in raw κ;
                above/below the baseline is what tells friends from opponents.
alliance    +   ATOP v5.1 obligations (Leeds et al. 2002), the strongest the pair shares that year (either
                direction), valued as in Signorino & Ritter's (1999) alliance portfolios — defence 3,
                neutrality and non-aggression 2, entente 1 — with ATOP's offence pact (absent from COW)
                valued as defence and consultation taking the entente's 1 (:mod:`entente.codings`);
                divided by 3 (defence = 1).
arms        +   SIPRI trend-indicator value delivered between the two that year, both ways:
                ``tiv / (tiv + 100)`` (100 million TIV → 0.5). Only when the user supplied the SIPRI
                register (``entente data update sipri``); otherwise the layer is empty.
trade       +   COW dyadic trade (Barbieri & Keshk): the larger dependence, ``(flow1 + flow2) / total``
                trade of the smaller side, capped at 1; kept from ``min_share`` (1 %). Positive almost
                everywhere, so not among the default layers.
disputes    −   GML militarized disputes (Gibler, Miller & Little 2016) with a dyad-year that year: the
                highest hostility level of either side over the pair's disputes / 5 (war = 1).
rivalry     −   strategic rivalry spells covering the year, Thompson & Dreyer (2012) or Thompson, Sakuwa
                & Suhas (2021): weight 1.
sanctions   −   TIES cases (Morgan, Bapat & Kobayashi 2014) active that year, sender against target:
                1 if sanctions were imposed, 0.5 if only threatened. A case is active from ``startyear``
                to ``endyear``, or to ``ongoingasofyear`` when open, else its start year alone
                (:data:`entente.measures.sanctions.TIES_LAST_YEAR_SQL`), and only while both states exist
                (:func:`entente.measures.sanctions.ties_both_exist_sql`, the rule the pair reads too).
events      ±   GDELT events (only when ingested, ``entente events ingest``): the cooperation balance
                ``(quad1 + quad2 − quad3 − quad4) / events`` over the year, both directions pooled;
                sign = its sign, weight = |balance|; pairs with ≥ ``min_events`` events (default 10).
========== ==== ======================================================================================

**Combination** (:func:`combine`): per pair and year, ``score = Σ_layer w_layer · sign · weight`` with
the documented, overridable :data:`DEFAULT_WEIGHTS`; the combined edge has ``sign = sign(score)`` and
``weight = |score|``, and pairs whose layers cancel exactly (score 0) are dropped. Layers end at
different years (ATOP 2018, disputes 2010, rivalries 2020, TIES cases 2005 + open ones): beyond a
layer's last year its evidence is missing, not absent; ``attrs["coverage"]`` says so.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from entente import config, countries, warehouse
from entente.codings import ATOP_VALUES
from entente.errors import BadInput, NoEvidence, UnknownCountry
from entente.measures.sanctions import TIES_LAST_YEAR_SQL, TIES_SENDERS, ties_both_exist_sql
from entente.period import check_years
from entente.sources import sipri
from entente.store import Connection, one
from entente.warehouse import has_table

__all__ = ["DEFAULT_LAYERS", "DEFAULT_WEIGHTS", "EDGE_COLUMNS", "LAYERS", "combine", "edges", "excess_alignment",
           "layer"]

LAYERS = ("alignment", "alliance", "arms", "trade", "disputes", "rivalry", "sanctions", "events")
#: The layers :func:`signed_graph` combines when none are named (trade is positive almost everywhere).
DEFAULT_LAYERS = ("alignment", "alliance", "arms", "disputes", "rivalry", "sanctions", "events")
#: Weight of each layer in the combined score (sign · weight summed over layers).
DEFAULT_WEIGHTS = {"alignment": 1.0, "alliance": 1.0, "arms": 0.5, "trade": 0.5, "disputes": 1.0,
                   "rivalry": 1.0, "sanctions": 0.5, "events": 0.5}
EDGE_COLUMNS = ["ccode1", "ccode2", "year", "layer", "sign", "weight"]
#: Signorino–Ritter valuation of ATOP's obligations (:data:`entente.codings.ATOP_VALUES`).
ALLIANCE_VALUES = ATOP_VALUES
TABLES = {"alignment": ["m_unga_alignment_dyad_year"], "alliance": ["atop_dyad_year"], "arms": ["sipri_transfers"],
          "trade": ["cow_trade_dyad_year", "cow_trade_state_year"], "disputes": ["gml_mid_dir_dyad_year"],
          "rivalry": ["td_rivalries", "tss_rivalries"], "sanctions": ["ties_cases"], "events": []}


def _years(start, end) -> tuple[int, int]:
    return check_years(start, start if end is None else end, names=("--from", "--to"))


def _finish(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Order each pair (ccode1 < ccode2), keep one row per pair-year (the strongest), set types."""
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(
            EDGE_COLUMNS, ["int32", "int32", "int32", "object", "int8", "float64"])})
    a, b = frame["ccode1"].to_numpy(dtype="int32"), frame["ccode2"].to_numpy(dtype="int32")
    out = pd.DataFrame({"ccode1": np.minimum(a, b), "ccode2": np.maximum(a, b),
                        "year": frame["year"].to_numpy(dtype="int32"), "layer": name,
                        "sign": np.sign(frame["sign"].to_numpy()).astype("int8"),
                        "weight": frame["weight"].to_numpy(dtype="float64")})
    out = out[(out["ccode1"] != out["ccode2"]) & (out["weight"] > 0)]
    out = out.sort_values(["year", "ccode1", "ccode2", "weight"], ascending=[True, True, True, False], kind="stable")
    return out.drop_duplicates(["year", "ccode1", "ccode2"]).reset_index(drop=True)


def state_baselines(pairs: pd.DataFrame, measure: str = "kappa") -> pd.Series:
    """Each state's baseline per year, ``b_i`` = mean ``measure`` with all its partners, indexed by
    (year, ccode) (pure function; ``pairs`` already filtered)."""
    both = pd.concat([pairs[["year", "ccode1", measure]].set_axis(["year", "ccode", "m"], axis=1),
                      pairs[["year", "ccode2", measure]].set_axis(["year", "ccode", "m"], axis=1)])
    return both.groupby(["year", "ccode"])["m"].mean()


def excess_alignment(pairs: pd.DataFrame, *, measure: str = "kappa", min_votes: int = 10) -> pd.DataFrame:
    """Dyad-year rows with ``excess`` = measure − mean of the two states' yearly baselines (pure function)."""
    pairs = pairs[(pairs["n_votes"] >= min_votes) & pairs[measure].notna()]
    base = state_baselines(pairs, measure)
    b1 = base.reindex(pd.MultiIndex.from_arrays([pairs["year"], pairs["ccode1"]])).to_numpy()
    b2 = base.reindex(pd.MultiIndex.from_arrays([pairs["year"], pairs["ccode2"]])).to_numpy()
    return pairs.assign(excess=pairs[measure].to_numpy() - (b1 + b2) / 2)


def _alignment(con: Connection, start, end, *, measure: str = "kappa", min_votes: int = 10, threshold: float = 0.1):
    pairs = con.execute(f"SELECT year, ccode1, ccode2, n_votes, {measure} FROM m_unga_alignment_dyad_year "
                        "WHERE year BETWEEN ? AND ?", [start, end]).df()
    pairs = excess_alignment(pairs, measure=measure, min_votes=min_votes)
    pairs = pairs[pairs["excess"].abs() >= threshold]
    return pairs.assign(sign=np.sign(pairs["excess"]), weight=pairs["excess"].abs())


def _alliance(con: Connection, start, end):
    value = "greatest(" + ", ".join(f"{v} * max({c})" for c, v in ALLIANCE_VALUES.items()) + ") / 3.0"
    return con.execute(
        f"SELECT least(ccode1, ccode2) AS ccode1, greatest(ccode1, ccode2) AS ccode2, year, 1 AS sign, "
        f"{value} AS weight FROM atop_dyad_year WHERE year BETWEEN ? AND ? GROUP BY ALL", [start, end]).df()


def _arms(con: Connection, start, end):
    if not has_table(con, "sipri_transfers"):
        return pd.DataFrame(columns=["ccode1", "ccode2", "year", "sign", "weight"])
    return con.execute(
        "SELECT least(supplier_ccode, recipient_ccode) AS ccode1, greatest(supplier_ccode, recipient_ccode) AS ccode2, "
        "delivery_year AS year, 1 AS sign, sum(tiv_delivery_values) / (sum(tiv_delivery_values) + 100.0) AS weight "
        "FROM sipri_transfers WHERE delivery_year BETWEEN ? AND ? AND supplier_ccode IS NOT NULL "
        "AND recipient_ccode IS NOT NULL GROUP BY ALL HAVING sum(tiv_delivery_values) > 0", [start, end]).df()


def _trade(con: Connection, start, end, *, min_share: float = 0.01):
    return con.execute(
        "WITH d AS (SELECT ccode1, ccode2, year, coalesce(flow1, 0) + coalesce(flow2, 0) AS flow "
        "  FROM cow_trade_dyad_year WHERE year BETWEEN ? AND ?), "
        "t AS (SELECT ccode, year, imports + exports AS total FROM cow_trade_state_year) "
        "SELECT d.ccode1, d.ccode2, d.year, 1 AS sign, least(1.0, d.flow / least(t1.total, t2.total)) AS weight "
        "FROM d JOIN t t1 ON t1.ccode = d.ccode1 AND t1.year = d.year JOIN t t2 ON t2.ccode = d.ccode2 "
        "AND t2.year = d.year WHERE least(t1.total, t2.total) > 0 AND d.flow / least(t1.total, t2.total) >= ?",
        [start, end, min_share]).df()


def _disputes(con: Connection, start, end):
    return con.execute(
        "SELECT least(ccode1, ccode2) AS ccode1, greatest(ccode1, ccode2) AS ccode2, year, -1 AS sign, "
        "max(greatest(coalesce(hostlev1, 1), coalesce(hostlev2, 1))) / 5.0 AS weight "
        "FROM gml_mid_dir_dyad_year WHERE year BETWEEN ? AND ? GROUP BY ALL", [start, end]).df()


def _rivalry(con: Connection, start, end):
    spells = [f"SELECT ccode1, ccode2, styear, endyear FROM {t}" for t in ("td_rivalries", "tss_rivalries")
              if has_table(con, t)]
    if not spells:
        return pd.DataFrame(columns=["ccode1", "ccode2", "year", "sign", "weight"])
    return con.execute(
        f"WITH s AS ({' UNION ALL '.join(spells)}) "
        "SELECT DISTINCT least(ccode1, ccode2) AS ccode1, greatest(ccode1, ccode2) AS ccode2, y.year, -1 AS sign, "
        "1.0 AS weight FROM s JOIN (SELECT range AS year FROM range(?, ? + 1)) y ON y.year BETWEEN s.styear "
        "AND s.endyear", [start, end]).df()


def _sanctions(con: Connection, start, end):
    senders = " UNION ALL ".join(f"SELECT caseid, {c} AS sender FROM ties_cases WHERE {c} IS NOT NULL"
                                 for c in TIES_SENDERS)
    return con.execute(
        f"WITH c AS (SELECT caseid, CAST(targetstate AS INTEGER) AS target, CAST(startyear AS INTEGER) AS st, "
        f"  {TIES_LAST_YEAR_SQL} AS en, "
        "  CASE WHEN imposition = 1 THEN 1.0 ELSE 0.5 END AS weight FROM ties_cases), "
        f"s AS (SELECT DISTINCT caseid, CAST(sender AS INTEGER) AS sender FROM ({senders})) "
        "SELECT least(s.sender, c.target) AS ccode1, greatest(s.sender, c.target) AS ccode2, y.year, -1 AS sign, "
        "max(c.weight) AS weight FROM c JOIN s USING (caseid) "
        "JOIN (SELECT range AS year FROM range(?, ? + 1)) y ON y.year BETWEEN c.st AND c.en "
        "WHERE s.sender < 1000 AND c.target < 1000 "
        f"AND {ties_both_exist_sql('s.sender', 'c.target', 'y.year')} GROUP BY ALL",
        [start, end]).df()


def _event_files():
    if not config.events_dir().is_dir():   # nothing ingested: no need to load the event store (Polars)
        return []
    from entente.events.store import event_files  # here, not at the top: the store loads Polars, and most uses have no events
    return event_files()


def _events(con: Connection, start, end, *, min_events: int = 10):
    files = _event_files()
    if not files:
        return pd.DataFrame(columns=["ccode1", "ccode2", "year", "sign", "weight"])
    from entente.events import aggregate, engines  # Ibis loads when the events layer is read (about 1 s)

    table = engines.events_table(engines.connect("duckdb"), files)
    monthly = aggregate.pair_series(table, freq="month").to_pandas()
    monthly["year"] = monthly["period"].str.slice(0, 4).astype(int)
    yearly = monthly[monthly["year"].between(start, end)].groupby(["ccode_a", "ccode_b", "year"], as_index=False)[
        ["events", "quad1", "quad2", "quad3", "quad4"]].sum()
    yearly = yearly[yearly["events"] >= min_events]
    balance = (yearly["quad1"] + yearly["quad2"] - yearly["quad3"] - yearly["quad4"]) / yearly["events"]
    return pd.DataFrame({"ccode1": yearly["ccode_a"], "ccode2": yearly["ccode_b"], "year": yearly["year"],
                         "sign": np.sign(balance), "weight": balance.abs()})


READERS = {"alignment": _alignment, "alliance": _alliance, "arms": _arms, "trade": _trade, "disputes": _disputes,
           "rivalry": _rivalry, "sanctions": _sanctions, "events": _events}


def missing(name: str, con: Connection) -> str | None:
    """Why layer ``name`` has no data in this warehouse (and how to add it), or None if it has."""
    if name == "arms" and not has_table(con, "sipri_transfers"):
        return f"The arms layer needs the SIPRI trade register, which entente may not ship. {sipri.where_to_get()}"
    if name == "events" and not _event_files():
        return ("The events layer needs GDELT events, and none are ingested. Ingest export files first: "
                "entente events ingest --path DIR")
    absent = [t for t in TABLES[name] if not has_table(con, t)]
    if absent:
        return f"The {name} layer needs the warehouse table(s) {', '.join(absent)}; rebuild with entente data update."
    return None


def _check_layers(layers) -> list[str]:
    if layers is None:
        return list(DEFAULT_LAYERS)
    if isinstance(layers, str):
        layers = [s.strip() for s in layers.split(",") if s.strip()]
    unknown = [n for n in layers if n not in LAYERS]
    if unknown or not layers:
        raise BadInput(f"Unknown layer(s) {', '.join(map(repr, unknown)) or '(none given)'}; use any of "
                       f"{', '.join(LAYERS)} (e.g. --layers alignment,alliance,disputes).")
    return list(dict.fromkeys(layers))


def layer(name: str, start: int, end: int | None = None, *, con: Connection | None = None, **options) -> pd.DataFrame:
    """One layer's edge table (``ccode1, ccode2, year, layer, sign, weight``) for the years start–end.

    ``options`` go to the layer's reader: ``measure``, ``min_votes``, ``threshold`` (alignment),
    ``min_share`` (trade), ``min_events`` (events). Raises :class:`NoEvidence` for a layer whose data
    the user has not supplied (arms without SIPRI, events without GDELT), with how to supply it.
    """
    (name,) = _check_layers([name])
    start, end = _years(start, end)
    con = con or warehouse.connection()
    why = missing(name, con)
    if why:
        raise NoEvidence(why)
    out = _finish(READERS[name](con, start, end, **options), name)
    out.attrs = {"layer": name, "years": (start, end)}
    return out


def coverage(con: Connection, names) -> dict[str, tuple[int, int] | None]:
    """First and last year each layer has evidence for (None when the layer is absent)."""
    spans = {"alignment": "SELECT min(year), max(year) FROM m_unga_alignment_dyad_year",
             "alliance": "SELECT min(year), max(year) FROM atop_dyad_year",
             "arms": "SELECT min(delivery_year), max(delivery_year) FROM sipri_transfers",
             "trade": "SELECT min(year), max(year) FROM cow_trade_dyad_year",
             "disputes": "SELECT min(year), max(year) FROM gml_mid_dir_dyad_year",
             "rivalry": "SELECT min(styear), max(endyear) FROM tss_rivalries",
             "sanctions": "SELECT min(startyear), max(coalesce(endyear, ongoingasofyear, startyear)) FROM ties_cases"}
    out = {}
    for name in names:
        if missing(name, con) or name not in spans:
            out[name] = None
        else:
            lo, hi = one(con, spans[name])
            out[name] = (int(lo), int(hi))
    return out


def edges(start: int, end: int | None = None, layers=None, *, con: Connection | None = None, strict: bool = False,
          **options) -> pd.DataFrame:
    """The edge tables of ``layers`` (default :data:`DEFAULT_LAYERS`) stacked, for the years start–end.

    Layers without data in this warehouse (arms without SIPRI, events without GDELT) are skipped and
    listed in ``attrs["missing"]`` with the fix; with ``strict=True`` (the CLI is strict for layers named
    on the command line) they raise :class:`NoEvidence`, and so do layers none of which has an edge in
    the years asked (e.g. only ATOP alliances, after 2018), with their coverage. ``attrs["empty"]``
    names the layers without an edge in those years (beyond a dataset's end: missing, not absent). ``attrs["coverage"]``: each layer's years.
    ``options`` go to the layer readers (see :func:`layer`).
    """
    names = _check_layers(layers)
    start, end = _years(start, end)
    con = con or warehouse.connection()
    frames, absent = [], {}
    for name in names:
        why = missing(name, con)
        if why:
            if strict:
                raise NoEvidence(why)
            absent[name] = why
            continue
        accepted = {k: v for k, v in options.items() if k in _OPTIONS.get(name, ())}
        frames.append(_finish(READERS[name](con, start, end, **accepted), name))
    spans = coverage(con, names)
    present = [n for n in names if n not in absent]
    empty = [n for n, frame in zip(present, frames) if frame.empty]
    if strict and present and len(empty) == len(present):
        raise NoEvidence(f"No edge in {start}–{end} in layer(s) {', '.join(empty)}: the data cover "
                         + "; ".join(f"{n} {spans[n][0]}–{spans[n][1]}" for n in empty if spans.get(n))
                         + ". Choose years they cover or other layers.")
    out = pd.concat(frames, ignore_index=True) if frames else _finish(pd.DataFrame(), "")
    out.attrs = {"layers": present, "missing": absent, "empty": empty, "years": (start, end), "coverage": spans}
    return out


_OPTIONS = {"alignment": ("measure", "min_votes", "threshold"), "trade": ("min_share",), "events": ("min_events",)}


def combine(edge_table: pd.DataFrame, weights: dict[str, float] | None = None) -> pd.DataFrame:
    """One signed edge per pair and year: ``score = Σ_layer w_layer · sign · weight``.

    Columns: ``ccode1, ccode2, year, sign, weight`` (= |score|), ``score`` and one ``w_<layer>`` column
    per layer present (that layer's signed contribution before ``w_layer``; 0 where it has no edge).
    Rows are sorted by year, ccode1, ccode2.
    ``weights`` override :data:`DEFAULT_WEIGHTS` layer by layer; a weight of 0 drops a layer.
    """
    w = dict(DEFAULT_WEIGHTS)
    for name, value in (weights or {}).items():
        if name not in LAYERS:
            raise BadInput(f"Unknown layer {name!r} in weights; use any of {', '.join(LAYERS)}.")
        if not np.isfinite(value) or value < 0:
            raise BadInput(f"Layer weight {name}={value} must be a number ≥ 0.")
        w[name] = float(value)
    table = edge_table[edge_table["layer"].isin([n for n in LAYERS if w[n] > 0])]
    present = set(table["layer"].unique())
    names = [n for n in LAYERS if n in present]
    # one row per (year, ccode1, ccode2): a 64-bit key, sorted, and each layer's value summed into its column
    year = table["year"].to_numpy(dtype=np.int64)
    c1, c2 = table["ccode1"].to_numpy(dtype=np.int64), table["ccode2"].to_numpy(dtype=np.int64)
    keys, row = np.unique((year << 40) | (c1 << 20) | c2, return_inverse=True)
    column = pd.Categorical(table["layer"], categories=names).codes
    values = np.zeros((len(keys), len(names)))
    np.add.at(values, (row, column), table["sign"].to_numpy(dtype=float) * table["weight"].to_numpy())
    score = values @ np.array([w[n] for n in names])
    out = pd.DataFrame({"ccode1": ((keys >> 20) & 0xFFFFF).astype("int32"), "ccode2": (keys & 0xFFFFF).astype("int32"),
                        "year": (keys >> 40).astype("int32"), "sign": np.sign(score).astype("int8"),
                        "weight": np.abs(score), "score": score,
                        **{f"w_{n}": values[:, i] for i, n in enumerate(names)}})
    out = out[out["sign"] != 0].reset_index(drop=True)
    out.attrs = {**edge_table.attrs, "weights": {n: w[n] for n in names}}
    return out


@functools.lru_cache(maxsize=None)
def state_label(ccode: int, year: int | None = None) -> tuple[str, str]:
    """(abb, name) of a COW code, the name it had in ``year`` (:func:`entente.countries.name`); the code
    itself for a code outside the COW list."""
    try:
        state = countries.resolve(int(ccode))
        return state.abb, countries.name(state.ccode, year)
    except UnknownCountry:
        return str(ccode), str(ccode)
