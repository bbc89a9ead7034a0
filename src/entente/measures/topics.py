"""Voeten's six UNGA issue codes, given by transparent keyword rules to resolutions he never coded.

Voeten flags roll calls with six issue codes (:data:`TOPICS`) and says the flags "come from keyword
searches and a rudimentary check". The UN's DGACM extract (sessions 74–80, ES-10, ES-11) has no such
codes, so per-issue alignment would stop in 2019. :func:`classify` restores them with keyword rules;
the flags it gives are **entente's rules applied to DGACM text, not Voeten's codes**, and carry
``source = "entente-topics"`` once stacked (:mod:`entente.measures.rollcalls`).

Reference: Voeten, E. (2013) "Data and Analyses of Voting in the UN General Assembly", in Reinalda (ed.)
*Routledge Handbook of International Organization* (``entente cite unvotes``, key ``voeten2013``).

**Rules.** One regular expression per code (:data:`RULES`, case-insensitive), searched in the title and
in the most specific agenda heading (the sub-item after ``": "`` in DGACM's ``agenda_item_name``:
"General and complete disarmament: reducing nuclear danger" is searched as "reducing nuclear danger",
because that is the heading Voeten's own records carried in sessions 71–73). A code is flagged when its
expression matches either; a resolution can get several codes or none.

==== ==================================================================================================
code keywords
==== ==================================================================================================
me   Palestin-, Israel-, Jerusalem, UNRWA / Relief and Works Agency, Gaza, West Bank, occupied Arab /
     Syrian / Palestinian …, Interim Force in Lebanon, June 1967
nu   nuclear, fissile
di   disarm-, arms, armament, weapon(s) (not "nuclear-weapon-free"), missile, mines, landmine,
     proliferation
hr   right(s), racis-, racial, xenophob-, Nazi-, death penalty
co   colonial, decoloni-, non-self-governing, determination, Arab territories / territories occupied by
     Israel
ec   econom-, develop-, trade
==== ==================================================================================================

UNBIS subjects are searched for two codes only, with narrow descriptors (me: PALESTIN-, UNRWA, GAZA
STRIP, EAST JERUSALEM; co: DECOLONIZATION, NON-SELF-GOVERNING TERRITORIES). DGACM attaches 5–10
descriptors to a resolution, and the broad ones (HUMAN RIGHTS, DISARMAMENT AGREEMENTS, NUCLEAR
NON-PROLIFERATION, SUSTAINABLE DEVELOPMENT, ISRAEL) would flag the Comprehensive Nuclear-Test-Ban Treaty
as di, "The situation in Afghanistan" as hr and ec, and "Oil slick on Lebanese shores" as me, which
Voeten never does (checked on the unlabelled sessions 75–80).

**How the rules were fitted.** By reading Voeten's coded roll calls of sessions 55–73 (``short`` and
``descr``; with the agenda heading of sessions 71–73) and keeping the words his flags follow. His
searches keyed on words, not meanings, and the rules keep three of his artefacts so the series runs on
unbroken: "determination" → co (Japan's yearly "United action with renewed determination towards the
total elimination of nuclear weapons" is co in every session), "develop-" → ec (the Chemical Weapons
Convention's "Development, Production, Stockpiling" and "Developments in the field of information and
telecommunications" are ec), "trade" → ec (the Arms Trade Treaty is di and ec). "territories" alone is
not a co keyword: it would make the human-rights resolutions on the "temporarily occupied territories of
Ukraine" colonialism; the phrase was narrowed on unlabelled DGACM titles before session 74 was scored.

**Evaluation.** Precision P = flagged and coded / flagged; recall R = flagged and coded / coded;
exact = all six flags equal. Nothing was changed after the session-74 scores were seen.

============  ==========  ==========  ==========  ==========  ==========  ==========  =======  ====
sample        me P/R      nu P/R      di P/R      hr P/R      co P/R      ec P/R      exact    N
============  ==========  ==========  ==========  ==========  ==========  ==========  =======  ====
s74, DGACM    .93/.93     1.00/1.00   .70/1.00    .64/1.00    .08/.06 *   .11/.13 *   .40      90
s45–54, held  1.00/.99    1.00/1.00   .96/.94     .96/1.00    1.00/.86    .82/1.00    .93      730
s55–73, fit   .95/.98     1.00/1.00   .95/.96     .99/.90     .95/.82     .98/.92     .89      1417
============  ==========  ==========  ==========  ==========  ==========  ==========  =======  ====

*s74, DGACM*: the 90 DGACM resolutions of session 74, classified from DGACM's title, agenda item and
subjects, against Voeten's codes for the same symbols (``symbol`` == ``unres``); coded counts me 14,
nu 17, di 16, hr 14, co 16, ec 16. *s45–54*: Voeten's whole-resolution roll calls of sessions 45–54,
classified from his own ``short`` and ``descr`` — sessions never read while fitting. *s55–73*: the
fitting sample itself (in-sample).

\\* **Voeten's session-74 co and ec flags are copies of his di flags**: the same 16 roll calls carry
all three (every roll call flagged di is also "colonialism" and "economic development", and no
decolonization or Second Committee resolution is either). No other session shows this (sessions 66–73
checked), so the co and ec rows for session 74 measure that defect, not the rules; the s45–54 row is
the better guide for those two codes. On the four codes with sound labels (me, nu, di, hr) the exact
agreement on session 74 is 73 / 90 = .81.

The other session-74 disagreements follow a change in Voeten's own coding in sessions 73–74, not a
difference in text: "Nuclear disarmament", "Transparency in armaments", the Arms Trade Treaty and the
mine-ban convention lose di; the Palestinian-rights committee and division, the right to food and the
right to development lose hr; "The Syrian Golan" gains me. DGACM's wording costs almost nothing:
from the title alone, DGACM's titles and Voeten's own session-74 titles give exact .48 and .49. Searching
the agenda heading as well lowers hr precision on session 74 (.64, against .74 from titles alone),
because Voeten's session-74 records carry titles only; it is kept because in sessions 71–73, whose
records carry the agenda heading, it raises hr recall from .83 to 1.00 and ec recall from .87 to 1.00.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from entente.errors import SchemaError

TOPICS: dict[str, str] = {
    "me": "Palestinian conflict",
    "nu": "Nuclear weapons and nuclear material",
    "di": "Arms control and disarmament",
    "hr": "Human rights",
    "co": "Colonialism",
    "ec": "Economic development",
}


@dataclass(frozen=True)
class Rule:
    """One code: ``keywords`` searched in the title and agenda heading, ``subjects`` in the UNBIS terms."""

    code: str
    keywords: str
    subjects: str | None = None

    def matches(self, title: str, heading: str, subjects: str) -> bool:
        return bool(re.search(self.keywords, title, re.I) or re.search(self.keywords, heading, re.I)
                    or (self.subjects and re.search(self.subjects, subjects, re.I)))


RULES: tuple[Rule, ...] = (
    Rule("me", r"palestin|israel|jerusalem|\bunrwa\b|relief and works agency|\bgaza\b|west bank"
               r"|occupied (arab|syrian|palestinian)|interim force in lebanon|june 1967",
         subjects=r"palestin|\bunrwa\b|gaza strip|east jerusalem"),
    Rule("nu", r"nuclear|fissile"),
    Rule("di", r"disarm|\barms\b|armament|weapons?\b(?!-)|missile|\bmines\b|landmine|proliferation"),
    Rule("hr", r"\brights?\b|racis|racial|xenophob|nazi|death penalty"),
    Rule("co", r"colonial|decoloni|non[- ]self[- ]governing|determination|arab territories"
               r"|arabs of the occupied territories|territories occupied by israel",
         subjects=r"decoloni|non[- ]self[- ]governing"),
    Rule("ec", r"econom|develop|\btrade\b"),
)


def _text(value: object) -> str:
    """A field as text: missing values (None, NaN, pd.NA) become ``""``."""
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def heading(agenda_item_name: str | None) -> str:
    """The most specific agenda heading: the sub-item after ``": "`` if there is one, else the item."""
    agenda = _text(agenda_item_name)
    return agenda.split(": ", 1)[1] if ": " in agenda else agenda


def classify(title: str, agenda_item_name: str | None = None, subjects: str | None = None) -> frozenset[str]:
    """The issue codes (keys of :data:`TOPICS`) whose keywords occur in a resolution's text.

    ``title`` and the agenda heading are searched with each code's keywords; ``subjects`` (UNBIS terms,
    ``|``-separated) only with the narrow descriptors of me and co. Returns an empty set for a
    resolution on none of the six issues (e.g. "Aggression against Ukraine").
    """
    fields = (_text(title), heading(agenda_item_name), _text(subjects))
    return frozenset(rule.code for rule in RULES if rule.matches(*fields))


def classify_frame(resolutions: pd.DataFrame) -> pd.DataFrame:
    """``(symbol, issue)``, one row per flag :func:`classify` gives a resolution; unique pairs.

    ``resolutions`` needs columns symbol, title, agenda_item_name and subjects_unbis (the DGACM
    extract's names). A resolution with no flag has no row.
    """
    needed = ["symbol", "title", "agenda_item_name", "subjects_unbis"]
    missing = [c for c in needed if c not in resolutions.columns]
    if missing:
        raise SchemaError(f"classify_frame() needs columns {needed}; the table has no {missing}. "
                          "Pass the DGACM resolutions table (warehouse table dgacm_resolutions).")
    rows = [(r.symbol, code)
            for r in resolutions[needed].itertuples(index=False)
            for code in sorted(classify(r.title, r.agenda_item_name, r.subjects_unbis))]
    out = pd.DataFrame(rows, columns=["symbol", "issue"]).drop_duplicates(ignore_index=True)
    return out.astype({"symbol": "string", "issue": "string"})
