"""Structure: lines → blocks (logical paragraphs), numbering levels, excluded zones, sentences.

A block's rank comes from the order in which marker kinds first appear ("I." then "1." then
"a)" then "-"), the way Vietnamese administrative documents nest them. An unmarked block (a
paragraph or an agency heading such as "Sở Tài chính:") sits just below the nearest numbered
item, so the bullets after it belong to it. Each block records its parent; the role component
walks that chain to inherit leads and pillars from headings.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex
from spacy.language import Language
from spacy.tokens import Doc

from . import rules
from .names import lexicons
from .sentences import sent_tokenize
from .text import fold, is_caps

TERMINAL = tuple(".;:!?…")
ARTICLE = "article"  # the marker kind of a decision's articles ("Điều 1.")
DOT = "dot"  # the marker kind of "•", which a web page also puts before a link's title
LETTER = regex.compile(r"\p{L}")
ELLIPSIS_BEFORE_CAPITAL = regex.compile(r"(?:…|\.\.\.)(\s*)(?=\p{Lu})")
# an item number in brackets run into its paragraph after a colon or the item before it: ": (1)
# Tăng cường ...; (2) Tập trung ..." (news23)
INLINE_ITEM = regex.compile(r"(?<=[:;.])(\s*\((\d{1,2})\)\s*)(?=\S)")
NUMBER_OPENING = regex.compile(r"\s*(?:\d|[IVXLC]+\b)")  # an article's or a chapter's number
LEADING_NUMBER = regex.compile(r"\s*(\d{1,2})")  # a numbered heading's number ("2" of "2. ...")
# a letter marker a wrapped copy left at the end of the line before its item: "... đã được phê
# duyệt. g)" / "Thống kê, định kỳ báo cáo ..." (plans17 P17_01)
TRAILING_MARKER = regex.compile(r"(?<=[.;])[^\S\n]+[a-zđ]\)[^\S\n]*$")
SENTENCE_AFTER_ADDRESS = regex.compile(r"\.\s+(?=\p{Lu})")  # "... trực thuộc. Thực hiện"
SUB_NUMBERS = {"decimal": "arabic"}  # marker kind → the kind it numbers below ("2.1." of "2.")
# marker kind → the kind it always ranks above: a plan's "A." part numbered "1.", "2." before
# its "B." part's "I." sections, each numbered "1.", "2." again
OUTER_NUMBERS = {"roman": "arabic"}
WRAPPED_SHARE = 0.12  # seen: 0.20-0.38 in wrapped web copies, 0 in typed documents
WIDTH_QUANTILE = 0.9  # most lines of a wrapped text run to the width; headings and ends are short
HOLDER_LINE_WORDS = 14  # "Giám đốc Sở Lao động - Thương binh và Xã hội tỉnh Quảng Trị;" fits
SHORT_LINE_SHARE = 0.6  # a line shorter than this share of the width ends its paragraph
FIRST_LINES = 5  # paragraphs that show a copy wraps each first line short, at the least
FIRST_LINE_SHARE = 0.85  # first lines wrapped at most this share of the width are wrapped short
HEADLINE_MIN_WORDS = 5  # shorter first lines are section labels and date lines (dev3)
HEADLINE_MAX_WORDS = 40  # a news headline's length at most; the 74 of the read sets hold no task
SENTENCE_END = regex.compile(r"[.!?…][\"”')]*$")  # a paragraph's last sentence ended


@dataclass
class Segment:
    """A block: a logical paragraph, a numbered item or a bullet. Offsets are characters in the
    document text; ``index`` and ``parent`` are positions in ``doc._.blocks``."""

    index: int
    start_char: int
    end_char: int
    content_start_char: int  # after the marker ("1.", "-") and its spaces
    marker: str | None  # a marker kind of rules/structure.yml, None for a plain paragraph
    rank: int = 1  # nesting depth: a block's parent has a lower rank
    parent: int | None = None
    excluded: str | None = None  # "recipients", "address", "caption", "properties" or "headline"
    sentences: list[tuple[int, int]] = field(default_factory=list)  # (start_char, end_char)


@lru_cache(maxsize=1)
def _data():
    data, cues = rules.load()["structure"], rules.load()["cues"]
    markers = [(m["kind"], m["pattern"], m.get("bullet", False)) for m in data["markers"]]
    return {
        "markers": markers,
        "decorations": {m["kind"] for m in data["markers"] if m.get("decoration")},
        "broken_marker": data["broken_marker"],
        "bullets": {kind for kind, _, bullet in markers if bullet},
        "recipients": data["recipients"],
        "address": data["address_block"],
        "attachment": data["attachment"],
        "caption": data["caption"],
        "properties": data["properties"],
        "dangling_end": data["dangling_end"],
        # a line opening with an administrative level ("Thành phố chủ trì ...") may end the name
        # a short first line began ("3. Bộ Tư lệnh"): agency_patterns.yml units, capitalised
        "level_opening": regex.compile(r"(?:" + rules.alternation(
            [u[:1].upper() + u[1:] for u in rules.load()["agency_patterns"]["units"]]) +
            r")(?!\w)"),
        "signature": tuple(data["signature_words"]),
        # what asks work of someone: "Sở Y tế chủ trì triển khai" is a task, never a caption
        "asking": regex.compile(r"(?<!\w)(?:" + rules.alternation(
            [fold(cue) for cue in cues["obligation"] + cues["directive"]]) + r")(?!\w)"),
        # what addresses work to someone: "yêu cầu các cơ quan ...", "UBND tỉnh chỉ đạo ..."
        "directing": regex.compile(r"(?<!\w)(?:" + rules.alternation(
            [fold(cue) for cue in cues["directive"] + cues["issuer_directive"]]) + r")(?!\w)"),
        # the writer ended a sentence on an abbreviation when a directive opens the next one in
        # capitals: "... hệ thống thông tin của TP. Giao giám đốc Công ty ..." (news10 N10_04)
        "ended_abbreviation": regex.compile(
            r"(?<=(?:^|\s)(?:" + rules.alternation(data["abbreviations"]) + r"))(\s+)(?=(?:" +
            rules.alternation([cue[:1].upper() + cue[1:] for cue in cues["directive"]]) +
            r")\s)"),
    }


def marker_of(line: str) -> tuple[str | None, int]:
    """(marker kind, length in characters of the indent, marker and following spaces) at the
    start of a line; (None, 0) when the line opens with no marker of ``rules/structure.yml``.
    A decoration (a markdown heading's "####") over a marker of its own gives that marker's kind."""
    indent = len(line) - len(line.lstrip())
    for kind, pattern, _ in _data()["markers"]:
        match = pattern.match(line, indent)
        if match:
            length = len(line) - len(line[match.end():].lstrip())
            if kind in _data()["decorations"]:
                inner, inner_length = marker_of(line[length:])
                if inner:
                    return inner, length + inner_length
            return kind, length
    return None, 0


def is_bullet(kind: str | None) -> bool:
    """Whether a marker kind is a list bullet ("-", "+", "•"), not a number or a letter."""
    return kind in _data()["bullets"]


def _lines(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def first_sub_number(line: str) -> int | None:
    """Where in a numbered heading's line the first sub-number of its own number starts, glued
    to the heading's end as web copies break it ("2. Nâng cao năng lực quản lý 2.1." above the
    item's text, "3. Giải quyết tranh chấp 3.1. Rà soát ..."): the character offset of "2.1."
    in the line, or None. Only the heading's own first sub-number counts: "2. ... Nghị định
    số 1.5" is no item."""
    kind, length = marker_of(line)
    leading = LEADING_NUMBER.match(line) if kind == "arabic" else None
    if leading is None:
        return None
    number = leading.group(1)
    found = regex.search(r"(?<=\s)" + number + r"\.1\.(?=\s|$)", line, pos=length)
    return found.start() if found else None


def _joined_markers(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The lines, an article's or a chapter's word alone on its line joined to the next line
    when that one opens with its number ("Điều" above "14. Trách nhiệm của Sở ...",
    ``structure.yml`` ``broken_marker``): one line, which ``marker_of`` reads as the article."""
    broken = _data()["broken_marker"]
    joined: list[tuple[int, int]] = []
    for start, end in lines:
        if joined and broken.fullmatch(text[slice(*joined[-1])].strip()) and \
                NUMBER_OPENING.match(text, start, end):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _address_end(line: str) -> int | None:
    """Where the sentence after an address block's addressees starts when a web copy ran the
    letter's first paragraph into the "Kính gửi:" line ("Kính gửi: Ông (Bà) Hiệu trưởng các đơn
    vị trực thuộc. Thực hiện Kế hoạch ..., Phòng Giáo dục yêu cầu ...", news23): the character
    offset in the line, or None. A period after an abbreviation ("UBND TP. Huế") ends no address."""
    label = _data()["address"].match(line)
    if label is None:
        return None
    for stop in SENTENCE_AFTER_ADDRESS.finditer(line, label.end()):
        if not _ends_with_abbreviation(line[:stop.start() + 1]):
            return stop.end()
    return None


def _item_lines(text: str) -> list[tuple[int, int]]:
    """The text's lines, an article's word alone joined to its number (``_joined_markers``), a
    numbered heading's line cut before its glued first sub-number (``first_sub_number``) and an
    address line before the sentence run into it (``_address_end``), a letter marker left at a
    line's end cut to a line of its own (``TRAILING_MARKER``)."""
    spans = []
    for start, end in _joined_markers(text, _lines(text)):
        trailing = TRAILING_MARKER.search(text, start, end)
        if trailing:
            spans += [(start, trailing.start()), (trailing.start(), end)]
            continue
        line = text[start:end]
        cut = first_sub_number(line)
        cut = _address_end(line) if cut is None else cut
        if cut is None:
            spans.append((start, end))
        else:
            spans += [(start, start + cut), (start + cut, end)]
    return spans


def wrap_width(text: str, lines: list[tuple[int, int]]) -> int:
    """The width in characters a hard-wrapped text (a web page or PDF copied line by line: many
    lines continue in lower case) is wrapped at, its WIDTH_QUANTILE line length; 0 when the text
    is not hard-wrapped."""
    breaks = continued = 0
    for (s1, e1), (s2, e2) in zip(lines, lines[1:], strict=False):
        first, second = text[s1:e1].strip(), text[s2:e2].strip()
        if first and second:
            breaks += 1
            continued += second[0].islower()
    if breaks <= 4 or continued / breaks <= WRAPPED_SHARE:
        return 0
    lengths = sorted(e - s for s, e in lines if e > s)
    return lengths[int(WIDTH_QUANTILE * (len(lengths) - 1))]


def first_line_width(text: str, lines: list[tuple[int, int]], width: int) -> int:
    """The width a hard-wrapped copy wraps each paragraph's first line at, when it is shorter
    than FIRST_LINE_SHARE of ``width`` (a legal site's copy: the first line ~26 characters, the
    rest ~75; a plan's bullets: ~50, the rest ~79, plans22), as the median of the first lines
    that a lower-case line continues, over FIRST_LINES of them at the least; 0 otherwise."""
    firsts = []
    for before, (s1, e1), (s2, e2) in zip([None, *lines], lines, lines[1:], strict=False):
        opens = before is None or not text[slice(*before)].strip()
        line, following = text[s1:e1].strip(), text[s2:e2].strip()
        if opens and line and following[:1].islower():
            firsts.append(len(line))
    if not width or len(firsts) < FIRST_LINES:
        return 0
    median = sorted(firsts)[len(firsts) // 2]
    return median if median < FIRST_LINE_SHARE * width else 0


@dataclass
class _OpenBlock:
    """What ``_continues`` asks of the block being built, updated line by line (re-reading the
    whole block for each new line made a long paragraph quadratic)."""

    last_line: str = ""
    lines: int = 0
    bare_marker: bool = False  # only a number so far ("1.4."): its text is on the next line
    has_letter: bool = False
    has_pipe: bool = False
    letters: int = 0
    not_upper: int = 0  # letters not in upper case

    def add(self, line: str, marker_length: int) -> None:
        """Take in the block's next line, its marker ``marker_length`` characters long."""
        letters = "".join(filter(str.isalpha, line))
        self.bare_marker = not self.last_line and marker_length >= len(line.rstrip())
        self.last_line = line
        self.lines += 1
        self.has_letter = self.has_letter or bool(LETTER.search(line))
        self.has_pipe = self.has_pipe or "|" in line
        self.letters += len(letters)
        self.not_upper += len(letters) - sum(map(str.isupper, letters))

    @property
    def is_caps(self) -> bool:
        """Whether the block so far is in capitals (a heading): 3 letters or more, all upper."""
        return self.letters >= 3 and not self.not_upper


def _continues(previous: _OpenBlock, line: str, marker: str | None, width: int, gap: bool,
               first_width: int = 0) -> bool:
    """Whether ``line``, of ``marker`` kind (``marker_of``), continues the paragraph ``previous``
    (the block so far); ``width``: what the text is hard-wrapped at (``wrap_width``). A
    capitalised line continues a wrapped one only when that one is not short: a short line
    ended its paragraph ("1. Về cải cách thể chế" above "Giao Sở Tư pháp ..."), unless it ends
    in a comma ("- Phối hợp với Sở Xây dựng," above "Sở Quy hoạch - Kiến trúc và ...") or in a
    word no paragraph ends with (``dangling_end``: "Điều 3. Chánh Văn phòng UBND tỉnh, Giám
    đốc" above "Sở Tư pháp, ...") or is a paragraph's first line as long as the copy wraps
    first lines at (``first_line_width``: "Trung tâm Chuyển đổi số" above "Thành phố chủ trì",
    "- Phối hợp chặt chẽ với Ban Quản lý Khu kinh tế" above "Đông Nam, Sở ..."), or is a
    numbered item's first line that the next ends the name of by its level ("3. Bộ Tư lệnh"
    above "Thành phố chủ trì ...")."""
    stripped = line.lstrip()
    if not stripped or marker or is_caption(line):
        return False
    if previous.bare_marker:
        return True
    if not previous.has_letter or "|" in line or previous.has_pipe:  # rules, table rows
        return False
    ending = previous.last_line.rstrip()
    if _holder_line(previous.last_line) and lexicons()["titles"].starts(stripped):
        return True  # "Điều 3. Chánh Văn phòng UBND tỉnh;" / "Giám đốc Sở Tài chính;" / ...
    length = len(previous.last_line.strip())
    full = bool(width) and not gap and (length >= SHORT_LINE_SHARE * width or (
        previous.lines == 1 and 0 < SHORT_LINE_SHARE * first_width <= length))
    if ending.endswith(TERMINAL) and not ending.endswith(("…", "...")) and \
            not (_semicolon_run(ending) and stripped[0].isupper()) and \
            not (ending.endswith(";") and stripped[0].islower() and full):
        return False  # a full line's ";" before lower case was wrapped mid-sentence (plans22)
    if stripped[0].islower() or (stripped[0].isdigit() and not gap):
        return True
    if width and not gap and previous.lines == 1 and not previous.is_caps and \
            _data()["level_opening"].match(stripped) and marker_of(previous.last_line)[0]:
        return True  # "3. Bộ Tư lệnh" / "Thành phố chủ trì ..." (plans12 P12_05)
    return not previous.is_caps and not is_caps(line) and (full or (
        bool(width) and not gap and (ending.endswith(",") or
                                     bool(_data()["dangling_end"].search(ending)))))


def _holder_line(line: str) -> bool:
    """Whether a line names one office holder and ends in ";" ("Giám đốc Sở Tài chính;", after
    a marker: "Điều 3. Chánh Văn phòng UBND tỉnh;"): an execution clause that puts one holder
    on each line goes on into the next line's holder, where its verb comes at last."""
    content = line[marker_of(line)[1]:].strip()
    return content.endswith(";") and len(content.split()) <= HOLDER_LINE_WORDS and \
        lexicons()["titles"].starts(content)


def _semicolon_run(ending: str) -> bool:
    """Whether a line ending in ";" holds another ";" before: a run of names whose separators
    fall mid-line, wrapped where the width ended it, not one item per line ("...
    ban nhân dân tỉnh; Giám đốc Sở Công Thương; Thủ trưởng các sở, ban, ngành cấp tỉnh;" above
    "Ủy ban nhân dân các xã, phường, đặc khu; ...", notices16 N16_06)."""
    return ending.endswith(";") and ";" in ending[:-1]


def blocks_of(text: str) -> list[Segment]:
    """The text's lines joined into blocks (a paragraph's wrapped lines, a marker's item)."""
    lines = _item_lines(text)
    width = wrap_width(text, lines)
    first_width = first_line_width(text, lines, width)
    blocks: list[Segment] = []
    open_block = _OpenBlock()
    gap = False
    for start, end in lines:
        line = text[start:end]
        if not line.strip():
            gap = True
            continue
        if line.strip().isdigit():  # a page number: between a heading and its bullets, or
            continue  # inside a paragraph a page break cut
        kind, length = marker_of(line)
        if blocks and _continues(open_block, line, kind, width, gap, first_width):
            blocks[-1].end_char = end
        else:
            lead = len(line) - len(line.lstrip())
            blocks.append(Segment(len(blocks), start + lead, end, start + max(length, lead), kind))
            open_block = _OpenBlock()
        open_block.add(line, length)
        gap = False
    for block in blocks:
        while block.end_char > block.start_char and text[block.end_char - 1].isspace():
            block.end_char -= 1
        while block.content_start_char < block.end_char and \
                text[block.content_start_char].isspace():  # a number alone on its line
            block.content_start_char += 1
    return blocks


def marker_order(blocks: list[Segment]) -> list[str]:
    """The marker kinds of the blocks, outermost first: in the order they first appear outside
    excluded zones (the "- " of a decision's recipient list ranks none of the attached plan's
    bullets), then those only found in them; except that a sub-number ("2.1.") ranks right
    below its number ("2."), even when a bullet kind appeared first (a plan's "1." with "-"
    bullets, then "2." with "2.1." items), and the number right above it when the sub-number
    came first (an excerpt opening inside a section, "2.1." with "a)" items before any "3."),
    and a roman number ranks above an arabic one (``OUTER_NUMBERS``), even when the arabic
    came first."""
    kinds: list[str] = []
    for block in sorted(blocks, key=lambda b: bool(b.excluded)):  # stable: text order
        if block.marker and block.marker not in kinds:
            kinds.append(block.marker)
    for sub, number in SUB_NUMBERS.items():
        if sub in kinds and number in kinds:
            if kinds.index(number) < kinds.index(sub):
                kinds.remove(sub)
                kinds.insert(kinds.index(number) + 1, sub)
            else:
                kinds.remove(number)
                kinds.insert(kinds.index(sub), number)
    for outer, inner in OUTER_NUMBERS.items():
        if outer in kinds and inner in kinds and kinds.index(outer) > kinds.index(inner):
            kinds.remove(outer)
            kinds.insert(kinds.index(inner), outer)
    return kinds


def assign_ranks(blocks: list[Segment]) -> None:
    """Set each block's ``rank`` and ``parent``: marker kinds rank by ``marker_order``; an
    unmarked block sits just below the nearest numbered item, and so does a bullet whose kind
    first appeared above that item's level ("*" items under "1." and then under "2.1." and
    "a)" belong to each). What follows a recipient list
    ("Nơi nhận:" and the signature) is a document of its own, the programme or plan a decision
    attaches: nothing in it sits under the decision's articles ("Điều 2. Giám đốc Sở ... chịu
    trách nhiệm thi hành" leads none of the programme's items). Call ``mark_excluded`` first."""
    kinds = marker_order(blocks)
    stack: list[tuple[int, int, bool]] = []  # (rank, block index, is a numbered item)
    bullets = _data()["bullets"]
    after_recipients = False
    for block in blocks:
        if block.excluded == "recipients":
            after_recipients = True
        elif after_recipients and not block.excluded:
            stack, after_recipients = [], False
        numbered = [rank for rank, _, is_numbered in stack if is_numbered]
        if block.marker:
            block.rank = 2 * (kinds.index(block.marker) + 1)
            if block.marker in bullets and numbered and numbered[-1] >= block.rank:
                block.rank = numbered[-1] + 1  # a bullet first seen higher up
        else:
            block.rank = (numbered[-1] + 1) if numbered else 1
        while stack and stack[-1][0] >= block.rank:
            stack.pop()
        block.parent = stack[-1][1] if stack else None
        stack.append((block.rank, block.index, bool(block.marker) and block.marker not in bullets))


def mark_excluded(text: str, blocks: list[Segment]) -> None:
    """Set ``excluded`` on captions and on the blocks of a recipient list ("Nơi nhận:") or an
    address block ("Kính gửi:"), which hold no tasks."""
    data = _data()
    zone = None
    for block in blocks:
        line = text[block.start_char:block.end_char]
        if is_caption(line) or not LETTER.search(line):
            block.excluded = "caption"
            continue
        if data["properties"].match(line):
            block.excluded = "properties"
            continue
        if data["recipients"].match(line):
            zone = "recipients"
        elif data["address"].match(line):
            zone = "address"
        elif zone == "address" and block.marker not in data["bullets"]:
            zone = None
        elif zone == "recipients" and _ends_recipients(line, block):
            zone = None
        block.excluded = zone
    mark_headline(text, [b for b in blocks if not b.excluded])
    mark_repeated_titles(text, [b for b in blocks if b.excluded in (None, "headline")])
    mark_captions(text, [b for b in blocks if not b.excluded])


def mark_repeated_titles(text: str, blocks: list[Segment]) -> None:
    """Exclude every copy of a line shaped like a headline (``_headline_shaped``) that the
    text repeats word for word, unmarked or after a dot bullet (``DOT``): a page shows its
    title twice, as a link and over the article ("• Cần Thơ đẩy mạnh giải ngân vốn đầu tư công
    2025" / "Cần Thơ đẩy mạnh ...", news58), and no task is said twice. A plan's numbered
    headings and labelled lines repeat in every section ("2. Cơ quan chủ trì, phối hợp", "-
    Thời gian thực hiện: Năm 2025") and stay."""
    copies: dict[str, list[Segment]] = {}
    for block in blocks:
        line = " ".join(text[block.content_start_char:block.end_char].split())
        if block.marker in (None, DOT) and ":" not in line and _headline_shaped(line):
            copies.setdefault(line, []).append(block)
    for repeated in (found for found in copies.values() if len(found) > 1):
        for block in repeated:
            block.excluded = "headline"


def is_caption(line: str) -> bool:
    """Whether a line is a photo's caption or a table row pasted from a web page (``structure.yml``
    ``caption``): no sentence of the text, nor its title."""
    return bool(_data()["caption"].search(line))


def is_attachment_line(line: str) -> bool:
    """Whether the line says what the text below is attached to, "(Ban hành kèm theo Kế hoạch
    số ...)" (``structure.yml`` ``attachment``)."""
    return bool(_data()["attachment"].match(line))


def _ends_recipients(line: str, block: Segment) -> bool:
    """Whether a recipient list ended before this block: a title in capitals that is no line of
    the signature, a numbered item or heading (the list's own lines are "- " bullets), or the
    line that opens a document the decision attaches (``structure.yml`` ``attachment``)."""
    data = _data()
    return (is_caps(line) and len(line.split()) >= 3
            and not line.lstrip().startswith(data["signature"])) or \
        (block.marker is not None and block.marker not in data["bullets"]) or \
        is_attachment_line(line)


def mark_headline(text: str, blocks: list[Segment]) -> None:
    """Exclude a news headline and the page's copies of it: the first block that
    ``is_headline`` among those opening the document before any sentence ends (a site name in
    capitals or a date line may come first), when other blocks follow."""
    for block in blocks[:-1]:
        line = text[block.start_char:block.end_char].strip()
        if is_headline(text, block) or _dated_headline(text, block):
            for other in blocks:
                if text[other.start_char:other.end_char].strip() == line:
                    other.excluded = "headline"
            return
        if line.endswith(TERMINAL):
            return


def mark_captions(text: str, blocks: list[Segment]) -> None:
    """Exclude the photo captions a web page left in an article without their "Ảnh:" credit: a
    block shaped like a headline (``is_headline``) between two paragraphs, the one before it
    ending its sentence (or a caption too: a page may show two photos) and the one after it
    unnumbered, that opens with whom or what the photo shows ("Lực lượng chức năng đặc khu ...
    hỗ trợ đưa tàu thuyền ... lên bờ", "Lãnh đạo Đảng ủy, UBND phường ... trao quyết định ...",
    a title before the body it heads): no task, even when it says what a body does
    (ANNOTATION.md §1 Exclude). A line that opens with an action ("Báo cáo đầy đủ gửi trước 8h00
    ngày 16/02/2021 (tức ngày mùng 5 Tết)"), and so is one that asks work of its subject ("Sở Y
    tế chủ trì triển khai", ``cues.yml`` ``obligation`` and ``directive``): its writer left it
    without a period. The read sets' captions so shaped name and show (news6, dev, dev2,
    blind4)."""
    verbs, titles = lexicons()["verbs"], lexicons()["titles"]
    for before, block, after in zip(blocks, blocks[1:], blocks[2:], strict=False):
        if not is_headline(text, block) or after.marker or not (
                before.excluded or SENTENCE_END.search(text[before.start_char:before.end_char])):
            continue
        line = text[block.start_char:block.end_char]
        acts = verbs.starts(line) and not titles.starts(line) or \
            _data()["asking"].search(fold(line))  # "Lãnh đạo Đảng ủy" is a title
        if not acts:
            block.excluded = "caption"


def _dated_headline(text: str, block: Segment) -> bool:
    """Whether a block closed by a period is a headline all the same: one sentence with the
    page's date line next ("UBND xã Hải Tiến thực hiện kiểm tra ... trên địa bàn." /
    "27/04/2022 16:21", news21; news20), as a site prints its title over its timestamp."""
    line = text[block.start_char:block.end_char].strip()
    next_line = text[block.end_char:].strip().split("\n", 1)[0]
    return not block.marker and line.endswith(".") and ". " not in line and \
        _headline_shaped(line[:-1]) and \
        bool(rules.load()["metadata"]["timestamp"].fullmatch(next_line.strip()))


def is_headline(text: str, block: Segment) -> bool:
    """Whether a block opening a document is a news headline: one unnumbered line in ordinary
    case, without a closing mark ("Ủy ban nhân dân huyện đánh giá kết quả ... tháng 3 năm
    2022"), which titles the article that repeats what it says; not a task, nor the subject of
    the sentence after it (news3 and news4 conventions, ANNOTATION.md §1)."""
    return not block.marker and _headline_shaped(text[block.start_char:block.end_char].strip())


def _headline_shaped(line: str) -> bool:
    """One line in ordinary case, of a headline's length, without a closing mark."""
    return "\n" not in line and not line.endswith(TERMINAL) and not is_caps(line) and \
        HEADLINE_MIN_WORDS <= len(line.split()) <= HEADLINE_MAX_WORDS


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(a.lower() for a in rules.load()["structure"]["abbreviations"])


def is_abbreviation(word: str) -> bool:
    """Whether a word with its period ("TP.", "tx.", "v.v.") is an abbreviation of
    ``structure.yml`` ``abbreviations``, whose period ends no sentence and no name."""
    return word.lower().lstrip("(") in _abbreviations()


def _ends_with_abbreviation(sentence: str) -> bool:
    words = sentence.split()
    return bool(words) and is_abbreviation(words[-1])


def _cut_too_early(sentence: str, following: str, glued: bool) -> bool:
    """Whether a sentence ended where none ends: at the period of an abbreviation, inside a
    bracket the following sentence closes ("(Chinhphu." of a news byline "(Chinhphu.vn) - Thủ
    tướng ..."), or inside a web address or a site's name, whose period a letter follows with
    no space (``glued``): a lower-case one ("https://thanhtra.daklak.gov.vn"), or any after a
    word in capitals ("BDK.VN - Ngày 3-3-2021, ..."; "địa bàn.Làm tốt ..." ends a sentence)."""
    acronym = sentence.split()[-1].rstrip(".") if sentence.split() else ""
    return _ends_with_abbreviation(sentence) or (glued and following[:1].islower()) or \
        (glued and len(acronym) > 1 and acronym.isupper() and following[:1].isalpha()) or \
        (sentence.count("(") > sentence.count(")") and ")" in following)


def _split_at_ends(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span ``[start, end)`` of ``text`` cut after every ellipsis a capital follows, glued
    or after spaces ("... phòng, chống dịch…Ban Chỉ đạo kỳ thi cần ...", "... để trục lợi… Giao
    Sở Lao động ..."), after an abbreviation a directive follows ("... của TP. Giao ..."), and
    at the bracketed numbers of a list run into one paragraph (``_inline_items``, the numbers
    left out): the splitter reads on across them, the writer ended a sentence."""
    pieces, piece_start = [], start
    ends = [*ELLIPSIS_BEFORE_CAPITAL.finditer(text, start, end),
            *_data()["ended_abbreviation"].finditer(text, start, end),
            *_inline_items(text, start, end)]
    for match in sorted(ends, key=lambda m: m.start(1)):
        pieces.append((piece_start, match.start(1)))
        piece_start = match.end(1)
    pieces.append((piece_start, end))
    return [(a, b) for a, b in pieces if b > a]


def _inline_items(text: str, start: int, end: int) -> list[regex.Match]:
    """The bracketed item numbers run into ``text[start:end]`` (``INLINE_ITEM``) when they count
    1, 2, ... from the first, which follows an intro that addresses work to someone
    (``cues.yml`` ``directive``: "Chủ tịch UBND huyện yêu cầu các cơ quan ...: (1) ...; (2)
    ..."): a list of tasks written as one paragraph, each item a sentence. Items of a task's
    object stay in it ("Khẩn trương phê duyệt đối tượng thuộc 02 Chương trình: (1) Hỗ trợ nhà ở
    ...; (2) Xoá nhà tạm ...", OF_07)."""
    found = list(INLINE_ITEM.finditer(text, start, end))
    numbers = [int(m.group(2)) for m in found]
    if len(found) < 2 or numbers != list(range(1, len(found) + 1)):
        return []
    intro = text[start:found[0].start()].rstrip()
    return found if intro.endswith(":") and _data()["directing"].search(fold(intro)) else []


def split_sentences(text: str, block: Segment) -> list[tuple[int, int]]:
    """(start_char, end_char) of the sentences of a block's content (underthesea), rejoined where
    one ended at the period of an abbreviation (``structure.yml`` ``abbreviations``), inside
    a bracket or inside a web address, and cut at an ellipsis a capital follows or an
    abbreviation a directive follows."""
    content = text[block.content_start_char:block.end_char]
    one_line = content.replace("\n", " ")
    spans: list[tuple[int, int]] = []
    cursor = 0
    for sentence in sent_tokenize(one_line):
        sentence = sentence.strip()
        found = one_line.find(sentence, cursor) if sentence else -1
        if found < 0:
            continue
        cursor = found + len(sentence)
        if spans and _cut_too_early(one_line[slice(*spans[-1])], sentence,
                                    glued=found == spans[-1][1]):
            spans[-1] = (spans[-1][0], cursor)
        else:
            spans.append((found, cursor))
    spans = [piece for span in spans for piece in _split_at_ends(one_line, *span)]
    offset = block.content_start_char
    spans = [(offset + s, offset + e) for s, e in spans if LETTER.search(one_line[s:e])]
    if not spans and content.strip():  # "/." closing formulas, stray numbering: no letters
        lead = len(content) - len(content.lstrip())
        spans.append((offset + lead, block.end_char))
    return spans


def segment(text: str) -> list[Segment]:
    """The blocks of a document's text, ranked, their excluded zones marked and, outside them,
    their sentences split."""
    blocks = blocks_of(text)
    mark_excluded(text, blocks)
    assign_ranks(blocks)
    for block in blocks:
        if not block.excluded:
            block.sentences = split_sentences(text, block)
    return blocks


@Language.factory("vi_structure", assigns=["doc._.blocks"])
def create_structure(nlp: Language, name: str):
    """Component: ``doc._.blocks``, the ``Segment`` records of ``segment(doc._.text)``."""
    def structure(doc: Doc) -> Doc:
        doc._.blocks = segment(doc._.text)
        return doc
    return structure
