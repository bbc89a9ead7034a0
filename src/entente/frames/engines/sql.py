"""The SQL engine: a plan (:class:`~entente.frames.plan.Frame`) compiled into one DuckDB query.

:func:`compile_sql` joins the frame once to all its dyad-keyed datasets, stacked into one sparse table
of the dyad-years that have any data, and once per state to its state-keyed datasets, stacked into
one state-year table: the big frame goes through two or three hash joins however many datasets are
added, and each added column is a ``CASE`` that is NULL outside its dataset's years. :func:`run`
hands the query to DuckDB with the frame's keys materialised first, so that DuckDB sizes its joins
right. This engine builds every frame; :mod:`entente.frames.engines.numpy` builds COW dyad-year
frames faster and falls back to this one.
"""

from __future__ import annotations

import itertools

from entente.frames.plan import EXACT, PAIR, REF, STATE, STATE_KEY, Frame, Step, in_range

_ids = itertools.count()


def run(frame: Frame, action):
    """Run ``action(sql)`` with the frame's keys first materialised as an Arrow table (a few MB), so
    that DuckDB knows the frame's size and builds its hash tables on the small datasets, not on the
    frame (its estimate for the generated universe is a handful of rows)."""
    if not frame.steps or frame.base.startswith("SELECT * FROM _entente_input_"):
        return action(ordered_sql(frame))
    keys = frame.con.sql(frame.base).to_arrow_table()
    name = f"_entente_keys_{next(_ids)}"
    frame.con.register(name, keys)
    try:
        return action(ordered_sql(frame, f"SELECT * FROM {name}"))
    finally:
        frame.con.unregister(name)


def ordered_sql(frame: Frame, base: str | None = None) -> str:
    """:func:`compile_sql`, sorted by the frame's keys (its ``order``)."""
    sql = compile_sql(frame, base)
    if not frame.order:
        return sql
    return f"SELECT * FROM ({sql}) AS _f ORDER BY {', '.join(frame.order)}"


def _refs(step: Step) -> list[str]:
    """The rhs columns a step's expressions use, in order of first use."""
    seen: dict[str, None] = {}
    for _, expr in step.columns:
        for _, col in REF.findall(expr):
            seen.setdefault(col.strip('"'), None)
    return list(seen)


def compile_sql(frame: Frame, base: str | None = None) -> str:
    """One query: the frame LEFT JOINed once to the stacked dyad-keyed data (``d``) and once per state to
    the stacked state-keyed data (``s1``, ``s2``; ``s`` for state-years). ``base`` replaces the frame's
    own SQL (e.g. by a scan of its keys already materialised)."""
    base = base or frame.base
    if not frame.steps:
        return base
    dyad_parts, state_parts, ctes, select, flags, helpers = [], [], [], [], {}, {}
    state_unit = frame.unit == STATE
    keys = ("ccode",) if state_unit else ("ccode1", "ccode2")
    for i, step in enumerate(frame.steps):
        cols = _refs(step)
        alias = {c: f'"s{i}__{c}"' for c in cols}
        proj = "".join(f', "{c}" AS {alias[c]}' for c in cols)
        ctes.append(f"_s{i} AS ({step.rhs})")
        if step.key == EXACT:
            where = " WHERE ccode1 < ccode2" if frame.ordered_pairs else ""
            dyad_parts.append(f"SELECT {_dyad_key('ccode1', 'ccode2', 'year')} AS k{proj} FROM _s{i}{where}")
        elif step.key == PAIR:
            part = f"SELECT {_dyad_key('c1', 'c2', 'year')} AS k{proj} FROM _s{i}"
            if not frame.ordered_pairs:
                part += f" UNION ALL SELECT {_dyad_key('c2', 'c1', 'year')} AS k{proj} FROM _s{i}"
            dyad_parts.append(part)
        else:
            state_parts.append(f"SELECT {_state_key('ccode', 'year')} AS k{proj} FROM _s{i}")

        def ref(match, alias=alias, key=step.key):
            side, col = match.group(1), match.group(2).strip('"')
            if key != STATE_KEY:
                table = "d"
            elif state_unit:
                table = "s"
            else:
                table = "s1" if side == "r1" else "s2"
            return f"{table}.{alias[col]}"

        condition = " AND ".join([in_range("year", *step.years), *(f"{k} IS NOT NULL" for k in keys)])
        flag = flags.setdefault(condition, f"_cov{len(flags)}")
        for name, expr in step.columns:
            select.append(f"CASE WHEN f.{flag} THEN {REF.sub(ref, expr)} END AS {name}")
    joins = []
    if dyad_parts:
        ctes.append(f"_d AS ({_stack(dyad_parts)})")
        joins.append("LEFT JOIN _d AS d ON d.k = f._kd")
        helpers["_kd"] = _dyad_key("ccode1", "ccode2", "year")
    if state_parts:
        ctes.append(f"_st AS ({_stack(state_parts)})")
        if state_unit:
            joins.append("LEFT JOIN _st AS s ON s.k = f._ks")
            helpers["_ks"] = _state_key("ccode", "year")
        else:
            joins += ["LEFT JOIN _st AS s1 ON s1.k = f._ks1", "LEFT JOIN _st AS s2 ON s2.k = f._ks2"]
            helpers["_ks1"], helpers["_ks2"] = _state_key("ccode1", "year"), _state_key("ccode2", "year")
    helpers.update({flag: f"({cond})" for cond, flag in flags.items()})
    extra = ", ".join(f"{expr} AS {name}" for name, expr in helpers.items())
    body = ",\n       ".join(select)
    return (f"WITH {', '.join(ctes)}\nSELECT f.* EXCLUDE ({', '.join(helpers)}),\n       {body}\n"
            f"FROM (SELECT *, {extra} FROM ({base})) AS f\n" + "\n".join(joins))


def _dyad_key(c1: str, c2: str, year: str) -> str:
    """One BIGINT per (ccode1, ccode2, year): a single-column hash join is much cheaper than a
    three-column one. Codes and years are non-negative and below 65,536, so the key is exact."""
    return f"(CAST({c1} AS BIGINT) * 4294967296 + CAST({c2} AS BIGINT) * 65536 + CAST({year} AS BIGINT))"


def _state_key(ccode: str, year: str) -> str:
    return f"(CAST({ccode} AS BIGINT) * 65536 + CAST({year} AS BIGINT))"


def _stack(parts: list[str]) -> str:
    """Stack the parts (each unique on its key ``k``, with distinct column names) into one row per key,
    by a chain of FULL OUTER JOINs (small tables: cheaper than a GROUP BY over their union)."""
    sql = parts[0]
    for part in parts[1:]:
        sql = f"SELECT * FROM ({sql}) FULL OUTER JOIN ({part}) USING (k)"
    return sql

