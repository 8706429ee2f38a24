"""HTML reader: a saved web page to blocks, on lxml's forgiving HTML parser.

lxml parses real-world tag soup, is already a dependency, and gives each element
its ``sourceline``, which becomes ``span.line``. Site furniture is dropped before
reading (scripts, styles, navigation, site header and footer, cookie banners, "Skip
to content" links, hidden elements); when the page marks its ``<main>`` content,
only that is read. Blocks follow the markup: ``h1``–``h6`` are headings with their
level, ``li`` list items, ``tr`` table rows with cells, ``dt``/``dd`` and other text
containers paragraphs; a paragraph wholly in bold is a heading, as in the text reader.
Links keep their text (glossary links). The reader knows nothing of grades.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from lxml import etree, html

from extractor.errors import TooLarge, warning
from extractor.model import Block, BlockKind, Document
from extractor.readers.common import (
    bold_line_is_heading,
    decode_page,
    one_line,
    require_text,
    table_row,
    trim_cells,
)
from extractor.vocab.headings import CAPTION_RE, is_known_heading
from schemas import InputFormat, Span

# Never content: code, media, forms and interactive widgets.
_DROP_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
        "form", "button", "input", "select", "textarea", "label", "nav", "menu", "dialog", "head",
    }
)  # fmt: skip
_FURNITURE_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog"})
# Class or id words of site furniture: cookie banners, skip links, breadcrumbs, share bars.
# Whole class/id words only: "anti-social-behaviour" or "share-of-crime" are content.
_FURNITURE_NAME_RE = regex.compile(
    r"(?:^|\s)[\w-]*?(?:cookie\w*|consent\w*|gdpr|skip-?links?|skip-to-(?:main-)?content|breadcrumbs?|"
    r"site-?(?:header|footer|nav\w*)|global-?(?:header|footer)\w*|masthead|share-?(?:bar|links?|buttons?|tools)|"
    r"social-?(?:links?|share|media|icons)|downloads?|back-?to-?top|visually-?hidden|sr-only|screen-reader-text)"
    r"(?:$|\s|__|--)",
    regex.IGNORECASE,
)
_HIDDEN_STYLE_RE = regex.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", regex.IGNORECASE)
_SKIP_LINK_RE = regex.compile(r"^\s*skip\s+to\s+(?:the\s+)?(?:main\s+)?content\s*$", regex.IGNORECASE)

_HEADINGS = {f"h{n}": n for n in range(1, 7)}
# Elements that start a block of their own; everything else is inline text.
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "aside", "header", "footer", "blockquote", "pre",
        "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
        "caption", "figure", "figcaption", "address", "details", "summary", "hr", "body", "html",
        "center", "fieldset", "legend",
    }
) | frozenset(_HEADINGS)  # fmt: skip
_BOLD_TAGS = frozenset({"b", "strong"})
# Lists and tables nested in a list item or paragraph: blocks of their own, not its inline text.
_NESTED_BLOCKS = frozenset({"ul", "ol", "dl", "table"})


def _tag(element: etree._Element) -> str:
    """Lower-case local tag name ('' for comments and processing instructions)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def _is_furniture(element: etree._Element, in_main: bool) -> bool:
    """True for elements that are site furniture, not the page's content."""
    tag = _tag(element)
    if tag in _DROP_TAGS or not tag:
        return True
    attrib = element.attrib
    if "hidden" in attrib or attrib.get("aria-hidden", "").lower() == "true":
        return True
    if _HIDDEN_STYLE_RE.search(attrib.get("style", "")):
        return True
    role = attrib.get("role", "").lower()
    if role in _FURNITURE_ROLES:
        return True
    # A page's own <header>/<footer> inside <article>/<main> may hold its title; the site's do not.
    # Without <main>, a <header> holding the page's heading (and no menu) is content.
    if tag == "footer" and not in_main:
        return True
    if tag == "header" and not in_main:
        descendants = {_tag(d) for d in element.iterdescendants()}
        return "nav" in descendants or not descendants & set(_HEADINGS)
    names = f"{attrib.get('class', '')} {attrib.get('id', '')}"
    if _FURNITURE_NAME_RE.search(names):
        return True
    return tag == "a" and bool(_SKIP_LINK_RE.match(element.text_content()))


class _Reader:
    """Walks the content tree and emits blocks in document order."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def add(self, kind: BlockKind, raw: str, line: int | None, **extra: object) -> None:
        text = one_line(raw)
        if not text or _SKIP_LINK_RE.match(text):
            return
        if kind is not BlockKind.TABLE_ROW and CAPTION_RE.match(text):
            kind = BlockKind.CAPTION
            extra.pop("level", None)
        elif kind is BlockKind.PARAGRAPH and is_known_heading(text):
            # A known part name ("Areas for improvement") is a heading whatever its markup, as in text.
            kind = BlockKind.HEADING
        self.blocks.append(Block(kind, text, Span(line=line if line and line > 0 else None), **extra))  # type: ignore[arg-type]

    def inline_text(self, element: etree._Element, in_main: bool) -> str:
        """The text of an element and its inline children (links keep their text, <br> is a space)."""
        parts: list[str] = [element.text or ""]
        for child in element:
            if not _is_furniture(child, in_main):
                if _tag(child) == "br":
                    parts.append(" ")
                elif _tag(child) in _NESTED_BLOCKS:
                    pass  # nested lists and tables are blocks of their own
                else:
                    parts.append(" " if _tag(child) in _BLOCK_TAGS else "")
                    parts.append(self.inline_text(child, in_main))
            parts.append(child.tail or "")
        return "".join(parts)

    def walk(self, element: etree._Element, in_main: bool) -> None:
        """Emit the blocks of a container: its own inline runs as paragraphs, block children by kind."""
        tag = _tag(element)
        in_main = in_main or tag in {"main", "article"} or element.attrib.get("role", "").lower() == "main"
        if tag in _HEADINGS:
            self.add(BlockKind.HEADING, self.inline_text(element, in_main), element.sourceline,
                     level=_HEADINGS[tag])  # fmt: skip
            return
        if tag == "li" and not any(_tag(child) in _HEADINGS for child in element.iter()):
            self.add(BlockKind.LIST_ITEM, self.inline_text(element, in_main), element.sourceline)
            self.walk_nested(element, in_main)
            return
        if tag == "tr":
            if _is_layout_row(element):
                for cell in element:
                    if not _is_furniture(cell, in_main):
                        self.walk(cell, in_main)
            else:
                self.table_row(element, in_main)
            return
        if tag in {"caption", "figcaption"}:
            self.add(BlockKind.CAPTION, self.inline_text(element, in_main), element.sourceline)
            return
        if tag in {"p", "dt", "dd", "pre", "address", "summary", "legend"} and not any(
            _tag(child) in _BLOCK_TAGS - _NESTED_BLOCKS for child in element
        ):
            self.paragraph(element, in_main)
            self.walk_nested(element, in_main)
            return
        self.container(element, in_main)

    def walk_nested(self, element: etree._Element, in_main: bool) -> None:
        """Emit the lists and tables nested in a list item or paragraph, after its own text."""
        for child in element:
            if _tag(child) in _NESTED_BLOCKS and not _is_furniture(child, in_main):
                self.walk(child, in_main)

    def container(self, element: etree._Element, in_main: bool) -> None:
        """A generic container: loose inline text between block children becomes paragraphs."""
        run: list[str] = [element.text or ""]
        run_line: int | None = element.sourceline
        for child in element:
            if _is_furniture(child, in_main):
                run.append(child.tail or "")
                continue
            if _tag(child) in _BLOCK_TAGS and _tag(child) != "br":
                self.add(BlockKind.PARAGRAPH, "".join(run), run_line)
                self.walk(child, in_main)
                run, run_line = [child.tail or ""], _last_line(child)
                continue
            if not "".join(run).strip():
                run_line = child.sourceline or run_line
            run.append(" " if _tag(child) == "br" else self.inline_text(child, in_main))
            run.append(child.tail or "")
        self.add(BlockKind.PARAGRAPH, "".join(run), run_line)

    def paragraph(self, element: etree._Element, in_main: bool) -> None:
        """A paragraph; wholly bold (and not a lead-in ending with ':') it is a heading, as in text."""
        text = self.inline_text(element, in_main)
        bold = _wholly_bold(element, in_main)
        kind = BlockKind.PARAGRAPH
        if bold and _tag(element) == "p" and bold_line_is_heading(one_line(text)):
            kind = BlockKind.HEADING
        self.add(kind, text, element.sourceline, emphasis=bold)

    def table_row(self, element: etree._Element, in_main: bool) -> None:
        """A table row with one cell per th/td (empty cells kept, trailing empties dropped)."""
        cells = trim_cells(
            [
                one_line(self.inline_text(cell, in_main))
                for cell in element
                if _tag(cell) in {"td", "th"} and not _is_furniture(cell, in_main)
            ]
        )
        if any(cells):
            self.blocks.append(table_row(cells, Span(line=element.sourceline)))


def _is_layout_row(row: etree._Element) -> bool:
    """True for a row of a layout table (old sites lay pages out in tables): its cells hold
    headings, lists, nested tables or several paragraphs, which a data table's cells do not."""
    for cell in row:
        if _tag(cell) not in {"td", "th"}:
            continue
        inner = [_tag(d) for d in cell.iterdescendants() if isinstance(d.tag, str)]
        if any(t in _HEADINGS or t in {"table", "ul", "ol", "dl"} for t in inner):
            return True
        if sum(t in {"p", "div"} for t in inner) >= 2:
            return True
    return False


def _last_line(element: etree._Element) -> int | None:
    """The source line where an element's last descendant starts (for the text after it)."""
    line = element.sourceline
    for descendant in element.iterdescendants():
        if isinstance(descendant.tag, str) and descendant.sourceline:
            line = descendant.sourceline
    return line


def _wholly_bold(element: etree._Element, in_main: bool) -> bool:
    """True when every visible character of the element sits inside <b>/<strong>."""
    if (element.text or "").strip():
        return False
    children = [c for c in element if not _is_furniture(c, in_main) and _tag(c) != "br"]
    if not children:
        return False
    for child in children:
        if (child.tail or "").strip():
            return False
        if _tag(child) not in _BOLD_TAGS and not _wholly_bold(child, in_main):
            return False
    return True


def _content_roots(root: etree._Element) -> Iterator[etree._Element]:
    """The page's marked main content if it has one, else its body."""
    mains = root.xpath("//main | //*[@role='main']")
    if mains:
        outermost = [m for m in mains if not any(a in mains for a in m.iterancestors())]
        yield from outermost
        return
    body = root.find(".//body")
    yield body if body is not None else root


# Deeper than this, an element's content is read as one level of blocks: the walk below recurses
# once or twice a level, and real pages nest a few dozen levels (tag soup, a few hundred).
MAX_WALK_DEPTH = 200
_DEPTH_ERROR_RE = regex.compile(r"Excessive depth in document: (\d+)")


def _in_main(element: etree._Element) -> bool:
    return any(
        _tag(a) in {"main", "article"} or a.attrib.get("role", "").lower() == "main"
        for a in element.iterancestors()
    )


def _flatten(element: etree._Element) -> None:
    """Lay everything nested under ``element`` out as one level of blocks, in reading order.

    Each block element below (a heading, a paragraph, a list item, a cell) becomes a child of
    ``element`` holding its own inline text, and the text after a nested block becomes a block of
    its parent's kind: headings stay headings, paragraphs paragraphs, so the stages still find
    what they look for; only the nesting (lists in lists, rows of cells) is lost. Done without
    recursion, however deep the page nests; furniture (scripts, hidden parts) is left out.
    """
    in_main = _in_main(element)
    segments: list[tuple[str, int | None, list[str]]] = []
    head: list[str] = [element.text or ""]
    parts = head
    blocks: list[etree._Element] = [element]  # the block elements open around the walk
    furniture: set[etree._Element] = set()

    def segment(source: etree._Element) -> list[str]:
        segments.append((_tag(source) if source is not element else "div", source.sourceline, []))
        return segments[-1][2]

    walker = etree.iterwalk(element, events=("start", "end"))
    for event, node in walker:
        if node is element:
            continue
        tag = _tag(node)
        if event == "start":
            if _is_furniture(node, in_main):
                furniture.add(node)
                walker.skip_subtree()  # its "end" still comes, with the tail that follows it
            elif tag in _BLOCK_TAGS and tag != "br":
                blocks.append(node)
                parts = segment(node)
                parts.append(node.text or "")
            else:
                parts.append(" " if tag == "br" else node.text or "")
            continue
        if node not in furniture and blocks[-1] is node:
            blocks.pop()
            parts = segment(blocks[-1])
        parts.append(node.tail or "")
    for child in list(element):
        element.remove(child)
    element.text = "".join(head)
    for tag, line, texts in segments:
        text = "".join(texts)
        if text.strip():
            block = element.makeelement(tag)
            block.text = text
            if line:
                block.sourceline = line
            element.append(block)


def _flatten_deep(root: etree._Element, limit: int = MAX_WALK_DEPTH) -> int:
    """Flatten (:func:`_flatten`) each element at depth ``limit`` that has children, so no walk
    recurses past it; returns how many elements were flattened."""
    cut: list[etree._Element] = []
    depth = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            depth += 1
            if depth == limit and len(element):
                cut.append(element)
        else:
            depth -= 1
    for element in cut:
        _flatten(element)
    return len(cut)


def _parse(text: str, name: str) -> etree._Element:
    """The page's tree, nested as deep as libxml2 reads with ``huge_tree`` (2,048 levels instead of
    256); a page nested deeper is refused, as the parser would silently stop reading there."""
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, recover=True, huge_tree=True)
    try:
        root = html.document_fromstring(text, parser=parser)
    except etree.ParserError:  # nothing lxml can build a tree from ('', a bare '<!doctype html'): no text
        root = html.document_fromstring("<html></html>", parser=parser)
    for entry in parser.error_log:
        deep = _DEPTH_ERROR_RE.search(entry.message)
        if deep:
            raise TooLarge(
                name,
                f"the page nests elements more than {int(deep[1]):,} levels deep, beyond what the HTML "
                "parser reads (the rest of the page would be lost)",
            )
    return root


def read_html(data: bytes, name: str, sha: str) -> Document:
    """Parse an HTML page into the document model (see the module docstring for the rules)."""
    text, warnings = decode_page(data, name)
    require_text(text, name)
    # lxml refuses str input with an encoding declaration; the bytes are already decoded.
    text = regex.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    root = _parse(text, name)
    if _flatten_deep(root):
        message = f"elements nested more than {MAX_WALK_DEPTH} deep were read as one level of blocks"
        warnings = [*warnings, warning("html-deep-nesting", message)]
    reader = _Reader()
    for content in _content_roots(root):
        in_main = _tag(content) in {"main", "article"} or content.attrib.get("role", "").lower() == "main"
        reader.walk(content, in_main)
    title_el = root.find(".//title")
    title = one_line(title_el.text_content()) if title_el is not None else ""
    return Document(
        path=name,
        sha256=sha,
        format=InputFormat.HTML,
        blocks=reader.blocks,
        title=title or None,
        warnings=warnings,
    )
