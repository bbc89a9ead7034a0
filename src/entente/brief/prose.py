"""Sentences generated from a brief's numbers: each claim is a comparison the numbers in the brief show."""

from __future__ import annotations

from entente import countries
from entente.brief.typeset import number, ordinal, pct, plural, possessive
from entente.measures.treaties import spells
from entente.period import capital, name_over, span  # noqa: F401  (re-exported for templates and sections)


def session_label(year: int) -> str:
    """Session-year → "2025 (80th session, 2025–26)"."""
    return f"{year} ({ordinal(year - 1945)} session, {year}–{str(year + 1)[-2:]})"


def alignment_headline(brief: dict) -> str:
    """The headline paragraph of the alignment section (names as of the last session-year shown)."""
    section = brief["sections"]["alignment"]
    if "no_evidence" in section:
        return section["no_evidence"]
    s = section["summary"]
    last = s["last"]
    year = s["last_year"]
    a = _side_name(brief["pair"]["a"], year)
    b = _side_name(brief["pair"]["b"], year)
    text = []
    whole = s.get("window")
    if whole and whole.get("agree") is not None:
        avg = ("" if whole.get("a_avg_agree") is None or whole.get("b_avg_agree") is None else
               f", against {pct(whole['a_avg_agree'])} for {a} and {pct(whole['b_avg_agree'])} for {b} with all "
               "states")
        inside = [f"mean Cohen's κ {number(whole['kappa'], 2, 'n/a')}"] if whole.get("kappa") is not None else []
        inside += _eras(section.get("series") or ())
        kappa = f" ({'; '.join(inside)})" if inside else ""
        wa, wb = (name_over(brief["pair"][k]["ccode"], whole["from"], whole["to"], article=True) for k in ("a", "b"))
        late = _gaps(brief, whole) + _late_start(brief, whole["from"])
        text.append(f"Over {span(whole['from'], whole['to'])} ({plural(whole['years'], 'session-year')}{late}), {wa} and {wb} "
                    f"agreed on {pct(whole['agree'])} of the roll calls both voted on in an average year{kappa}{avg}.")
    text += [
        f"In the UN General Assembly's {session_label(year)}, {a} and {b} agreed on {pct(last['agree'])} "
        f"of the {plural(int(last['n_votes']), 'roll call')} both voted on (Cohen's κ {number(last['kappa'], 2, 'n/a')}, "
        f"Signorino–Ritter S {number(last['s_abs'], 2, 'n/a')})."
    ]
    if s.get("last_note"):
        text.append(s["last_note"])
    ra, na, rb, nb = (last.get(k) for k in ("rank_b_among_a", "partners_a", "rank_a_among_b", "partners_b"))
    if ra is not None and rb is not None:
        text.append(f"{capital(b)} ranked {int(ra)} of {int(na)} among {possessive(a)} partners that year; "
                    f"{a} ranked {int(rb)} of {int(nb)} among {possessive(b)}.")
    kr = s.get("last_kappa_ranks")
    if kr and ra is not None:
        text.append(f"By Cohen's κ, which discounts the agreement any two states reach by chance, {b} ranked "
                    f"{int(kr['rank_b_among_a'])} of {int(kr['partners_a'])} among {possessive(a)} partners and {a} "
                    f"{int(kr['rank_a_among_b'])} of {int(kr['partners_b'])} among {possessive(b)}.")
    avg_a, avg_b = last.get("a_avg_agree"), last.get("b_avg_agree")
    if avg_a is not None and avg_b is not None:
        text.append(_relative(a, b, last["agree"], avg_a, avg_b, f"in {year}"))
    since = s.get("since_1992")
    if since and since["years"] > 1 and s["first_year"] < 1992 <= year:
        text.append(f"Since 1992 their mean yearly agreement is {pct(since['agree'])}, against "
                    f"{pct(since['a_avg_agree'])} for {a} and {pct(since['b_avg_agree'])} for {b} "
                    "with all states on average.")
    decade = s.get("last_decade")
    if decade:
        verdict = {"rising": "rose", "falling": "fell"}.get(decade["direction"])
        span_ = span(decade["from"], decade["to"])
        values = (f"agreement {pct(decade['agree_first'])} in {decade['from']} and {pct(decade['agree_last'])} "
                  f"in {decade['to']}; κ {number(decade['kappa_first'], 2, 'n/a')} and {number(decade['kappa_last'], 2, 'n/a')}")
        if verdict:
            text.append(f"Over {span_} their alignment by Cohen's κ {verdict} ({values}).")
        else:
            text.append(f"Over {span_} their alignment shows no clear rise or fall by Cohen's κ ({values}).")
    return " ".join(text)


def _eras(series) -> list[str]:
    """["57% in 1946–1991 and 74% from 1992"]: a mean over a window that spans the end of the Cold War pools
    two eras, so each era's mean yearly agreement (the same mean, of the session-years on each side of 1992)
    is given beside it, when each era has at least two session-years; [] otherwise."""
    before = [r for r in series if r.get("agree") is not None and int(r["year"]) < 1992]
    after = [r for r in series if r.get("agree") is not None and int(r["year"]) >= 1992]
    if len(before) < 2 or len(after) < 2:
        return []
    mean = [sum(r["agree"] for r in rows) / len(rows) for rows in (before, after)]
    first, last = min(int(r["year"]) for r in before), max(int(r["year"]) for r in before)
    return [f"{pct(mean[0])} in {span(first, last)} and {pct(mean[1])} "
            f"from 1992"]


def _late_start(brief: dict, first: int) -> str:
    """Why the UN series opens after the brief's first year, when a side's first vote is the reason:
    "; the People's Republic held China's UN seat only from 25 October 1971" (UNGA Res. 2758), "; West Germany
    and East Germany both took their seats in the General Assembly in 1973". Empty when the window itself opens there (or before 1946)."""
    if first <= max(int(brief["window"]["first"]), 1946):
        return ""
    late = [side for side in (brief["pair"]["a"], brief["pair"]["b"])
            if (side.get("un_years") or {}).get("first") == first]
    if not late:
        return ""
    if any(side["ccode"] == 710 for side in late) and first == countries.UN_RES_2758.year:
        return "; the People's Republic held China's UN seat only from 25 October 1971"
    names = [_side_name(side, first) for side in late]
    took = "took its seat" if len(names) == 1 else "both took their seats"
    return f"; {' and '.join(names)} {took} in the General Assembly in {first}"


def _gaps(brief: dict, whole: dict) -> str:
    """": 1992 and 2000" when the session-years both voted in are few and not every year of the span
    (Yugoslavia did not sit in the General Assembly from 1992 to 2000); ", both voting in 30 of its 41" when many."""
    length = int(whole["to"]) - int(whole["from"]) + 1
    if int(whole["years"]) >= length:
        return ""
    years = sorted({int(r["year"]) for r in brief["sections"]["alignment"].get("series", ())})
    runs = [span(lo, hi) for lo, hi in spells(years)]
    if 0 < len(runs) <= 4:
        return ": " + (runs[0] if len(runs) == 1 else ", ".join(runs[:-1]) + " and " + runs[-1])
    return f" of the {length}"


def _side_name(side: dict, year: int) -> str:
    """The name of a brief's side (its lineage's code in ``year``) as of ``year``, with "the" as needed."""
    code = side["ccode"]
    for step in side.get("lineage") or ():
        if step["first"] <= year <= step["last"]:
            code = step["ccode"]
    return countries.name(code, year, article=True)


def _relative(a, b, agree, avg_a, avg_b, when) -> str:
    """Their agreement against each side's average, compared as printed (whole percent): 56% is level with
    an average printed 56%, never "below" it."""
    shown = round(100 * agree)
    words = {1: "above", -1: "below", 0: "level with"}
    rel_a = words[(shown > round(100 * avg_a)) - (shown < round(100 * avg_a))]
    rel_b = words[(shown > round(100 * avg_b)) - (shown < round(100 * avg_b))]
    figures = f"({a} {pct(avg_a)}, {b} {pct(avg_b)})"
    if rel_a == rel_b:
        return f"Their {pct(agree)} agreement is {rel_a} both sides' average agreement with all states {when} {figures}."
    first, second = ((a, rel_a), (b, rel_b)) if rel_a != "level with" else ((b, rel_b), (a, rel_a))
    joint = "but" if {rel_a, rel_b} == {"above", "below"} else "and"
    return (f"Their {pct(agree)} agreement is {first[1]} {possessive(first[0])} average agreement with all states "
            f"{when} {joint} {second[1]} {possessive(second[0])} {figures}.")


def splits_sentence(brief: dict) -> str:
    section = brief["sections"]["alignment"]
    if "splits" not in section:
        return ""
    sp = section["splits"]
    a, b = _side_name(brief["pair"]["a"], sp["to"]), _side_name(brief["pair"]["b"], sp["to"])
    years = span(sp["from"], sp["to"])
    if not sp["opposed"] and not sp["abstain"]:
        return (f"In session-year{'s' if sp['from'] != sp['to'] else ''} {years} {a} and {b} voted the same way on "
                f"all {plural(sp['common_votes'], 'roll call')} both voted on.")
    return (f"In session-year{'s' if sp['from'] != sp['to'] else ''} {years}, of the "
            f"{plural(sp['common_votes'], 'roll call')} both voted on, {a} and {b} voted on opposite sides "
            f"(yes against no) {_times(sp['opposed'])}, and one abstained while the other voted "
            f"{_times(sp['abstain'])}.")


def _times(n: int) -> str:
    return {0: "never", 1: "once", 2: "twice"}.get(int(n), plural(n, "time"))


OVERVIEW_ORDER = ("history", "treaties", "economy", "arms", "security_council", "news", "third_parties", "limits",
                  "trend", "comparison")


def overview(brief: dict) -> list[dict]:
    """One line per section for the top of the brief: the section's own summary (or its no-evidence note),
    or its ``short`` form where a section gives one (the third parties: each kind of evidence without its
    years, which the section itself gives)."""
    headline = alignment_headline(brief)
    first = headline.split("). ")[0] + ")." if "). " in headline else headline
    lines = [{"section": "alignment", "title": "UN alignment", "text": first}]
    for key in OVERVIEW_ORDER:
        section = brief["sections"].get(key)
        if not section:
            continue
        text = section.get("short") or section.get("summary") or section.get("no_evidence") or ""
        if text:
            lines.append({"section": key, "title": section["title"], "text": text})
    return lines
