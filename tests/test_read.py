"""entente read: who did what to whom, coded to CAMEO; quotes and speakers; GDELT events beside; the CLI.

**Measured** over the hand-labelled sentences of tests/read_labels.py (labels written before the reader
ran on each set; a triple counts when its actors, CAMEO root, targets and negation all match the label):

| set | sentences | labelled triples | precision | recall | CAMEO root right (where actors and targets match) |
|---|---|---|---|---|---|
| LABELLED, first run | 60 | 55 | 0.91 (50/55) | 0.91 (50/55) | 50/50 |
| HELDOUT, first run (after LABELLED's fixes) | 22 | 23 | 0.95 (18/19) | 0.78 (18/23) | 18/18 |
| HELDOUT3 (news-copy style), first run (after HELDOUT's fixes) | 22 | 22 | 0.67 (14/21) | 0.64 (14/22) | 14/15 |
| LABELLED + HELDOUT, now (no longer held out) | 82 | 78 | 1.00 (78/78) | 1.00 (78/78) | 78/78 |
| HELDOUT3, now | 22 | 22 | 0.80 (16/20) | 0.73 (16/22) | 16/16 |

HELDOUT's first-run misses were lexicon gaps ("brought a case against", "lifted its ban", "closed a
consulate", "escorted"), a governed clause's state read as a target ("urged Washington to stop arming
Taiwan") and a second verb's shared subject ("expelled a diplomat and closed a consulate"). HELDOUT3's
fixes were general rules (an -ing form needs a form of *be*; a listing comma holds one state's name; a
statement's content is not its target; *neither … nor* is not reciprocal); what it still misses is left
as measured: actions outside the lexicon ("slapped export controls", "exchanged prisoners", "sailed near"),
a word with two readings ("blocked an EU statement" is a rejection, read as a blockade) and states named
as a topic ("discussed aid to Ukraine", "welcomed the ceasefire between Israel and Iran"). Quotes: 7 of 7
speakers and speaker states right on the first run. The floors below are the figures now.
"""

from __future__ import annotations

import collections
import csv
import datetime as dt
import gzip
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from read_labels import HELDOUT, HELDOUT3, LABELLED, QUOTES

import entente
from entente import countries, events
from entente.cli import main
from entente.config import snapshot_dir
from entente.errors import BadInput
from entente.factcheck import lexicon, quotes, triples
from entente.factcheck.read import COLUMNS, cameo_names, read_article
from entente.factcheck.text import parse

GDELT_SLICE = Path(__file__).parent / "data" / "gdelt" / "20250106154500.export.CSV.gz"


def _label(m, year):
    return m.group if m.ccode is None else countries.resolve(m.ccode, year=year).abb


def _key(actors, root, targets, negated):
    return frozenset(actors), root, frozenset(targets), negated


def _score(cases):
    tp = fp = fn = root_right = root_seen = 0
    for sentence, date, expected in cases:
        year = int(date[:4])
        got = {_key([_label(m, year) for m in t.actors], t.cameo_root, [_label(m, year) for m in t.targets], t.negated)
               for t in triples.extract(sentence, year)}
        want = {_key([a for a in actors.split("+") if a], root, [x for x in targets.split("+") if x], negated)
                for actors, root, targets, negated in expected}
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        for g in got:
            for w in want:
                if (g[0], g[2], g[3]) == (w[0], w[2], w[3]):
                    root_seen += 1
                    root_right += g[1] == w[1]
    return tp, fp, fn, root_right, root_seen


@pytest.mark.parametrize("cases, precision, recall", [(LABELLED, 1.0, 1.0), (HELDOUT, 1.0, 1.0), (HELDOUT3, 0.8, 0.72)],
                         ids=["labelled", "heldout", "heldout3"])
def test_triples_precision_recall_and_cameo_roots(home, cases, precision, recall):
    tp, fp, fn, root_right, root_seen = _score(cases)
    assert tp + fn == sum(len(e) for _, _, e in cases)          # every label was scored
    assert tp / (tp + fp) >= precision and tp / (tp + fn) >= recall, (tp, fp, fn)
    assert root_seen >= tp and root_right == root_seen


def test_labels_are_many_and_varied():
    assert len(LABELLED) + len(HELDOUT) + len(HELDOUT3) >= 100
    every = [t for _, _, e in LABELLED + HELDOUT + HELDOUT3 for t in e]
    assert len({root for _, root, _, _ in every}) >= 15
    assert sum(neg for *_, neg in every) >= 5 and sum(a == t and "+" in a for a, _, t, _ in every) >= 8


@pytest.mark.parametrize("text, quote, speaker, state", QUOTES, ids=[q[2][:30] for q in QUOTES])
def test_quotes_are_attributed_to_their_speakers(text, quote, speaker, state):
    found = quotes.find(text, 2024)
    assert [(q.text, q.speaker) for q in found] == [(quote, speaker)]
    assert (countries.resolve(found[0].speaker_ccode).abb if found[0].speaker_ccode else None) == state


def test_flags_and_offsets(home):
    article = parse("Iran was sanctioned by Britain. Germany did not sanction Russia. Russia and China signed a treaty.",
                    date="2024-06-01")
    frame = read_article(article)
    assert list(frame.columns) == COLUMNS
    assert frame[["passive", "negated", "reciprocal"]].values.tolist() == [[True, False, False], [False, True, False],
                                                                          [False, False, True]]
    for row in frame.itertuples():
        assert article.text[row.verb_start:row.verb_end] == row.verb
        for (s, e), code in zip(row.actor_spans, row.actor_ccodes):
            assert countries.resolve(article.text[s:e], year=2024).ccode == code


def test_historical_names_take_the_articles_year(home):
    frame = entente.read("The Soviet Union invaded Afghanistan. West Germany signed a treaty with East Germany.",
                         date="1972-12-21")
    assert frame["actor_ccodes"].tolist() == [[365], [260]] and frame["target_ccodes"].tolist() == [[700], [265]]


# --- the lexicon --------------------------------------------------------------------------------

def test_lexicon_covers_every_cameo_root_with_codes_the_warehouse_knows(con):
    rows = list(csv.DictReader((snapshot_dir() / lexicon.LEXICON_FILE).open(encoding="utf-8")))
    assert len(rows) >= 150 and all(r["note"] and r["kind"] in lexicon.KINDS for r in rows)
    codes = set(con.execute("SELECT cameo_code FROM cameo_event_codes").df()["cameo_code"])
    assert {r["cameo_root"] for r in rows} == {f"{k:02d}" for k in range(1, 21)}
    assert all(r["cameo_code"] in codes and r["cameo_code"].startswith(r["cameo_root"]) for r in rows)
    assert len({r["pattern"] for r in rows}) == len(rows)


@pytest.mark.parametrize("word, lemma", [("sanctioned", "sanction"), ("shelled", "shell"), ("expelled", "expel"),
                                         ("denied", "deny"), ("praised", "praise"), ("urges", "urge"),
                                         ("mobilizing", "mobilize"), ("met", "meet"), ("stopped", "stop")])
def test_stemmer(word, lemma):
    assert lemma in lexicon.lemmas(word)


def test_cameo_names_come_from_the_warehouse_table(con):
    frame = entente.read("NATO condemned Russia. Turkey and Greece held talks. China warned Taiwan.", date="2024-06-01")
    table = con.execute("SELECT cameo_code, description, level FROM cameo_event_codes").df()
    roots = dict(zip(table.loc[table.level == 1, "cameo_code"], table.loc[table.level == 1, "description"]))
    assert len(frame) == 3
    for row in frame.itertuples():
        assert row.cameo_root_name == roots[row.cameo_root].capitalize()
        expected = " ".join(table.loc[table.cameo_code == row.cameo_code, "description"].iat[0].split())
        assert row.cameo_code_name == (expected if row.cameo_code != row.cameo_root else expected.capitalize())
    assert cameo_names(con)["19"] == "Fight" and roots["19"] == "FIGHT"


# --- GDELT beside --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def gdelt_store(tmp_path_factory):
    root = tmp_path_factory.mktemp("read-events")
    events.ingest(GDELT_SLICE, root=root)
    return root


def _gdelt_rows():
    with gzip.open(GDELT_SLICE, "rb") as handle:
        text = handle.read().decode("utf-8")
    return list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))


def test_gdelt_events_beside_an_article_of_the_samples_day(home, gdelt_store):
    article = parse("Iran and Russia signed a strategic partnership treaty. Russia praised Iran.", date="2025-01-06")
    frame = read_article(article, events_root=gdelt_store)
    # independent count: the csv module over the same file, SQLDATE within 3 days of 2025-01-06
    window = {(dt.date(2025, 1, 6) + dt.timedelta(days=d)).strftime("%Y%m%d") for d in range(-3, 4)}
    rows = [r for r in _gdelt_rows() if r[1] in window]

    def count(pairs, root=None):
        return sum((r[7], r[17]) in pairs and (root is None or r[28] == root) for r in rows)

    both = {("IRN", "RUS"), ("RUS", "IRN")}
    signed, praised = frame.iloc[0], frame.iloc[1]
    assert signed["reciprocal"] and signed["cameo_root"] == "05"
    assert signed["gdelt_events"] == count(both, "05") > 0
    assert signed["gdelt_pair_events"] == count(both)
    assert praised["gdelt_events"] == count({("RUS", "IRN")}, "05")
    assert praised["gdelt_pair_events"] == count({("RUS", "IRN")})
    assert "events loaded for 2025-01-03…2025-01-09" in frame.attrs["gdelt"]


def test_gdelt_says_when_nothing_is_loaded(home, gdelt_store, tmp_path):
    article = parse("Iran and Russia signed a treaty.", date="2019-06-01")
    frame = read_article(article, events_root=gdelt_store)
    assert frame["gdelt_events"].isna().all()
    assert "no events loaded for 2019-05-29…2019-06-04" in frame.attrs["gdelt"]
    assert "entente events ingest --from 2019-05-29 --to 2019-06-04" in frame.attrs["gdelt"]
    empty = read_article(article, events_root=tmp_path / "none").attrs["gdelt"]
    assert "no events loaded" in empty and "\n" not in empty


# --- API and command line ------------------------------------------------------------------------

def test_entente_read_is_callable_from_the_top(home):
    frame = entente.read("Washington urged Cairo to release the journalists.", date="2024-06-01")
    assert isinstance(frame, pd.DataFrame)
    assert frame[["actors", "cameo_root", "targets"]].values.tolist() == [[["USA"], "02", ["EGY"]]]
    with pytest.raises(BadInput, match="no article text"):
        entente.read("   ")


@pytest.mark.parametrize("args, status, words", [
    (["read", "missing-file.txt"], 1, "No file"),
    (["read", "https://example.org/a"], 1, "offline"),
    (["read", "-", "--date", "June"], 2, "not a date"),
    (["read", "-", "--format", "yaml"], 2, "yaml"),
])
def test_exit_statuses(home, args, status, words, capsys):
    assert main(args) == status
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


@pytest.mark.parametrize("data, words", [
    (b"", "no article text"), (bytes(range(256)) * 40, "not UTF-8"),
    ((b"Der Iran und Russland haben im Jahr 1942 einen Vertrag unterzeichnet, den die beiden Staaten bis heute als "
     b"Grundlage ihrer Beziehungen ansehen und der oft zitiert wird."), "English"),
])
def test_bad_files_exit_1(home, tmp_path, data, words, capsys):
    path = tmp_path / "in.txt"
    path.write_bytes(data)
    assert main(["read", str(path)]) == 1
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_too_big_exits_1(home, tmp_path, capsys):
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(6_000_000)
    assert main(["read", str(big)]) == 1
    assert "bytes" in capsys.readouterr().err


def test_cli_json_and_text(home, tmp_path, gdelt_store, capsys, monkeypatch):
    text = ("Iran and Russia signed a treaty on Monday. \u201cThis treaty is a turning point,\u201d Iran's foreign "
            "minister told reporters.")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    assert main(["read", "-", "--date", "2025-01-06", "--format", "json", "--events", str(gdelt_store)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"source", "title", "date", "triples", "quotes", "gdelt"}
    assert [t["cameo_code"] for t in out["triples"]] == ["057", "010"]
    assert out["quotes"][0]["speaker"] == "Iran's foreign minister" and out["quotes"][0]["speaker_state"] == "IRN"
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["read", str(path), "--date", "2025-01-06", "--events", str(gdelt_store)]) == 0
    shown = capsys.readouterr().out
    assert "IRN + RUS —signed→ each other" in shown and "GDELT, same pair and root" in shown


def test_speech_alone_is_a_statement_and_otherwise_yields():
    counts = collections.Counter(t.kind for t in triples.extract("Iran said it would retaliate against Israel.", 2024))
    assert counts == {"event": 1}
    only = triples.extract("Iran's foreign ministry said on Monday.", 2024)
    assert [(t.kind, t.cameo_code) for t in only] == [("speech", "010")]


def test_a_quotation_over_several_sentences_is_the_speakers(home):
    frame = entente.read("Iran's foreign minister said: \u201cRussia attacked Ukraine. Israel bombed Syria.\u201d "
                         "Turkey condemned Greece.", date="2024-06-01")
    assert frame[["actors", "verb", "targets"]].values.tolist() == [[["IRN"], "said", []],
                                                                   [["TUR"], "condemned", ["GRC"]]]
    quoted = pd.DataFrame(frame.attrs["quotes"])
    assert quoted[["quote", "speaker", "speaker_state"]].values.tolist() == [
        ["Russia attacked Ukraine. Israel bombed Syria.", "Iran's foreign minister", "IRN"]]


def test_frames_concatenate(home):
    first = entente.read("Russia attacked Ukraine. \u201cGo,\u201d Iran's president said.", date="2024-06-01")
    second = entente.read("China praised Iran.", date="2024-06-01")
    assert len(pd.concat([first, second])) == len(first) + len(second) == 3


def test_no_triple_between_states_says_so(home, gdelt_store):
    frame = read_article(parse("NATO condemned the move while the alliance met in Brussels with its partners.",
                               date="2025-01-06"), events_root=gdelt_store)
    assert frame["actors"].tolist() == [["NATO"]] and frame["gdelt_events"].isna().all()
    assert frame.attrs["gdelt"].endswith("no triple between states to compare.")
