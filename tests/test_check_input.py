"""entente check: reading articles (text, Markdown, HTML), hostile input, the command line's exit
statuses, and the small readers (sentences, mentions, periods, quantities)."""

from __future__ import annotations

import io
import json

import pytest

from entente import factcheck
from entente.factcheck import mentions, periods, text
from entente.cli import main
from entente.errors import BadInput


def test_html_drops_scripts_and_reads_the_date():
    html = ("<html><head><meta property='article:published_time' content='2023-09-15'><script>Iran and Russia "
            "fought ten wars.</script></head><body><article><p>India and Pakistan fought four wars since 1947, and "
            "this paragraph is long enough to be kept as the article's text by the extractor.</p></article></body></html>")
    article = text.parse(html)
    assert article.kind == "html" and article.date.isoformat() == "2023-09-15"
    assert "ten wars" not in article.text and "four wars" in article.text


def test_markdown_loses_its_markup():
    article = text.parse("# Title\n\nIran and **Russia** signed a [treaty](http://x) in 1942 with the other states.")
    assert article.kind == "markdown" and "**" not in article.text and "treaty in 1942" in article.text


@pytest.mark.parametrize("data, words", [
    (b"", "no article text"), (b"   \n\t", "no article text"),
    (bytes(range(256)) * 40, "not UTF-8"), (b"\x00\x01\x02abc" * 100, "binary"),
    (b"<html><head><script>var a = 1;</script></head><body></body></html>", "no article"),
    (b"Der Iran und Russland haben im Jahr 1942 einen Vertrag unterzeichnet, den die beiden Staaten bis heute "
     b"als Grundlage ihrer Beziehungen ansehen und der oft zitiert wird.", "English"),
])
def test_hostile_input_is_refused_with_a_reason(data, words):
    with pytest.raises(BadInput, match=words):
        text.parse(data, source="x")


def test_huge_file_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(text.MAX_BYTES + 1)
    with pytest.raises(BadInput, match="bytes"):
        text.read(big)


def test_long_text_is_refused():
    with pytest.raises(BadInput, match="characters of text"):
        text.parse(("India and Pakistan fought wars. " * 20000).encode(), source="long.txt")


def test_url_offline_is_refused():
    with pytest.raises(BadInput, match="offline"):
        text.read("https://example.org/article")


def test_text_without_claims_gives_an_empty_frame(con):
    frame = factcheck.check("The weather was fine and the harvest was good this year in the valley.", con=con)
    assert frame.empty and list(frame.columns) == factcheck.COLUMNS


def test_entente_check_is_callable_from_the_top(con):
    import entente

    frame = entente.check("India and Pakistan fought four wars since 1947.", date="2024-01-01", con=con, robust=False)
    assert frame.loc[0, "verdict"] == "supported"


@pytest.mark.parametrize("args, status", [
    (["check", "tests/data/check/india_pakistan.txt", "--date", "2024-06-01", "--no-robustness"], 0),
    (["check", "no-such-file.txt"], 1),
    (["check", "tests/data/check/india_pakistan.txt", "--date", "June"], 2),
    (["check", "tests/data/check/india_pakistan.txt", "--format", "pdf"], 2),
])
def test_exit_statuses(home, args, status, capsys):
    assert main(args) == status
    err = capsys.readouterr().err
    assert "Traceback" not in err


def test_cli_json_has_one_shape(home, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(
        b"Iran and Russia have had no militarized disputes since 1991.")))
    assert main(["check", "-", "--date", "2024-03-01", "--format", "json", "--no-robustness"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is True and out["claims"][0]["verdict"] == "contradicted"
    assert out["claims"][0]["evidence"][0]["table"] == "cow_mid_dir_dyad_year"


def test_cli_binary_file_exits_1(home, tmp_path, capsys):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 10)
    assert main(["check", str(junk)]) == 1
    assert "not UTF-8" in capsys.readouterr().err


# -------------------------------------------------------------------------------------------- readers
def test_sentences_spare_abbreviations():
    found = mentions.sentences("The U.S. objected in Jan. 2024. Mr. Lavrov replied! Then what?")
    assert [s.text for s in found] == ["The U.S. objected in Jan. 2024.", "Mr. Lavrov replied!", "Then what?"]


@pytest.mark.parametrize("sentence, year, codes, groups", [
    ("Moscow's support for Tehran grew, and the Kremlin eyed Washington.", 2020, [365, 630, 365, 2], []),
    ("West Germany and the Soviet Union signed a treaty.", 1970, [260, 365], []),
    ("Iranian drones reached Russian units.", 2023, [630, 365], []),
    ("We ate turkey and chatted with us.", 2020, [], []),
    ("NATO and the West face CRINK.", 2024, [], ["NATO", "the West", "CRINK"]),
    ("Persia and the Ottoman Empire fought.", 1850, [630, 640], []),
])
def test_mentions(sentence, year, codes, groups):
    found = mentions.mentions(sentence, year)
    assert [m.ccode for m in found if m.ccode] == codes
    assert [m.group for m in found if m.group] == groups


@pytest.mark.parametrize("sentence, span", [
    ("They fought four wars since 1947.", (1947, 2024)), ("between 1980 and 1988", (1980, 1988)),
    ("in the early 20th century", (1901, 1933)), ("last year", (2023, 2023)), ("in the 1990s", (1990, 1999)),
    ("during the Cold War", (1947, 1991)), ("from 1965 to 1971", (1965, 1971)), ("1965–71", (1965, 1971)),
    ("over the past decade", (2014, 2024)), ("for decades", (1994, 2024)),
])
def test_periods(sentence, span):
    found = periods.period(sentence, 2024)
    assert (found.start, found.end) == span


def test_quantities():
    q = periods.quantities("They agreed ~90% of the time; trade nearly doubled to $5 billion; four wars.")
    by_unit = {x.unit: x for x in q}
    assert by_unit["percent"].value == 90 and by_unit["percent"].approx
    assert by_unit["factor"].value == 2 and by_unit["factor"].approx
    assert by_unit["usd"].value == 5e9 and by_unit["count"].value == 4


def test_markdown_report_bolds_the_claims_and_jsonld_rates_them(home, capsys):
    path = "tests/data/check/us_china.html"
    assert main(["check", path, "--format", "md", "--no-robustness"]) == 0
    md = capsys.readouterr().out
    assert "**The two powers have never signed a defence pact.** [✘3]" in md
    assert main(["check", path, "--format", "jsonld", "--no-robustness"]) == 0
    reviews = json.loads(capsys.readouterr().out)
    ratings = {r["reviewRating"]["alternateName"]: r["reviewRating"].get("ratingValue") for r in reviews}
    assert reviews[0]["@type"] == "ClaimReview" and ratings["contradicted"] == 1 and ratings["not checkable"] is None
