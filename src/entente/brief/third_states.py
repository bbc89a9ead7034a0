"""The brief's sections on the pair among other states: third parties (shared friends and adversaries,
the network drawing, each side's voting bloc) and limits (where the two diverge, unbalanced triangles).

Like :mod:`entente.brief.sections`, each returns a JSON-ready dict with its ``evidence``.
"""

from __future__ import annotations

from entente.brief.jsonable import records
from entente.brief.sections import _names, countries_name


def third_party_table(sa, sb, con, window=None):
    """Every third state's standing with both sides (computed once, shared by two sections)."""
    from entente import third_parties as tp

    start, end = window or (None, None)
    return tp.third_parties(sa.ccode, sb.ccode, start=start, end=end, con=con)


def third_parties(sa, sb, con, table=None, window=None) -> dict:
    """Shared friends and adversaries: third states both treat alike (UNGA κ vs baseline, rivalries, pacts)."""
    a, b = _names(sa, sb)
    out = {"title": "Third parties: shared adversaries and friends", "evidence": []}
    table = third_party_table(sa, sb, con) if table is None else table
    window = table.attrs.get("window") or (None, None)
    keep = ["ccode", "abb", "name", "score", "unga_a", "rank_a", "unga_b", "rank_b", "evidence"]
    friends = table[table["class"] == "shared friend"].sort_values("score", ascending=False).head(10)
    enemies = table[table["class"] == "shared adversary"].sort_values("score", ascending=False).head(10)
    out["window"] = list(window)
    out["friends"] = records(friends[keep])
    out["adversaries"] = records(enemies[keep])
    out["method"] = (f"Each side's Cohen's κ with every third state over {window[0]}–{window[1]}, as a z-score among "
                     f"its partners, plus 2 for a defence pact and minus 2 for a rivalry or dispute; a shared "
                     f"friend or adversary scores at least {table.attrs.get('threshold', 1.0)} on both sides.")
    parts = []
    if len(enemies):
        parts.append(f"In {window[0]}–{window[1]}, the third states both {a} and {b} stand furthest from are "
                     + ", ".join(enemies.name.head(4)) + ".")
    if len(friends):
        parts.append("Those both stand closest to are " + ", ".join(friends.name.head(4)) + ".")
    out["summary"] = " ".join(parts) or f"No third state is clearly a shared friend or adversary in {window[0]}–{window[1]}."
    out["evidence"] = list(table.attrs.get("sources", []))
    network = pair_network(sa, sb, con, window)
    if network is not None:
        out["network"] = network
    bloc = pair_blocs(sa, sb, con, window)
    if bloc is not None:
        out["blocs"] = bloc
        out["summary"] += " " + bloc["summary"]
    return out


def _latest(window, compute):
    """``compute(year)`` for the latest year of ``window`` that has evidence (None if none has)."""
    from entente.errors import NoEvidence

    if not window or window[0] is None:
        return None
    for year in range(int(window[1]), int(window[0]) - 1, -1):
        try:
            return compute(year)
        except NoEvidence:
            continue
    return None


def pair_blocs(sa, sb, con, window) -> dict | None:
    """The UNGA voting bloc of each side in the latest year of ``window`` (:func:`entente.network.blocs`)."""
    from entente import network

    a, b = _names(sa, sb)

    def compute(year):
        frame = network.blocs(year, con=con)
        rows = {int(c): r for c, r in zip(frame["ccode"], frame.itertuples(index=False))}
        if sa.ccode not in rows or sb.ccode not in rows:
            return None
        ra, rb = rows[sa.ccode], rows[sb.ccode]
        power = _capability(con, year)

        def members(bloc):   # the bloc's most capable other members (COW CINC), for a reader to place it
            group = frame[(frame["bloc"] == bloc) & ~frame["ccode"].isin([sa.ccode, sb.ccode])]
            ranked = group.assign(_c=group["ccode"].map(power).fillna(0)).sort_values("_c", ascending=False)
            return ", ".join(ranked["name"].head(4))

        same = ra.bloc == rb.bloc
        text = (f"In {year} both sit in the same UN voting bloc ({ra.bloc_size} states, with {members(ra.bloc)})."
                if same else
                f"In {year} they sit in different UN voting blocs: {a} in a bloc of {ra.bloc_size} (with "
                f"{members(ra.bloc)}), {b} in one of {rb.bloc_size} (with {members(rb.bloc)}).")
        return {"year": year, "same": bool(same), "bloc_a": int(ra.bloc), "bloc_b": int(rb.bloc),
                "size_a": int(ra.bloc_size), "size_b": int(rb.bloc_size),
                "modularity": float(frame.attrs["modularity"]), "summary": text}

    return _latest(window, compute)


def _capability(con, year: int) -> dict[int, float]:
    """COW CINC scores of ``year`` or, past the data, of their last year (empty if none)."""
    rows = con.execute("SELECT ccode, cinc FROM cow_nmc_state_year WHERE year = (SELECT max(year) FROM "
                       "cow_nmc_state_year WHERE year <= ?)", [int(year)]).fetchall()
    return {int(c): float(v) for c, v in rows if v is not None}


def signed_triads(sa, sb, con, window) -> dict | None:
    """Triads of the pair with third states in the signed network of the latest year of ``window``
    (:func:`entente.network.triads`: UN votes above/below baseline, alliances, disputes, rivalries,
    sanctions); the unbalanced ones are where one side is friendly with a state the other opposes."""
    from entente import network

    def compute(year):
        t = network.triads(sa.ccode, sb.ccode, year, con=con)
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


NETWORK_NEIGHBOURS = 12   # states drawn around the pair in the third-parties network


def pair_network(sa, sb, con, window) -> dict | None:
    """The pair and its strongest neighbours on the UNGA alignment graph of the latest year of ``window``
    in which both voted (see :mod:`entente.pictures.graphs`); None if they share no such year."""
    from entente import network
    from entente.errors import NoEvidence
    from entente.pictures import graphs

    if not window or window[0] is None:
        return None
    for year in range(int(window[1]), int(window[0]) - 1, -1):
        try:
            graph = network.alignment_graph(year, con=con)
            net = graphs.describe(graph, [sa.ccode, sb.ccode], NETWORK_NEIGHBOURS)
        except NoEvidence:
            continue
        versions = con.execute("SELECT DISTINCT dataset, version FROM _provenance WHERE dataset IN ('unvotes', "
                               "'dgacm') ORDER BY dataset").fetchall()
        net["source"] = ("UNGA votes: " + "; ".join(f"{d} {v}" for d, v in versions)
                         + f". Alignment graph of {year}: {graph.vcount()} states, {graph.ecount()} ties above "
                           "baseline (excess Cohen's κ); layout: Fruchterman–Reingold, seed 42")
        return net
    return None


def limits(sa, sb, con, table=None, window=None) -> dict:
    """Where the pair diverges: third states one side is close to and the other hostile to, and topics."""
    from entente import third_parties as tp

    a, b = _names(sa, sb)
    start, end = window or (None, None)
    found = tp.limits(sa.ccode, sb.ccode, start=start, end=end, table=table, con=con)
    out = {"title": "Limits: where the two diverge", "window": list(found["window"]),
           "evidence": list(found.get("sources", []))}
    third = found["third_states"]
    third = third[third["divergence"] > 0]
    out["third_states"] = records(third[["ccode", "abb", "name", "divergence", "closer", "class", "evidence"]])
    out["unshared"] = records(found["unshared"][["ccode", "abb", "name", "kind", "side", "evidence"]])
    topics = found["topics"]
    out["topics"] = records(topics)
    parts = []
    if len(third):
        top = third.iloc[0]
        parts.append(f"The third state on which {a} and {b} diverge most is {top['name']} (divergence {top['divergence']:.2f}; "
                     f"{countries_name(top['closer'])} is the closer of the two).")
    if len(topics):
        worst = topics.iloc[0]
        parts.append(f"By topic they split most on {worst['topic'].lower()}: {100 * worst['agree']:.0f}% agreement on "
                     f"{int(worst['n_votes'])} roll calls, against {100 * worst['mean_a']:.0f}% for {a} and "
                     f"{100 * worst['mean_b']:.0f}% for {b} with their partners on average.")
    triads = signed_triads(sa, sb, con, out["window"])
    if triads is not None and triads["unbalanced"]:
        out["triads"] = triads
        first = triads["unbalanced"][0]
        friend, foe = (a, b) if first["sign_a"] > 0 else (b, a)
        parts.append(f"In the signed network of {triads['year']} ({', '.join(triads['layers'])}), "
                     f"{triads['unbalanced_count']} of the {triads['triads']} triangles the pair forms with a third "
                     f"state are unbalanced, e.g. {first['name']}: {friend} is on good terms with it, {foe} is not.")
    out["summary"] = " ".join(parts) or "No clear divergence in these data."
    return out
