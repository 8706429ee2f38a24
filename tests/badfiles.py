"""A corpus of hostile inputs, generated on the fly (nothing binary is committed).

Each builder writes files into a folder and returns ``{file name: expected error code}``, with
``None`` for a file that must give a report. Used by the batch tests as one run.
"""

from __future__ import annotations

import io
from pathlib import Path

from conftest import sample

# Limit the batch runs with, so the 50 MB line is refused unread (reading it took 13-20 s).
BATCH_MAX_BYTES = 16 * 1024 * 1024

INSPECTION_TEXT = """\
PEEL 2023–25
An inspection of Dorset Police

Investigating crime
Requires improvement

We examined 20 cases and found that in 14 of the 20 cases the investigation was effective.
"""


def write_text_corpus(folder: Path) -> dict[str, str | None]:
    """Text-path bad files (and two good ones) with the error code each must give."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, tuple[bytes, str | None]] = {
        "empty.txt": (b"", "empty-file"),
        "blank.txt": (b" \n\t\r\n  \n", "empty-file"),
        "nul-bytes.txt": (b"PEEL inspection\x00\x00\x00" + b"\x00" * 4096, "unsupported-format"),
        "picture.txt": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "unsupported-format"),
        "zip-not-docx.docx": (b"PK\x03\x04" + b"\x00" * 200, "unsupported-format"),
        # A UTF-16 byte-order mark followed by an odd number of bytes cannot be UTF-16.
        "broken-utf16.txt": (b"\xff\xfeP\x00E\x00E\x00L\x00 \x00\x00\xd8", "decode-error"),
        "one-long-line.txt": (b"x" * (50 * 1024 * 1024), "too-large"),
        "news.txt": (
            b"Local news\n\nThe bakery on the high street reopens on Monday.\n",
            "not-an-inspection-document",
        ),
        # UTF-8 and Windows-1252 in one file: read as cp1252 with a warning, still a report.
        "mixed-encodings.txt": (
            INSPECTION_TEXT.encode("utf-8") + "Café culture – a note.\n".encode("cp1252"),
            None,
        ),
        "good-variant.txt": (INSPECTION_TEXT.encode("utf-8"), None),
        "good-sample.txt": (sample("001").read_bytes(), None),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    return {name: code for name, (_, code) in files.items()}


def report_pdf(text: str, pages: int = 1, lines_per_page: int = 45) -> bytes:
    """A simple multi-page PDF that sets ``text`` line by line with reportlab (deterministic bytes)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    lines = [line[:95] for line in text.splitlines()] or [""]
    at = 0
    for _ in range(pages):
        y = 800
        for _ in range(lines_per_page):
            pdf.drawString(56, y, lines[at % len(lines)])
            at += 1
            y -= 16
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def write_pdf_corpus(folder: Path) -> dict[str, str | None]:
    """PDF bad files (and one good PDF) with the error code each must give."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    folder.mkdir(parents=True, exist_ok=True)
    good = report_pdf(sample("001").read_text(encoding="utf-8"), pages=2)

    encrypted = io.BytesIO()
    pdf = canvas.Canvas(
        encrypted, invariant=1, encrypt=StandardEncryption("secret", ownerPassword="owner", strength=128)
    )
    pdf.drawString(56, 800, "PEEL 2023–25 An inspection of Dorset Police")
    pdf.showPage()
    pdf.save()

    bomb = io.BytesIO()
    pdf = canvas.Canvas(bomb, invariant=1)
    for _ in range(3000):  # 3,000 pages with nothing on them: ~1.2 MB, ~4 s for pdfminer
        pdf.showPage()
    pdf.save()

    files: dict[str, tuple[bytes, str | None]] = {
        "good-report.pdf": (good, None),
        "truncated.pdf": (good[: len(good) // 2], "corrupt-pdf"),
        "header-only.pdf": (b"%PDF-1.7\n", "corrupt-pdf"),
        "encrypted.pdf": (encrypted.getvalue(), "encrypted-pdf"),
        "bomb-of-empty-pages.pdf": (bomb.getvalue(), "no-text-layer"),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    return {name: code for name, (_, code) in files.items()}


# --- issue 14: names, special files, bombs, deep pages, our own outputs ----------------------------

OTHER_FORCE_TEXT = """\
PEEL 2023–25
An inspection of Gwent Police

Responding to the public
Adequate

The constabulary answered 9 of the 12 emergency calls we listened to within the target time.
"""


_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_PACKAGE_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Target="word/document.xml" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
    b"</Relationships>"
)
_BODY_OPEN = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w='
    b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
)
_BODY_CLOSE = b"</w:t></w:r></w:p></w:body></w:document>"


def zip_bomb(padding: int = 1 << 30, declared: int | None = None) -> bytes:
    """A Word document (a package python-docx opens) whose one paragraph holds ``padding`` spaces:
    1 GiB of ``word/document.xml`` in a file of about 1 MB.

    Built without inflating anything: a chunk of spaces compressed on its own and ended with a
    full flush is a self-contained deflate block, so the member is that block repeated.
    ``declared``: the size the member's headers claim (a lying bomb), default the truth.
    """
    import struct
    import zlib

    chunk = b" " * (1 << 20)
    assert padding % len(chunk) == 0
    repeats = padding // len(chunk)

    def deflated(data: bytes) -> bytes:
        squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
        return squeeze.compress(data) + squeeze.flush(zlib.Z_FULL_FLUSH)

    ending = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream = deflated(_BODY_OPEN) + deflated(chunk) * repeats + ending.compress(_BODY_CLOSE) + ending.flush()
    crc = zlib.crc32(_BODY_OPEN)
    for _ in range(repeats):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(_BODY_CLOSE, crc)
    size = len(_BODY_OPEN) + padding + len(_BODY_CLOSE)
    members = [
        (
            b"[Content_Types].xml",
            zlib.compress(_CONTENT_TYPES)[2:-4],
            zlib.crc32(_CONTENT_TYPES),
            len(_CONTENT_TYPES),
        ),
        (b"_rels/.rels", zlib.compress(_PACKAGE_RELS)[2:-4], zlib.crc32(_PACKAGE_RELS), len(_PACKAGE_RELS)),
        (b"word/document.xml", stream, crc, size if declared is None else declared),
    ]
    out, central = bytearray(), bytearray()
    for name, data, member_crc, length in members:
        offset = len(out)
        out += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, member_crc, len(data), length, len(name), 0
        )
        out += name + data
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, member_crc, len(data), length,
            len(name), 0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        central += name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0)
    return bytes(out + central + end)


DEEP_CONTENT = (
    "<h1>PEEL 2023–25: an inspection of Gwent Police</h1>"
    "<h2>Responding to the public</h2><p>Adequate</p>"
    "<p>The constabulary answered 9 of the 12 emergency calls we listened to within the target time.</p>"
)


def deep_page(levels: int, content: str = DEEP_CONTENT) -> bytes:
    """A page whose inspection content sits ``levels`` elements deep (libxml2 stops at 256 by default)."""
    body = "<div>" * levels + content + "</div>" * levels
    return f"<!DOCTYPE html><html><head><title>Gwent</title></head><body>{body}</body></html>".encode()


def own_outputs() -> dict[str, bytes]:
    """Files peel-extract writes, under names an input folder might hold them by (copied or moved)."""
    import tempfile

    from extractor import extract
    from extractor.outputs.csv import FINDING_COLUMNS, JUDGMENT_COLUMNS, csv_text, judgment_rows
    from extractor.outputs.index import index_line, ok_entry
    from extractor.outputs.json import report_json
    from extractor.outputs.sqlite import write_db

    report = extract("elsewhere/gwent.txt", OTHER_FORCE_TEXT.encode("utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        write_db([report], Path(tmp) / "copy.sqlite")
        database = (Path(tmp) / "copy.sqlite").read_bytes()
    return {
        "gwent-report.json": report_json(report).encode("utf-8"),
        "old-index.jsonl": index_line(ok_entry("elsewhere/gwent.txt", "gwent.json", report)).encode("utf-8"),
        "old-judgments.csv": csv_text(JUDGMENT_COLUMNS, judgment_rows(report)).encode("utf-8"),
        "old-findings.csv": csv_text(FINDING_COLUMNS, []).encode("utf-8"),
        "old-run.log": b"=== elsewhere/x.txt [internal-error] peel-extract 0.1.0\nTraceback ...\n\n",
        "copy.sqlite": database,
    }


def write_hostile_corpus(folder: Path) -> dict[str, str | None]:
    """The inputs of issue 14 in ``folder`` (and its sub-folders), with the code each must give
    (``None``: a report); entries met in the folder walk that must be skipped give ``skipped:CODE``."""
    import os
    import socket

    from tests.docx_build import response_docx

    folder.mkdir(parents=True, exist_ok=True)
    good = OTHER_FORCE_TEXT.encode("utf-8")
    expected: dict[str, str | None] = {}

    def put(name: str | bytes, data: bytes, code: str | None) -> None:
        path = os.path.join(os.fsencode(folder), os.fsencode(name))
        with open(path, "wb") as handle:
            handle.write(data)
        expected[os.fsdecode(name)] = code

    # 1. Names at the file system's limit: 255 bytes with ".txt", 237-250-byte stems, multi-byte.
    for stem_bytes in (251, 250, 245, 237):
        put("n" * stem_bytes + ".txt", good, None)
    put("é" * 125 + ".txt", good, None)  # 254 bytes, the cut must not split a character
    # 4. DOCX zip bombs: an honest one and one whose headers lie; and a real Word document.
    put("bomb.docx", zip_bomb(), "too-large")
    put("lying-bomb.docx", zip_bomb(64 << 20, declared=1000), "unsupported-format")
    put("response.docx", response_docx(sample("003").read_text(encoding="utf-8"))[0], None)
    # 5. Deep HTML: past libxml2's default 256 levels (read in full), past its huge limit (refused).
    put("deep-300.html", deep_page(300), None)
    put("deep-3000.html", deep_page(3000), "too-large")
    # 6. Special files and links in a folder: listed as skipped, never opened.
    os.mkfifo(folder / "pipe")
    expected["pipe"] = "skipped:not-a-regular-file"
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(folder / "sock"))
    listener.close()  # the socket file stays
    expected["sock"] = "skipped:not-a-regular-file"
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    expected["dangling.txt"] = "skipped:unreadable"
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    expected["loop.txt"] = "skipped:unreadable"
    (folder / "null.txt").symlink_to("/dev/null")
    expected["null.txt"] = "skipped:not-a-regular-file"
    put("locked.txt", good, None if os.geteuid() == 0 else "unreadable")  # root reads anything
    (folder / "locked.txt").chmod(0)
    # 7. Names are data: formulas, escape sequences, a forged line, bytes that are not UTF-8.
    put("=HYPERLINK(evil).txt", good, None)
    put("@SUM(1+1).txt", good, None)
    put("+44 report.txt", good, None)
    put("-minus.txt", good, None)
    put("esc\x1b[2J\x1b]0;owned\x07.txt", good, None)
    put("line\nerror: forged.txt [internal-error]", good, None)
    put(b"caf\xe9-latin1.txt", good, None)
    put("rtl\u202etxt.exe", good, None)
    # 3. peel-extract's own outputs, copied into an input folder: skipped, never re-extracted.
    for name, data in own_outputs().items():
        put(name, data, "skipped:own-output")
    # ... and an earlier run's output folder inside the input folder: passed over whole.
    earlier = folder / "earlier-run"
    earlier.mkdir()
    (earlier / ".peel-extract.lock").touch()
    (earlier / "gwent.json").write_bytes(own_outputs()["gwent-report.json"])
    return expected
