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
