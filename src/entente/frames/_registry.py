"""What the frames package can do, by name: the add steps (and their aliases) and the engines.

The bottom of the package: it imports nothing from ``entente.frames``. The step modules
(:mod:`~entente.frames.alliances`, :mod:`~entente.frames.conflict`, :mod:`~entente.frames.economy`,
:mod:`~entente.frames.geography`) fill :data:`STEPS` with :func:`register` when they are imported, and
:mod:`entente.frames.engines` fills :data:`ENGINES`. ``dyad_years(add=...)``, ``Frame.add()``, the
``entente frame`` commands (their ``--add`` choices and help) and the tests all read these tables, so a
step registered here is a step everywhere.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import partial

from entente.errors import BadInput

#: The units a frame can have (:attr:`entente.frames.Frame.unit`).
DYAD, STATE = "dyad_year", "state_year"


@dataclasses.dataclass(frozen=True)
class StepInfo:
    """A registered add step: the function that applies it (with its options bound) and one line on what
    it adds to a dyad-year frame and, if it takes state-years too, to a state-year frame (for
    ``entente frame ... --help``)."""

    name: str
    function: Callable
    description: str
    state_description: str | None = None

    @property
    def units(self) -> tuple[str, ...]:
        """The units of frame the step takes."""
        return (DYAD, STATE) if self.state_description else (DYAD,)

    def describe(self, unit: str) -> str:
        return self.state_description if unit == STATE else self.description


#: Step name → function (``frames.STEPS``, public). Aliases in :data:`ALIASES`; descriptions in :data:`INFO`.
STEPS: dict[str, Callable] = {}
#: Step name → :class:`StepInfo`, in the order the steps were registered.
INFO: dict[str, StepInfo] = {}
#: Other names a step answers to → its name.
ALIASES: dict[str, str] = {}
#: Step function name (``"add_atop"``) → the units of frame it takes, read by ``plan.prepare``.
UNITS: dict[str, tuple[str, ...]] = {}
#: Engine name (``"sql"``, ``"numpy"``) → the module that runs a plan (see :mod:`entente.frames.engines`).
ENGINES: dict[str, object] = {}


def register(name: str, description: str, *, state: str | None = None, aliases: tuple[str, ...] = (),
             **options) -> Callable[[Callable], Callable]:
    """Register the decorated add step as ``name``, with ``options`` bound (e.g. ``source="cow"``).

    ``description``: one line on what it adds to a dyad-year frame; ``state``: the same for a
    state-year frame, given only for steps that take state-years. Return the function unchanged, so
    that one function can be registered under several names."""

    def decorate(function: Callable) -> Callable:
        if name in STEPS:
            raise ValueError(f"add step {name!r} is registered twice")
        bound = partial(function, **options) if options else function
        info = StepInfo(name, bound, description, state)
        known = UNITS.setdefault(function.__name__, info.units)
        if known != info.units:
            raise ValueError(f"{function.__name__} is registered for units {known} and {info.units}")
        STEPS[name] = bound
        INFO[name] = info
        for alias in aliases:
            ALIASES[alias] = name
        return function

    return decorate


def resolve_step(name: str) -> str:
    """The registered name of a step given by name or alias (case, ``-`` or ``_`` as you like)."""
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


def steps_for(unit: str) -> list[StepInfo]:
    """The registered steps that take frames of ``unit`` (``DYAD`` or ``STATE``), in registration order."""
    return [info for info in INFO.values() if unit in info.units]


def engine(name: str):
    """The engine module registered as ``name``."""
    return ENGINES[name]
