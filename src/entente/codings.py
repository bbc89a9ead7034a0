"""The field's shared codings, defined once: every module that labels or values them reads them here.

- **Alliance obligations.** ATOP v5.1 (Leeds et al. 2002) codes defence, offence, neutrality,
  non-aggression and consultation per member and year; COW Formal Alliances v4.1 (Gibler 2009) codes
  defence, neutrality, non-aggression and entente. Values follow Signorino & Ritter (1999, ISQ 43:1)'s
  alliance-portfolio valuation: defence 3, neutrality and non-aggression 2, entente 1, none 0. ATOP's
  offence pledge (absent from COW) is a promise to fight beside the ally, so it takes defence's 3;
  ATOP's consultation pledge is the entente's counterpart and takes 1.
- **Hostility** of a militarized dispute (GML MIDs 2.2.1, COW MID 5.0): 1–5, highest level reached.
- **Fatality** codes of a dispute side, and **war outcomes** (COW Inter-State War v4.0).
- **Quad classes** of CAMEO events (GDELT): roots 01–05, 06–08, 09–13, 14–20.
"""

from __future__ import annotations

#: ATOP obligation column → its label in prose.
ATOP_OBLIGATIONS: dict[str, str] = {"atop_defense": "defence", "atop_offense": "offence",
                                    "atop_neutral": "neutrality", "atop_nonagg": "non-aggression",
                                    "atop_consul": "consultation"}
#: COW Formal Alliances obligation column → its label.
COW_OBLIGATIONS: dict[str, str] = {"cow_defense": "defence", "cow_neutral": "neutrality",
                                   "cow_nonagg": "non-aggression", "cow_entente": "entente"}
#: Signorino–Ritter value of each obligation label (0 none … 3 defence); see the module docstring.
OBLIGATION_VALUES: dict[str, int] = {"defence": 3, "offence": 3, "neutrality": 2, "non-aggression": 2,
                                     "consultation": 1, "entente": 1}
#: The same values keyed by ATOP column (for SQL built over ``atop_dyad_year``).
ATOP_VALUES: dict[str, int] = {column: OBLIGATION_VALUES[label] for column, label in ATOP_OBLIGATIONS.items()}

#: MID hostility level (highest action's level) → words.
HOSTILITY: dict[int, str] = {1: "no militarized action", 2: "threat to use force", 3: "display of force",
                             4: "use of force", 5: "war"}
#: Short labels of the same levels, for chart legends.
HOSTILITY_SHORT: dict[int, str] = {1: "no militarized action", 2: "threat", 3: "display of force",
                                   4: "use of force", 5: "war"}
#: MID fatality code of a side → battle deaths in words.
FATALITY: dict[int, str] = {0: "none", 1: "1–25", 2: "26–100", 3: "101–250", 4: "251–500", 5: "501–999",
                            6: "more than 999"}
#: COW inter-state war outcome code of a participant → words.
WAR_OUTCOME: dict[int, str] = {1: "won", 2: "lost", 3: "compromise or tie", 4: "became another type of war",
                               5: "ongoing at the end of 2007", 6: "stalemate", 7: "continued below war level",
                               8: "changed sides"}

#: CAMEO quad class → (label, first root, last root) (Schrodt 2012, CAMEO manual 1.1b3).
QUAD_CLASSES: dict[int, tuple[str, int, int]] = {1: ("verbal cooperation", 1, 5), 2: ("material cooperation", 6, 8),
                                                 3: ("verbal conflict", 9, 13), 4: ("material conflict", 14, 20)}
