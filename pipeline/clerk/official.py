"""Word documents in the layout of administrative documents, Nghị định 30/2020/NĐ-CP (Phụ lục I).

Shared by the chase letters (``chase``), the progress report (``report``) and the per-agency
extracts (``export``): A4 (210 × 297 mm); margins top and bottom 20 mm, left 30 mm, right 15 mm
(the decree allows 20–25, 20–25, 30–35 and 15–20); Times New Roman, body 13 pt (13–14); the
header of issuer (left) and Quốc hiệu with Tiêu ngữ (right), each with its rule below; "Số:",
place and date, the V/v line; Nơi nhận (bold italic 12 pt, lines 11 pt) beside the signature
block, whose name and signature stay blank for the signer. Every Vietnamese text is
``rules/letters.yml``.
"""
from __future__ import annotations

import copy
import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.text.run import Run

from extractors import rules

from .followup import period_label
from .labels import recurrence_label
from .messages import vietnamese_date
from .query import document_label, flowing
from .successors import unit_of

FONT = "Times New Roman"
PAGE_MM = (210, 297)  # A4
MARGINS_MM = {"top_margin": 20, "bottom_margin": 20, "left_margin": 30, "right_margin": 15}
BODY_PT, HEADER_PT, SUBJECT_PT, TABLE_PT, RECIPIENTS_PT = 13, 12, 12, 12, 11
FIRST_LINE_INDENT = Cm(1)
PARAGRAPH_SPACING = Pt(6)


def _texts(*keys: str, **others: rules.Shape) -> rules.Record:
    return rules.Record({**dict.fromkeys(keys, rules.Text()), **others})


HEADERS = rules.ListOf(rules.Text())
# rules/letters.yml: every text the code fills in, and nothing else
SCHEMA = rules.Record({
    "national_name": rules.Text(), "motto": rules.Text(), "number": rules.Text(),
    "place_date": rules.Text(),
    "issuer": _texts("parent", "body", "short", "code", "unknown_province",
                     province=rules.Text(null=True)),
    "chase": _texts("subject", "salutation", "opening", "lead_caption", "support_caption",
                    "split_note", "request", "listing", reply_days=rules.Number(),
                    counts=_texts("overdue", "due_soon", "joiner")),
    "report": _texts("code", "title", "subject", "window", "opening", "summary", "table_caption",
                     "total_row", "shared_note", "no_agency", "no_rate", "closing",
                     "chart_title", "chart_axis", headers=HEADERS, task_headers=HEADERS,
                     sheets=_texts("counts", "tasks")),
    "source": _texts("numbered", "titled", "untyped", "dated"),
    "table": _texts("deliverable", "period", "extended", "overdue_days", headers=HEADERS),
    "extract": _texts("heading", "intro", "written_as", "lead_section", "support_section", "none",
                      "collective", "overdue", lead_headers=HEADERS, support_headers=HEADERS),
    "recipients": _texts("heading", chase=HEADERS, report=HEADERS),
    "signature": _texts("authority", "title"),
})


@lru_cache(maxsize=1)
def texts() -> dict:
    """rules/letters.yml, checked against ``SCHEMA``. Raises RulesError naming file and key."""
    return rules.load_file("letters.yml", schema=SCHEMA)


def place_date(place: str, day: dt.date) -> str:
    """"Lâm Đồng, ngày 01 tháng 10 năm 2022": days under 10 and months 1 and 2 with a leading zero,
    as the decree writes them."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return texts()["place_date"].format(place=place, day=f"{day.day:02d}", month=month,
                                        year=day.year)


def citation(document: dict) -> str:
    """How an official text names a document, as offices cite one: "Kế hoạch số 123/KH-UBND
    ngày 05/06/2023"; without a số ký hiệu its type and trích yếu ("Thông báo “Kết luận cuộc
    họp ...”"), and only without either its file name; the date whenever it was read. The words
    are rules/letters.yml ``source``."""
    words = texts()["source"]
    kind = document["doc_type"] or words["untyped"]
    if document["doc_number"]:
        named = words["numbered"].format(type=kind, number=document["doc_number"])
    elif document["title"]:
        named = words["titled"].format(type=kind, title=document["title"])
    else:
        named = document_label(document)
    issued = vietnamese_date(document["issued_date"])
    return words["dated"].format(source=named, date=issued) if issued else named


def source_line(task: dict, with_title: bool = True) -> str:
    """The document that gave the task (``citation``), then its trích yếu when ``with_title``
    and the citation does not already hold it: "Kế hoạch số 12/KH-UBND ngày 15/09/2022 — trích
    yếu"."""
    document = task["document"]
    named = citation(document)
    if with_title and document["doc_number"] and document["title"]:
        return f"{named} — {document['title']}"
    return named


def task_cell(task: dict) -> str:
    """The task's text, and below it what it must produce (its deliverable)."""
    if not task["deliverable"]:
        return flowing(task["text"])
    words = texts()["table"]
    deliverable = words["deliverable"].format(deliverable=task["deliverable"])
    return f"{flowing(task['text'])}\n{deliverable}"


def deadline_text(task: dict) -> str:
    """A task's deadline as judged (``task["follow_up"]``): "15/09/2022"; extended
    "30/10/2022 (gia hạn, hạn ban đầu 15/09/2022)"; a recurring task's period "20/10/2022
    (kỳ tháng 10/2022)"; else the recurrence, or ""."""
    judged = task["follow_up"]
    words = texts()["table"]
    original = vietnamese_date(task["deadline"]) or recurrence_label(task["recurrence"])
    if judged.state.get("deadline"):
        return words["extended"].format(date=vietnamese_date(judged.due), original=original)
    if judged.period:
        period = words["period"].format(period=period_label(judged.period))
        return f"{vietnamese_date(judged.due)} ({period})"
    return original


@dataclass(frozen=True)
class Issuer:
    """Who sends the document, from rules/letters.yml ``issuer`` and the province."""

    parent: str  # cơ quan chủ quản: "Ủy ban nhân dân tỉnh Lâm Đồng"
    body: str  # cơ quan ban hành: "Văn phòng"
    short: str  # how the text names the issuer: "Văn phòng Ủy ban nhân dân tỉnh Lâm Đồng"
    unit: str  # "tỉnh Lâm Đồng"
    place: str  # "Lâm Đồng"
    code: str  # ký hiệu after "Số: .../"
    guessed_among: int = 0  # the provinces the documents come from, when letters.yml names none


def issuer_for(province: str | None) -> Issuer:
    """The issuer of the office of ``province`` (None: the placeholder of letters.yml)."""
    words = texts()["issuer"]
    unit = unit_of(province) if province else words["unknown_province"]
    return Issuer(words["parent"].format(unit=unit), words["body"],
                  words["short"].format(unit=unit), unit, province or unit, words["code"])


def office_issuer(provinces: list[str | None]) -> Issuer:
    """The issuer of the office's letters and reports, of ``office_province``; when
    rules/letters.yml names no province, ``guessed_among`` counts the provinces it was chosen
    from, so that the clerk can be told (new-clerk trial: every letter signed by one province's
    office, whatever the documents' mix, and nothing said)."""
    chosen = office_province(provinces)
    guessed = 0 if texts()["issuer"]["province"] else len({p for p in provinces if p})
    return replace(issuer_for(chosen), guessed_among=guessed)


def office_province(provinces: list[str | None]) -> str | None:
    """The office's province: rules/letters.yml ``issuer.province`` when set, else the province
    most tasks come from (the office the documents were sent to)."""
    chosen = texts()["issuer"]["province"]
    if chosen:
        return chosen
    counted = Counter(p for p in provinces if p)
    return counted.most_common(1)[0][0] if counted else None


# -- building the document ------------------------------------------------------------------------

def new_document(landscape: bool = False):
    """An empty A4 document with the decree's margins and font (landscape for wide tables, as the
    decree allows)."""
    document = Document()
    section = document.sections[0]
    width, height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    for side, millimetres in MARGINS_MM.items():
        setattr(section, side, Mm(millimetres))
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(BODY_PT)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)  # Word otherwise falls back per script
    normal.paragraph_format.space_after = Pt(0)
    return document


def _line(cell_or_document, text: str, *, size: int = BODY_PT, bold: bool = False,
          italic: bool = False, upper: bool = False, align=WD_ALIGN_PARAGRAPH.CENTER):
    paragraphs = cell_or_document.paragraphs
    fresh_cell = len(paragraphs) == 1 and not paragraphs[0].runs  # a new cell's own paragraph
    paragraph = paragraphs[0] if fresh_cell else cell_or_document.add_paragraph()
    paragraph.alignment = align
    run = paragraph.add_run(text.upper() if upper else text)
    run.font.size, run.bold, run.italic = Pt(size), bold, italic
    return paragraph


def _rule(cell, indent: Cm) -> None:
    """The short solid line the decree draws under the issuer and the Tiêu ngữ: the bottom border
    of an empty 2 pt paragraph, shortened by indenting it on both sides."""
    paragraph = _line(cell, "", size=2)
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = indent
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"),
                        ("w:color", "000000")):
        bottom.set(qn(name), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _widths(table, widths: list) -> None:
    """Fixed column widths, in the grid (LibreOffice reads it) and in every cell (Word)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _borderless(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def add_header(document, issuer: Issuer, day: dt.date, subject: str | None = None,
               code: str | None = None, widths: tuple[Cm, Cm] = (Cm(7), Cm(9.5))) -> None:
    """Issuer, "Số: .../``code``" (default the issuer's) and the V/v line (a letter's
    ``subject``) on the left; Quốc hiệu, Tiêu ngữ, place and date on the right."""
    words = texts()
    table = document.add_table(rows=1, cols=2)
    _borderless(table)
    _widths(table, widths)
    left, right = table.rows[0].cells
    _line(left, issuer.parent, size=HEADER_PT, upper=True)
    _line(left, issuer.body, size=HEADER_PT, bold=True, upper=True)
    _rule(left, Cm(2.5))
    _line(left, "")
    _line(left, words["number"].format(code=code or issuer.code), size=HEADER_PT)
    if subject:
        _line(left, subject, size=SUBJECT_PT)
    _line(right, words["national_name"], size=HEADER_PT, bold=True, upper=True)
    _line(right, words["motto"], size=BODY_PT, bold=True)
    _rule(right, Cm(1.9))
    _line(right, "")
    _line(right, place_date(issuer.place, day), size=BODY_PT, italic=True)
    _line(document, "")


def add_title(document, title: str, subject: str) -> None:
    """The name of a document that is not a letter ("BÁO CÁO") and its subject, centred."""
    _line(document, title, size=14, bold=True, upper=True)
    _line(document, subject, size=14, bold=True)
    _line(document, "")


def add_paragraph(document, text: str, *, bold: bool = False, italic: bool = False,
                  centered: bool = False):
    """A body paragraph: justified, first line indented 1 cm, 6 pt after (centred: neither)."""
    paragraph = _line(document, text, bold=bold, italic=italic,
                      align=WD_ALIGN_PARAGRAPH.CENTER if centered else WD_ALIGN_PARAGRAPH.JUSTIFY)
    if not centered:
        paragraph.paragraph_format.first_line_indent = FIRST_LINE_INDENT
    paragraph.paragraph_format.space_after = PARAGRAPH_SPACING
    return paragraph


def add_table(document, headers: list[str], rows: Iterable[list[str]], widths: list[Cm],
              size: int = TABLE_PT):
    """A ruled table, bold header row repeated on every page; cell text as given, a "\\n" a line
    break. Each row is a copy of one prepared row: python-docx's add_row and cell.text take some
    3 ms a row (an extract of 30,000 tasks: minutes), a copy whose runs get their text a
    fiftieth of that."""
    table = document.add_table(rows=2, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header, prepared = table.rows
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, text in zip(header.cells, headers, strict=True):
        _cell_text(cell, text, size, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for column, cell in enumerate(prepared.cells):  # one run a cell, to take the row's texts
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if column == 0 else WD_ALIGN_PARAGRAPH.LEFT
        paragraph.add_run().font.size = Pt(size)
    _widths(table, widths)
    body, template = table._tbl, prepared._tr
    body.remove(template)
    for values in rows:
        row = copy.deepcopy(template)
        for run, text in zip(row.iter(qn("w:r")), values, strict=True):
            Run(run, None).text = str(text)
        body.append(row)
    _line(document, "")
    return table


def _cell_text(cell, text: str, size: int, bold: bool = False,
               align=WD_ALIGN_PARAGRAPH.LEFT) -> None:
    lines = str(text).split("\n")
    cell.text = ""
    for number, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run(line)
        run.font.size, run.bold = Pt(size), bold


def add_closing(document, recipients: list[str], widths: tuple[Cm, Cm] = (Cm(8), Cm(8.5))):
    """Nơi nhận on the left; the signature block on the right, the signer's signature and name
    left blank."""
    words = texts()
    table = document.add_table(rows=1, cols=2)
    _borderless(table)
    _widths(table, widths)
    left, right = table.rows[0].cells
    _line(left, words["recipients"]["heading"], size=SUBJECT_PT, bold=True, italic=True,
          align=WD_ALIGN_PARAGRAPH.LEFT)
    for recipient in recipients:
        _line(left, f"- {recipient}", size=RECIPIENTS_PT, align=WD_ALIGN_PARAGRAPH.LEFT)
    signature = words["signature"]
    _line(right, signature["authority"], size=BODY_PT, bold=True, upper=True)
    _line(right, signature["title"], size=BODY_PT, bold=True, upper=True)
    for _ in range(4):  # room for the signature, then the signer's name, all the signer's
        _line(right, "")
    return table
