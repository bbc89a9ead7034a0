"""The brief's sections on the pair among other states: third parties (shared friends and adversaries,
the network drawing, each side's voting bloc) and limits (where the two diverge, unbalanced triangles).

Like :mod:`entente.brief.sections`, each returns a JSON-ready dict with its ``evidence``. Every section
takes ``window`` = (first, last) session-years chosen by the caller (None: the last ten years of UN
votes, see :mod:`entente.pair.third_parties`), and uses nothing outside it: alignment, rivalries, disputes,
sanctions and pacts over the window; blocs, triads and the network drawing of the latest year of the
window that has data. Every state is named as it was named in the years a sentence is about
(:func:`entente.brief.third_words.name_across`: "Israel and Egypt (the United Arab Republic from 1958)" for
1948–1959; the Soviet Union for a pact of 1985–1990), and every clause of evidence carries its years, so
that a long window does not set one era's alliance against another era's enmity.

The words are written by the small functions of :mod:`entente.brief.third_words` (:func:`why`,
:func:`kinds`), the numbers and lists by :mod:`entente.brief.typeset`, each tested by reading its output.
"""

from __future__ import annotations

import re

import pandas as pd

from entente import countries, network
from entente.brief.jsonable import records
from entente.brief.third_words import (
    brief_years,
    coverage_note,
    hostile_data_end,
    kinds,
    leaning,
    name,
    name_across,
    rivalry_text,
    table_window,
    topic_words,
    why,
)
from entente.brief.typeset import listing, pct, plural, possessive, signed, the
from entente.errors import NoEvidence, UnknownCountry
from entente.measures.third_parties import MIN_VOTES, OVERLAP
from entente.measures.treaties import spells
from entente.pair import third_parties as tp
from entente.period import span
from entente.pictures import layout as network_picture
from entente.store import one

#: What each layer of the signed network means, for a sentence (see :mod:`entente.network.layers`).
LAYER_WORDS = {"alignment": "UN votes", "alliance": "an ATOP alliance obligation", "arms": "arms transfers",
               "trade": "trade", "disputes": "a militarized dispute", "rivalry": "a strategic rivalry",
               "sanctions": "TIES sanctions", "events": "GDELT events"}
#: Each layer as a kind of evidence, for the list of layers a network was built from.
LAYER_NAMES = {"alignment": "UN votes", "alliance": "ATOP alliances", "arms": "arms transfers", "trade": "trade",
               "disputes": "militarized disputes", "rivalry": "strategic rivalries", "sanctions": "TIES sanctions",
               "events": "GDELT events"}
#: The alliance layer's weight (Signorino–Ritter value / 3, :mod:`entente.network.layers`) in words.
ALLIANCE_WORDS = {1.0: "an ATOP defence pact", 2.5 / 3: "an ATOP offence pact",
                  2 / 3: "an ATOP neutrality or non-aggression pact", 1 / 3: "an ATOP consultation pact"}
NETWORK_NEIGHBOURS = 12   # states drawn around the pair in the third-parties network
LISTED = 3                # states named, with their evidence, in a summary sentence


# --------------------------------------------------------------------------------------- sections
def third_party_table(sa, sb, con, window=None, rows=None):
    """Every third state's standing with both sides over ``window`` (computed once, shared by two sections);
    ``rows``: :func:`entente.pair.third_parties.read`'s for the pair and window, if read."""
    start, end = window if window is not None else (None, None)
    return tp.third_parties(sa.ccode, sb.ccode, start=start, end=end, con=con, rows=rows)


def _named(frame: pd.DataFrame, year: int, a: str, b: str) -> pd.DataFrame:
    out = frame.copy()
    out.attrs = {}   # the rows only: pandas would deep-copy the table's sources with every step below
    out["name"] = [name(c, year) for c in out["ccode"]]
    out["numbers"] = out["evidence"]
    out["evidence"] = [why(r, a, b) for r in out.to_dict("records")]
    return out


def third_parties(sa, sb, con, table=None, window=None, sides=None) -> dict:
    """Shared adversaries and friends of the pair over ``window``, by evidence (rules and reasoning in
    :mod:`entente.measures.third_parties`): an adversary of both has a rivalry, a militarized dispute or
    imposed sanctions with each side; a friend of both a defence pact or strong UN alignment with each.

    Keys: title, window, adversaries, friends (records: ccode, abb, name, class, score, hard, unga_a,
    rank_a, unga_b, rank_b, evidence — the kinds of evidence in words — and numbers), un_distant
    (states both vote far from without hard evidence with both: a weaker signal, not adversity),
    method, summary, evidence (sources), and network and blocs when the window has UN votes. ``sides``: the
    pair's :class:`entente.period.Side`s when ``table`` reads their lineages (the sides are then named over
    years by their lineage: West Germany for 1970–1979).
    """
    table = third_party_table(sa, sb, con, window) if table is None else table
    start, end = table_window(table)
    a, b = the(name(sa.ccode, end)), the(name(sb.ccode, end))
    period = span(start, end)
    threshold = table.attrs.get("threshold", 1.0)
    keep = ["ccode", "abb", "name", "class", "score", "hard", "unga_a", "rank_a", "unga_b", "rank_b",
            "evidence", "numbers"]
    enemies = _named(table[table["class"] == "shared adversary"], end, a, b)
    friends = _named(table[table["class"] == "shared friend"], end, a, b)
    # named over the years of the evidence with both sides ("Russia (the Russian Empire until 1916, …)")
    enemies["name"] = [_name_over_evidence(r, ("_a", "_b"), end) for r in enemies.to_dict("records")]
    friends["name"] = [_name_over_evidence(r, ("_a", "_b"), end, kind="alliance") for r in friends.to_dict("records")]
    distant = table[(table["class"] == "none") & (table["adversary"] >= table.attrs.get("threshold", 1.0))]
    distant = _named(distant.sort_values("adversary", ascending=False).head(10), end, a, b)
    out = {"title": "Third parties: shared adversaries and friends", "window": [start, end],
           "adversaries": records(enemies.head(10)[keep]), "friends": records(friends.head(10)[keep]),
           "un_distant": records(distant[keep])}
    out["method"] = (
        f"Over {period}: an adversary of both has a strategic rivalry or a militarized dispute with each side "
        f"(Thompson–Dreyer and Thompson–Sakuwa–Suhas rivalries, GML and COW disputes; TIES sanctions add to the "
        f"evidence but alone make no adversary) at the "
        f"same time (within {OVERLAP} years of each other), in years neither side had a defence pact with it; a friend of both has a defence pact with each, or votes "
        f"with each at least {table.attrs.get('threshold', 1.0):g} standard deviation above that side's average "
        f"UN alignment (Cohen's κ), and no rivalry, dispute or sanction with either. Distance in UN votes alone "
        f"is not adversity: it only ranks.")
    parts = []
    wa, wb = _pair_over(sa, sb, start, end, sides=sides)   # the pair as named over the window, at its first mention
    if len(enemies):
        more = f", and {plural(len(enemies) - LISTED, 'other')} in the table" if len(enemies) > LISTED else ""
        verb = "was an adversary" if len(enemies) == 1 else "were adversaries"

        def adversaries(short: bool) -> str:
            named = [_with_evidence(r["name"], kinds(r, a, b, codes=(sa.ccode, sb.ccode), end=end, short=short))
                     for r in enemies.head(LISTED).to_dict("records")]
            return (f"In {period}, {plural(len(enemies), 'third state')} {verb} of both {wa} and {wb} on hard "
                    f"evidence: {'; '.join(named)}{more}.")

        parts.append(adversaries(short=False))
        short_first = adversaries(short=True)
    elif (seen := hostile_data_end(table.attrs.get("sources", []))) is not None and seen < start:
        parts.append(f"In {period}, no third state can be named an adversary of both {wa} and {wb}: the rivalry, "
                     f"dispute and sanctions data end by {seen}, before these years.")
    else:
        parts.append(f"In {period}, no third state was an adversary of both {wa} and {wb}: none had a rivalry or a "
                     f"militarized dispute with each at the same time.")
    if len(friends):
        named = [_with_evidence(r["name"], kinds(r, a, b, threshold, (sa.ccode, sb.ccode), end))
                 for r in friends.head(LISTED).to_dict("records")]
        more = f", and {plural(len(friends) - LISTED, 'other')} in the table" if len(friends) > LISTED else ""
        parts.append(f"{plural(len(friends), 'state')} {'was a friend' if len(friends) == 1 else 'were friends'} "
                     f"of both: {'; '.join(named)}{more}.")
    else:
        parts.append("No third state was allied with, or voted closely with, both.")
    note = coverage_note(table.attrs.get("sources", []), end)
    if note:
        parts.append(note)
    out["summary"] = " ".join(parts)
    if len(enemies):    # the brief's overview line: the adversaries without each kind's years
        out["short"] = " ".join([short_first, *parts[1:]])
    out["evidence"] = list(table.attrs.get("sources", []))
    graph_of = _graphs(con)   # each year's UN alignment graph built once, for the drawing and the blocs
    drawing = pair_network(sa, sb, con, (start, end), graph=graph_of)
    if drawing is not None:
        out["network"] = drawing
    bloc = pair_blocs(sa, sb, con, (start, end), graph=graph_of)
    if bloc is not None:
        out["blocs"] = bloc
        out["summary"] += " " + bloc["summary"]
        if "short" in out:
            out["short"] += " " + bloc["summary"]
    return out


def _graphs(con):
    """``graph(year)``: that year's alignment graph as plain ties (:func:`entente.network.alignment_ties`, no
    igraph), built on first use and kept."""
    built: dict = {}

    def graph(year: int):
        if year not in built:
            built[year] = network.alignment_ties(year, con=con)
        return built[year]

    return graph


def _un_years(con, window) -> tuple[int, int] | None:
    """The part of ``window`` with UN votes (blocs and the alignment graph need them), or None."""
    first, last = one(con, "SELECT min(year), max(year) FROM m_unga_alignment_dyad_year")
    if not window or window[0] is None or first is None:
        return None
    start, end = max(int(window[0]), int(first)), min(int(window[1]), int(last))
    return (start, end) if start <= end else None


def _latest(window, compute):
    """``compute(year)`` for the latest year of ``window`` that has evidence (None if none has)."""
    if not window or window[0] is None:
        return None
    for year in range(int(window[1]), int(window[0]) - 1, -1):
        try:
            return compute(year)
        except NoEvidence:
            continue
    return None


def pair_blocs(sa, sb, con, window, graph=None) -> dict | None:
    """The UNGA voting bloc of each side in the latest year of ``window`` in which both voted
    (:func:`entente.network.cached_blocs`: read from disk after the first brief of that year, so igraph and
    leidenalg are not imported); ``graph`` is accepted for the callers' sake and not needed."""

    def compute(year):
        frame = network.cached_blocs(year, con=con)   # computed (igraph, leidenalg) only the first time
        rows = {int(c): r for c, r in zip(frame["ccode"], frame.itertuples(index=False))}
        if sa.ccode not in rows or sb.ccode not in rows:   # one side did not vote: try the year before
            raise NoEvidence(f"No bloc for both in {year}.")
        a, b = the(name(sa.ccode, year)), the(name(sb.ccode, year))
        ra, rb = rows[sa.ccode], rows[sb.ccode]
        power = _capability(con, year)

        def members(bloc):   # the bloc's most capable other members (COW CINC), for a reader to place it
            group = frame[(frame["bloc"] == bloc) & ~frame["ccode"].isin([sa.ccode, sb.ccode])]
            ranked = group.assign(_c=group["ccode"].map(power).fillna(0)).sort_values("_c", ascending=False)
            return ", ".join(the(name(c, year)) for c in ranked["ccode"].head(4))

        def bloc(row, first: bool) -> str:   # a bloc of one state has no other members to name
            others = members(row.bloc)
            if not others:
                return "in a bloc of its own"
            return f"in {'a bloc' if first else 'one'} of {plural(int(row.bloc_size), 'state')} (with {others})"

        same = ra.bloc == rb.bloc
        text = ((f"In {year} both sat in the same UN voting bloc ({plural(int(ra.bloc_size), 'state')}, with "
                 f"{members(ra.bloc)})." if members(ra.bloc) else
                 f"In {year} both sat in a UN voting bloc of their own.") if same else
                f"In {year} they sat in different UN voting blocs: {a} {bloc(ra, True)}, {b} {bloc(rb, False)}.")
        return {"year": year, "same": bool(same), "bloc_a": int(ra.bloc), "bloc_b": int(rb.bloc),
                "size_a": int(ra.bloc_size), "size_b": int(rb.bloc_size),
                "modularity": float(frame.attrs["modularity"]), "summary": text}

    return _latest(_un_years(con, window), compute)


def _capability(con, year: int) -> dict[int, float]:
    """COW CINC scores of ``year`` or, past the data, of their last year (empty if none)."""
    rows = con.execute("SELECT ccode, cinc FROM cow_nmc_state_year WHERE year = (SELECT max(year) FROM "
                       "cow_nmc_state_year WHERE year <= ?)", [int(year)]).fetchall()
    return {int(c): float(v) for c, v in rows if v is not None}


def _layer_parts(text: str) -> list[tuple[str, float]]:
    """``"alignment −0.18, alliance +0.67"`` (triads' evidence) → [("alignment", −0.18), ("alliance", 0.67)]."""
    out = []
    for piece in str(text or "").split(","):
        bits = piece.strip().rsplit(" ", 1)
        if len(bits) == 2:
            try:
                out.append((bits[0], float(bits[1].replace("−", "-"))))
            except ValueError:
                continue
    return out


def tie_words(sign: int, evidence: str) -> str:
    """A triad tie in words, agreeing with its sign and its parts: ``positive on balance (an ATOP alliance
    obligation +0.67 outweighs UN votes below both states' usual alignment −0.18)``."""
    parts = _layer_parts(evidence)

    def word(layer, value):
        what = LAYER_WORDS.get(layer, layer)
        if layer == "alliance":   # the weight is the strongest obligation's value / 3 (network.layers)
            what = min(ALLIANCE_WORDS.items(), key=lambda kv: abs(kv[0] - abs(value)))[1]
        if layer == "alignment":
            what = "UN votes " + ("above" if value > 0 else "below") + " the two states' usual alignment"
        return f"{what} {signed(value)}"

    same = [word(k, v) for k, v in parts if (v > 0) == (sign > 0)]
    other = [word(k, v) for k, v in parts if (v > 0) != (sign > 0)]
    tone = "positive" if sign > 0 else "negative"
    if other:
        return f"{tone} on balance ({listing(same)} {'outweighs' if len(same) == 1 else 'outweigh'} {listing(other)})"
    return f"{tone} ({listing(same)})"


def signed_triads(sa, sb, con, window) -> dict | None:
    """Triads of the pair with third states in the signed network of the latest year of ``window``
    (:func:`entente.network.triads`: UN votes above/below baseline, alliances, disputes, rivalries,
    sanctions); the unbalanced ones are where one side is friendly with a state the other opposes (or,
    when the pair's own tie is negative, where both are friendly with it, or both opposed)."""

    def compute(year):
        t = network.triads(sa.ccode, sb.ccode, year, con=con)
        t = t.assign(name=[name(c, year) for c in t["ccode"]])
        unbalanced = t[t["balanced"].fillna(False).astype(bool) == False]  # noqa: E712
        if t.attrs["pair_sign"] == 0:
            unbalanced = t[t["class"] == "divergent"]
        cols = ["ccode", "abb", "name", "sign_a", "sign_b", "evidence_a", "evidence_b"]
        cover = t.attrs["coverage"]
        layers = [n for n in t.attrs["layers"] if cover.get(n) and cover[n][0] <= year <= cover[n][1]]
        return {"year": year, "pair_sign": t.attrs["pair_sign"], "layers": layers,
                "triads": len(t), "unbalanced_count": len(unbalanced),
                "unbalanced": records(unbalanced.head(10)[cols])}

    return _latest(window, compute)


def triad_sentence(triads: dict, a: str, b: str) -> str:
    """The unbalanced-triangles sentence; its example agrees with the signs and parts of its own row."""
    first = triads["unbalanced"][0]
    n, total = triads["unbalanced_count"], triads["triads"]
    verb = "is" if n == 1 else "are"
    ta, tb = tie_words(first["sign_a"], first["evidence_a"]), tie_words(first["sign_b"], first["evidence_b"])
    layers = listing([LAYER_NAMES.get(x, x) for x in triads["layers"]])
    share = (f"{n} of the {plural(total, 'triangle')}" if n < total else
             f"all {plural(total, 'triangle')}" if total > 1 else "the one triangle")
    head = (f"In the signed network of {triads['year']} ({layers}), {share} the pair "
            f"forms with a third state {verb} unbalanced")
    if triads["pair_sign"] < 0:
        head += (f": the tie between {a} and {b} is itself negative, so a state on good terms with both, or opposed "
                 f"by both, unbalances the triangle")
    return f"{head}, e.g. {the(first['name'])}: {possessive(a)} tie with it is {ta}, {possessive(b)} {tb}."


def pair_network(sa, sb, con, window, graph=None) -> dict | None:
    """The pair and its strongest neighbours on the UNGA alignment graph of the latest year of ``window``
    in which both voted (see :mod:`entente.pictures.graphs`); None if they share no such year.
    ``graph(year)`` gives that year's alignment graph if already built."""

    window = _un_years(con, window)
    if window is None:
        return None
    for year in range(int(window[1]), int(window[0]) - 1, -1):
        try:
            built = graph(year) if graph else network.alignment_ties(year, con=con)
            net = network_picture.describe(built, [sa.ccode, sb.ccode], NETWORK_NEIGHBOURS)
        except NoEvidence:
            continue
        for node in net["nodes"]:
            node["name"] = name(node["ccode"], year)
        versions = con.execute("SELECT DISTINCT dataset, version FROM _provenance WHERE dataset IN ('unvotes', "
                               "'dgacm') ORDER BY dataset").fetchall()
        net["source"] = ("UNGA votes: " + "; ".join(f"{d} {v}" for d, v in versions)
                         + f". Alignment graph of {year}: {built.vcount()} states, {built.ecount()} ties above "
                           "baseline (excess Cohen's κ); layout: Fruchterman–Reingold, seed 42")
        return net
    return None


def split_topic(topics: pd.DataFrame, min_votes: int):
    """The topic on which the pair agrees least, among those with at least ``min_votes`` roll calls (None)."""
    enough = topics[topics["n_votes"] >= min_votes]
    if enough.empty:
        return None
    return enough.sort_values(["agree", "issue"], kind="stable").iloc[0]


def limits(sa, sb, con, table=None, window=None, rows=None, sides=None) -> dict:
    """Where the pair diverges over ``window``: third states one side is close to and the other hostile
    to (in words), hard evidence only one side has, topics (least agreement first) and unbalanced
    triangles.

    Keys: title, window, third_states (records with ``evidence`` in words and ``numbers``), unshared
    (ccode, abb, name, kind, side, evidence), topics, triads (when the window has a signed network),
    summary, evidence (sources). ``rows``: as for :func:`third_party_table` (the era reading uses them);
    ``sides``: as for :func:`third_parties`.
    """

    table = third_party_table(sa, sb, con, window, rows) if table is None else table
    lineages = {"codes_a": sides[0].codes, "codes_b": sides[1].codes} if sides is not None else {}
    found = tp.limits(sa.ccode, sb.ccode, table=table, con=con, **lineages)
    start, end = found["window"]
    a, b = the(name(sa.ccode, end)), the(name(sb.ccode, end))
    out = {"title": "Limits: where the two diverge", "window": [start, end],
           "evidence": list(found.get("sources", []))}
    third = found["third_states"]
    third = _named(third[third["divergence"] > 0], end, a, b)
    out["third_states"] = records(third[["ccode", "abb", "name", "divergence", "closer", "class", "evidence",
                                         "numbers"]])
    extra = [c for c in table.columns if c not in found["unshared"].columns]
    unshared = found["unshared"].merge(table[["ccode", *extra]], on="ccode", how="left")
    unshared = _named(unshared, end, a, b)
    # each state named over the years of its evidence, not as of the window's end: China's rival of 1958–1989
    # is "Russia (the Soviet Union until 1991)" when the disputes run to 2012, "the Soviet Union" when not
    unshared["name"] = [_name_over_evidence(r, "_a" if r["side"] == sa.abb else "_b", end)
                        for r in unshared.to_dict("records")]
    out["unshared"] = records(unshared[["ccode", "abb", "name", "kind", "side", "evidence"]])
    topics = found["topics"].sort_values(["agree", "issue"], kind="stable").reset_index(drop=True)
    out["topics"] = records(topics)
    parts = []
    by_era = (tp.by_era(sa.ccode, sb.ccode, start=start, end=end, con=con, rows=rows)
              if end - start + 1 > tp.LONG_WINDOW else None)
    era_text = era_sentences(sa, sb, by_era, sides) if by_era is not None else None
    if era_text:
        out["by_era"] = records(tp.era_leaders(by_era)[["era_first", "era_last", "ccode", "abb", "name", "strength",
                                                     "divergence", "stance_a", "stance_b"]])
        parts.append(era_text)
    elif len(third):
        top = third.iloc[0]
        na, nb = _who(sa, top, "_a", end, a, sides), _who(sb, top, "_b", end, b, sides)
        order = [("_a", na), ("_b", nb)] if top["stance_a"] >= top["stance_b"] else [("_b", nb), ("_a", na)]
        wa, wb = _pair_over(sa, sb, start, end, sides=sides)
        parts.append(f"The third state {wa} and {wb} treated most differently in {span(start, end)} was "
                     f"{_the_across(top['name'])}: {leaning(top, *order[0])}, while {leaning(top, *order[1])}.")
    hostile = []
    for abb, who, s in ((sa.abb, a, "_a"), (sb.abb, b, "_b")):
        rows = unshared[(unshared["kind"] == "hostility") & (unshared["side"] == abb)
                        & unshared[f"opposed{s}"].astype(bool)].head(LISTED)   # allies that quarrel are not
        named = [_with_evidence(r["name"], _hard_words(r, s)) for r in rows.to_dict("records")]
        if named:   # the side named over the years of the evidence listed: "of Russia (the Soviet Union in …)"
            seen = [y for r in rows.to_dict("records") for y in _evidence_years(r, s)]
            if seen:
                side = sa if s == "_a" else sb
                who = _the_across(_side_across(side, max(min(seen), start), min(max(seen), end), end,
                                               _lineage_of(sides, s)))
            hostile.append(f"of {who}, {listing(named)}")
    if hostile:
        parts.append(f"Adversaries of one side only: {'; '.join(hostile)}.")
    worst = split_topic(topics, MIN_VOTES)
    if worst is not None and worst["agree"] >= max(worst["mean_a"], worst["mean_b"]):
        # no topic parts them: the least agreement is still above both sides' averages (Ethiopia–Eritrea)
        parts.append(f"By topic their agreement is lowest on {topic_words(worst['topic'])}, and still above each "
                     f"side's average: {pct(worst['agree'])} on {plural(int(worst['n_votes']), 'roll call')}, "
                     f"against {pct(worst['mean_a'])} for {a} and {pct(worst['mean_b'])} for {b} with their "
                     f"other partners.")
    elif worst is not None:
        parts.append(f"By topic they split most on {topic_words(worst['topic'])}: {pct(worst['agree'])} "
                     f"agreement on {plural(int(worst['n_votes']), 'roll call')}, against {pct(worst['mean_a'])} for {a} and "
                     f"{pct(worst['mean_b'])} for {b} with their other partners on average.")
    triads = signed_triads(sa, sb, con, out["window"])
    if triads is not None and triads["unbalanced"]:
        out["triads"] = triads
        year = triads["year"]
        parts.append(triad_sentence(triads, the(name(sa.ccode, year)), the(name(sb.ccode, year))))
    out["summary"] = " ".join(parts) or "No clear divergence in these data."
    return out


def era_sentences(sa, sb, by_era: pd.DataFrame, sides=None) -> str | None:
    """The third state the pair treated most differently over a long window, read era by era
    (:func:`entente.pair.third_parties.by_era`): the strongest of all eras (the latest of equals) with each
    side's evidence in that era, then the strongest of every era, a state named once for a run of eras.
    Every state is named over the years the clause is about, its name at the window's end leading where it
    bore it then (:func:`name_across`): Israel and "Egypt (the United Arab Republic from 1958)" in
    1948–1959, never "the United Arab Republic" for all of 1948–1969; ``sides`` (the pair's
    :class:`entente.period.Side`s, when ``by_era`` read their lineages) name a side by its lineage: West Germany
    in 1970–1979. None when no era has a divergent third state."""
    best = by_era.attrs.get("best")
    if not best:
        return None
    start, end = by_era.attrs["window"]
    (lo, hi), row = best["era"], best["row"]
    wa, wb = _pair_over(sa, sb, lo, hi, end, sides)
    # after their first mention, the sides go by their leading names ("Egypt"), as the history section does
    a, b = (_the_across(w.partition(" (")[0]) for w in (wa, wb))
    member = [y for y in range(lo, hi + 1) if _member(row["ccode"], y)]
    years = member or [lo, hi]
    third = _the_across(name_across(row["ccode"], years[0], years[-1], end)) + _statehood(member, lo, hi)
    a, b = _who(sa, row, "_a", end, a, sides), _who(sb, row, "_b", end, b, sides)
    order = [("_a", a), ("_b", b)] if row["stance_a"] >= row["stance_b"] else [("_b", b), ("_a", a)]
    text = (f"Read decade by decade (one stance over all of {span(start, end)} would pool eras that do not "
            f"belong together), the third state {wa} and {wb} treated most differently was {third}, in "
            f"{span(lo, hi)}: {leaning(row, *order[0])}, while {leaning(row, *order[1])}.")
    runs: list[list] = []
    for r in tp.era_leaders(by_era).itertuples():
        if runs and runs[-1][0] == r.ccode and runs[-1][2] == r.era_first - 1:
            runs[-1][2] = r.era_last
        else:
            runs.append([r.ccode, r.era_first, r.era_last])
    if len(runs) > 1:
        text += (f" The strongest such state of each decade with one: "
                 f"{listing([_over_run(c, lo, hi, end) for c, lo, hi in runs])}.")
    return text


def _statehood(years: list[int], first: int, last: int) -> str:
    """" (a state until 1958)" when the third state was not a state (COW membership) in every year of the era it
    is named for, so that its evidence of those years is read for what it is: Syria, part of the United Arab
    Republic in 1958–1961, stays allied with Egypt in ATOP's rows. Empty when it was a state throughout."""
    member = set(years) & set(range(first, last + 1))
    gone = [y for y in range(first, last + 1) if y not in member]
    if not gone or not member:
        return ""
    years = sorted(member)
    if years[0] > first and years[-1] == last and len(years) == last - years[0] + 1:
        return f" (a state from {years[0]})"
    if years[0] == first and len(years) == years[-1] - first + 1:
        return f" (a state until {years[-1]})"
    return f" (not a state in {listing([span(lo, hi) for lo, hi in spells(gone)])})"


def _over_run(ccode, first: int, last: int, end: int) -> str:
    """A state with the years of its run of eras, named over them: "Iraq (1960–1979)", "Egypt (1950–1979; the
    United Arab Republic in 1958–1961)"."""
    years = [y for y in range(first, last + 1) if _member(ccode, y)] or [first, last]
    head, _, earlier = name_across(ccode, years[0], years[-1], end).partition(" (")
    return f"{the(head)} ({span(first, last)}; {earlier[:-1]})" if earlier else f"{the(head)} ({span(first, last)})"


def _pair_over(sa, sb, first: int, last: int, head: int | None = None, sides=None) -> tuple[str, str]:
    """Both sides named across ``first``–``last`` for a sentence about those years, their names in ``head`` (the
    window's last year; default ``last``) leading: "Israel" and "Egypt (the United Arab Republic from 1958)"
    for 1948–1959 of a window to 1979 (:func:`entente.brief.third_words.name_across`); a side with a lineage
    by its lineage (``sides``, :func:`_side_across`)."""
    head = last if head is None else head
    return tuple(_the_across(_side_across(s, first, last, head, _lineage_of(sides, x)))
                 for s, x in ((sa, "_a"), (sb, "_b")))


def _lineage_of(sides, s: str):
    """The :class:`entente.period.Side` of side ``s`` ("_a" or "_b") when it has a lineage of several codes, else None."""
    if sides is None:
        return None
    side = sides[0] if s == "_a" else sides[1]
    return side if len(side.ccodes) > 1 else None


def _side_across(state, first: int, last: int, head: int, lineage=None) -> str:
    """A side named across ``first``–``last``: :func:`name_across` of its code, or, for a side read with its
    lineage, the lineage's names of those years (:meth:`entente.period.Side.name_over`): "West Germany" for
    1970–1979, "Germany (West Germany until 1990)" for 1980–1999, never "Germany" for West Germany's years."""
    if lineage is None:
        return name_across(state.ccode, first, last, head)
    return lineage.name_over(first, last)


def _the_across(text: str) -> str:
    """"the" before the head of a name with earlier names in brackets: "the Soviet Union (… )"."""
    head, sep, rest = text.partition(" (")
    return the(head) + sep + rest


def _member(ccode, year: int) -> bool:
    try:
        return countries.is_member(int(ccode), year)
    except UnknownCountry:
        return False


def _with_evidence(state: str, evidence: str) -> str:
    """"the Soviet Union (rival, …)"; a name with its earlier names in brackets keeps one pair of brackets:
    "Russia (the Soviet Union until 1991; rival, …)"."""
    head, _, earlier = state.partition(" (")
    return f"{the(head)} ({earlier[:-1]}; {evidence})" if earlier else f"{the(head)} ({evidence})"


def _name_over_evidence(row, sides, end: int, kind: str | None = None) -> str:
    """A third state's name across the years of the evidence of one side (``"_a"``) or both (``("_a", "_b")``)
    with it (rivalry, disputes and sanctions for a hostility row, pacts for an alliance row),
    :func:`entente.period.name_over`; as of ``end`` when the row holds no years."""
    years = [y for s in ((sides,) if isinstance(sides, str) else sides)
             for y in _evidence_years(row, s, kind or row.get("kind"))]
    if not years:
        return name(row["ccode"], end)
    # name_across with no head year reads as entente.period.name_over does, and asks for names only where they
    # can change (a brief names a hundred states here)
    return name_across(row["ccode"], min(years), max(years))


def _evidence_years(row, s: str, kind: str | None = None) -> list[int]:
    """The years of one side's evidence with a third state (rivalry, disputes and sanctions; pacts for
    ``kind`` "alliance"), as written in the row's text columns."""
    columns = ("allied_span",) if kind == "alliance" else ("rival_years", "dispute_years", "sanction_years")
    return [int(y) for column in columns
            for y in re.findall(r"\b1[89]\d\d\b|\b20\d\d\b", str(row.get(f"{column}{s}") or ""))]


def _who(side, row, s: str, end: int, default: str, sides=None) -> str:
    """How a clause about one side's evidence with a third state names that side: by the one name it bore in
    all the years of that evidence (the Soviet Union for a pact of 1985–1990, in a window to 1995 that calls
    it Russia; West Germany for a rivalry of 1970–1973 when ``sides`` gives its lineage), else ``default``,
    its name in the sentence."""
    years = _evidence_years(row, s) + _evidence_years(row, s, "alliance")
    if not years:
        return default
    text = _side_across(side, min(years), max(years), end, _lineage_of(sides, s))
    return default if " (" in text else the(text)


def _hard_words(row, s: str) -> str:
    """The hard evidence of one side towards a third state, without naming the side: ``rival,
    Thompson–Dreyer 2001–2010; 2 militarized disputes, 2001–2002``."""
    parts = []
    riv = rivalry_text(row, s)
    if riv:
        parts.append(f"rival, {riv}")
    if int(row.get(f"disputes{s}") or 0):
        parts.append(f"{plural(int(row[f'disputes{s}']), 'militarized dispute')}, {brief_years(row[f'dispute_years{s}'])}")
    if int(row.get(f"sanctions{s}") or 0):
        parts.append(f"sanctions, {brief_years(row[f'sanction_years{s}'])}")
    return "; ".join(parts)
