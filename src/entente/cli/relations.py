"""Commands about relations between states: alignment, partners."""

from __future__ import annotations

import click
import pandas as pd

from entente.cli._input import COUNT_OR_ALL, YEAR, resolve_states
from entente.cli._output import emit, format_options
from entente.pair import alignment


@click.command(name="alignment")
@click.argument("state_a")
@click.argument("state_b")
@click.option("--from", "start", type=YEAR, help="First year.")
@click.option("--to", "end", type=YEAR, help="Last year.")
@click.option("--issue", type=click.Choice(["me", "nu", "di", "hr", "co", "ec"]),
              help="Only roll calls on one topic: me Palestinian conflict, nu nuclear, di arms control, "
                   "hr human rights, co colonialism, ec economic development.")
@click.option("--calendar", is_flag=True, help="Group votes by calendar year instead of session-year.")
@click.option("--both-abstain", type=click.Choice(["agree", "exclude"]), default="agree", show_default=True,
              help="Count roll calls where both abstained as agreement, or leave them out.")
@format_options
def alignment_command(state_a, state_b, start, end, issue, calendar, both_abstain, fmt, out) -> None:
    """UN General Assembly alignment of two states, year by year.

    \b
    Columns: n_votes (roll calls both voted on), agree (share alike, one abstaining = half),
    s_abs and s_sq (Signorino-Ritter S, absolute and squared distance), kappa and pi
    (Cohen's kappa and Scott's pi, chance-corrected; Hage 2011).
    Years are session-years (session + 1945) unless --calendar.

    \b
    Examples:
      entente alignment IRN RUS --from 1992
      entente alignment USA ISR --issue me --format csv
    """
    a, b = resolve_states([state_a, state_b], start=start, end=end, pair=True)
    frame = alignment.alignment(a.ccode, b.ccode, start=start, end=end, issue=issue, calendar=calendar,
                                both_abstain=both_abstain)
    emit(frame, fmt, out, title=f"UNGA alignment, {frame.state1.iat[0]}–{frame.state2.iat[0]}")


@click.command()
@click.argument("state")
@click.option("--year", type=YEAR, required=True, help="Session-year (e.g. 2023 = the 78th session).")
@click.option("--measure", type=click.Choice(["agree", "s_abs", "s_sq", "kappa", "pi"]), default="agree",
              show_default=True, help="Rank partners by this measure.")
@click.option("--top", type=COUNT_OR_ALL, default=10, show_default=True, help="How many at each end (0 = all).")
@click.option("--issue", type=click.Choice(["me", "nu", "di", "hr", "co", "ec"]), help="Only one topic.")
@format_options
def partners(state, year, measure, top, issue, fmt, out) -> None:
    """A state's most and least aligned partners in one year.

    \b
    Examples:
      entente partners IRN --year 2023
      entente partners "United States" --year 2015 --measure kappa --top 5
    """
    (who,) = resolve_states([state], year=year)
    frame = alignment.partners(who.ccode, year, measure=measure, issue=issue)
    frame = frame[["rank", "ccode2", "partner", "n_votes", *[m for m in ("agree", "s_abs", "kappa", "pi")]]]
    frame = frame.rename(columns={"ccode2": "ccode"})
    if top and len(frame) > 2 * top:
        frame = pd.concat([frame.head(top), frame.tail(top)])
    emit(frame, fmt, out, title=f"Partners in {year}, by {measure} (most aligned first)")
