"""One UN General Assembly roll-call series, 1946 – latest, stacked from Voeten's data and the UN's extract.

Voeten et al. (via unvotes) cover sessions 1–74 up to 14 Jan 2020; the UN DGACM extract covers sessions
74–80 and the emergency special sessions ES-10 and ES-11 from 7 Nov 2019. They overlap on session 74.

**How the overlap is stacked.** A resolution is identified by its document symbol (``A/RES/74/38``:
Voeten's ``unres``, DGACM's ``symbol``). Voeten's rows win for every symbol Voeten has — its data also
hold votes on amendments and paragraphs, which DGACM lacks — and a DGACM resolution is added only if
its symbol is not among Voeten's. In the snapshot all 90 DGACM session-74 resolutions are in Voeten
(the votes agree 100%, SOURCES.md §1c), so session 74 is counted once, from Voeten; sessions 75–80 and
ES votes come from DGACM.

**Years.** A roll call's ``year`` is the year its regular session opened, ``session + 1945``, as in
Voeten's data (session 76 opened in September 2021, so a vote in March 2022 has year 2021);
``calendar_year`` is the year of the vote's date. Emergency special sessions (ES-10, ES-11) belong to
the regular session sitting at the time: a regular session opens in September, so a vote on or after
1 September of year *y* belongs to session *y − 1945*, before it to session *y − 1946*.

DGACM roll calls get surrogate ids from 100 000 up, in order of (adoption date, symbol); they are stable
within a snapshot, not across snapshots: cite the ``symbol``.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from entente.errors import SchemaError

DGACM_RCID_BASE = 100_000

ROLLCALL_COLUMNS = ["rcid", "source", "session", "session_label", "year", "calendar_year", "date",
                    "symbol", "title", "amend", "para", "importantvote"]


def session_of(date: dt.date) -> int:
    """The regular UNGA session sitting on ``date`` (a session opens in September of 1945 + N)."""
    return date.year - 1945 if date.month >= 9 else date.year - 1946


def _require(frame: pd.DataFrame, name: str, columns: list[str]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise SchemaError(f"stack_rollcalls() needs columns {columns} in {name}; it has no {missing}.")


def stack_rollcalls(
    voeten_rollcalls: pd.DataFrame,
    voeten_votes: pd.DataFrame,
    voeten_issues: pd.DataFrame,
    dgacm_resolutions: pd.DataFrame,
    dgacm_votes: pd.DataFrame,
    dgacm_issues: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Stack the two sources into ``(rollcalls, votes, issues)``.

    ``rollcalls`` has :data:`ROLLCALL_COLUMNS`; ``votes`` has (rcid, ccode, vote) with vote 1 = yes,
    2 = abstain, 3 = no; ``issues`` has (rcid, issue, source) with Voeten's six codes, and for DGACM
    roll calls the codes in ``dgacm_issues`` (symbol, issue) if given.
    """
    _require(voeten_rollcalls, "voeten_rollcalls", ["rcid", "session", "date", "unres", "short", "descr"])
    _require(voeten_votes, "voeten_votes", ["rcid", "ccode", "vote"])
    _require(voeten_issues, "voeten_issues", ["rcid", "short_name"])
    _require(dgacm_resolutions, "dgacm_resolutions", ["symbol", "session", "adoption_date", "title"])
    _require(dgacm_votes, "dgacm_votes", ["symbol", "ccode", "vote"])

    v = voeten_rollcalls
    v_dates = pd.to_datetime(v["date"])
    voeten = pd.DataFrame({
        "rcid": v["rcid"].astype("int32"),
        "source": "unvotes",
        "session": v["session"].astype("int16"),
        "session_label": v["session"].astype(str),
        "year": (v["session"] + 1945).astype("int16"),
        "calendar_year": v_dates.dt.year.astype("int16"),
        "date": v_dates.dt.date,
        "symbol": v["unres"],
        "title": v["short"].fillna(v["descr"]).str.strip().str.capitalize(),
        "amend": v.get("amend", pd.Series(pd.NA, index=v.index)).astype("boolean"),
        "para": v.get("para", pd.Series(pd.NA, index=v.index)).astype("boolean"),
        "importantvote": v.get("importantvote", pd.Series(pd.NA, index=v.index)).astype("boolean"),
    })

    d = dgacm_resolutions[~dgacm_resolutions["symbol"].isin(set(v["unres"].dropna()))].copy()
    d["_date"] = pd.to_datetime(d["adoption_date"])
    d = d.sort_values(["_date", "symbol"], kind="stable").reset_index(drop=True)
    regular = pd.to_numeric(d["session"], errors="coerce")
    by_date = d["_date"].map(lambda t: session_of(t.date()))
    session = regular.fillna(by_date).astype("int16")
    dgacm = pd.DataFrame({
        "rcid": (DGACM_RCID_BASE + np.arange(len(d))).astype("int32"),
        "source": "dgacm",
        "session": session,
        "session_label": d["session"].astype(str),
        "year": (session + 1945).astype("int16"),
        "calendar_year": d["_date"].dt.year.astype("int16"),
        "date": d["_date"].dt.date,
        "symbol": d["symbol"],
        "title": d["title"],
        "amend": pd.Series(False, index=d.index, dtype="boolean"),
        "para": pd.Series(False, index=d.index, dtype="boolean"),
        "importantvote": pd.Series(pd.NA, index=d.index, dtype="boolean"),
    })
    rollcalls = pd.concat([voeten, dgacm], ignore_index=True)[ROLLCALL_COLUMNS]
    rollcalls["symbol"] = rollcalls["symbol"].astype("string")
    rollcalls["title"] = rollcalls["title"].astype("string")

    symbol_to_rcid = dict(zip(dgacm["symbol"], dgacm["rcid"]))
    dv = dgacm_votes[dgacm_votes["symbol"].isin(symbol_to_rcid)]
    votes = pd.concat([
        voeten_votes[["rcid", "ccode", "vote"]],
        pd.DataFrame({"rcid": dv["symbol"].map(symbol_to_rcid), "ccode": dv["ccode"], "vote": dv["vote"]}),
    ], ignore_index=True).astype({"rcid": "int32", "ccode": "int16", "vote": "int8"})

    issues = [pd.DataFrame({"rcid": voeten_issues["rcid"].astype("int32"),
                            "issue": voeten_issues["short_name"].astype("string"), "source": "unvotes"})]
    if dgacm_issues is not None and len(dgacm_issues):
        di = dgacm_issues[dgacm_issues["symbol"].isin(symbol_to_rcid)]
        issues.append(pd.DataFrame({"rcid": di["symbol"].map(symbol_to_rcid).astype("int32"),
                                    "issue": di["issue"].astype("string"), "source": "entente-topics"}))
    issues = pd.concat(issues, ignore_index=True)
    return rollcalls, votes, issues
