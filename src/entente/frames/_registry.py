"""Add steps by name, for ``dyad_years(add=...)``, ``Frame.add()`` and ``entente frame ... --add``."""

from __future__ import annotations

from functools import partial

from entente.errors import BadInput
from entente.frames.alliances import add_atop, add_cow_alliance
from entente.frames.conflict import add_mids, add_rivalries, add_wars
from entente.frames.economy import add_arms, add_capabilities, add_igos, add_major_powers, add_trade
from entente.frames.geography import add_capital_distance, add_contiguity, add_minimum_distance

#: Step name → function. Aliases in :data:`ALIASES`.
STEPS = {
    "atop": add_atop,
    "cow_alliance": add_cow_alliance,
    "mids": add_mids,
    "cow_mids": partial(add_mids, source="cow"),
    "wars": add_wars,
    "rivalry": add_rivalries,
    "td_rivalry": partial(add_rivalries, source="td"),
    "contiguity": add_contiguity,
    "capital_distance": add_capital_distance,
    "majors": add_major_powers,
    "trade": add_trade,
    "arms": add_arms,
    "minimum_distance": add_minimum_distance,
    "igos": add_igos,
    "capabilities": add_capabilities,
}

ALIASES = {
    "gml_mids": "mids", "mid": "mids", "gml": "mids", "war": "wars", "cow_wars": "wars",
    "rivalries": "rivalry", "tss_rivalry": "rivalry", "tss": "rivalry", "td": "td_rivalry",
    "contig": "contiguity", "capdist": "capital_distance", "major_powers": "majors", "cow_majors": "majors",
    "mindist": "minimum_distance", "igo": "igos", "nmc": "capabilities", "cinc": "capabilities",
    "alliance": "cow_alliance", "cow_alliances": "cow_alliance", "sipri": "arms", "cow_trade": "trade",
}


def resolve_step(name: str) -> str:
    key = str(name).strip().lower().replace("-", "_")
    key = ALIASES.get(key, key)
    if key not in STEPS:
        raise BadInput(f"Unknown add step {name!r}. Steps: {', '.join(STEPS)}.")
    return key


def apply(frame, names, **options):
    """Apply the named steps in order (options are passed to every step that accepts them)."""
    for name in names:
        for part in str(name).split(",") if isinstance(name, str) else [name]:
            if not str(part).strip():
                continue
            frame = STEPS[resolve_step(part)](frame, **options)
    return frame
