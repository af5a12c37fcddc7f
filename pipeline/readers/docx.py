"""Word .docx reader: the document's text as Word shows it, in order, each piece once.

python-docx's ``paragraph.text`` reads only the runs directly in a paragraph, so it misses text
inside the wrappers Word and e-office templates put around runs. This reader walks the XML:

- content controls (``w:sdt``: inline, around paragraphs, rows and cells), smart tags, custom
  XML, hyperlinks, simple and complex fields (their result, never the instruction);
- tracked changes as if accepted: insertions and moves kept, deletions dropped;
- text boxes, read once: Word stores a DrawingML copy and a VML fallback of each
  (``mc:AlternateContent``); their paragraphs follow the paragraph they are anchored in;
- a header set in two columns by tab stops read column by column;
- tables by Word's grid: an empty cell stays an empty cell, a merged cell is read once and a
  vertically merged one gives its text to every row it spans;
- headers and footers apart from the body (``ReadResult.apart``: never searched for tasks);
- runs typed in a .VnTime (TCVN3) or VNI font converted by that font, run by run.

The archive is checked before python-docx unpacks it: a .docx that would unpack to hundreds of
megabytes (a zip bomb, or a damaged size field) is refused instead of filling memory.
"""
from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml.etree import XMLSyntaxError

from extractors.model import SourceBlock

from ..numbers import number
from . import (
    ROW_TABLE_COLUMNS,
    ContentError,
    ReadResult,
    legacy_encodings,
    library_failure,
    register,
)
from .limits import LARGE_PART_BYTES, MAX_COMPRESSION_RATIO, MAX_UNCOMPRESSED_BYTES
from .numbering import Numbering

MB = 1024 * 1024
CORRUPT = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, XMLSyntaxError,
           PackageNotFoundError)
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
ALTERNATE, CHOICE, FALLBACK = f"{MC}AlternateContent", f"{MC}Choice", f"{MC}Fallback"
P, TBL, TR, TC, R = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:r")
TEXT_BOX = qn("w:txbxContent")
# elements whose children are read as if they stood in their place (content controls read
# through their content, tracked insertions accepted)
WRAPPERS = {qn(tag) for tag in ("w:sdtContent", "w:smartTag", "w:customXml", "w:hyperlink",
                                "w:ins", "w:moveTo", "w:fldSimple", "w:dir", "w:bdo")}
SKIPPED = {qn(tag) for tag in ("w:del", "w:moveFrom", "w:sdtPr", "w:sdtEndPr", "w:pPr", "w:rPr",
                               "w:tblPr", "w:tblGrid", "w:trPr", "w:tcPr", "w:customXmlPr")}
RUN_TEXT = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n",
            qn("w:noBreakHyphen"): "-"}


def check_archive(path: Path) -> None:
    """Refuse archives that are not Word documents or that would unpack to too much."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise library_failure("tệp .docx hỏng: không phải tệp nén ZIP đọc được", exc) from None
    total = sum(part.file_size for part in parts)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise ContentError(f"từ chối: tệp .docx này giải nén ra tới {number(total / MB)} MB "
                           f"(giới hạn {number(MAX_UNCOMPRESSED_BYTES / MB)} MB) — có thể là "
                           "\"bom nén\" hoặc tệp hỏng")
    for part in parts:
        if (part.file_size > LARGE_PART_BYTES
                and part.file_size > MAX_COMPRESSION_RATIO * max(part.compress_size, 1)):
            raise ContentError(f"từ chối: phần {part.filename} của tệp .docx bị nén "
                            f"{number(part.file_size // max(part.compress_size, 1))} lần "
                            "(có thể là \"bom nén\")")
    names = {part.filename for part in parts}
    if "word/document.xml" not in names:
        raise ContentError(not_word(path, names))


# Office formats that are ZIP archives too, by a part only they hold: (suffix, what the clerk
# calls it). A real one is told to be saved as .docx or PDF; a renamed one what it is (class
# seen as a real .odt told "có thể là tệp .xlsx, .odt… bị đổi đuôi").
OTHER_ZIP_FORMATS = {
    "content.xml": ((".odt", ".ods", ".odp"), "tài liệu OpenDocument (.odt, .ods, .odp)"),
    "xl/workbook.xml": ((".xlsx", ".xlsm"), "bảng tính Excel (.xlsx)"),
    "ppt/presentation.xml": ((".pptx",), "bản trình chiếu PowerPoint (.pptx)")}


def not_word(path: Path, names: set[str]) -> str:
    """Why a ZIP archive without word/document.xml is not read: the Office format it is (by
    OTHER_ZIP_FORMATS), "not supported, save it as .docx or PDF"; else an archive renamed."""
    found = next((format_ for part, format_ in OTHER_ZIP_FORMATS.items() if part in names), None)
    if found is None:
        return ("tệp nén ZIP không có word/document.xml: không phải văn bản Word (có thể là tệp "
                "nén khác bị đổi đuôi)")
    suffixes, kind = found
    renamed = "" if path.suffix.lower() in suffixes else \
        f" (tệp có đuôi {path.suffix or '(không có đuôi)'}, bị đổi đuôi)"
    return (f"tệp là {kind}{renamed}: loại tệp này chưa được hỗ trợ; hãy mở tệp và lưu lại "
            "thành .docx hoặc PDF rồi đặt lại vào thư mục")


def _val(element, tag: str) -> str | None:
    child = None if element is None else element.find(qn(tag))
    return None if child is None else child.get(qn("w:val"))


def chosen(alternate):
    """The one copy of an ``mc:AlternateContent`` to read: Word's choice, else its fallback."""
    choice, fallback = alternate.find(CHOICE), alternate.find(FALLBACK)
    if choice is not None and len(choice):
        return choice
    return fallback if fallback is not None else []


class Fonts:
    """The font a run is typed in: its own, its character style's, its paragraph style's, the
    document default's (``w:rFonts``; the high-ANSI font, which Vietnamese letters use)."""

    def __init__(self, document) -> None:
        styles = document.styles.element
        self.styles = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
        defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        self.default = self._own(defaults)
        self.default_style = next((sid for sid, s in self.styles.items()
                                   if s.get(qn("w:type")) == "paragraph"
                                   and s.get(qn("w:default")) in ("1", "true")), None)

    @staticmethod
    def _own(r_pr) -> str | None:
        fonts = None if r_pr is None else r_pr.find(qn("w:rFonts"))
        return None if fonts is None else fonts.get(qn("w:hAnsi")) or fonts.get(qn("w:ascii"))

    def _style(self, style_id: str | None) -> str | None:
        seen = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            style = self.styles[style_id]
            font = self._own(style.find(qn("w:rPr")))
            if font:
                return font
            style_id = _val(style, "w:basedOn")
        return None

    def of(self, run, paragraph_style: str | None) -> str | None:
        """The font name ``run`` (a w:r) is typed in, in a paragraph of that style id."""
        r_pr = run.find(qn("w:rPr"))
        return (self._own(r_pr) or self._style(_val(r_pr, "w:rStyle"))
                or self._style(paragraph_style or self.default_style) or self.default)


class DocxReading:
    """One document walked in order: ``blocks(container, label)`` for any block container."""

    def __init__(self, document) -> None:
        self.document = document
        self.numbering = Numbering.of(document)
        self.fonts = Fonts(document)
        self.encodings: set[str] = set()  # legacy encodings runs were converted from
        self.text_boxes = 0

    def blocks(self, container, label: str = "", cell: bool = False) -> list[SourceBlock]:
        """The paragraphs and tables of a body, cell, text box, header or footer, in order.

        Sources are ``label`` and the item's place ("text box 1 paragraph 2", "table 3 row 4");
        a cell's paragraphs are all sourced to the cell ("table 1 row 2 cell 3").
        """
        found: list[SourceBlock] = []
        counts = {"paragraph": 0, "table": 0}
        for item in _contents(container, (P, TBL)):
            if item.tag == TBL:
                counts["table"] += 1
                found += self.table_blocks(item, f"{label}table {counts['table']}")
            else:
                counts["paragraph"] += 1
                source = label.strip() if cell else f"{label}paragraph {counts['paragraph']}"
                found += self.paragraph_blocks(item, source)
        return found

    def paragraph_blocks(self, p, source: str) -> list[SourceBlock]:
        """The paragraph as one block, Word's list marker first, then its text boxes' blocks."""
        style = _val(p.find(qn("w:pPr")), "w:pStyle")
        pieces, boxes = [], []
        self._inline(p, style, pieces, boxes)
        text = "".join(pieces)
        marker = self.numbering.marker(Paragraph(p, self.document))
        found = [SourceBlock(f"{marker} {text}" if marker else text, source)]
        for box in boxes:
            self.text_boxes += 1
            found += self.blocks(box, f"text box {self.text_boxes} ")
        return found

    def _inline(self, element, style: str | None, pieces: list[str], boxes: list) -> None:
        for child in element:
            if child.tag in SKIPPED:
                continue
            if child.tag == R:
                pieces.append(self._run_text(child, style))
                self._collect_boxes(child, boxes)
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self._inline(content, style, pieces, boxes)
            elif child.tag == ALTERNATE:
                self._inline(chosen(child), style, pieces, boxes)
            elif child.tag in WRAPPERS:
                self._inline(child, style, pieces, boxes)

    def _run_text(self, run, style: str | None) -> str:
        text = "".join(element.text or "" if RUN_TEXT[element.tag] is None
                       else RUN_TEXT[element.tag]
                       for element in run if element.tag in RUN_TEXT)
        encoding = legacy_encodings.font_encoding(self.fonts.of(run, style)) if text else None
        if encoding:
            self.encodings.add(encoding)
            return legacy_encodings.to_unicode(text, encoding)
        return text

    def _collect_boxes(self, element, boxes: list) -> None:
        """Text boxes drawn in a run, each once: the chosen copy, nested boxes left to it."""
        for child in element:
            if child.tag == TEXT_BOX:
                boxes.append(child)
            elif child.tag == ALTERNATE:
                self._collect_boxes(chosen(child), boxes)
            else:
                self._collect_boxes(child, boxes)

    def cell_text(self, tc) -> str:
        """A cell's text on one line: its paragraphs (and line breaks) joined by spaces."""
        return " ".join(" ".join(b.text.split("\n")) for b in self.blocks(tc) if b.text.strip())

    def grid(self, tbl) -> list[list[str]]:
        """The table's rows on Word's grid: merged cells as the module docstring says."""
        rows, above = [], {}
        for tr in _contents(tbl, (TR,)):
            t_pr = tr.find(qn("w:trPr"))
            column = int(_val(t_pr, "w:gridBefore") or 0)
            row = [""] * column
            for tc in _contents(tr, (TC,)):
                tc_pr = tc.find(qn("w:tcPr"))
                span = int(_val(tc_pr, "w:gridSpan") or 1)
                merge = None if tc_pr is None else tc_pr.find(qn("w:vMerge"))
                if merge is not None and merge.get(qn("w:val"), "continue") == "continue":
                    text = above.get(column, "")
                else:
                    text = self.cell_text(tc)
                    above[column] = text
                row += [text] + [""] * (span - 1)
                column += span
            rows.append(row)
        return rows

    def table_blocks(self, tbl, label: str) -> list[SourceBlock]:
        """A data table (ROW_TABLE_COLUMNS or more) one line a row, cells between " | ";
        a narrower or nested one cell by cell, each cell once."""
        columns = len(tbl.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}"))
        if columns >= ROW_TABLE_COLUMNS and not tbl.xpath(".//w:tbl"):
            return [SourceBlock(" | ".join(cells), f"{label} row {r}")
                    for r, cells in enumerate(self.grid(tbl), start=1) if any(cells)]
        found = []
        for r, tr in enumerate(_contents(tbl, (TR,)), start=1):
            for c, tc in enumerate(_contents(tr, (TC,)), start=1):
                merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
                if merge is not None and merge.get(qn("w:val"), "continue") == "continue":
                    continue
                found += [SourceBlock(line, block.source)
                          for block in self.blocks(tc, f"{label} row {r} cell {c} ", cell=True)
                          for line in block.text.split("\n") if line.strip()]
        return found

    def apart(self) -> list[SourceBlock]:
        """Headers then footers, each part once, in the order the sections name them."""
        part = self.document.part
        found = []
        for kind, tag, reltype in (("header", "w:headerReference", RT.HEADER),
                                   ("footer", "w:footerReference", RT.FOOTER)):
            ids = [r.get(qn("r:id")) for r in part.element.body.iter(qn(tag))]
            targets = [part.related_parts[rid] for rid in dict.fromkeys(ids)
                       if rid in part.rels and part.rels[rid].reltype == reltype]
            for n, target in enumerate(targets, start=1):
                found += [b for b in self.blocks(target.element, f"{kind} {n} ") if b.text.strip()]
        return found


def _contents(element, tags: tuple[str, ...]):
    """Children of ``element`` with one of ``tags`` (paragraphs and tables, rows, cells),
    looking through content controls, custom XML and other wrappers."""
    for child in element:
        if child.tag in tags:
            yield child
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _contents(content, tags)
        elif child.tag in WRAPPERS:
            yield from _contents(child, tags)


def columns_by_tabs(blocks: list[SourceBlock]) -> list[SourceBlock]:
    """A header laid out with tab stops ("ỦY BAN NHÂN DÂN<tab>CỘNG HÒA XÃ HỘI ...") read column
    by column: in a run of two or more paragraphs of two tab-separated parts (blank ones
    between them allowed), the left parts first, then the right ones."""
    def sides(block: SourceBlock) -> list[str]:
        return [part.strip() for part in block.text.split("\t") if part.strip()]
    result, run = [], []
    for block in blocks + [SourceBlock("", "end")]:
        if len(sides(block)) == 2 or (run and not sides(block)):
            run.append(block)
            continue
        two_sided = [b for b in run if sides(b)]
        if len(two_sided) >= 2:
            result += [SourceBlock(sides(b)[side], b.source) for side in (0, 1) for b in two_sided]
        else:
            result += run
        run = []
        result.append(block)
    return result[:-1]


def read_document(path: Path, method: str = "docx") -> ReadResult:
    """The body, headers and footers of a .docx; raises one of CORRUPT on a damaged file."""
    document = docx.Document(str(path))
    reading = DocxReading(document)
    blocks = columns_by_tabs(reading.blocks(document.element.body))
    apart = reading.apart()
    encoding = min(reading.encodings) if reading.encodings else None
    return ReadResult(blocks, method=method, encoding=encoding, apart=apart)


@register(".docx")
def read_docx(path: Path, deadline: float) -> ReadResult:
    """A .docx after ``check_archive``; ReadError for a damaged one."""
    check_archive(path)
    try:
        return read_document(path)
    except CORRUPT as exc:
        raise library_failure("tệp .docx hỏng: nội dung Word bên trong không đọc được; đề nghị "
                              "nơi gửi gửi lại bản khác", exc) from None
