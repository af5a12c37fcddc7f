"""Make the sample inbox's .docx and .pdf versions of the real seed documents (run once, commit).

    .venv/bin/python scripts/make_sample_inbox.py [--inbox corpus/inbox]

Each ``NNN_<hash>.txt`` gets a ``.docx`` (python-docx) in which the seed's list lines ("1. ",
"- ", "+ ", "– ") become real Word list paragraphs, so the reader's numbering reconstruction runs
on real files, and a ``.pdf`` printed from that .docx by LibreOffice (``soffice --headless``).
Reading the .docx back gives the seed text exactly; the PDF wraps lines as printed.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
import regex
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

NUMBERED = regex.compile(r"(\d{1,2})\. (?=\S)(.*)", regex.S)
BULLETED = regex.compile(r"([-+–]) (?=\S)(.*)", regex.S)
DECIMAL_ID, FIRST_BULLET_ID = 100, 101
BULLETS = "-+–"


def _element(tag: str, **attributes: str):
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _abstract_num(abstract_id: int, fmt: str, text: str):
    abstract = _element("w:abstractNum", abstractNumId=str(abstract_id))
    level = _element("w:lvl", ilvl="0")
    level.append(_element("w:start", val="1"))
    level.append(_element("w:numFmt", val=fmt))
    level.append(_element("w:lvlText", val=text))
    level.append(_element("w:lvlJc", val="left"))
    indent = _element("w:pPr")
    indent.append(_element("w:ind", left="720", hanging="360"))
    level.append(indent)
    abstract.append(level)
    return abstract


class ListMaker:
    """Adds list definitions to a document and hands out list instances for the seed's lines."""

    def __init__(self, document) -> None:
        self.numbering = document.part.numbering_part.element
        first_num = self.numbering.find(qn("w:num"))
        definitions = [_abstract_num(DECIMAL_ID, "decimal", "%1.")]
        definitions += [_abstract_num(FIRST_BULLET_ID + i, "bullet", mark)
                        for i, mark in enumerate(BULLETS)]
        for definition in definitions:  # abstractNum elements must precede every num
            if first_num is not None:
                first_num.addprevious(definition)
            else:
                self.numbering.append(definition)
        self.next_id = 1000
        self.bullet_ids = {mark: self._num(FIRST_BULLET_ID + i) for i, mark in enumerate(BULLETS)}
        self.decimal_id, self.last_number = None, None

    def _num(self, abstract_id: int, start: int | None = None) -> str:
        self.next_id += 1
        num = _element("w:num", numId=str(self.next_id))
        num.append(_element("w:abstractNumId", val=str(abstract_id)))
        if start is not None:  # Word's "restart numbering at": a new instance with an override
            override = _element("w:lvlOverride", ilvl="0")
            override.append(_element("w:startOverride", val=str(start)))
            num.append(override)
        self.numbering.append(num)
        return str(self.next_id)

    def numbered(self, number: int) -> str:
        if self.decimal_id is None or number != self.last_number + 1:
            # the first list starts at 1 by itself; a restart overrides (LibreOffice's .doc export
            # misnumbers a first list that carries an override)
            first = self.decimal_id is None and number == 1
            self.decimal_id = self._num(DECIMAL_ID, start=None if first else number)
        self.last_number = number
        return self.decimal_id

    def bulleted(self, mark: str) -> str:
        return self.bullet_ids[mark]


def _set_list(paragraph, num_id: str) -> None:
    properties = paragraph._p.get_or_add_pPr()
    numbering = _element("w:numPr")
    numbering.append(_element("w:ilvl", val="0"))
    numbering.append(_element("w:numId", val=num_id))
    properties.append(numbering)


def make_docx(seed: Path, target: Path) -> None:
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(13)
    lists = ListMaker(document)
    for line in seed.read_text(encoding="utf-8").split("\n"):
        if match := NUMBERED.fullmatch(line):
            _set_list(document.add_paragraph(match.group(2)), lists.numbered(int(match.group(1))))
        elif match := BULLETED.fullmatch(line):
            _set_list(document.add_paragraph(match.group(2)), lists.bulleted(match.group(1)))
        else:
            document.add_paragraph(line)
    document.save(str(target))


def print_pdfs(documents: list[Path], outdir: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:  # own profile: no clash with a running office
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(outdir), *map(str, documents)],
                       check=True, capture_output=True, timeout=600)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--inbox", type=Path, default=Path("corpus/inbox"))
    inbox = parser.parse_args(argv).inbox
    seeds = sorted(inbox.glob("[0-9][0-9][0-9]_*.txt"))
    documents = [seed.with_suffix(".docx") for seed in seeds]
    for seed, target in zip(seeds, documents, strict=True):
        make_docx(seed, target)
    print_pdfs(documents, inbox)
    print(f"wrote {len(documents)} .docx and .pdf files to {inbox}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
