"""Random command lines against the real warehouse, in-process (click's CliRunner), on a time budget.

Each argument vector mixes states (good names, codes, capitals, ambiguous names, unicode junk, names of
up to 120,000 characters), numbers (negative, huge, not numbers) and options for the main commands.
Every run must end with status 0 (done), 1 (one-line error) or 2 (usage error), with no traceback,
and must not succeed silently where it should have refused (the same state twice in a pair, a
negative count). Under CliRunner an entente or OS error stays an exception (``result.exception``);
it counts as a clear error when :func:`entente.cli.error_message` gives the one line that ``entente``
(:func:`entente.cli.main`) prints for it. Any other exception is a traceback for the user.
``ENTENTE_FUZZ_SECONDS`` sets the budget (25 s by default); ``ENTENTE_FUZZ_REPORT=path`` writes the
tally of outcomes there as JSON.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from entente import countries
from entente.cli import cli, error_message
from entente.errors import EntenteError

BUDGET = float(os.environ.get("ENTENTE_FUZZ_SECONDS", "25"))
EXAMPLES = int(os.environ.get("ENTENTE_FUZZ_EXAMPLES", "400"))

GOOD = ["IRN", "Iran", "RUS", "Russia", "USA", "CHN", "ISR", "IND", "PAK", "630", "365", "2", "gw:260", "cow:AUS",
        "Tehran", "the Kremlin", "Persia", "Soviet Union", "DEU", "Yemen", "Czechoslovakia", "GDR"]
TRAPS = ["Korea", "Congo", "Germany", "Vietnam", "", " ", "MAC", "Hong Kong", "Tibet", "foo:bar", "Persai", "²",
         "-1", "0", "9999", "Iran (IRN, COW 630)", "--help"]
STATES = st.one_of(
    st.sampled_from(GOOD), st.sampled_from(GOOD), st.sampled_from(TRAPS),
    st.text(max_size=40),
    st.builds(lambda c, n: c * n, st.characters(), st.integers(150, 120_000)),
)
NUMBERS = st.one_of(
    st.sampled_from(["0", "1", "-1", "-3", "5", "1816", "1946", "1990", "2019", "2023", "2100", "2101", "1e3", "nan"]),
    st.integers(-(2**70), 2**70).map(str),
    st.text(max_size=8),
)
YEARS = st.one_of(st.integers(1985, 2024).map(str), NUMBERS)
WEIGHTS = st.one_of(
    st.sampled_from(["unga=1e308,alliance=1e308", "unga=0", "unga=-1", "unga=inf", "unga=nan", "vibes=1", "unga",
                     "unga=1,unga=2", ",", "alignment=1,rivalry=2", "unga=0.5,disputes=0.5"]),
    st.text(max_size=30),
    st.builds(lambda a, b: f"unga={a},alliance={b}", st.floats(allow_nan=True), st.floats(allow_nan=True)),
)
FORMATS = st.sampled_from(["table", "csv", "json", "parquet", "xml", ""])


def _outs(tmp):
    return st.sampled_from([str(tmp / "o.csv"), str(tmp / "o.svg"), str(tmp / "no" / "such" / "o.csv"), "",
                            "/proc/x.csv", str(tmp / ("x" * 300 + ".csv")), str(tmp), str(tmp / "o.txt")])


PAIR_COMMANDS = ["alignment", "history", "treaties", "trade", "vetoes", "sanctions", "third-parties", "limits",
                 "trend", "triads"]


@st.composite
def argv(draw, tmp):
    command = draw(st.sampled_from(["country", "partners", "blocs", "axis", "draw pair", *PAIR_COMMANDS,
                                    *PAIR_COMMANDS]))
    args = command.split()
    if command == "country":
        args += draw(st.lists(STATES, min_size=1, max_size=3))
    elif command == "partners":
        args += [draw(STATES)]
    elif command == "axis":
        args += draw(st.lists(STATES, min_size=1, max_size=4))
    elif command != "blocs":
        args += [draw(STATES), draw(STATES)]
    options: dict[str, st.SearchStrategy] = {"--format": FORMATS, "--out": _outs(tmp)}
    if command in ("country", "partners", "triads", "draw pair"):
        options["--year"] = YEARS
    if command in ("alignment", "axis"):
        options |= {"--from": YEARS, "--to": YEARS}
    if command in ("partners", "third-parties"):
        options["--top"] = NUMBERS
    if command in ("trend", "triads"):
        options["--weights"] = WEIGHTS
    if command == "triads":
        options["--layers"] = st.sampled_from(["alignment", "alignment,vibes", "", "x" * 600])
    if command == "axis":
        options["--draws"] = st.sampled_from(["1", "5", "0", "-1", "10000000", "x"])
    if command == "blocs":
        options |= {"--year": YEARS, "--resolution": st.sampled_from(["1", "0", "-1", "inf", "nan", "1e9", "0.5"]),
                    "--seed": NUMBERS}
    if command == "draw pair":
        options |= {"-n": NUMBERS, "--seed": NUMBERS}
        options["--out"] = _outs(tmp)
    chosen = draw(st.lists(st.sampled_from(sorted(options)), unique=True, max_size=len(options)))
    if command in ("partners", "triads", "draw pair") and "--year" not in chosen and draw(st.booleans()):
        chosen.append("--year")
    if command == "draw pair" and "--out" not in chosen:
        chosen.append("--out")
    for option in chosen:
        args += [option, draw(options[option])]
    return args


def _silently_wrong(args: list[str]) -> str | None:
    """A reason when a run that ended with status 0 should have been refused."""
    if "--help" in args or "-h" in args:  # click shows the help whatever else is given
        return None
    if "--top" in args and args[args.index("--top") + 1].lstrip().startswith("-"):
        return "negative --top accepted"
    if args[0] in PAIR_COMMANDS or args[:2] == ["draw", "pair"]:
        first = 2 if args[0] == "draw" else 1
        try:
            a, b = (countries.resolve(q).ccode for q in args[first:first + 2])
        except EntenteError:
            return None
        if a == b:
            return "the same state twice accepted"
    return None


def test_random_command_lines_end_cleanly(home, tmp_path):
    runner = CliRunner()
    tally: Counter = Counter()
    problems: list[tuple[str, list[str], str]] = []
    started = time.monotonic()

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(args=argv(tmp_path))
    def run(args):
        if time.monotonic() - started > BUDGET:
            tally["not run (budget spent)"] += 1
            return
        result = runner.invoke(cli, args, catch_exceptions=True)
        output = result.output
        exc = result.exception
        if exc is not None and not isinstance(exc, SystemExit) and (line := error_message(exc)) is not None:
            output += f"Error: {line}\n"  # what main() prints for it
            exc = None
        crashed = exc is not None and not isinstance(exc, SystemExit)
        if crashed or "Traceback" in output or result.exit_code not in (0, 1, 2):
            tally["traceback"] += 1
            problems.append(("traceback", [a[:60] for a in args], repr(result.exception)[:300]))
        elif result.exit_code == 0:
            if reason := _silently_wrong(args):
                tally["silent wrong"] += 1
                problems.append(("silent wrong", [a[:60] for a in args], reason))
            else:
                tally["ok (status 0)"] += 1
        else:
            errors = [line for line in output.splitlines() if line.startswith("Error: ")]
            if len(errors) != 1 or "\n" in errors[0]:
                tally["unclear error"] += 1
                problems.append(("unclear error", [a[:60] for a in args], output[-300:]))
            else:
                tally[f"clear error (status {result.exit_code})"] += 1

    run()
    if report := os.environ.get("ENTENTE_FUZZ_REPORT"):
        with open(report, "w", encoding="utf-8") as f:
            json.dump({"seconds": round(time.monotonic() - started, 1), "tally": tally, "problems": problems}, f,
                      indent=1)
    assert sum(v for k, v in tally.items() if not k.startswith("not run")) >= 20, tally
    assert not problems, problems[:5]
