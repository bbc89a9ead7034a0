"""Economic sanctions between two states: tables in, tables out (vetoes: :mod:`entente.measures.vetoes`).

Two datasets, each with its own unit and coding:

- **TIES v4.1** (Morgan, Bapat & Kobayashi 2014, CMPS 31(5); Morgan, Bapat & Krustev 2009, CMPS 26(1);
  cases 1945–2005): a case is directed sender(s) → ``targetstate``. The senders are the COW codes in
  ``sender1..5`` **and** ``primarysender`` (eight cases name a primary sender not in ``sender1..5``, and
  case 1953070901 names only the primary sender). Code 1000 is TIES's code for the European
  Community/Union as a sender or target; ``institutionid`` lists COW IGO numbers of institutions
  involved (1830 is the EC/EU: 47 of the 116 cases citing it have sender 1000). Labels below are the
  category names of the TIES v4.0 users' manual (case-level data, June 2013): issues (variable 12),
  threatened sanction types (16: 1 = unspecified), imposed sanction types (30), costs to target and
  sender (1 minor, 2 major, 3 severe) and final outcome (39). Multi-code fields are text with codes
  separated by spaces ("2 6 7").
- **GSDB** release 3 (Felbermayr et al. 2020, EER 129; Kirilakha et al. 2021; Syropoulos et al. 2024,
  RIE 32(1); cases 1949–2022; user-supplied): ``gsdb_case_dyads`` (case × sender × target, with COW
  codes; organisations such as "EU" or "UN" have none) joined to ``gsdb_cases`` (types, objectives and
  success, one success value per objective, in the same order). Cases in force are coded as ending in
  2022 with success "ongoing". The Soviet Union and Russia are both 365.
"""

from __future__ import annotations

import itertools
import numbers
from collections.abc import Mapping

import pandas as pd

from entente import catalog
from entente.countries import COW_END


# -------------------------------------------------------------------------------------------- TIES
TIES_SENDERS = ("sender1", "sender2", "sender3", "sender4", "sender5", "primarysender")
#: The last year a TIES case is known to run, in SQL over ``ties_cases``: its end year; while open, the
#: year TIES last followed it (``ongoingasofyear``); when TIES gives neither (236 of 1,412 cases, most
#: with no outcome coded either), its start year alone: the 1973 Arab oil embargo on Portugal and
#: Rhodesia has no end in TIES, and running it to the data's last year would keep Saudi Arabia
#: sanctioning Portugal in 2005.
TIES_LAST_YEAR_SQL = "coalesce(endyear, ongoingasofyear, startyear)"


def ties_both_exist_sql(sender: str, target: str, year: str) -> str:
    """SQL condition: TIES sender and target were both states in ``year`` (all three are SQL expressions:
    two COW codes and a year), read from ``cow_states``. The one rule that cuts sanctions to the years
    both states existed, for one pair's cases (:mod:`entente.pair.third_parties`) and the network's
    sanctions layer (:mod:`entente.network.layers`).

    A state exists in a year when a spell of its COW system membership (COW State System v2016) covers
    any day of that year (COW's state-year convention); a spell ending on the list's last day
    (2016-12-31, :data:`entente.countries.COW_END`) is ongoing. TIES follows an open case to
    ``ongoingasofyear``, past a target that ceased to exist (West Germany, October 1990), and codes a
    few cases from before a state entered the system (the Soviet Union against Austria in 1946–1949;
    Austria returns in 1955): those years are not sanctions between states.
    """
    return f"{_in_system(sender, year)} AND {_in_system(target, year)}"


def _in_system(state: str, year: str) -> str:
    """SQL condition: COW code ``state`` was in the COW state system in ``year`` (see ties_both_exist_sql)."""
    return (f"EXISTS (SELECT 1 FROM {catalog.COW_STATES} m WHERE m.ccode = {state} AND {year} BETWEEN "
            f"year(m.start_date) AND CASE WHEN m.end_date >= DATE '{COW_END.isoformat()}' THEN 9999 "
            "ELSE year(m.end_date) END)")

TIES_EU = 1000  # TIES's code for the European Community/Union as sender or target
TIES_EU_IGO = "1830"  # the EC/EU's COW IGO number in ``institutionid``

TIES_ISSUES = {
    1: "contain political influence", 2: "contain military behavior", 3: "destabilize regime",
    4: "release citizens, property or material", 5: "solve territorial dispute", 6: "deny strategic materials",
    7: "retaliate for alliance or alignment choice", 8: "improve human rights",
    9: "end weapons or materials proliferation", 10: "end support of non-state actors",
    11: "deter or punish drug trafficking", 12: "improve environmental policies", 13: "trade practices",
    14: "implement economic reform", 15: "other",
}
TIES_IMPOSED_TYPES = {
    1: "total economic embargo", 2: "partial economic embargo", 3: "import restriction", 4: "export restriction",
    5: "blockade", 6: "asset freeze", 7: "termination of foreign aid", 8: "travel ban",
    9: "suspension of economic agreement", 10: "other",
}
TIES_THREATENED_TYPES = {1: "unspecified", **{k + 1: v for k, v in TIES_IMPOSED_TYPES.items() if k < 10}}
TIES_COSTS = {1: "minor", 2: "major", 3: "severe"}
TIES_OUTCOMES = {
    1: "partial acquiescence by target to threat", 2: "complete acquiescence by target to threat",
    3: "capitulation by sender in threat stage", 4: "stalemate in threat stage",
    5: "negotiated settlement in threat stage", 6: "partial acquiescence by target after imposition",
    7: "total acquiescence by target after imposition", 8: "capitulation by sender after imposition",
    9: "stalemate after imposition", 10: "negotiated settlement after imposition",
}
#: The ``ties_cases`` columns the functions below read (a caller may select only these).
TIES_COLUMNS = ("caseid", *TIES_SENDERS, "targetstate", "institutionid", "startyear", "endyear", "ongoingasofyear",
                "threat", "imposition", "issue1", "issue2", "issue3", "sanctiontypethreat", "sanctiontype",
                "targetcosts", "sendercosts", "finaloutcome")
TIES_OUT = ["caseid", "senders", "target", "institutions", "start", "end", "ongoing_as_of", "threat", "imposed",
            "issues", "threatened_types", "imposed_types", "target_costs", "sender_costs", "final_outcome",
            "outcome"]


def _int_or_none(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _codes(text) -> list[int]:
    """"2 6  7" → [2, 6, 7]; numbers too; null → []."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return []
    return [int(float(c)) for c in str(text).split()]


def _split_words(text) -> list[str]:
    return [] if text is None or (not isinstance(text, str) and pd.isna(text)) else str(text).split()


def _label(codes: list[int], labels: Mapping[int, str]) -> str:
    return "; ".join(labels.get(c, f"code {c}") for c in dict.fromkeys(codes))


def ties_senders(ties_cases: pd.DataFrame) -> pd.Series:
    """Per case, the sorted tuple of sender codes from ``sender1..5`` and ``primarysender``."""
    cols = [c for c in TIES_SENDERS if c in ties_cases.columns]
    values = ties_cases[cols].to_numpy(dtype=object)
    return pd.Series([tuple(sorted({int(v) for v in row if not pd.isna(v)})) for row in values],
                     index=ties_cases.index, dtype=object)


def describe_ties(ties_cases: pd.DataFrame) -> pd.DataFrame:
    """TIES cases with codebook labels: caseid, senders ("2, 200"), target, institutions (COW IGO
    numbers), start, end (years; None when open), ongoing_as_of, threat, imposed (bools), issues,
    threatened_types, imposed_types, target_costs, sender_costs (labels), final_outcome (code),
    outcome (label)."""
    t = ties_cases
    out = pd.DataFrame({
        "caseid": t["caseid"].astype("int64"),
        "senders": [", ".join(map(str, s)) for s in ties_senders(t)],
        "target": t["targetstate"].astype("Int64"),
        "institutions": t["institutionid"].astype(object).where(t["institutionid"].notna(), None),
        "start": t["startyear"].astype("Int64"), "end": t["endyear"].astype("Int64"),
        "ongoing_as_of": t["ongoingasofyear"].astype("Int64"),
        "threat": t["threat"].fillna(0).astype(int).astype(bool),
        "imposed": t["imposition"].fillna(0).astype(int).astype(bool),
        "issues": [_label([c for c in (_int_or_none(x) for x in row) if c is not None], TIES_ISSUES)
                   for row in t[["issue1", "issue2", "issue3"]].to_numpy(dtype=object)],
        "threatened_types": [_label(_codes(x), TIES_THREATENED_TYPES) for x in t["sanctiontypethreat"]],
        "imposed_types": [_label(_codes(x), TIES_IMPOSED_TYPES) for x in t["sanctiontype"]],
        "target_costs": t["targetcosts"].map(lambda v: TIES_COSTS.get(_int_or_none(v))),
        "sender_costs": t["sendercosts"].map(lambda v: TIES_COSTS.get(_int_or_none(v))),
        "final_outcome": t["finaloutcome"].astype("Int64"),
    }, index=t.index)
    out["outcome"] = out["final_outcome"].map(lambda v: TIES_OUTCOMES.get(_int_or_none(v)))
    return out[TIES_OUT]


def sanction_cases(ties_cases: pd.DataFrame, a: int, b: int) -> pd.DataFrame:
    """TIES cases between ``a`` and ``b`` either way: one a sender and the other the target.

    Columns: direction ("a_to_b", "b_to_a") and those of :func:`describe_ties`; oldest first. A case
    whose only sender is an institution (``institution`` = 1, no state sender) is not a case between
    states and is left out.
    """
    ties_cases = ties_cases[ties_cases["targetstate"].isin([a, b])]   # the rest cannot match: read less
    senders = ties_senders(ties_cases)
    target = ties_cases["targetstate"]
    a_to_b = senders.map(lambda s: a in s) & (target == b)
    b_to_a = senders.map(lambda s: b in s) & (target == a)
    rows = ties_cases[a_to_b | b_to_a]
    out = describe_ties(rows)
    out.insert(0, "direction", ["a_to_b" if x else "b_to_a" for x in a_to_b[rows.index]])
    return out.sort_values(["start", "caseid"], kind="stable").reset_index(drop=True)


def rival_spells(rivalries: pd.DataFrame, a: int, b: int) -> pd.DataFrame:
    """The third states that are rivals of ``a`` or of ``b``, as spells: of, ccode, start, end.

    From a non-directed rivalry table (``ccode1``, ``ccode2``, ``styear``, ``endyear``: Thompson &
    Dreyer 2012). A spell ending in the table's last year may be ongoing, so its ``end`` is None.
    Rivalries between ``a`` and ``b`` themselves are left out.
    """
    last = rivalries["endyear"].max() if len(rivalries) else None
    rows = []
    for r in rivalries.itertuples(index=False):
        for side, other in ((r.ccode1, r.ccode2), (r.ccode2, r.ccode1)):
            if side in (a, b) and other not in (a, b):
                rows.append((int(side), int(other), int(r.styear), None if r.endyear == last else int(r.endyear)))
    return pd.DataFrame(rows, columns=["of", "ccode", "start", "end"], dtype=object)


def adversary_spells(adversaries, a: int, b: int) -> pd.DataFrame:
    """Normalise ``adversaries``: a spell table (of, ccode, start, end) or codes for both sides, always."""
    if isinstance(adversaries, pd.DataFrame):
        return adversaries[["of", "ccode", "start", "end"]]
    codes = [int(c) if isinstance(c, numbers.Integral) else c for c in adversaries]
    rows = [(side, code, None, None) for code in codes for side in (a, b) if code not in (a, b)]
    return pd.DataFrame(rows, columns=["of", "ccode", "start", "end"], dtype=object)


def _match(spells, of: int, senders: set, start: int | None, end: int | None) -> list:
    """Adversaries of ``of`` among ``senders`` whose spell overlaps the case's years (None = open).

    ``spells``: a spell table (of, ccode, start, end), or :func:`_spells_of` of one."""
    hits = []
    for ccode, first, last in (_spells_of(spells) if isinstance(spells, pd.DataFrame) else spells).get(of, ()):
        overlaps = (first is None or end is None or end >= first) and (last is None or start is None or start <= last)
        if ccode in senders and overlaps and ccode not in hits:
            hits.append(ccode)
    return hits


def _spells_of(spells: pd.DataFrame) -> dict:
    """A spell table as ``of`` → [(ccode, start, end)] in table order (None = open), read once for every case."""
    out: dict = {}
    for r in spells.itertuples(index=False):
        out.setdefault(r.of, []).append((r.ccode, _int_or_none(r.start), _int_or_none(r.end)))
    return out


def sanctions_by_adversaries(ties_cases: pd.DataFrame, a: int, b: int, adversaries) -> pd.DataFrame:
    """TIES cases against ``a`` or ``b`` whose senders include the other side's adversaries.

    ``adversaries`` is either an iterable of third-state COW codes (adversaries of both, in every year;
    ``"EU"`` means the EC/EU: sender 1000 or institution 1830) or a spell table from
    :func:`rival_spells` (a sender counts when it is a rival *of the other side* in a year the case
    spans). Columns: target_is ("a"/"b"), adversaries (the matching senders, "2, 200"), then those of
    :func:`describe_ties`; oldest first.
    """
    spells = _spells_of(adversary_spells(adversaries, a, b))
    ties_cases = ties_cases[ties_cases["targetstate"].isin([a, b])]   # only cases against a or b can match
    senders = ties_senders(ties_cases)
    institutions = (ties_cases["institutionid"] if "institutionid" in ties_cases.columns
                    else pd.Series(None, index=ties_cases.index, dtype=object))
    found = []
    for idx, target, case, inst, first, last, ongoing in zip(
            ties_cases.index, ties_cases["targetstate"], senders, institutions, ties_cases["startyear"],
            ties_cases["endyear"], ties_cases["ongoingasofyear"]):
        case_senders = set(case) - {a, b}
        if TIES_EU in case_senders or TIES_EU_IGO in _split_words(inst):
            case_senders.add("EU")
        start = _int_or_none(first)
        end = _int_or_none(last) or _int_or_none(ongoing)  # neither: still open in 2005
        hits = _match(spells, b if target == a else a, case_senders, start, end)
        if hits:
            found.append((idx, target, hits))
    described = describe_ties(ties_cases.loc[[idx for idx, _, _ in found]])   # only the cases that match
    out = [{"target_is": "a" if target == a else "b", "adversaries": ", ".join(map(str, hits)),
            **described.loc[idx].to_dict()} for idx, target, hits in found]
    frame = pd.DataFrame(out, columns=["target_is", "adversaries", *TIES_OUT]).astype(
        {"caseid": "int64", "target": "Int64", "start": "Int64", "end": "Int64", "ongoing_as_of": "Int64",
         "final_outcome": "Int64", "threat": bool, "imposed": bool})
    return frame.sort_values(["start", "caseid"], kind="stable").reset_index(drop=True)


# -------------------------------------------------------------------------------------------- GSDB
GSDB_TYPES = ("trade", "arms", "military", "financial", "travel", "other")
GSDB_EU = ("EU", "EEC")  # how the GSDB names the European Union and its predecessor as senders
GSDB_OBJECTIVES = {
    "policy_change": "policy change", "democracy": "democracy", "human_rights": "human rights",
    "end_war": "end war", "territorial_conflict": "territorial conflict", "prevent_war": "prevent war",
    "terrorism": "terrorism", "destab_regime": "destabilize regime", "other": "other",
}
GSDB_SUCCESS = {"success_total": "total success", "success_part": "partial success",
                "nego_settlement": "negotiated settlement", "failed": "failed", "ongoing": "ongoing"}
GSDB_OUT = ["case_id", "sanctioning_state", "sanctioned_state", "begin", "end", "types", "descr_trade",
            "objectives"]


def _split(text) -> list[str]:
    return [] if text is None or (not isinstance(text, str) and pd.isna(text)) else [
        p.strip() for p in str(text).split(",") if p.strip()]


def describe_gsdb(cases: pd.DataFrame) -> pd.DataFrame:
    """GSDB cases with labels: case_id, sanctioning_state, sanctioned_state (the full lists), begin,
    end, types ("trade, financial"), descr_trade, objectives ("human rights: failed; democracy:
    ongoing", each objective with its success value)."""
    out = cases[["case_id", "sanctioning_state", "sanctioned_state", "begin", "end", "descr_trade"]].copy()
    out["types"] = [", ".join(t for t in GSDB_TYPES if t in cases.columns and row[t] == 1)
                    for _, row in cases.iterrows()]
    out["objectives"] = [
        "; ".join(f"{GSDB_OBJECTIVES.get(o, o)}: {GSDB_SUCCESS.get(s, s) if s else 'not coded'}"
                  for o, s in itertools.zip_longest(_split(obj), _split(suc)) if o)
        for obj, suc in zip(cases["objective"], cases["success"])]
    return out[GSDB_OUT]


def _gsdb_join(dyads: pd.DataFrame, cases: pd.DataFrame) -> pd.DataFrame:
    return dyads.merge(describe_gsdb(cases).rename(columns={
        "sanctioning_state": "senders", "sanctioned_state": "targets", "begin": "case_begin", "end": "case_end"}),
        on="case_id", how="left")


GSDB_PAIR_OUT = ["case_id", "sender", "target", "begin", "end", "types", "descr_trade", "objectives", "senders",
                 "targets"]


def gsdb_sanction_cases(dyads: pd.DataFrame, cases: pd.DataFrame, a: int, b: int) -> pd.DataFrame:
    """GSDB cases between ``a`` and ``b`` either way, one row per case and direction.

    Columns: direction ("a_to_b", "b_to_a"), case_id, sender, target (GSDB names), begin, end, types,
    descr_trade, objectives (see :func:`describe_gsdb`), senders, targets (the case's full lists).
    """
    s, t = dyads["sanctioning_ccode"], dyads["sanctioned_ccode"]
    a_to_b, b_to_a = (s == a) & (t == b), (s == b) & (t == a)
    rows = dyads[(a_to_b | b_to_a).fillna(False)].copy()
    rows.insert(0, "direction", ["a_to_b" if x else "b_to_a" for x in a_to_b[rows.index].fillna(False)])
    joined = _gsdb_join(rows, cases).rename(columns={"sanctioning_state": "sender", "sanctioned_state": "target"})
    joined = joined.drop_duplicates(["direction", "case_id"])
    return joined[["direction", *GSDB_PAIR_OUT]].sort_values(["begin", "case_id"], kind="stable").reset_index(
        drop=True)


def gsdb_sanctions_by_adversaries(dyads: pd.DataFrame, cases: pd.DataFrame, a: int, b: int,
                                  adversaries) -> pd.DataFrame:
    """GSDB cases against ``a`` or ``b`` by the other side's adversaries, one row per case and target.

    ``adversaries`` as in :func:`sanctions_by_adversaries`; ``"EU"`` matches the senders named "EU" or
    "EEC". Columns: target_is, adversaries (matching senders: COW codes, or "EU"), case_id, begin, end,
    types, descr_trade, objectives, senders, targets.
    """
    spells = _spells_of(adversary_spells(adversaries, a, b))
    on_pair = dyads[dyads["sanctioned_ccode"].isin([a, b]).fillna(False)]
    info = describe_gsdb(cases).set_index("case_id")
    out = []
    for (case_id, target), group in on_pair.groupby(["case_id", "sanctioned_ccode"], sort=False):
        senders = {int(c) for c in group["sanctioning_ccode"].dropna()} - {a, b}
        if group["sanctioning_state"].isin(GSDB_EU).any():
            senders.add("EU")
        begin, end = int(group["begin"].iloc[0]), int(group["end"].iloc[0])
        hits = _match(spells, b if target == a else a, senders, begin, end)
        if hits:
            case = info.loc[case_id]
            out.append({"target_is": "a" if target == a else "b", "adversaries": ", ".join(map(str, hits)),
                        "case_id": int(case_id), "begin": begin, "end": end, "types": case["types"],
                        "descr_trade": case["descr_trade"], "objectives": case["objectives"],
                        "senders": case["sanctioning_state"], "targets": case["sanctioned_state"]})
    cols = ["target_is", "adversaries", "case_id", "begin", "end", "types", "descr_trade", "objectives", "senders",
            "targets"]
    return pd.DataFrame(out, columns=cols).sort_values(["begin", "case_id"], kind="stable").reset_index(drop=True)
