"""Dyad-year and state-year frames with the field's datasets joined on, built in DuckDB.

The job R's peacesciencer does (Miller 2022, "peacesciencer: An R package for quantitative peace
science research", *Conflict Management and Peace Science* 39(6): 755–779), in SQL over the warehouse::

    >>> from entente import frames
    >>> df = frames.dyad_years("cow", add=("atop", "mids", "rivalry"))          # doctest: +SKIP
    >>> f = frames.dyad_years("cow", directed=True, lazy=True)                  # doctest: +SKIP
    >>> f = frames.add_mids(frames.add_atop(f)); f.to_parquet("ddy.parquet")    # doctest: +SKIP

A universe (:func:`dyad_years`, :func:`state_years`) and one add step per dataset, each a LEFT JOIN on
``ccode1, ccode2, year`` (``ccode, year``) that never changes the number of rows. Steps take and return
a lazy :class:`Frame`, or a pandas DataFrame / pyarrow Table you built yourself (input order kept).
Nothing runs until the frame is materialised, so DuckDB plans the whole pipeline and memory stays
bounded (``Frame.to_parquet`` streams).

**What you get back.** ``dyad_years()``/``state_years()`` return pandas (integers nullable: NULL is
``<NA>``, never 0; ``dtype_backend="pyarrow"`` gives ``pd.ArrowDtype`` columns instead, without a
copy); ``as_arrow=True`` a pyarrow Table (cheaper: no conversion); ``lazy=True`` a
:class:`Frame`, the pipeline not yet run, to add steps to and then ``.df()``, ``.arrow()``,
``.relation()`` (a DuckDB relation, for more SQL) or ``.to_parquet(path)``. For the full directed COW
frame (2.25 million rows) with every dataset, ``lazy=True`` and ``to_parquet`` take about 5 s and
1.6 GB at peak on two cores.

**Two engines, one result.** ``.df()``/``.arrow()`` (and ``dyad_years()`` without ``lazy``) build a COW
dyad-year frame with numpy by default (:mod:`entente.frames.engines.numpy`): DuckDB runs each dataset's own
SQL over that dataset's rows only, and numpy lays the dyad-year grid out and places the values. It
reads the warehouse tables on every call (nothing is cached) and gives the same columns, types,
values and NULLs as the single DuckDB query (``engine="sql"``; the tests compare the two), about
30 times faster than a plain pandas-merge pipeline for the non-directed 1816–2025 frame with ATOP,
MIDs, rivalries, contiguity, capital distance and major powers (0.1 s; ``benchmarks/bench_frames.py``).
G-W frames, frames you bring, state-years, the trade and arms steps and ``to_parquet`` use SQL.

**Conventions** (details and worked cases in each step's docstring):

- *Directed vs non-directed.* Directed frames hold (A, B) and (B, A); non-directed ones one row per
  pair with ``ccode1 < ccode2``. Symmetric data (MIDs, wars, rivalries, COW alliances, contiguity,
  distances, IGOs) get the same values either way. Asymmetric data are handled as the literature does:
  ATOP pledges (A's pledge to B) count in a non-directed row if made either way; trade and arms flows
  keep their direction (``flow1`` = imports of ``ccode1``; ``sipri_tiv_1to2``); dyadic MID initiation
  (``gmlmid_init``) exists only in directed frames.
- *Onset vs ongoing.* ``*_onset`` marks the year a dispute or war began (or a state joined it);
  ``*_ongoing`` every year it was under way. Several disputes in one dyad-year are reduced to one row
  by peacesciencer's rules (onset, fatality, hostility, duration, reciprocation, start month).
- *Coverage.* Every added column is NULL outside its dataset's years, read from the table (min/max
  year), never written in the code and never 0. Inside, an absent row is 0 where the dataset lists
  every case (alliances, MIDs, wars, rivalries, contiguity, arms) and NULL where absence is unknown
  (trade, IGOs, minimum distance, capabilities). ``coverage=(first, last)`` overrides per step.
- *Membership past the lists' end* (COW 2016, G-W 2017) is extended through the years requested,
  peacesciencer's ``mry`` (:mod:`entente.frames.base`).

**Checked against peacesciencer's published numbers** (tests): its shipped ``cow_ddy`` (2,025,840
directed dyad-years, R/rd-cow_ddy.R) and ``gw_ddy`` (1,999,558, R/rd-gw_ddy.R), both from its 2020
``create_dyadyears()`` (members extended to 2019, false dyads kept), are reproduced to the row by
``dyad_years(system, directed=True, years=(1816, 2019), drop_false_dyads=False)``; ATOP 5.1 gives the
273,296 directed dyad-years its data-raw script notes.

**Where entente differs from peacesciencer 1.2.9** (on purpose; everything else follows it: the same
rows per system and year, false dyads dropped, ATOP either way in non-directed frames, its MID and
war reduction rules, the start-of-year capital):

- non-directed by default (peacesciencer: directed); the default last year is pinned at 2025, not
  "last year" by the clock;
- years outside a dataset's coverage are NULL, not 0: ``add_cow_majors`` writes 0 after 2016 (the
  United States stops being a major power in 2017). Coverage is the dataset's own, as
  :mod:`entente.catalog` records it: COW's war list covers 1816–2007 although its war dyad-years run
  1823–2003, so 1816–1822 and 2004–2007 are 0 there, as in peacesciencer;
- no "ongoing rivalry" after the rivalry data end: peacesciencer's ``ongoingrivalry`` is 1 for every
  dyad-year after 2020, entente's ``tss_rivalry`` is NULL;
- contiguity is the closest relationship in force in the year, also where a ``conttype = 0`` record
  overlaps it (720 non-directed dyad-years where peacesciencer's ``min()`` gives 0);
- columns are prefixed by dataset (``gmlmid_onset`` for ``gmlmidonset``, ``cowinter_onset`` for
  ``cowinteronset``, ``tss_rivalry`` for ``ongoingrivalry``, ``conttype``/``capdist``/``cowmaj1`` as
  there, ``cowtrade_flow1`` for ``flow1``), so no two datasets share a column name and no join can
  match on one; counts (``*_ndisputes``, ``*_nonsets``) and directed MID initiation are added.

**How the package is laid out.** A frame is a *plan* that *engines* run. Imports go one way: each
module imports only those listed before it, at its top (no import hidden in a function):

- :mod:`~entente.frames._registry`: the add steps and the engines by name (``STEPS``, ``ALIASES``, each
  step's one-line description for ``entente frame ... --help``); imports nothing from this package;
- :mod:`~entente.frames.plan`: :class:`Frame` (a universe's SQL plus the :class:`~entente.frames.plan.Step`
  records of the datasets added), and the helpers every step uses (``prepare``, ``require``, ``span``,
  ``attach``, ``give_back``);
- :mod:`~entente.frames.base` (the universes) and one module per domain of add steps
  (:mod:`~entente.frames.alliances`, :mod:`~entente.frames.conflict`, :mod:`~entente.frames.economy`,
  :mod:`~entente.frames.geography`), each step registered with ``@register(name, description)``;
- :mod:`entente.frames.engines`: :mod:`~entente.frames.engines.sql` (the plan as one DuckDB query) and
  :mod:`~entente.frames.engines.numpy` (the fast path), registered for the plan to find;
- this module: the public API.

A new dataset is one function in the step module of its domain (``prepare``, ``require``, ``span``,
``attach`` a :class:`~entente.frames.plan.Step`, ``give_back``), decorated with ``@register``, and
exported here: both engines, ``dyad_years(add=...)`` and the CLI pick it up from the registry.
"""

from __future__ import annotations

from entente.frames import engines  # noqa: F401  (registers the sql and numpy engines the plan runs on)
from entente.frames._registry import ALIASES, STEPS
from entente.frames.alliances import add_atop, add_cow_alliance
from entente.frames.base import LAST_YEAR, dyad_years, state_years
from entente.frames.conflict import add_mids, add_rivalries, add_wars
from entente.frames.economy import add_arms, add_capabilities, add_igos, add_major_powers, add_trade
from entente.frames.geography import add_capital_distance, add_contiguity, add_minimum_distance
from entente.frames.plan import Frame, MissingTable

__all__ = [
    "ALIASES", "Frame", "LAST_YEAR", "MissingTable", "STEPS", "add_arms", "add_atop", "add_capabilities",
    "add_capital_distance", "add_contiguity", "add_cow_alliance", "add_igos", "add_major_powers", "add_mids",
    "add_minimum_distance", "add_rivalries", "add_trade", "add_wars", "dyad_years", "state_years",
]
