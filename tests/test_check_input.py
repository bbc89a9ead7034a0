"""entente check: reading articles (text, Markdown, HTML), hostile input, the command line's exit
statuses, and the small readers (sentences, mentions, periods, quantities)."""

from __future__ import annotations

import io
import json

import pytest

from entente import factcheck
from entente.cli import main
from entente.errors import BadInput
from entente.factcheck import mentions, periods, text


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
    ((b"Der Iran und Russland haben im Jahr 1942 einen Vertrag unterzeichnet, den die beiden Staaten bis heute "
     b"als Grundlage ihrer Beziehungen ansehen und der oft zitiert wird."), "English"),
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
    ("North and South Korea fought from 1950 to 1953.", 1950, [731, 732], []),
    ("The two Koreas met at Panmunjom, and South Korea hosted Japan.", 2018, [731, 732, 732, 740], []),
    ("South Korea and the United States share an adversary in the North.", 2015, [732, 2, 731], []),
    ("South Korea sent ships to the North Atlantic.", 2015, [732], []),
    ("The North fired missiles.", 2015, [], []),
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
    ("rivals for most of the past two centuries", (1824, 2024)), ("over the last century", (1924, 2024)),
    ("trade fell by a third in 2015 and 2016", (2015, 2016)),
    ("trade collapsed after the border closed in 1994", (1995, 2024)),     # the years after; the change from 1994
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


# ------------------------------------------------------------------------------- hostile input, end to end
def _cli_refuses(args, capsys, *words) -> str:
    """``entente check ARGS`` exits 1 with one line naming the problem (each of ``words``), no traceback."""
    assert main(["check", *args]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for word in words:
        assert word in err, err
    return err


def test_cli_empty_file(home, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    _cli_refuses([str(empty)], capsys, "no article text", "(it is empty)")


@pytest.mark.parametrize("body, named", [
    (("Der Iran und Russland haben im Jahr 1942 einen Vertrag unterzeichnet, den die beiden Staaten bis heute als "
     "Grundlage ihrer Beziehungen ansehen und der oft zitiert wird."), "looks like German"),
    (("L'Iran et la Russie ont signé un traité en 1942, que les deux États considèrent encore comme la base de leurs "
     "relations et qui est souvent cité dans la presse."), "looks like French"),
    ("Иран и Россия подписали договор в 1942 году, который обе страны до сих пор считают основой своих отношений.",
     "Cyrillic script"),
    ("伊朗和俄罗斯于1942年签署了一项条约，两国至今仍将其视为双边关系的基础。", "Chinese characters"),
    (("Nel 1942 l'Iran e la Russia hanno firmato un trattato che i due paesi considerano ancora la base delle loro "
     "relazioni, come si legge spesso."), "not look like English"),
])
def test_cli_non_english_article_is_named_not_read(home, tmp_path, capsys, body, named):
    path = tmp_path / "article.txt"
    path.write_text(body, encoding="utf-8")
    _cli_refuses([str(path), "--no-robustness"], capsys, "does not look like English", named,
                 "does not guess at claims")


@pytest.mark.parametrize("page, words", [
    ((b"<html><head><title>Sign in</title></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
     b"<main><h1>Sign in to your account</h1><form><label>Email</label><input name=email><label>Password</label>"
     b"<input type=password><button>Log in</button></form><p>Forgot your password?</p></main></body></html>"),
     ("no article on it", "a login page")),
    (b"<html><body><nav><ul>" + b"".join(b"<li><a href='/s%d'>Section %d world politics</a></li>" % (i, i)
                                         for i in range(30)) + b"</ul></nav></body></html>",
     ("no article on it", "menus, links")),
])
def test_cli_web_page_without_an_article(home, tmp_path, capsys, page, words):
    path = tmp_path / "page.html"
    path.write_bytes(page)
    err = _cli_refuses([str(path)], capsys, *words)
    assert "password" in err if b"password" in page else "password" not in err


def test_a_web_page_with_an_article_is_still_read():
    """The control for the test above: one sentence of prose makes a page an article."""
    page = (b"<html><body><nav><a href='/'>Home</a></nav><article><p>India and Pakistan fought four wars since "
            b"1947, the record shows.</p></article></body></html>")
    assert "four wars" in text.parse(page).text


def test_cli_50_mb_file_is_refused_before_reading(home, tmp_path, capsys, monkeypatch):
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(50_000_000)

    def never(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(text.Path, "open", never)
    monkeypatch.setattr(text.Path, "read_bytes", never)
    _cli_refuses([str(big)], capsys, "50,000,000 bytes", f"up to {text.MAX_BYTES:,} bytes")


@pytest.mark.skipif(not __import__("os").path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_is_read_bounded(home, capsys):
    _cli_refuses(["/dev/zero"], capsys, f"over {text.MAX_BYTES:,} bytes")


def test_cli_directory_and_missing_path(home, tmp_path, capsys):
    _cli_refuses([str(tmp_path)], capsys, "is a folder")
    _cli_refuses([str(tmp_path / "nope.txt")], capsys, "No file", "nope.txt")


def test_cli_ten_thousand_sentences(home, tmp_path, capsys):
    path = tmp_path / "long.txt"
    path.write_text("India and Pakistan fought wars. " * 10_000)
    assert len(path.read_text()) < text.MAX_TEXT_CHARS          # under the character limit: the sentence limit speaks
    _cli_refuses([str(path)], capsys, "10,000 sentences", f"up to {text.MAX_SENTENCES:,} sentences")


def test_cli_windows_1252_english_is_decoded_and_said(home, tmp_path, capsys):
    path = tmp_path / "legacy.txt"
    path.write_bytes("India and Pakistan fought four wars since 1947, the \u201cexperts\u201d say; caf\u00e9 owners "
                     "agree.".encode("cp1252"))
    assert main(["check", str(path), "--date", "2024-06-01", "--no-robustness", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "read as windows-1252" in captured.err
    claim = json.loads(captured.out)["claims"][0]
    assert claim["verdict"] == "supported" and "\u201cexperts\u201d" in claim["sentence"]


@pytest.mark.parametrize("data, words", [
    ("インドとパキスタンは1947年以来4回の戦争をした。".encode("shift_jis"), ("not UTF-8", "iconv")),
    ("Россия и Иран подписали договор в 1942 году и с тех пор его соблюдают.".encode("koi8_r"), ("not UTF-8",)),
])
def test_cli_other_encodings_are_refused_not_guessed(home, tmp_path, capsys, data, words):
    path = tmp_path / "other.txt"
    path.write_bytes(data)
    _cli_refuses([str(path)], capsys, *words)


def test_html_declared_charset_is_used():
    page = ("<html><head><meta charset='iso-8859-1'></head><body><article><p>India and Pakistan fought four wars "
            "since 1947, the caf\u00e9 owner said, and the paragraph goes on long enough.</p></article></body></html>")
    article = text.parse(page.encode("latin-1"))
    assert article.encoding == "iso8859-1" and "caf\u00e9" in article.text


# ------------------------------------------------------------------------------------------------ URLs
class _Pages:
    """A local HTTP server answering each path with (content type, body)."""

    def __init__(self, pages: dict[str, tuple[str, bytes]]):
        import http.server
        import threading

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                ctype, body = pages[self.path]
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def pages():
    server = _Pages({
        "/article": ("text/html; charset=utf-8", (b"<html><body><article><p>India and Pakistan fought four wars "
                                                 b"since 1947, and this paragraph is long enough to keep.</p>"
                                                 b"</article></body></html>")),
        "/paper.pdf": ("application/pdf", b"%PDF-1.7\n" + bytes(range(256)) * 4),
        "/photo": ("image/jpeg", b"\xff\xd8\xff\xe0" + bytes(100)),
    })
    yield server
    server.close()


def test_url_html_is_read_with_online(pages):
    assert "four wars" in text.read(f"{pages.url}/article", online=True).text


@pytest.mark.parametrize("path, ctype", [("/paper.pdf", "application/pdf"), ("/photo", "image/jpeg")])
def test_cli_url_of_another_content_type(home, pages, capsys, path, ctype):
    _cli_refuses([f"{pages.url}{path}", "--online"], capsys, f"is {ctype}, not a web page or text")


def test_cli_url_when_the_network_is_down(home, capsys):
    import socket

    with socket.socket() as s:          # a port nothing listens on: the connection is refused, as offline
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    _cli_refuses([f"http://127.0.0.1:{port}/article", "--online"], capsys, "Could not fetch", "ConnectError",
                 "save the page and give the file")


def test_cli_url_without_online(home, capsys):
    _cli_refuses(["https://example.org/article"], capsys, "Not fetching", "--online")
