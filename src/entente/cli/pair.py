"""Commands for one dimension of a pair at a time: history, treaties, trade, arms, vetoes, sanctions,
third parties, limits, trend. Each prints the same tables the brief uses."""

from __future__ import annotations

import click
import pandas as pd

from entente.cli._input import COUNT_OR_ALL, bounded_text, parse_weights, resolve_states
from entente.cli._output import emit, format_options
from entente.pair import council as vs
from entente.pair import evidence as pair
from entente.pair import third_parties as tp
from entente.pair import trend as _trend


def _pair_command(name: str, summary: str, examples: str):
    """Register ``entente NAME A B`` with the shared options; the wrapped function gets the two COW codes
    (resolved and checked once, by :func:`entente.cli._input.resolve_states`) and returns a DataFrame."""
    def register(func):
        def run(state_a, state_b, fmt, out, **options):
            a, b = resolve_states([state_a, state_b], pair=True)
            frame = func(a.ccode, b.ccode, **options)
            emit(frame, fmt, out, title=f"{name}: {a.name}–{b.name}")

        run.__doc__ = f"{summary}\n\n\b\nExamples:\n{examples}"
        run.__name__ = func.__name__
        command = click.argument("state_b")(run)
        command = click.argument("state_a")(command)
        command = format_options(command)
        for option in getattr(func, "__click_params__", []):
            command = click.option(*option[0], **option[1])(command)
        return click.command(name=name)(command)
    return register


def _options(*specs):
    def attach(func):
        func.__click_params__ = list(specs)
        return func
    return attach


@_pair_command("history", "Militarized disputes between two states (GML MIDs), one row per dispute; wars with --wars.",
               "  entente history IRN RUS\n  entente history IND PAK --wars")
@_options((("--wars",), {"is_flag": True, "help": "COW inter-state wars instead of disputes."}))
def history(a, b, wars=False) -> pd.DataFrame:
    return pair.wars(a, b) if wars else pair.disputes(a, b)


@_pair_command("treaties", "Alliance obligations of A towards B as spells (ATOP, or COW with --cow).",
               "  entente treaties IRN RUS\n  entente treaties USA GBR --cow")
@_options((("--cow",), {"is_flag": True, "help": "COW Formal Alliances instead of ATOP."}))
def treaties(a, b, cow=False) -> pd.DataFrame:
    return pair.alliances(a, b, dataset="cow" if cow else "atop")


@_pair_command("trade", "Trade each way per year (current million US$; COW Trade to 2014, IMF DOTS after, the "
               "dataset column says which), shares of each side's trade, asymmetry.",
               "  entente trade IRN RUS --format csv")
def trade(a, b) -> pd.DataFrame:
    return pair.trade(a, b)


@_pair_command("arms", "SIPRI deliveries both ways (needs the SIPRI export you supply; see README).",
               "  entente arms RUS IRN")
def arms(a, b) -> pd.DataFrame:
    return pair.arms(a, b)


@_pair_command("vetoes", "Security Council vetoes: drafts both vetoed, and each side's vetoes naming the other.",
               "  entente vetoes RUS CHN")
def vetoes(a, b) -> pd.DataFrame:
    found = vs.vetoes(a, b)
    parts = [found[k].assign(kind=k) for k in ("joint", "a_on_b", "b_on_a") if len(found[k])]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["kind"])


@_pair_command("sanctions", "Sanctions cases (TIES; GSDB when supplied) between the two and by each one's rivals.",
               "  entente sanctions IRN USA")
def sanctions(a, b) -> pd.DataFrame:
    found = vs.sanctions(a, b)
    parts = [found[k].assign(kind=k) for k in ("ties_between", "ties_by_adversaries") if len(found[k])]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["kind"])


@_pair_command("third-parties", "Every third state's standing with both: shared friend, shared adversary or divergent.",
               "  entente third-parties IRN RUS --top 20")
@_options((("--top",), {"type": COUNT_OR_ALL, "default": 0, "help": "Only the N highest-scoring states (0 = all)."}))
def third_parties(a, b, top=0) -> pd.DataFrame:
    frame = tp.third_parties(a, b)
    frame = frame[["ccode", "abb", "name", "class", "score", "unga_a", "rank_a", "unga_b", "rank_b", "evidence"]]
    frame = frame.sort_values("score", ascending=False)
    return frame.head(top) if top else frame


@_pair_command("limits", "Where the two diverge: topics of UN votes on which they split most.",
               "  entente limits IRN RUS")
def limits(a, b) -> pd.DataFrame:
    topics = tp.limits(a, b)["topics"]
    return topics[["issue", "topic", "n_votes", "agree", "mean_a", "mean_b", "rank_a", "partners_a"]]


@_pair_command("trend", "The composite relationship index per year, with the weights used.",
               "  entente trend IRN RUS\n  entente trend IND PAK --weights unga=0.5,disputes=0.5")
@_options((("--weights",), {"callback": bounded_text,
                             "help": "e.g. 'unga=0.4,alliance=0.3,disputes=0.2,trade=0.1' (normalised to sum 1)."}))
def trend(a, b, weights=None) -> pd.DataFrame:
    return _trend.trend(a, b, weights=parse_weights(weights))["composite"].reset_index()
