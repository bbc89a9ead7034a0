"""An article's text and date, from a file, standard input or a URL: plain text, Markdown or HTML.

HTML goes through trafilatura (Barbaresi 2021, ACL demo), which drops scripts, menus and boilerplate
and reads the publication date from the page's metadata; Markdown loses its markup (headings,
emphasis, links keep their words); plain text is kept as it is. A URL is fetched only on request
(``online=True``), and the error says so when it is not or the network is down.

Input that cannot be an article is refused with :class:`~entente.errors.BadInput`, naming what was
wrong and the fix: no text, binary bytes, more than :data:`MAX_BYTES` (refused before reading, or, for a
pipe or device, after reading one byte more), more than :data:`MAX_SENTENCES` sentences, a web page with
no article on it (a login form, a menu: no line of prose), a URL whose content type is not a web page
or text, or a language other than English (checked with a stop-word count, not guessed at: the claim
patterns read English only; the error names the language or script it looks like when a short list of
common words or the Unicode script says so).

Bytes that are not UTF-8 are decoded only where the decoding is known, not guessed: UTF-16 with a
byte-order mark, the charset an HTML page declares, or Windows-1252 (Latin-1's superset, the usual
legacy encoding of English text) when it decodes cleanly and leaves under
:data:`MAX_LEGACY_NON_ASCII` of the characters outside ASCII (curly quotes, an accent); the
:class:`Article` says which (``encoding``). Otherwise the error says the file is not UTF-8 and how to
convert it.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from entente.errors import BadInput
from entente.factcheck.mentions import sentences

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
#: The most sentences checked (about 40,000 words: a long report; a news article has under 200).
MAX_SENTENCES = 2_000
#: Windows-1252 text with more than this share of non-ASCII characters is not taken for English.
MAX_LEGACY_NON_ASCII = 0.05
#: What a web page must hold to be an article: one line of prose, at least this many words ending in a stop.
MIN_PROSE_WORDS = 6
#: Content types read from a URL (a web page or text); anything else is refused before its body is read.
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown", "text/x-markdown")
#: The commonest words of a few languages, only to name what a non-English article looks like.
OTHER_LANGUAGES = {
    "German": frozenset({
        "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "mit", "von", "den", "dem", "zu", "auf", "für",
        "sich", "im", "des", "auch", "es", "wie"}),
    "French": frozenset({
        "le", "la", "les", "et", "est", "des", "une", "un", "du", "pour", "dans", "que", "qui", "sur", "pas", "au",
        "avec", "ce", "il", "elle", "sont"}),
    "Spanish": frozenset({
        "el", "la", "los", "las", "y", "es", "del", "una", "un", "por", "para", "con", "que", "en", "se", "su",
        "al", "como", "más", "pero"}),
    "Italian": frozenset({
        "il", "la", "di", "che", "è", "e", "un", "una", "per", "non", "con", "del", "della", "le", "gli", "nel",
        "sono", "anche", "come"}),
    "Portuguese": frozenset({
        "o", "a", "os", "as", "e", "de", "do", "da", "em", "um", "uma", "para", "com", "não", "que", "se", "por",
        "mais", "dos", "das"}),
    "Dutch": frozenset({
        "de", "het", "een", "en", "is", "van", "dat", "niet", "op", "te", "zijn", "met", "voor", "in", "er", "aan",
        "ook", "als"}),
}
#: Unicode blocks that name a script, for text whose words are not in the Latin alphabet.
SCRIPTS = ((0x0400, 0x052F, "Cyrillic script (Russian, Ukrainian or another language)"),
           (0x0600, 0x06FF, "Arabic script (Arabic, Persian, Urdu or another language)"),
           (0x0590, 0x05FF, "Hebrew script"), (0x0370, 0x03FF, "Greek script"),
           (0x0900, 0x097F, "Devanagari script (Hindi or another language)"),
           (0x3040, 0x30FF, "Japanese (kana)"), (0xAC00, 0xD7AF, "Korean (Hangul)"),
           (0x4E00, 0x9FFF, "Chinese characters (Chinese or Japanese)"))


@dataclass(frozen=True)
class Article:
    """An article's plain ``text``, its ``date`` (None when unknown), ``title`` and where it came from."""

    text: str
    date: dt.date | None = None
    title: str | None = None
    source: str = "<text>"
    kind: str = "text"   # text, markdown or html
    encoding: str = "utf-8"   # how the bytes were decoded (see the module's docstring)

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
            raise BadInput(f"{source!r} is {size:,} bytes; entente reads articles up to {MAX_BYTES:,} bytes. "
                           "Split the file or give the article alone.")
        with path.open("rb") as stream:      # bounded: a device or a pipe (/dev/zero) has no size to check first
            data = stream.read(MAX_BYTES + 1)
    return parse(data, date=given, source=source)


def _download(url: str, online: bool) -> bytes:
    if not online:
        raise BadInput(f"Not fetching {url!r}: entente works offline unless told otherwise. Pass --online, or save "
                       "the page and give the file.")
    import httpx  # only when a URL is fetched: a second or so of imports otherwise

    try:
        with httpx.stream("GET", url, follow_redirects=True, timeout=20.0) as response:
            response.raise_for_status()
            ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype and ctype not in TEXT_TYPES:
                raise BadInput(f"{url!r} is {ctype}, not a web page or text; entente reads HTML, plain text "
                               "or Markdown. Give the address of the article's page.")
            announced = response.headers.get("content-length", "")
            if announced.isdigit() and int(announced) > MAX_BYTES:
                raise BadInput(f"{url!r} is {int(announced):,} bytes; entente reads articles up to "
                               f"{MAX_BYTES:,} bytes.")
            data = bytearray()
            for chunk in response.iter_bytes():
                data += chunk
                if len(data) > MAX_BYTES:
                    raise BadInput(f"{url!r} is over {MAX_BYTES:,} bytes; entente reads articles up to that "
                                   "size.")
    except httpx.HTTPError as exc:
        raise BadInput(f"Could not fetch {url!r} ({type(exc).__name__}: {exc}); check the address and the "
                       "connection (entente may be offline), or save the page and give the file.") from None
    return bytes(data)


def decode(data: bytes | str, source: str = "<text>") -> str:
    """Bytes → text (see :func:`decode_as`); binary data is refused."""
    return decode_as(data, source)[0]


def decode_as(data: bytes | str, source: str = "<text>") -> tuple[str, str]:
    """Bytes → (text, encoding): UTF-8, UTF-16 with a byte-order mark, the charset an HTML page declares,
    or clean Windows-1252 English (the module's docstring); anything else, and binary data, is refused."""
    encoding = "utf-8"
    if isinstance(data, str):
        text = data
    else:
        if len(data) > MAX_BYTES:
            raise BadInput(f"{source!r} is over {MAX_BYTES:,} bytes; entente reads articles up to that size.")
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            text, encoding = data.decode("utf-16", errors="replace"), "utf-16"
        else:
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                text, encoding = _legacy(data, source, exc)
    controls = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\n\r\t\f")
    if "\x00" in text or controls > max(5, len(text[:20000]) // 100):
        raise BadInput(f"{source!r} holds binary data, not text; give the article as plain text, Markdown or HTML.")
    return text, encoding


def _legacy(data: bytes, source: str, error: UnicodeDecodeError) -> tuple[str, str]:
    """Bytes that are not UTF-8: the charset the page declares, else Windows-1252 when it decodes and
    reads as English would (few characters outside ASCII), else a :class:`BadInput` saying so."""
    declared = re.search(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})""", data[:8192], re.IGNORECASE)
    if declared:
        name = declared.group(1).decode("ascii")
        try:
            return data.decode(codecs.lookup(name).name), codecs.lookup(name).name
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and sum(ord(c) > 127 for c in text) <= MAX_LEGACY_NON_ASCII * max(len(text), 1):
        return text, "windows-1252"
    raise BadInput(f"{source!r} is not UTF-8 text (binary data or another encoding: byte {error.start:,} is "
                   f"0x{data[error.start]:02x}) and not plain Windows-1252 English either; give the article as plain "
                   "text, Markdown or HTML in UTF-8 (convert it with: iconv -f ENCODING -t UTF-8 FILE).")


def kind_of(text: str) -> str:
    head = text[:4000].lower()
    if re.search(r"<(html|body|head|article|p|div|!doctype)\b", head):
        return "html"
    if re.search(r"(?m)^(#{1,6} |\* |- |> )|\[[^\]]+\]\([^)]+\)|\*\*[^*]+\*\*", text[:20000]):
        return "markdown"
    return "text"


def parse(data: bytes | str, *, date=None, source: str = "<text>") -> Article:
    """An :class:`Article` from raw bytes or text, its kind guessed (HTML, Markdown or plain text)."""
    raw, encoding = decode_as(data, source)
    kind = kind_of(raw)
    title, found_date = None, None
    if kind == "html":
        text, title, found_date = _from_html(raw, source)
    elif kind == "markdown":
        title = _markdown_title(raw)
        text = _from_markdown(raw)
    else:
        text = raw
    text = _tidy(text)
    if not text.strip():
        raise BadInput(f"{source!r} holds no article text" + (" (the page has no article body)" if kind == "html"
                                                               else " (it is empty)")
                       + "; give a file with the article's sentences.")
    if len(text) > MAX_TEXT_CHARS:
        raise BadInput(f"{source!r} holds {len(text):,} characters of text; entente reads articles up to "
                       f"{MAX_TEXT_CHARS:,} (about 80,000 words). Give the article alone, or split it.")
    if kind == "html" and not _has_prose(text):
        login = " and a password field: a login page" if re.search(r"""type\s*=\s*["']?password""", raw, re.IGNORECASE) else ""
        raise BadInput(f"{source!r} is a web page with no article on it: {len(text.split())} words of menus, links "
                       f"or form labels{login}, and no sentence. Give the address or file of the article itself.")
    n = len(sentences(text))
    if n > MAX_SENTENCES:
        raise BadInput(f"{source!r} holds {n:,} sentences; entente reads articles up to {MAX_SENTENCES:,} "
                       "sentences (about 40,000 words; a news article has under 200). Give the article alone, or "
                       "split it.")
    _check_english(text, source)
    return Article(text=text, date=parse_date(date) or found_date, title=title, source=source, kind=kind,
                   encoding=encoding)


def _has_prose(text: str) -> bool:
    """A line of at least :data:`MIN_PROSE_WORDS` words ending in a stop: what menus and forms lack."""
    return any(len(line.split()) >= MIN_PROSE_WORDS and re.search(r"[.!?][\"'”’)]*\s*$", line)
               for line in text.split("\n"))


def _markdown_title(text: str) -> str | None:
    """The first heading of a Markdown article ("# Title"), without its marks."""
    m = re.search(r"(?m)^\s{0,3}#{1,2}\s+(.+?)\s*#*\s*$", text[:20000])
    return _from_markdown(m.group(1)).strip() or None if m else None


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
            raise BadInput(f"{source!r} does not look like English{_looks_like(words, text)}; entente reads "
                           "English articles only and does not guess at claims in other languages.")
        return
    share = sum(w in STOPWORDS for w in words) / len(words)
    if share < MIN_ENGLISH_SHARE:
        raise BadInput(f"{source!r} does not look like English ({share:.0%} of its words are common English words"
                       f"{_looks_like(words, text)}); entente reads English articles only and does not guess at "
                       "claims in other languages.")


def _looks_like(words: list[str], text: str) -> str:
    """'; it looks like German (30% of its words are common German words)', or the script it is written
    in, or '' when neither says."""
    counts: dict[str, int] = {}
    for c in text[:20000]:
        if ord(c) > 0x036F:
            for first, last, name in SCRIPTS:
                if first <= ord(c) <= last:
                    counts[name] = counts.get(name, 0) + 1
                    break
    letters = sum(c.isalpha() for c in text[:20000]) or 1
    if counts:
        name, n = max(counts.items(), key=lambda kv: kv[1])
        if n >= 0.3 * letters:
            return f"; it is written in {name}"
    shares = {lang: sum(w in common for w in words) / len(words) for lang, common in OTHER_LANGUAGES.items()}
    lang, share = max(shares.items(), key=lambda kv: kv[1])
    if share >= 0.15:
        return f"; it looks like {lang}: {share:.0%} of its words are common {lang} words"
    return ""
