"""The two PDF engines held one against the other, on PDFs from several producers and odd pages.

Samples are rendered at test time by reportlab (``tests/pdfgen.py``, the inspectorate's layout),
headless Chromium and WeasyPrint (``tests/producers.py``); a producer that is not installed is
skipped. Both engines must give the same report, boxes aside (within half a point), and the
report of the text the PDF was made from. Pages whose MediaBox does not start at 0, pages with a
CropBox and pages turned by /Rotate must read as the same page drawn plainly.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfgen import canvas

from extractor.api import extract, load_document
from extractor.model import Document
from extractor.outputs.json import report_json
from extractor.readers.pdf.engine import DEFAULT_ENGINE, ENGINES, check_engine
from schemas import Report
from tests import pdfgen
from tests.conftest import sample
from tests.producers import PRODUCERS, report_html

pytestmark = pytest.mark.slow

SAMPLES = ("000", "004")
# pdfium reads each /Widths entry as a whole 1/1000 em (549.8 as 549); reportlab writes its
# TrueType widths with decimals, so on its PDFs x drifts along a line (0.8 pt at most at the end
# of a full line). The drift is in pdfium's character origins (FPDFText_GetCharOrigin) as much
# as in its boxes: they are placed by the same widths, and the exact ones are not in its API.
TOLERANCE = {"reportlab": 1.0, "chromium": 0.5, "weasyprint": 0.5}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path | None]:
    folder = tmp_path_factory.mktemp("producers")
    cache: dict[tuple[str, str], Path | None] = {}
    for prefix in SAMPLES:
        document = load_document(sample(prefix))
        path = folder / f"reportlab-{prefix}.pdf"
        pdfgen.render(document, path)
        cache["reportlab", prefix] = path
        page = report_html(document)
        for name, produce in PRODUCERS.items():
            cache[name, prefix] = produce(page, folder / f"{name}-{prefix}.pdf")
    return cache


def _pdf(rendered: dict[tuple[str, str], Path | None], producer: str, prefix: str) -> Path:
    path = rendered[producer, prefix]
    if path is None:
        pytest.skip(f"{producer} is not installed")
    return path


def _differences(a: Any, b: Any, tolerance: float, path: str = "") -> tuple[list[str], float]:
    """Where two report dicts differ (boxes within ``tolerance`` points aside), and the largest box gap."""
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            return [f"{path}: keys {sorted(a.keys() ^ b.keys())}"], 0.0
        found: list[str] = []
        worst = 0.0
        for key in a:
            more, gap = _differences(a[key], b[key], tolerance, f"{path}.{key}")
            found += more
            worst = max(worst, gap)
        return found, worst
    if isinstance(a, list) and isinstance(b, list):
        if path.endswith(".bbox") and len(a) == len(b) == 4:
            gap = max(abs(x - y) for x, y in zip(a, b, strict=True))
            return ([f"{path}: {a} vs {b}"] if gap > tolerance else []), gap
        if len(a) != len(b):
            return [f"{path}: {len(a)} vs {len(b)} items"], 0.0
        found, worst = [], 0.0
        for n, (x, y) in enumerate(zip(a, b, strict=True)):
            more, gap = _differences(x, y, tolerance, f"{path}[{n}]")
            found += more
            worst = max(worst, gap)
        return found, worst
    return ([f"{path}: {a!r} vs {b!r}"] if a != b else []), 0.0


def _without_offsets(value: Any) -> Any:
    """``value`` without character offsets: they count every character before a result, so one
    space an engine reads differently anywhere earlier (in a caption) moves them all."""
    if isinstance(value, dict):
        return {k: _without_offsets(v) for k, v in value.items() if k not in ("start", "end")}
    if isinstance(value, list):
        return [_without_offsets(v) for v in value]
    return value


def _report(path: Path, engine: str) -> dict[str, Any]:
    """The report as JSON, less ``source.engine`` (checked to name the engine that read it) and
    offsets (each engine's results stand at its own: ``test_offsets``)."""
    data: dict[str, Any] = json.loads(report_json(extract(path, engine=engine)))
    assert data["source"].pop("engine") == engine
    return _without_offsets(data)


@pytest.mark.parametrize("prefix", SAMPLES)
@pytest.mark.parametrize("producer", sorted(TOLERANCE))
def test_engines_give_the_same_report(rendered: Any, producer: str, prefix: str) -> None:
    path = _pdf(rendered, producer, prefix)
    found, worst = _differences(_report(path, "pdfplumber"), _report(path, "pdfium"), TOLERANCE[producer])
    assert not found, found[:10]
    assert worst > 0  # the boxes were compared (and each engine measured them itself)


def _results(report: Report) -> dict[str, Any]:
    """What the stages found, without where: grades, counts, findings and items."""
    items = ("areas_for_improvement", "causes_of_concern", "recommendations", "innovative_practice")
    return {
        "judgments": [(j.area.id, j.grade) for j in report.judgments],
        "counts": [(c.of, c.area_id, c.count) for c in report.stated_counts],
        "findings": Counter((f.x, f.y) for f in report.findings),
        **{name: [i.title for i in getattr(report, name)] for name in items},
    }


@pytest.mark.parametrize("engine", sorted(ENGINES))
@pytest.mark.parametrize("prefix", SAMPLES)
@pytest.mark.parametrize("producer", sorted(TOLERANCE))
def test_engine_gives_the_text_versions_results(
    rendered: Any, producer: str, prefix: str, engine: str
) -> None:
    pdf = _results(extract(_pdf(rendered, producer, prefix), engine=engine))
    text = _results(extract(sample(prefix)))
    assert text["judgments"] and text["findings"]
    assert pdf == text


def test_engine_names() -> None:
    assert check_engine(None) == DEFAULT_ENGINE
    with pytest.raises(ValueError, match="pdfium, pdfplumber"):
        check_engine("mupdf")
    with pytest.raises(ValueError, match="unknown PDF engine"):
        extract("a.txt", b"PEEL 2023-25", engine="mupdf")


# -- odd pages: shifted, cropped and turned, each against the same page drawn plainly ----------------

A4 = (595.0, 842.0)
LINES = [
    ("PEEL 2023–25: An inspection of Cumbria Constabulary", 8, False, 36),
    ("Responding to the public", 18, True, 90),
    ("Cumbria Constabulary is adequate at responding to the public. It answered nineteen", 10, False, 130),
    ("of the twenty-four emergency calls we looked at within the target time.", 10, False, 144),
    ("Investigating crime", 18, True, 200),
    ("The constabulary requires improvement at investigating crime.", 10, False, 240),
]


def _draw(pdf: canvas.Canvas, height: float, dx: float = 0.0, dy: float = 0.0) -> None:
    """The test page's text and a rule under its first heading, in top-down coordinates."""
    for text, size, bold, top in LINES:
        pdf.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        pdf.drawString(56 + dx, height - top - size + dy, text)
    pdf.line(56 + dx, height - 112 + dy, 500 + dx, height - 112 + dy)


def _page(
    setup: Any = None, size: tuple[float, float] = A4, height: float | None = None, **draw: float
) -> bytes:
    """One page: ``setup`` (page boxes, a transformation) then the text drawn ``height`` high."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=size, invariant=1)
    if setup is not None:
        setup(pdf)
    _draw(pdf, height or size[1], **draw)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _blocks(data: bytes, engine: str) -> list[tuple[str, str, Any]]:
    document: Document = load_document("page.pdf", data, engine=engine)
    return [(b.kind.value, b.text, b.span.bbox) for b in document.blocks]


def _close(a: list[tuple[str, str, Any]], b: list[tuple[str, str, Any]], tolerance: float = 0.01) -> bool:
    if [x[:2] for x in a] != [y[:2] for y in b]:
        return False
    return all(
        max(abs(p - q) for p, q in zip(x[2], y[2], strict=True)) <= tolerance
        for x, y in zip(a, b, strict=True)
    )


@pytest.fixture(scope="module")
def plain() -> dict[str, list[tuple[str, str, Any]]]:
    return {engine: _blocks(_page(), engine) for engine in ENGINES}


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_plain_page_reads_whole(plain: dict[str, Any], engine: str) -> None:
    texts = [text for _, text, _ in plain[engine]]
    assert "Responding to the public" in texts and "Investigating crime" in texts
    assert any("nineteen of the twenty-four emergency calls" in t for t in texts)
    assert _close(plain["pdfplumber"], plain["pdfium"], 0.5)


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_page_whose_origin_is_not_zero_reads_as_the_plain_page(plain: dict[str, Any], engine: str) -> None:
    """MediaBox [-30 100 565 942]: the same page, its corner elsewhere in user space."""
    data = _page(lambda pdf: pdf.setPageSize(A4), dx=-30, dy=100)
    data = data.replace(b"/MediaBox [ 0 0 595 842 ]", b"/MediaBox [ -30 100 565 942 ]")
    assert b"/MediaBox [ -30 100 565 942 ]" in data
    assert _close(_blocks(data, engine), plain[engine])


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_cropped_page_reads_what_is_shown(plain: dict[str, Any], engine: str) -> None:
    """A CropBox that hides a slug line above the page: spans from the shown page's corner, slug gone."""

    def slug(pdf: canvas.Canvas) -> None:
        pdf.setCropBox((0, 0, 595, 842))
        pdf.setFont("Helvetica", 9)
        pdf.drawString(56, 900, "PRINTER'S SLUG: proof 3 of the Cumbria report, not for publication")

    data = _page(slug, size=(595, 992), height=842)
    assert b"/CropBox" in data
    blocks = _blocks(data, engine)
    assert not any("SLUG" in text for _, text, _ in blocks)
    assert _close(blocks, plain[engine])


@pytest.mark.parametrize("rotate", [90, 270])
@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_turned_page_reads_as_shown(engine: str, rotate: int) -> None:
    """A portrait MediaBox turned by /Rotate, its content drawn turned back: a landscape page."""
    landscape = _blocks(_page(size=(842, 595)), engine)
    # Landscape (x, y) is drawn at user (595 - y, x) for /Rotate 90 and at (y, 842 - x) for 270.
    matrix = (0, 1, -1, 0, 595, 0) if rotate == 90 else (0, -1, 1, 0, 0, 842)

    def turn(pdf: canvas.Canvas) -> None:
        pdf.setPageRotation(rotate)
        pdf.transform(*matrix)

    # reportlab writes the MediaBox of a page it turns by 90 or 270 degrees with its sides swapped.
    data = _page(turn, size=(842, 595), height=595)
    assert f"/Rotate {rotate}".encode() in data and b"/MediaBox [ 0 0 595 842 ]" in data
    assert _close(_blocks(data, engine), landscape, 0.01)


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_text_turned_on_an_unturned_page_is_not_read_as_lines(engine: str) -> None:
    """Text running up the page (a rotated side label) is not upright: it is left out, as pdfminer does."""

    def side_label(pdf: canvas.Canvas) -> None:
        pdf.saveState()
        pdf.translate(20, 400)
        pdf.rotate(90)
        pdf.setFont("Helvetica", 8)
        pdf.drawString(0, 0, "OFFICIAL SENSITIVE side label")
        pdf.restoreState()

    blocks = _blocks(_page(side_label), engine)
    assert not any("side label" in text for _, text, _ in blocks)
    assert any(text == "Investigating crime" for _, text, _ in blocks)


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_form_xobject_text_and_rules_are_read(engine: str) -> None:
    """Content inside a form XObject (a reused header block) reads where the form puts it."""

    def form(pdf: canvas.Canvas) -> None:
        pdf.beginForm("header")
        pdf.setFont("Helvetica-Bold", 12)
        pdf.drawString(56, 780, "Police effectiveness, efficiency and legitimacy")
        pdf.line(56, 775, 500, 775)
        pdf.endForm()
        pdf.saveState()
        pdf.translate(0, -30)
        pdf.doForm("header")
        pdf.restoreState()

    blocks = _blocks(_page(form), engine)
    heading = next(b for b in blocks if b[1] == "Police effectiveness, efficiency and legitimacy")
    # Baseline at 780 - 30; Helvetica's descent (0.207 em) below it, 12 points above that.
    assert heading[2][1] == pytest.approx(842 - (750 - 0.207 * 12 + 12), abs=0.3)
    assert len([b for b in blocks if b[0] == "heading"]) >= 2


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_cli_engine_option(tmp_path: Path, capsys: pytest.CaptureFixture[str], engine: str) -> None:
    from extractor.cli import main

    path = tmp_path / "page.pdf"
    path.write_bytes(_page())
    assert main([str(path), "-o", "-", "--engine", engine]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["source"]["format"] == "pdf"
    assert report["document"]["force"]["id"] == "cumbria"
    out = tmp_path / "out"
    assert main([str(path), "-o", str(out), "-q", "--engine", engine, "-w", "1"]) == 0
    assert json.loads((out / "page.json").read_text())["judgments"] == report["judgments"]


def test_cli_unknown_engine_is_a_usage_error(tmp_path: Path) -> None:
    from extractor.cli import main

    path = tmp_path / "page.pdf"
    path.write_bytes(_page())
    assert main([str(path), "-o", "-", "--engine", "mupdf"]) == 2
