"""Pair-level event series, written once as Ibis expressions (run on DuckDB or Spark).

For each pair of states and period (day, ISO week starting Monday, or month of the event date SQLDATE):

* ``events``: number of events (each GLOBALEVENTID once); ``mentions``: Σ NumMentions;
* ``quad1..quad4``: events per quad class, from EventRootCode with GDELT's rule — 1 verbal cooperation
  (roots 01–05), 2 material cooperation (06–08), 3 verbal conflict (09–13), 4 material conflict (14–20);
* ``root01..root20``: events per CAMEO root code;
* ``goldstein_sum``, ``goldstein_mean`` = Σg/n and ``goldstein_wmean`` = Σ g·m / Σ m with m = NumMentions
  (Goldstein 1992 scale, −10…+10, GDELT's GoldsteinScale per event);
* ``tone_mean``: mean AvgTone; ``tone_wmean`` = Σ tone·m / Σ m (mention-weighted, tone in 1e-6 units);
  ``sources``: distinct SOURCEURL host names.

**Directed** pairs keep actor order (ccode_a = Actor1's state, ccode_b = Actor2's); **undirected** pairs
pool both directions (ccode_a < ccode_b). Events whose actor has no state are left out; an event
between a state and itself (both actors IRN) is a pair (a, a) and is excluded.

Exactness across engines: Goldstein (one decimal) is summed in integer tenths and AvgTone in integer
units of 1e-9, so every figure is computed from exact integer sums and DuckDB and Spark agree to the bit.
"""

from __future__ import annotations

import ibis

__all__ = ["FREQS", "pair_series", "top_events"]

FREQS = ("day", "week", "month")
_TRUNC = {"week": "W", "month": "M"}


def _period(date, freq: str):
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    day = date if freq == "day" else date.truncate(_TRUNC[freq])
    return day.cast("date").strftime("%Y-%m-%d")


def _pairs(events, a: int | None, b: int | None, directed: bool):
    t = events.filter(events.ccode1.notnull(), events.ccode2.notnull(), events.ccode1 != events.ccode2)
    if directed:
        ca, cb = t.ccode1, t.ccode2
    else:
        ca, cb = ibis.least(t.ccode1, t.ccode2), ibis.greatest(t.ccode1, t.ccode2)
    t = t.mutate(ccode_a=ca.cast("int32"), ccode_b=cb.cast("int32"))
    if a is not None and b is not None:
        if not directed:
            a, b = min(a, b), max(a, b)
        t = t.filter(t.ccode_a == a, t.ccode_b == b)
    return t


def pair_series(events, a: int | None = None, b: int | None = None, *, freq: str = "month", directed: bool = False):
    """The Ibis expression of the pair series (one row per pair and period); all pairs if a, b are None."""
    t = _pairs(events, a, b, directed)
    root = t.EventRootCode.cast("int32")
    quad = ibis.cases((root.between(1, 5), 1), (root.between(6, 8), 2), (root.between(9, 13), 3),
                      (root.between(14, 20), 4), else_=None)
    tenths = (t.GoldsteinScale * 10).round().cast("int64")
    mentions = t.NumMentions.cast("int64")
    t = t.mutate(period=_period(t.event_date, freq), _quad=quad, _root=root, _g10=tenths, _m=mentions,
                 _gm10=tenths * mentions, _tone9=(t.AvgTone * 1_000_000_000).round().cast("int64"),
                 _tm6=(t.AvgTone * 1_000_000).round().cast("int64") * mentions,
                 _host=t.SOURCEURL.re_extract(r"^[A-Za-z][A-Za-z0-9+.-]*://([^/:?#]+)", 1).lower().nullif(""))
    metrics = {
        "events": t.count().cast("int64"),
        "mentions": t._m.sum().cast("int64"),
        **{f"quad{q}": (t._quad == q).ifelse(1, 0).sum().cast("int64") for q in (1, 2, 3, 4)},
        **{f"root{r:02d}": (t._root == r).ifelse(1, 0).sum().cast("int64") for r in range(1, 21)},
        "_g10": t._g10.sum().cast("int64"), "_gn": t._g10.count().cast("int64"),
        "_gm10": t._gm10.sum().cast("int64"), "_gm": t._g10.notnull().ifelse(t._m, 0).sum().cast("int64"),
        "_tone9": t._tone9.sum().cast("int64"), "_tn": t._tone9.count().cast("int64"),
        "_tm6": t._tm6.sum().cast("int64"), "_tmn": t._tm6.notnull().ifelse(t._m, 0).sum().cast("int64"),
        "sources": t._host.nunique().cast("int64"),
    }
    g = t.group_by(["ccode_a", "ccode_b", "period"]).aggregate(**metrics)
    out = g.mutate(
        goldstein_sum=g._g10.cast("float64") / 10,
        goldstein_mean=(g._gn > 0).ifelse(g._g10.cast("float64") / (g._gn * 10).cast("float64"), ibis.null("float64")),
        goldstein_wmean=(g._gm > 0).ifelse(g._gm10.cast("float64") / (g._gm * 10).cast("float64"), ibis.null("float64")),
        tone_mean=(g._tn > 0).ifelse(g._tone9.cast("float64") / (g._tn * 1_000_000_000).cast("float64"),
                                     ibis.null("float64")),
        tone_wmean=(g._tmn > 0).ifelse(g._tm6.cast("float64") / (g._tmn * 1_000_000).cast("float64"),
                                       ibis.null("float64")),
    )
    cols = (["ccode_a", "ccode_b", "period", "events", "mentions", "goldstein_sum", "goldstein_mean", "goldstein_wmean",
             "tone_mean", "tone_wmean", "sources"] + [f"quad{q}" for q in (1, 2, 3, 4)] + [f"root{r:02d}" for r in range(1, 21)])
    return out.select(cols).order_by(["ccode_a", "ccode_b", "period"])


def top_events(events, a: int | None = None, b: int | None = None, *, n: int = 5, freq: str = "month",
               directed: bool = False):
    """The ``n`` most-mentioned events per pair and period (ties: lower GLOBALEVENTID first), with SOURCEURL."""
    t = _pairs(events, a, b, directed)
    t = t.mutate(period=_period(t.event_date, freq))
    w = ibis.window(group_by=[t.ccode_a, t.ccode_b, t.period], order_by=[t.NumMentions.desc(), t.GLOBALEVENTID.asc()])
    t = t.mutate(rank=(ibis.row_number().over(w) + 1).cast("int64"))
    t = t.filter(t.rank <= n)
    return t.select("ccode_a", "ccode_b", "period", "rank", t.GLOBALEVENTID.cast("int64").name("GLOBALEVENTID"),
                    t.event_date.cast("string").name("event_date"), t.ccode1.cast("int32").name("ccode1"),
                    t.ccode2.cast("int32").name("ccode2"), "Actor1Name", "Actor2Name", "EventCode",
                    "GoldsteinScale", t.NumMentions.cast("int64").name("NumMentions"), "AvgTone",
                    "SOURCEURL").order_by(["ccode_a", "ccode_b", "period", "rank"])
