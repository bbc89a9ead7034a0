"""An article's text and date, from a file, standard input or a URL: plain text, Markdown or HTML.

HTML goes through trafilatura (Barbaresi 2021, ACL demo), which drops scripts, menus and boilerplate
and reads the publication date from the page's metadata; Markdown loses its markup (headings,
emphasis, links keep their words); plain text is kept as it is. A URL is fetched only on request
(``online=True``), and the error says so when it is not or the network is down.

Input that cannot be an article is refused with :class:`~entente.errors.BadInput`, naming what was
wrong and the fix: no text, binary bytes, more than :data:`MAX_BYTES`, or a language other than English
(checked with a stop-word count, not guessed at: the claim patterns read English only).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from entente.errors import BadInput

#: The largest input read (bytes): a long explainer is 50 kB of HTML, a news page rarely 2 MB.
MAX_BYTES = 5_000_000
#: English function words; an article whose words hold fewer than :data:`MIN_ENGLISH_SHARE` of them
#: is taken to be in another language.
STOPWORDS = frozenset(
    ["the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "was", "by", "it", "at", "from", "are", "be", "have", "has", "had", "this", "which", "were", "their", "its", "an", "or", "not", "but", "they", "been", "since", "after", "over", "between", "than", "more", "also", "who", "will", "would"])
MIN_ENGLISH_SHARE = 0.12
#: The longest article text checked, after HTML or Markdown is stripped (about 80,000 words: a book
#: chapter, not an article; a page may be larger than this in bytes because of its markup).
MAX_TEXT_CHARS = 500_000
MIN_WORDS_FOR_LANGUAGE = 20


@dataclass(frozen=True)
class Article:
    """An article's plain ``text``, its ``date`` (None when unknown), ``title`` and where it came from."""

    text: str
    date: dt.date | None = None
    title: str | None = None
    source: str = "<text>"
    kind: str = "text"   # text, markdown or html

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None


def parse_date(value) -> dt.date | None:
    """``"2024-03-05"``, ``"2024-03"``, ``"2024"``, a date or None → a date (the first day when partial)."""
    if value is None or isinstance(value, dt.date):
        return value
    text = str(value).strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?", text)
    if not m:
        raise BadInput(f"Date {text[:40]!r} is not a date; write it as 2024-03-05 (or 2024-03, or 2024).")
    year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise BadInput(f"Date {text[:40]!r} is not a date ({exc}); write it as 2024-03-05.") from None


def is_url(source: str) -> bool:
    return bool(re.match(r"https?://", str(source), re.IGNORECASE))


def read(source, *, date=None, online: bool = False, stdin=None) -> Article:
    """The article at ``source``: a path, ``"-"`` for standard input, or an http(s) URL (``online`` only).

    ``date`` (a date or ``"2024-03-05"``) anchors "last year"; without it the page's own date is used
    when the HTML gives one. Raises BadInput for input that holds no readable English text.
    """
    given = parse_date(date)
    source = str(source)
    if is_url(source):
        data = _download(source, online)
    elif source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(MAX_BYTES + 1)
    else:
        path = Path(source)
        if path.is_dir():
            raise BadInput(f"{source!r} is a folder; give an article file, a URL or '-' for standard input.")
        if not path.exists():
            raise BadInput(f"No file {source!r}; give an article file, a URL or '-' for standard input.")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise BadInput(f"{source!r} is {size:,} bytes; entente check reads articles up to {MAX_BYTES:,} bytes. "
                           "Split the file or give the article alone.")
        data = path.read_bytes()
    return parse(data, date=given, source=source)


def _download(url: str, online: bool) -> bytes:
    if not online:
        raise BadInput(f"Not fetching {url!r}: entente works offline unless told otherwise. Pass --online, or save "
                       "the page and give the file.")
    import httpx

    try:
        response = httpx.get(url, follow_redirects=True, timeout=20.0)
        response.raise_for_status()
    except httpx.HTTPError as exc:
        raise BadInput(f"Could not fetch {url!r} ({type(exc).__name__}: {exc}); check the address and the "
                       "connection, or save the page and give the file.") from None
    if len(response.content) > MAX_BYTES:
        raise BadInput(f"{url!r} is {len(response.content):,} bytes; the limit is {MAX_BYTES:,}.")
    return response.content


def decode(data: bytes | str, source: str = "<text>") -> str:
    """Bytes → text (UTF-8, else UTF-16 with a byte-order mark); binary data is refused."""
    if isinstance(data, str):
        text = data
    else:
        if len(data) > MAX_BYTES:
            raise BadInput(f"{source!r} is over {MAX_BYTES:,} bytes; entente check reads articles up to that size.")
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            text = data.decode("utf-16", errors="replace")
        else:
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise BadInput(f"{source!r} is not UTF-8 text (binary data or another encoding); give the article "
                               "as plain text, Markdown or HTML in UTF-8.") from None
    controls = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\n\r\t\f")
    if "\x00" in text or controls > max(5, len(text[:20000]) // 100):
        raise BadInput(f"{source!r} holds binary data, not text; give the article as plain text, Markdown or HTML.")
    return text


def kind_of(text: str) -> str:
    head = text[:4000].lower()
    if re.search(r"<(html|body|head|article|p|div|!doctype)\b", head):
        return "html"
    if re.search(r"(?m)^(#{1,6} |\* |- |> )|\[[^\]]+\]\([^)]+\)|\*\*[^*]+\*\*", text[:20000]):
        return "markdown"
    return "text"


def parse(data: bytes | str, *, date=None, source: str = "<text>") -> Article:
    """An :class:`Article` from raw bytes or text, its kind guessed (HTML, Markdown or plain text)."""
    text = decode(data, source)
    kind = kind_of(text)
    title, found_date = None, None
    if kind == "html":
        text, title, found_date = _from_html(text, source)
    elif kind == "markdown":
        text = _from_markdown(text)
    text = _tidy(text)
    if not text.strip():
        raise BadInput(f"{source!r} holds no article text" + (" (the page has no article body)" if kind == "html"
                                                               else " (it is empty)")
                       + "; give a file with the article's sentences.")
    if len(text) > MAX_TEXT_CHARS:
        raise BadInput(f"{source!r} holds {len(text):,} characters of text; entente check reads articles up to "
                       f"{MAX_TEXT_CHARS:,} (about 80,000 words). Give the article alone, or split it.")
    _check_english(text, source)
    return Article(text=text, date=parse_date(date) or found_date, title=title, source=source, kind=kind)


def _from_html(html: str, source: str) -> tuple[str, str | None, dt.date | None]:
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - a dependency
        raise BadInput("Reading HTML needs trafilatura: pip install trafilatura") from None
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True) or ""
    meta = trafilatura.extract_metadata(html)
    title = getattr(meta, "title", None) if meta else None
    found = None
    if meta and getattr(meta, "date", None):
        try:
            found = parse_date(meta.date)
        except BadInput:
            found = None
    return text, title, found


def _from_markdown(text: str) -> str:
    text = re.sub(r"(?s)```.*?```", " ", text)                      # code blocks
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)                # images
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)             # links keep their words
    text = re.sub(r"(?m)^\s{0,3}(#{1,6}|>|[*+-]|\d+\.)\s+", "", text)  # headings, quotes, list marks
    text = re.sub(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1", r"\2", text)  # emphasis, code spans
    return text


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return re.sub(r"[ \t]+", " ", text).strip()


def _check_english(text: str, source: str) -> None:
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        if words and not any(w in STOPWORDS for w in words) and not any(w.isascii() for w in words):
            raise BadInput(f"{source!r} does not look like English; entente check reads English articles only.")
        return
    share = sum(w in STOPWORDS for w in words) / len(words)
    if share < MIN_ENGLISH_SHARE:
        raise BadInput(f"{source!r} does not look like English ({share:.0%} of its words are common English words); "
                       "entente check reads English articles only and does not guess at others.")
