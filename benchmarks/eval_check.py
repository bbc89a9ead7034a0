"""Evaluation: ``entente check`` against every hand-labelled article in ``tests/data/check``, sentence by sentence.

The labels (``labels.json`` in each batch folder) were written, with their expected verdicts from
independent SQL on the warehouse, before the checker first ran on that batch (the commit history shows
the order). Two label formats:

- the first four batches (top folder, ``heldout``, ``heldout2``, ``heldout3``) list only the claims
  (``claims``: text fragment, kind, states, verdict; those labelled ``not checkable`` are predictions
  or opinions, so not claims here); the article's other sentences — as
  :func:`entente.factcheck.mentions.sentences` splits it — count as sentences making no checkable claim;
- ``heldout4`` on (``heldout5``: seizures of territory and named periods) labels every sentence in order (``sentences``: text fragment, ``checkable``, ``role``
  for the rest: background, opinion, prediction, heading; and ``claims``).

A checker row belongs to the labelled sentence whose text (or fragment) its sentence holds, the
longest such when several do; a row in no labelled sentence (page boilerplate that leaked through,
say) counts against precision as a sentence labelled as making no claim.

Figures (each also per batch; claim figures also per kind):

- **sentence detection**: a sentence is *labelled checkable* when its label says so (it holds at least
  one claim), *found checkable* when the checker gives it a row whose verdict is not ``not checkable``;
  precision and recall of the second against the first;
- **claim detection**: a labelled claim is *matched* by a row of the same kind in its sentence (each row
  used once); found claims are the matched rows and the unmatched rows whose verdict is not
  ``not checkable`` (the checker's own "this is an opinion" is a correct rejection, not a claim found);
  precision = matched / found, recall = matched / labelled;
- **state resolution**: the states a matched row is judged on equal the label's (:func:`states_right`:
  as a set for a pair, in order — actor first — for the directional kinds :data:`DIRECTIONAL`);
- **verdict accuracy**: a matched row's verdict equals the label's; with the confusion table of
  expected against got (``(missed)`` for labelled claims not found, ``(none)`` for rows not labelled).

Every failure is listed with its sentence, what was expected and what the checker gave.
Usage: ``python benchmarks/eval_check.py [--json benchmarks/results_check_eval.json] [--batch heldout4]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
from collections import Counter, defaultdict
from pathlib import Path

from entente import warehouse
from entente.factcheck import check_article
from entente.factcheck.mentions import sentences
from entente.factcheck.text import read

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "check"
#: Batch name -> folder, in the order they were written.
BATCHES = {"batch1": DATA, "heldout": DATA / "heldout", "heldout2": DATA / "heldout2",
           "heldout3": DATA / "heldout3", "heldout4": DATA / "heldout4", "heldout5": DATA / "heldout5"}
#: Kinds whose states have roles (the vetoer, the sender of sanctions, the supplier of arms first).
DIRECTIONAL = frozenset({"vetoes", "sanctions", "arms"})
NOT_CHECKABLE = "not checkable"
RESULTS = Path(__file__).with_name("results_check_eval.json")
#: Keys of the results file kept from run to run: the first runs on held-out batches, figures before a merge.
RECORDS = ("first_runs", "before_templates")


def labels(folder: Path) -> dict:
    """The article specs of one batch (keys starting with ``_`` are notes)."""
    return {k: v for k, v in json.loads((folder / "labels.json").read_text()).items() if not k.startswith("_")}


def units(spec: dict, text: str) -> list[dict]:
    """The labelled sentences of one article: ``text`` (a fragment), ``checkable``, ``claims``."""
    if "sentences" in spec:
        return [{"text": s["text"], "checkable": bool(s["checkable"]), "claims": list(s["claims"]),
                 "role": s.get("role", "claim" if s["checkable"] else "")} for s in spec["sentences"]]
    out = [{"text": s.text, "checkable": False, "claims": [], "role": ""} for s in sentences(text)]
    for claim in spec["claims"]:
        if claim["verdict"] == NOT_CHECKABLE:   # a prediction or opinion the labeller noted: not a claim
            continue
        home = next((u for u in out if claim["text"] in u["text"]), None)
        if home is None:            # a fragment the splitter cut in two: its own unit, so it is still counted
            home = {"text": claim["text"], "checkable": False, "claims": [], "role": ""}
            out.append(home)
        home["claims"].append({"kind": claim["kind"], "states": claim["states"], "verdict": claim["verdict"],
                               "why": claim.get("why", "")})
        home["checkable"] = True
        home["role"] = "claim"
    return out


def subject_pair(spec: dict) -> frozenset:
    """The article's pair: given (``pair``), else its labelled claims' most frequent first two states."""
    if "pair" in spec:
        return frozenset(spec["pair"])
    pairs = Counter(frozenset(c["states"][:2]) for c in spec["claims"])
    return pairs.most_common(1)[0][0]


def states_right(kind: str, expected: list[str], got: list[str]) -> bool:
    """The states the claim is judged on equal the label's: as a set for a pair (the checker may name a
    third state the sentence mentions, which it does not judge), in order for the directional kinds, the
    pair as a set and then the named adversary for ``shared_adversary``, all of them for a bloc."""
    n = len(expected)
    if kind in DIRECTIONAL:
        return list(got[:2]) == list(expected[:2])
    if kind == "shared_adversary":
        return set(got[:2]) == set(expected[:2]) and list(got[2:3]) == list(expected[2:3])
    return set(got[:n]) == set(expected) and (kind != "bloc" or len(got) == n)


def evaluate_article(name: str, spec: dict, folder: Path, con, batch: str) -> dict:
    """Sentence and claim outcomes of one article."""
    article = read(folder / name, date=spec["date"])
    frame = check_article(article, con=con, robust=False)
    us = units(spec, article.text)
    rows = frame.to_dict("records")
    assigned: dict[int, list[dict]] = defaultdict(list)
    orphans: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        homes = [i for i, u in enumerate(us) if u["text"] in row["sentence"]]
        if homes:
            assigned[max(homes, key=lambda i: len(us[i]["text"]))].append(row)
        else:
            orphans[row["sentence"]].append(row)
    for sentence, extra in orphans.items():      # unlabelled text that produced rows: a non-claim sentence
        us.append({"text": sentence, "checkable": False, "claims": [], "role": "unlabelled"})
        assigned[len(us) - 1] = extra
    out = {"sentences": [], "claims": [], "extra": []}
    for i, unit in enumerate(us):
        got = assigned.get(i, [])
        found = any(r["verdict"] != NOT_CHECKABLE for r in got)
        out["sentences"].append({"batch": batch, "article": name, "sentence": unit["text"], "role": unit["role"],
                                 "labelled": unit["checkable"], "found": found,
                                 "got": [f"{r['kind']}: {r['verdict']}" for r in got]})
        free = list(got)
        for claim in unit["claims"]:
            row = next((r for r in free if r["kind"] == claim["kind"]), None)
            record = {"batch": batch, "article": name, "sentence": unit["text"], "kind": claim["kind"],
                      "expected_states": claim["states"], "expected": claim["verdict"], "why": claim.get("why", "")}
            if row is None:
                record.update(matched=False, got=None, got_states=None, reason="",
                              others=[f"{r['kind']}: {r['verdict']}" for r in got])
            else:
                free.remove(row)
                record.update(matched=True, got=row["verdict"], got_states=list(row["states"]),
                              states_ok=states_right(claim["kind"], claim["states"], list(row["states"])),
                              reason=row["reason"], full_sentence=row["sentence"])
            out["claims"].append(record)
        for row in free:
            if row["verdict"] != NOT_CHECKABLE:
                out["extra"].append({"batch": batch, "article": name, "sentence": row["sentence"], "kind": row["kind"],
                                     "got": row["verdict"], "got_states": list(row["states"]), "reason": row["reason"],
                                     "labelled_sentence": unit["checkable"]})
    return out


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def figures(sent: list[dict], claims: list[dict], extra: list[dict]) -> dict:
    """The figures of one slice of the outcomes (see the module docstring)."""
    tp = sum(s["labelled"] and s["found"] for s in sent)
    fp = sum(s["found"] and not s["labelled"] for s in sent)
    fn = sum(s["labelled"] and not s["found"] for s in sent)
    matched = [c for c in claims if c["matched"]]
    found = len(matched) + len(extra)
    return {
        "sentences": len(sent), "sentences_checkable": tp + fn,
        "sentence_precision": _ratio(tp, tp + fp), "sentence_recall": _ratio(tp, tp + fn),
        "claims_labelled": len(claims), "claims_found": found, "claims_matched": len(matched),
        "claim_precision": _ratio(len(matched), found), "claim_recall": _ratio(len(matched), len(claims)),
        "state_accuracy": _ratio(sum(c["states_ok"] for c in matched), len(matched)),
        "verdict_accuracy": _ratio(sum(c["got"] == c["expected"] for c in matched), len(matched)),
    }


def confusion(claims: list[dict], extra: list[dict]) -> dict:
    """Expected verdict -> got verdict -> count, over every labelled claim and every unlabelled row."""
    table: dict[str, Counter] = defaultdict(Counter)
    for c in claims:
        table[c["expected"]][c["got"] if c["matched"] else "(missed)"] += 1
    for e in extra:
        table["(none)"][e["got"]] += 1
    return {k: dict(sorted(v.items())) for k, v in sorted(table.items())}


def failures(sent: list[dict], claims: list[dict], extra: list[dict]) -> list[dict]:
    """Every miss: a claim not found, found with the wrong states or verdict, a claim found where none is
    labelled, and a sentence taken as checkable that is labelled not (or the reverse)."""
    out = []
    for c in claims:
        where = {"batch": c["batch"], "article": c["article"], "sentence": c.get("full_sentence", c["sentence"])}
        if not c["matched"]:
            out.append({**where, "failure": "claim missed", "expected": f"{c['kind']} {c['expected_states']}: "
                        f"{c['expected']}", "got": ", ".join(c["others"]) or "no row"})
            continue
        if not c["states_ok"]:
            out.append({**where, "failure": "wrong states", "expected": f"{c['kind']} {c['expected_states']}",
                        "got": f"{c['kind']} {c['got_states']}"})
        if c["got"] != c["expected"]:
            out.append({**where, "failure": "wrong verdict", "expected": f"{c['kind']}: {c['expected']} ({c['why']})",
                        "got": f"{c['got']} — {c['reason']}"})
    for e in extra:
        out.append({"batch": e["batch"], "article": e["article"], "sentence": e["sentence"],
                    "failure": "claim not labelled" if e["labelled_sentence"] else "claim in a non-claim sentence",
                    "expected": "no claim of this kind", "got": f"{e['kind']} {e['got_states']}: {e['got']} — {e['reason']}"})
    for s in sent:
        if s["found"] and not s["labelled"] and not any(e["sentence"] == s["sentence"] or s["sentence"] in e["sentence"]
                                                       for e in extra):
            out.append({"batch": s["batch"], "article": s["article"], "sentence": s["sentence"],
                        "failure": "non-claim taken as checkable", "expected": s["role"], "got": ", ".join(s["got"])})
    return out


def evaluate(con=None, batches: dict[str, Path] | None = None) -> dict:
    """Run the checker on every labelled article of ``batches`` (default: all) and score it."""
    con = con or warehouse.connection()
    batches = batches or BATCHES
    sent: list[dict] = []
    claims: list[dict] = []
    extra: list[dict] = []
    articles, pairs = 0, set()
    for batch, folder in batches.items():
        for name, spec in labels(folder).items():
            result = evaluate_article(name, spec, folder, con, batch)
            sent += result["sentences"]
            claims += result["claims"]
            extra += result["extra"]
            articles += 1
            pairs.add(subject_pair(spec))

    def part(key, value):
        return ([s for s in sent if s[key] == value], [c for c in claims if c[key] == value],
                [e for e in extra if e[key] == value])

    kinds = sorted({c["kind"] for c in claims} | {e["kind"] for e in extra})
    return {
        "measured": dt.date.today().isoformat(), "commit": _commit(),
        "set": {"articles": articles, "pairs": len(pairs), "sentences": len(sent),
                "sentences_labelled_checkable": sum(s["labelled"] for s in sent), "claims": len(claims)},
        "all": figures(sent, claims, extra),
        "by_batch": {b: figures(*part("batch", b)) for b in batches},
        "by_kind": {k: figures([], [c for c in claims if c["kind"] == k], [e for e in extra if e["kind"] == k])
                    for k in kinds},
        "confusion": confusion(claims, extra),
        "failures": failures(sent, claims, extra),
    }


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True,
                              cwd=DATA).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def summary(result: dict) -> str:
    """The figures as a short text table."""
    lines = [f"{result['set']}"]
    head = ("slice", "sent P", "sent R", "claim P", "claim R", "states", "verdicts", "labelled", "found")

    def row(name, f):
        cells = [f.get(k) for k in ("sentence_precision", "sentence_recall", "claim_precision", "claim_recall",
                                    "state_accuracy", "verdict_accuracy")]
        return [name, *("—" if c is None else f"{c:.2f}" for c in cells), str(f["claims_labelled"]), str(f["claims_found"])]

    table = [head, row("all", result["all"]), *(row(b, f) for b, f in result["by_batch"].items()),
             *(row(k, f) for k, f in result["by_kind"].items())]
    lines += ["  ".join(f"{c:>9}" for c in r) for r in table]
    lines.append("confusion (expected -> got): " + json.dumps(result["confusion"]))
    lines.append(f"{len(result['failures'])} failures:")
    lines += [f"- [{f['batch']}/{f['article']}] {f['failure']}: {f['sentence']!r}\n    expected {f['expected']}\n"
              f"    got {f['got']}" for f in result["failures"]]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path, default=None, help=f"write the figures here (e.g. {RESULTS.name})")
    parser.add_argument("--batch", action="append", choices=sorted(BATCHES), help="only these batches")
    args = parser.parse_args()
    batches = {b: BATCHES[b] for b in args.batch} if args.batch else None
    result = evaluate(batches=batches)
    print(summary(result))
    if args.json:
        # the first run on each held-out batch (and figures before a merge) are records, not measurements
        # to refresh: keep them
        old = json.loads(args.json.read_text()) if args.json.exists() else {}
        result = {**{k: old[k] for k in RECORDS if k in old}, **result}
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
