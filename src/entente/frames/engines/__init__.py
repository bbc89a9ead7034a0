"""The engines that run a plan (:class:`~entente.frames.plan.Frame`), each in its own module.

- :mod:`~entente.frames.engines.sql`: the plan compiled into one DuckDB query; builds every frame.
- :mod:`~entente.frames.engines.numpy`: COW dyad-year frames laid out with numpy from the same
  steps' SQL, several times faster; hands over to SQL where it cannot.

Importing this package registers both in :data:`entente.frames._registry.ENGINES`, where the plan's
``df()``, ``arrow()``, ``to_parquet()`` and ``relation()`` find them (the plan imports no engine).
"""

from __future__ import annotations

from entente.frames._registry import ENGINES
from entente.frames.engines import numpy, sql

ENGINES.update(sql=sql, numpy=numpy)
