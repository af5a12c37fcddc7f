"""Benchmark corpora: the user's seed directives, rewritten at random (seeded), ~10 KB each.

Document ``number`` is always the same text: a directive header, then seed paragraphs (each
seed's in order, starting from a different seed) up to about TARGET_BYTES, with item
numbering, bullets, dates, document numbers, province and the order of listed agencies varied.
"""
from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
GENERATOR_VERSION = 1  # bump when the rewrites change: cached corpora are rebuilt
TARGET_BYTES = 9_600  # body, before the ~300-byte header
MAX_BYTES = 10_400

PROVINCES = ["Đắk Nông", "Nghệ An", "Đắk Lắk", "Lâm Đồng", "Quảng Nam", "Thanh Hóa",
             "Bình Định", "Hà Tĩnh", "Lào Cai", "Cà Mau", "Bắc Giang", "Kon Tum"]
KINDS = [("KH-UBND", "KẾ HOẠCH"), ("CT-UBND", "CHỈ THỊ"), ("TB-UBND", "THÔNG BÁO"),
         ("QĐ-UBND", "QUYẾT ĐỊNH"), ("UBND-VX", "CÔNG VĂN")]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
         "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"]
ITEM_STYLES = ["{n}.", "{n})", "{roman}.", "Mục {n}."]
BULLETS = ["-", "+", "–", "•", "*"]

ITEM = regex.compile(r"(?m)^(\d{1,2})\.(?=\s)")
BULLET = regex.compile(r"(?m)^([-+–•])(?=\s)")
SLASH_DATE = regex.compile(r"(ngày\s+)?\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
LONG_DATE = regex.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
DOCUMENT_NUMBER = regex.compile(r"\b\d{1,4}(?=/[A-ZĐ]+(?:-[A-ZĐ]+)+\b)")
SEED_PROVINCE = regex.compile(r"\b(Đắk Nông|Nghệ An|Đắk Lắk|Lâm Đồng)\b")
AGENCY_HEAD = regex.compile(
    r"^(Sở|UBND|Ủy ban nhân dân|Công an|Bộ|Ban|Đài|Báo|Bưu điện|Văn phòng|Cổng|Bảo hiểm"
    r"|Kho bạc|Cục|Chi cục|Thanh tra|Tỉnh đoàn|Hội|Liên đoàn|Ngân hàng|Viettel|VNPT|Trường)\b")
PREDICATE = regex.compile(r"\s(chủ trì|phối hợp|tiếp tục|triển khai|tham mưu|chủ động|thực hiện"
                          r"|có trách nhiệm|theo dõi|hướng dẫn|đẩy mạnh|tăng cường)\b")


def seed_texts(folder: Path = SEEDS) -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no seed documents in {folder}")
    return texts


def directive(number: int, seeds: list[str]) -> str:
    rng = random.Random(number)
    province = rng.choice(PROVINCES)
    text = header(rng, province) + "\n" + body(rng, seeds, number % len(seeds))
    text = SEED_PROVINCE.sub(province, text)
    for rewrite in (renumber_items, rebullet, redate, renumber_documents, shuffle_agencies):
        text = rewrite(text, rng)
    return text


def header(rng: random.Random, province: str) -> str:
    code, kind = rng.choice(KINDS)
    issued = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
    return "\n".join([
        f"ỦY BAN NHÂN DÂN TỈNH {province.upper()}",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        f"Số: {rng.randrange(1, 3000)}/{code}",
        f"{province}, ngày {issued.day:02d} tháng {issued.month:02d} năm {issued.year}",
        kind,
        f"Về việc nâng cao Chỉ số chuyển đổi số tỉnh {province} năm {issued.year}",
    ])


def body(rng: random.Random, seeds: list[str], first: int) -> str:
    """Seed paragraphs, each seed's in order, until the text is about TARGET_BYTES long."""
    order = seeds[first:] + seeds[:first]
    paragraphs, size = [], 0
    while size < TARGET_BYTES:
        for seed in order:
            for paragraph in seed.split("\n")[rng.randrange(3):]:
                length = len(paragraph.encode()) + 1
                if size + length <= MAX_BYTES:
                    paragraphs.append(paragraph)
                    size += length
            if size >= TARGET_BYTES:
                break
    return "\n".join(paragraphs)


def renumber_items(text: str, rng: random.Random) -> str:
    """Top-level items numbered 1, 2, … through the document, in one of several styles."""
    style, counter = rng.choice(ITEM_STYLES), iter(range(1, 10_000))

    def number(_match) -> str:
        n = next(counter)
        return style.format(n=n, roman=ROMAN[(n - 1) % len(ROMAN)])
    return ITEM.sub(number, text)


def rebullet(text: str, rng: random.Random) -> str:
    chosen = dict(zip("-+–•", rng.sample(BULLETS, 4), strict=True))
    return BULLET.sub(lambda m: chosen[m.group(1)], text)


def redate(text: str, rng: random.Random) -> str:
    """Every date moved by one offset for the document and written in one of three forms."""
    shift, form = dt.timedelta(days=rng.randrange(-400, 400)), rng.randrange(3)

    def write(match, day: str, month: str, year: str, said_ngay: bool) -> str:
        try:
            date = dt.date(int(year), int(month), int(day)) + shift
        except ValueError:
            return match.group(0)
        prefix = "ngày " if said_ngay else ""
        if form == 0:
            return f"{prefix}{date.day}/{date.month}/{date.year}"
        if form == 1:
            return f"{prefix}{date.day:02d}/{date.month:02d}/{date.year}"
        return f"ngày {date.day} tháng {date.month} năm {date.year}"

    text = LONG_DATE.sub(lambda m: write(m, *m.groups(), said_ngay=True), text)
    return SLASH_DATE.sub(lambda m: write(m, *m.groups()[1:], said_ngay=bool(m.group(1))), text)


def renumber_documents(text: str, rng: random.Random) -> str:
    return DOCUMENT_NUMBER.sub(lambda _m: str(rng.randrange(1, 3000)), text)


def shuffle_agencies(text: str, rng: random.Random) -> str:
    """Reorder runs of comma-separated agencies ("Sở A, Sở B, Công an tỉnh chủ trì …")."""
    return "\n".join(_shuffle_line(line, rng) for line in text.split("\n"))


def _shuffle_line(line: str, rng: random.Random) -> str:
    parts = line.split(", ")
    start = 0
    while start < len(parts):
        end = start
        while end < len(parts) and AGENCY_HEAD.match(parts[end]):
            end += 1
        if end - start >= 2:
            parts[start:end] = _shuffled_run(parts[start:end], rng)
        start = end + 1
    return ", ".join(parts)


def _shuffled_run(run: list[str], rng: random.Random) -> list[str]:
    """The names shuffled; a predicate after the last name ("… chủ trì, …") stays last."""
    predicate = PREDICATE.search(run[-1])
    tail = run[-1][predicate.start():] if predicate else ""
    names = run[:-1] + [run[-1][:predicate.start()]] if predicate else run[:-1]
    rng.shuffle(names)
    return names[:-1] + [names[-1] + tail] if predicate else names + [run[-1]]


def write_txt(folder: Path, count: int, seeds: list[str]) -> None:
    for number in range(count):
        (folder / f"directive_{number:05d}.txt").write_text(directive(number, seeds),
                                                            encoding="utf-8")


def write_docx(folder: Path, count: int, seeds: list[str]) -> None:
    import docx

    for number in range(count):
        document = docx.Document()
        for paragraph in directive(number, seeds).split("\n"):
            document.add_paragraph(paragraph)
        document.save(folder / f"directive_{number:05d}.docx")


def write_pdf(folder: Path, count: int, seeds: list[str]) -> None:
    """The .docx set converted by LibreOffice, as an office's PDF export would be."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed: run make system-deps")
    with tempfile.TemporaryDirectory() as scratch:
        sources = Path(scratch) / "docx"
        sources.mkdir()
        write_docx(sources, count, seeds)
        profile = Path(scratch) / "profile"  # a private profile: other soffice runs don't clash
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(folder),
                        *sorted(map(str, sources.glob("*.docx")))],
                       check=True, capture_output=True, timeout=1800)


WRITERS = {"txt": write_txt, "docx": write_docx, "pdf": write_pdf}


def build(scratch: Path, kind: str, count: int, seeds: Path = SEEDS) -> Path:
    """The folder of ``count`` documents of ``kind``, made once and reused while unchanged."""
    folder = scratch / f"{kind}-{count}"
    manifest = {"generator": GENERATOR_VERSION, "kind": kind, "count": count}
    marker = folder / ".manifest.json"
    if marker.exists() and json.loads(marker.read_text()) == manifest:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    WRITERS[kind](folder, count, seed_texts(seeds))
    marker.write_text(json.dumps(manifest))  # a dot-file: the batch's scan ignores it
    return folder
