"""Sentences generated from a brief's numbers: each claim is a comparison the numbers in the brief show."""

from __future__ import annotations


def pct(value) -> str:
    return "n/a" if value is None else f"{100 * value:.0f}%"


def session_label(year: int) -> str:
    """Session-year → "2025 (80th session, 2025–26)"."""
    session = year - 1945
    suffix = "th" if 10 <= session % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(session % 10, "th")
    return f"{year} ({session}{suffix} session, {year}–{str(year + 1)[-2:]})"


def alignment_headline(brief: dict) -> str:
    """The headline paragraph of the alignment section."""
    a, b = brief["pair"]["a"]["name"], brief["pair"]["b"]["name"]
    section = brief["sections"]["alignment"]
    if "no_evidence" in section:
        return section["no_evidence"]
    s = section["summary"]
    last = s["last"]
    year = s["last_year"]
    text = [
        f"In the UN General Assembly's {session_label(year)}, {a} and {b} agreed on {pct(last['agree'])} "
        f"of the {int(last['n_votes'])} roll calls both voted on (Cohen's κ {last['kappa']:.2f}, "
        f"Signorino–Ritter S {last['s_abs']:.2f})."
    ]
    ra, na, rb, nb = (last.get(k) for k in ("rank_b_among_a", "partners_a", "rank_a_among_b", "partners_b"))
    if ra is not None and rb is not None:
        text.append(f"{b} ranked {int(ra)} of {int(na)} among {a}'s partners that year; "
                    f"{a} ranked {int(rb)} of {int(nb)} among {b}'s.")
    kr = s.get("last_kappa_ranks")
    if kr and ra is not None:
        text.append(f"By Cohen's κ, which discounts the agreement any two states reach by chance, {b} ranked "
                    f"{int(kr['rank_b_among_a'])} of {int(kr['partners_a'])} among {a}'s partners and {a} "
                    f"{int(kr['rank_a_among_b'])} of {int(kr['partners_b'])} among {b}'s.")
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
        slope = decade["agree_slope_per_year"] * 100
        direction = ("rose" if slope > 0.25 else "fell" if slope < -0.25 else "held roughly steady")
        text.append(f"Over {decade['from']}–{decade['to']} their agreement {direction} "
                    f"({slope:+.1f} percentage points a year by least squares; {pct(decade['agree_first'])} "
                    f"in {decade['from']}, {pct(decade['agree_last'])} in {decade['to']}).")
    return " ".join(text)


def _relative(a, b, agree, avg_a, avg_b, when) -> str:
    above_a, above_b = agree > avg_a, agree > avg_b
    if above_a and above_b:
        return (f"Their {pct(agree)} agreement is above both sides' average agreement with all states {when} "
                f"({a} {pct(avg_a)}, {b} {pct(avg_b)}).")
    if not above_a and not above_b:
        return (f"Their {pct(agree)} agreement is below both sides' average agreement with all states {when} "
                f"({a} {pct(avg_a)}, {b} {pct(avg_b)}).")
    hi, lo = (a, b) if above_a else (b, a)
    return (f"Their {pct(agree)} agreement is above {hi}'s average agreement with all states {when} but below {lo}'s "
            f"({a} {pct(avg_a)}, {b} {pct(avg_b)}).")


def splits_sentence(brief: dict) -> str:
    section = brief["sections"]["alignment"]
    if "splits" not in section:
        return ""
    sp = section["splits"]
    a, b = brief["pair"]["a"]["name"], brief["pair"]["b"]["name"]
    span = f"{sp['from']}" if sp["from"] == sp["to"] else f"{sp['from']}–{sp['to']}"
    if not sp["opposed"] and not sp["abstain"]:
        return f"In {span} {a} and {b} voted the same way on all {sp['common_votes']} roll calls both voted on."
    return (f"In session-years {span}, of {sp['common_votes']} roll calls both voted on, {a} and {b} "
            f"voted on opposite sides (yes against no) {sp['opposed']} times, and one abstained while the "
            f"other voted {sp['abstain']} times.")


OVERVIEW_ORDER = ("history", "treaties", "economy", "arms", "security_council", "news", "third_parties", "limits",
                  "trend", "comparison")


def overview(brief: dict) -> list[dict]:
    """One line per section for the top of the brief: the section's own summary (or its no-evidence note)."""
    lines = [{"section": "alignment", "title": "UN alignment", "text": alignment_headline(brief).split(". ")[0] + "."}]
    for key in OVERVIEW_ORDER:
        section = brief["sections"].get(key)
        if not section:
            continue
        text = section.get("summary") or section.get("no_evidence") or ""
        if text:
            lines.append({"section": key, "title": section["title"], "text": text})
    return lines
