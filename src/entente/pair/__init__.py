"""Everything that reads one pair's evidence from the warehouse, with :class:`~entente.pair.dyad.Dyad` as its face.

Each module reads only the pair's rows with SQL and hands them to the pure functions of
:mod:`entente.measures`; each returns DataFrames (or dicts of them) carrying their provenance:

- :mod:`~entente.pair.alignment` — UN General Assembly alignment: pairs, partners, averages, splits;
- :mod:`~entente.pair.evidence` — wars, disputes, rivalries, armed conflicts, alliances, trade and arms;
- :mod:`~entente.pair.named` — the ATOP alliances and COW wars a pair shared, by name;
- :mod:`~entente.pair.council` — Security Council vetoes and economic sanctions;
- :mod:`~entente.pair.third_parties` — shared adversaries and friends, and the limits of a pair;
- :mod:`~entente.pair.trend` — change points, the last decade's direction, a composite index;
- :mod:`~entente.pair.dyad` — :func:`~entente.pair.dyad.dyad` resolves two names once and returns a
  :class:`~entente.pair.dyad.Dyad` whose methods call the modules above.

Layers: ``pair`` reads the warehouse and ``measures``; the brief, the network, the CLI and the web app
read ``pair``; nothing here imports them.
"""
