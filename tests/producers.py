"""PDF producers other than reportlab, for the engines' parity tests: Chromium and WeasyPrint.

A document model is written as a plain HTML page (headings by their role's level, paragraphs,
bullets, ruled tables, captions; each PEEL area on a new page), which each producer prints to an
A4 PDF at test time. Nothing generated is committed. A producer that is not installed gives None.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from pathlib import Path

from extractor.model import Block, BlockKind, Document
from tests.pdfgen import _area_starts, _heading_levels

STYLE = """
@page { size: A4; margin: 20mm 18mm; }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; line-height: 1.35; }
h1 { font-size: 20pt; } h2 { font-size: 15pt; } h3 { font-size: 11pt; }
h1.area { break-before: page; }
table { border-collapse: collapse; width: 100%; margin: 8pt 0; }
td, th { border: 0.75pt solid #000; padding: 3pt; vertical-align: top; text-align: left; }
p.caption { font-size: 8pt; font-style: italic; }
"""


def report_html(document: Document) -> str:
    """The document's blocks as one HTML page laid out for print."""
    levels = _heading_levels(document)
    areas = _area_starts(document)
    out = [f"<!doctype html><html><head><meta charset='utf-8'><style>{STYLE}</style></head><body>"]
    blocks = document.blocks
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind is BlockKind.TABLE_ROW:
            end = index
            while end < len(blocks) and blocks[end].kind is BlockKind.TABLE_ROW:
                end += 1
            out.append(_table(blocks[index:end]))
            index = end
            continue
        text = html.escape(block.text)
        if block.is_heading:
            level = levels.get(index, 3)
            css = " class='area'" if index in areas and index > 0 else ""
            out.append(f"<h{level}{css}>{text}</h{level}>")
        elif block.kind is BlockKind.LIST_ITEM:
            out.append(f"<ul><li>{text}</li></ul>")
        elif block.kind is BlockKind.CAPTION:
            out.append(f"<p class='caption'>{text}</p>")
        else:
            out.append(f"<p>{text}</p>")
        index += 1
    out.append("</body></html>")
    return "\n".join(out)


def _table(rows: list[Block]) -> str:
    width = max(len(row.cells or [row.text]) for row in rows)
    body = []
    for n, row in enumerate(rows):
        cells = list(row.cells or [row.text])
        cells += [""] * (width - len(cells))
        tag = "th" if n == 0 else "td"
        body.append("<tr>" + "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in cells) + "</tr>")
    return "<table>" + "".join(body) + "</table>"


def chromium_pdf(page: str, target: Path) -> Path | None:
    """Print an HTML page to PDF with headless Chromium; None when Chromium is not installed."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        return None
    with tempfile.TemporaryDirectory(prefix="peel-chromium-") as tmp:
        source = Path(tmp) / "page.html"
        source.write_text(page, encoding="utf-8")
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                f"--user-data-dir={tmp}/profile",
                f"--print-to-pdf={target}",
                source.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    return target if target.exists() else None


def weasyprint_pdf(page: str, target: Path) -> Path | None:
    """Render an HTML page to PDF with WeasyPrint; None when it (or its Pango) is not installed."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError):
        return None
    HTML(string=page).write_pdf(target)
    return target


PRODUCERS = {"chromium": chromium_pdf, "weasyprint": weasyprint_pdf}
