"""What every reader shares: telling the format, decoding text, cleaning lines, and the layout rules
that hold in any format (a caption line, a known part name, a bold lead-in, a table row's text).

The format is told by content, not by extension (a ``.txt`` holding Markdown, a PDF without an
extension); where the two disagree the document carries a warning.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

import regex

from extractor.errors import DecodeError, EmptyFile, UnsupportedFormat, warning
from extractor.model import Block, BlockKind, Document
from schemas import InputFormat, Span, Warning

# -- telling the format -------------------------------------------------------------------------

# What a file name's extension says the content is (only used to warn when the content disagrees).
_EXTENSIONS: dict[str, InputFormat] = {
    ".pdf": InputFormat.PDF,
    ".txt": InputFormat.TEXT,
    ".text": InputFormat.TEXT,
    ".md": InputFormat.MARKDOWN,
    ".markdown": InputFormat.MARKDOWN,
    ".htm": InputFormat.HTML,
    ".html": InputFormat.HTML,
    ".xhtml": InputFormat.HTML,
    ".docx": InputFormat.DOCX,
}

# Magic numbers of formats that are certainly not reports in a supported format.
_FOREIGN_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\xd0\xcf\x11\xe0", "an old binary Office file (.doc/.xls); save it as .docx or PDF"),
)


def sniff_format(data: bytes, path: str = "") -> InputFormat:
    """Tell the format from the bytes themselves; raise UnsupportedFormat for anything else.

    Text and Markdown both sniff as TEXT: the text reader tells Markdown by its markup.
    """
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return InputFormat.PDF
    if data.startswith(b"PK\x03\x04"):
        if b"word/" in data[:65536] or b"[Content_Types].xml" in data[:65536]:
            return InputFormat.DOCX
        raise UnsupportedFormat(path, "a ZIP archive that is not a Word document (.docx)")
    for magic, what in _FOREIGN_MAGIC:
        if data.startswith(magic):
            raise UnsupportedFormat(path, f"{what}; expected PDF, text, Markdown, HTML or DOCX")
    sample = data[:65536]
    # UTF-16 text has NULs too; anything else with NULs is binary.
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsupportedFormat(path, "binary data (NUL bytes); expected PDF, text, Markdown, HTML or DOCX")
    if _looks_like_html(sample):
        return InputFormat.HTML
    if head.startswith(b"<?xml"):
        raise UnsupportedFormat(
            path, "an XML file that is not XHTML; expected PDF, text, Markdown, HTML or DOCX"
        )
    return InputFormat.TEXT


# Saved pages may open with comments ("<!-- saved from url=... -->"); fragments lack <html>.
_LEADING_COMMENTS_RE = re.compile(rb"^(?:\s*<!--.*?-->)*\s*", re.DOTALL)
_STRUCTURE_TAG_RE = re.compile(rb"<(?:head|body|html|meta|title)\b", re.IGNORECASE)
# Block tags of a page body. Markdown-like text carries only inline <b>/<u>, never these.
_BLOCK_TAG_RE = re.compile(
    rb"</(?:p|div|h[1-6]|ul|ol|li|table|tr|td|th|section|article|dl|dd|dt)>", re.IGNORECASE
)


def _looks_like_html(sample: bytes) -> bool:
    """True for an HTML or XHTML page or fragment, told by its tags rather than its name."""
    start = _LEADING_COMMENTS_RE.sub(b"", sample.lstrip(b"\xef\xbb\xbf"), count=1)[:1024].lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return True
    if start.startswith(b"<?xml"):
        return b"<html" in sample[:4096].lower() or b"http://www.w3.org/1999/xhtml" in sample[:4096]
    structure = len(set(m.group(0).lower() for m in _STRUCTURE_TAG_RE.finditer(sample)))
    blocks = len(_BLOCK_TAG_RE.findall(sample))
    # A page without a doctype (<head>/<body>), or a fragment whose text is mostly in block tags.
    return (structure >= 2 and blocks >= 1) or (start.startswith(b"<") and blocks >= 3)


def warn_extension_mismatch(document: Document, name: str) -> None:
    """Warn when the content's format is not what the file name says (text/Markdown mix aside)."""
    suffix = Path(name).suffix.lower()
    expected = _EXTENSIONS.get(suffix)
    textual = {InputFormat.TEXT, InputFormat.MARKDOWN}
    if expected is None or expected is document.format:
        return
    if expected in textual and document.format in textual:
        return
    document.warnings.append(
        warning(
            "format-mismatch",
            f"file name says {suffix} but the content is {document.format.value}; "
            f"read as {document.format.value}",
        )
    )


# -- decoding text ------------------------------------------------------------------------------


# Encodings a report saved as text comes in when it is not UTF-8, most likely first.
# charset-normalizer chooses among these only: left free, it reads a short English text in
# Windows-1252 as Central European (cp1250) or Latin-1 as mac_latin2, which garbles accents.
LEGACY_ENCODINGS: tuple[str, ...] = ("cp1252", "iso8859_15", "mac_roman", "cp850", "cp437")
# Stray bytes in a UTF-8 file are read as Windows-1252: what a paste from a Windows program leaves.
STRAY_BYTES_ENCODING = "cp1252"
# Bytes that are not UTF-8, as ``surrogateescape`` decoding leaves them (U+DC80..U+DCFF), in runs.
_ESCAPED_RUN_RE = re.compile("[\udc80-\udcff]+")
_NAMED_LINES = 10  # lines named in a warning; more are counted


def decode_text(data: bytes, path: str) -> tuple[str, list[Warning]]:
    """Decode text bytes: UTF-8 (with or without BOM), UTF-16 by BOM, else repair or detect.

    A UTF-8 file with some bytes that are not UTF-8 (a paste from a Windows program) keeps
    its UTF-8 and has only those bytes read as Windows-1252; a file with no UTF-8 in it at all
    (no multi-byte sequence, no BOM) is read in the encoding charset-normalizer detects.
    Either way a ``not-utf8`` warning names the lines that held the bytes.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _one_newline(data.decode("utf-16")), []
        except UnicodeDecodeError as exc:
            raise DecodeError(path, f"invalid UTF-16 text: {exc.reason}") from exc
    try:
        return _one_newline(data.decode("utf-8-sig")), []
    except UnicodeDecodeError:
        pass
    has_bom = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if has_bom else data
    escaped = _one_newline(body.decode("utf-8", errors="surrogateescape"))
    strays = [(m.start(), m.end()) for m in _ESCAPED_RUN_RE.finditer(escaped)]
    stray_bytes = sum(end - start for start, end in strays)
    utf8_chars = sum(1 for c in escaped if ord(c) > 0x7F) - stray_bytes
    lines = sorted({escaped.count("\n", 0, start) + 1 for start, _ in strays})
    where = _lines_named(lines)
    span = Span(line=lines[0])
    # One valid multi-byte UTF-8 sequence (or the BOM) says UTF-8: a legacy file next to never
    # holds one by chance, and reading a UTF-8 file as legacy would garble every character.
    if utf8_chars > 0 or has_bom:
        text = _ESCAPED_RUN_RE.sub(_as_stray_bytes, escaped)
        message = (
            f"{stray_bytes} byte{'s' if stray_bytes > 1 else ''} not valid UTF-8 {where}; "
            "read those as Windows-1252 and the rest as UTF-8"
        )
        return text, [warning("not-utf8", message, span)]
    detected = detect_encoding(body)
    if detected is None:
        text = body.decode(STRAY_BYTES_ENCODING, errors="replace")
        message = f"not UTF-8 ({where}) and no encoding told; read as Windows-1252"
    else:
        text = body.decode(detected, errors="replace")
        message = f"not UTF-8 ({where}); read as {_encoding_name(detected)}, the encoding detected"
    return _one_newline(text), [warning("not-utf8", message, span)]


def detect_encoding(data: bytes) -> str | None:
    """The legacy encoding charset-normalizer finds the bytes read best in; None if none fits.

    Few accented bytes say little and several encodings may read them equally well (the same
    "chaos" score); a tie goes to the likelier encoding, in the order of ``LEGACY_ENCODINGS``,
    so a lone 0x92 in an English text is Windows-1252's apostrophe, not Mac Roman's "í". A
    long text tells them apart: the smallest chaos wins, even by a little.

    >>> detect_encoding("The force\u2019s plan \u2013 in full.".encode("cp1252"))
    'cp1252'
    """
    import charset_normalizer  # only a file with no UTF-8 in it pays for the import

    matches = list(charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)))
    known = [m for m in matches if m.encoding in LEGACY_ENCODINGS]
    if not known:
        return None
    return min(known, key=lambda m: (m.chaos, LEGACY_ENCODINGS.index(m.encoding))).encoding


def _as_stray_bytes(run: re.Match[str]) -> str:
    """A run of escaped bytes read as Windows-1252 (a byte it leaves undefined becomes U+FFFD)."""
    raw = bytes(ord(c) - 0xDC00 for c in run.group())
    return raw.decode(STRAY_BYTES_ENCODING, errors="replace")


def _lines_named(lines: list[int]) -> str:
    """'on line 4', 'on lines 4, 9' or 'on lines 4, 9, ... and 3 more lines'."""
    shown = ", ".join(str(n) for n in lines[:_NAMED_LINES])
    more = f" and {len(lines) - _NAMED_LINES} more" if len(lines) > _NAMED_LINES else ""
    return f"on line{'s' if len(lines) > 1 else ''} {shown}{more}"


def _encoding_name(codec: str) -> str:
    """A codec's name as people know it ('cp1252' -> 'Windows-1252')."""
    names = {"cp1252": "Windows-1252", "iso8859_15": "ISO-8859-15", "mac_roman": "Mac Roman"}
    return names.get(codec, codec.replace("cp", "code page ", 1) if codec.startswith("cp") else codec)


def decode_page(data: bytes, path: str) -> tuple[str, list[Warning]]:
    """Decode a web page: in the charset its ``<meta>`` declares when its bytes are not UTF-8,
    else as any text (:func:`decode_text`)."""
    declared = _declared_charset(data)
    if declared is None:
        return decode_text(data, path)
    # Windows-1252 for a declared Latin-1 or ASCII, as browsers do.
    if declared in {"iso8859-1", "latin-1", "ascii"}:
        declared = "cp1252"
    return _one_newline(data.decode(declared, errors="replace")), []


def require_text(text: str, path: str) -> str:
    """The decoded text, or EmptyFile when it holds only white space."""
    if not text.strip():
        raise EmptyFile(path, "the file holds no text")
    return text


def _one_newline(text: str) -> str:
    """One newline convention: CRLF and lone CR both end a line."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def _declared_charset(data: bytes) -> str | None:
    """The charset a page declares in <meta>, when its bytes are not UTF-8 (old saved pages)."""
    try:
        data.decode("utf-8-sig")
        return None
    except UnicodeDecodeError:
        pass
    match = _META_CHARSET_RE.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


# -- cleaning lines -----------------------------------------------------------------------------

# Conversion residue met in the wild: Word bookmarks, field codes, control and format characters.
_BOOKMARK_RE = regex.compile(r"\[bookmark:[^\]]*\]", regex.IGNORECASE)
_CONTROL_RE = regex.compile(r"[\p{Cc}\p{Cf}--[\t\n]]", regex.V1)
_SPACES_RE = regex.compile(r"[\p{Zs}\t\n\r]+", regex.V1)


def clean_line(line: str) -> str:
    """Normalise one line: NFC, no control or format characters, no Word residue (tabs kept)."""
    line = unicodedata.normalize("NFC", line)
    line = line.replace("\u00ad", "")  # soft hyphen
    line = _BOOKMARK_RE.sub("", line)
    return _CONTROL_RE.sub("", line)


def collapse(text: str) -> str:
    """Single spaces for any run of white space (tabs and newlines included), trimmed."""
    if not any(char in text for char in _SPACE_NOT_RUN):
        # Every character str.split() splits at is one _SPACES_RE joins (\t \n \r and the
        # space separators): the same result, without a regex replacing each single space.
        return " ".join(text.split())
    return _SPACES_RE.sub(" ", text).strip()


# White space that str.split() splits at but _SPACES_RE keeps (controls and line separators).
_SPACE_NOT_RUN = "\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029"


def one_line(text: str) -> str:
    """One line of clean text from markup's text: residue removed, single spaces, trimmed."""
    return collapse(clean_line(text))


# -- layout rules every format shares -----------------------------------------------------------


def bold_line_is_heading(text: str) -> bool:
    """A wholly bold line is a heading, unless it ends with ':' (a bold lead-in to what follows)."""
    return bool(text) and not text.endswith(":")


def trim_cells(cells: list[str]) -> list[str]:
    """A row's cells without its trailing empty ones (empty cells before a filled one are kept)."""
    while cells and not cells[-1]:
        cells.pop()
    return cells


def table_row(cells: list[str], span: Span) -> Block:
    """A table row block: its text is the non-empty cells joined by ' | '."""
    return Block(BlockKind.TABLE_ROW, " | ".join(cell for cell in cells if cell), span, cells=list(cells))
