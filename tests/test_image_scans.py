"""Class: a clerk drops a signed scan saved as an image (JPEG, PNG, TIFF), as e-office systems,
scanners and phones save it. It is read as a scanned PDF page is: the same OCR, limits, flags
and errors (pipeline/readers/image.py). The images are seed pages rasterised (tests/derive.py)."""
import io

import pytest
import sqlite_utils
from PIL import Image

import derive
from conftest import run_command
from derive import STEMS, seed
from pipeline import batch, readers
from pipeline.readers import image, ocr, pages
from pipeline.readers.layout import Piece

SCAN = seed(STEMS[0], ".pdf")  # seed 000: three pages
PAGE_ONE = ("Chủ tịch UBND tỉnh yêu cầu các cơ quan", "Kế hoạch số 561/KH-UBND",
            "Sở Tài chính chủ trì")


def processed(path):
    return batch.process_file(path, batch.sha256_of(path), path.stat().st_size)


def tiny(path, frames=1, image_format="TIFF"):
    """A ``frames``-page image of white 40 × 40 pages (their OCR is stubbed by ``fake_ocr``)."""
    images = [Image.new("L", (40, 40), 255) for _ in range(frames)]
    images[0].save(path, format=image_format, save_all=frames > 1, append_images=images[1:])
    return path


@pytest.fixture
def fake_ocr(monkeypatch):
    """Tesseract stood in for: each page reads "Trang N." (N counts the pages read)."""
    seen = []

    def read_image(scan, dpi, deadline, set_apart):
        seen.append((scan.mode, dpi))
        return [Piece(0, f"Trang {len(seen)}.")], [], False
    monkeypatch.setattr(ocr, "check_tesseract", lambda: None)
    monkeypatch.setattr(ocr, "read_image", read_image)
    return seen


@pytest.mark.slow
@pytest.mark.needs("tesseract-vie")
def test_a_png_saved_as_jpg_is_read_by_ocr_as_a_scanned_pdf_page(tmp_path):
    scan = derive.scanned_image(SCAN, tmp_path / "scan.jpg", image_format="PNG")
    result = readers.read(scan)
    text = "\n".join(block.text for block in result.blocks)
    assert (result.method, result.page_methods) == ("ocr", ["ocr"])
    assert result.blocks[0].source == "page 1 (OCR)"
    assert all(phrase in text for phrase in PAGE_ONE), text
    assert result.warnings[0].startswith("tệp có đuôi .jpg nhưng thực chất là ảnh PNG")
    assert "1 trang bản quét được đọc bằng OCR: kiểm tra lại chữ" in result.warnings


@pytest.mark.slow
@pytest.mark.needs("tesseract-vie")
def test_a_multi_page_tiff_gives_every_page_in_order_a_blank_back_side_too(tmp_path):
    """A duplex scan's blank back side between two pages: read as a page with no words, not as
    the time budget run out (Tesseract's orientation check fails on it), and the pages after it
    are read."""
    first, second = derive.scanned_pages(SCAN, pages=2)
    path = tmp_path / "scan.tiff"
    first.save(path, save_all=True, append_images=[Image.new("L", first.size, 255), second],
               dpi=(200, 200), compression="tiff_lzw")
    result = readers.read(path)
    text = "\n".join(block.text for block in result.blocks)
    assert result.page_methods == ["ocr", "ocr", "ocr"]
    assert [b.source for b in result.blocks][-1].startswith("page 3 (OCR)")
    assert text.index("Kế hoạch số 561/KH-UBND") < text.index("Về An toàn thông tin mạng")
    assert "trang 2 là bản quét nhưng OCR không đọc được chữ nào" in result.warnings
    assert "3 trang bản quét được đọc bằng OCR: kiểm tra lại chữ" in result.warnings


@pytest.mark.slow
@pytest.mark.needs("tesseract-vie")
def test_pipeline_run_finds_the_tasks_of_a_scan_saved_as_an_image(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    derive.scanned_image(SCAN, inbox / "ban_quet.jpeg", image_format="JPEG")
    run_command("run", "--inbox", inbox, "--db", tmp_path / "tasks.db")
    db = sqlite_utils.Database(tmp_path / "tasks.db")
    document, = db.query("select * from documents")
    assert (document["status"], document["read_method"]) == ("ok", "ocr"), document["error"]
    assert document["page_methods"] == '["ocr"]' and "đọc bằng OCR" in document["warnings"]
    leads = [row["agency"] for row in db.query(
        "select agency from task_agencies where role = 'lead'")]
    assert document["task_count"] > 0 and "Sở Tài chính" in leads
    reasons = [row["review_reason"] or "" for row in db.query("select review_reason from tasks")]
    assert all("Văn bản quét (OCR)" in reason for reason in reasons)  # as a scanned PDF's tasks


@pytest.mark.slow
@pytest.mark.needs("tesseract-vie")
def test_a_blank_image_fails_as_a_blank_scanned_pdf_does(tmp_path):
    white = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
    white.save(tmp_path / "trang.png", dpi=(200, 200))
    white.save(tmp_path / "trang.pdf", resolution=200)
    as_image, as_pdf = processed(tmp_path / "trang.png"), processed(tmp_path / "trang.pdf")
    assert as_image.error == as_pdf.error and "văn bản rỗng" in as_image.error
    assert as_image.content_error and as_pdf.content_error
    assert not as_image.tasks


@pytest.mark.slow
@pytest.mark.needs("tesseract-vie")
def test_an_empty_image_named_docx_says_it_is_an_image(tmp_path):
    """A new clerk's trial: a JPEG named .docx read nothing and said only "văn bản rỗng"."""
    Image.new("RGB", (800, 1100), (255, 255, 255)).save(tmp_path / "to_trinh.docx", "JPEG")
    error = processed(tmp_path / "to_trinh.docx").error
    assert error.startswith("văn bản rỗng") and "thực chất là ảnh JPEG" in error


def test_a_truncated_png_is_told_damaged(tmp_path):
    data = io.BytesIO()
    derive.scanned_pages(SCAN, dpi=50)[0].save(data, format="PNG")
    path = tmp_path / "scan.png"
    path.write_bytes(data.getvalue()[: len(data.getvalue()) // 2])
    with pytest.raises(readers.ContentError, match="^ảnh hỏng hoặc bị cắt cụt"):
        readers.read(path)


def test_random_bytes_named_jpg_are_told_not_an_image(tmp_path):
    path = tmp_path / "scan.jpg"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(readers.ContentError, match="nội dung nhị phân.*ảnh JPEG, PNG, TIFF"):
        readers.read(path)


@pytest.mark.parametrize(("width", "height", "said"), [
    (12_000, 12_000, "trang 1 của ảnh \\(12.000 × 12.000 điểm ảnh\\)"),  # past our bound
    (100_000, 100_000, "ảnh này"),  # past Pillow's own: refused as it opens
])
def test_a_decompression_bomb_is_refused_before_it_is_decoded(tmp_path, width, height, said):
    path = derive.image_bomb(SCAN, tmp_path / "bomb.png", width, height)
    with pytest.raises(readers.ContentError, match=f"từ chối: {said} vượt quá giới hạn 120.*bom"):
        readers.read(path)


@pytest.mark.parametrize(("name", "image_format"), [
    ("a.jpeg", "JPEG"), ("a.jpg", "JPEG"), ("a.tif", "TIFF"), ("a.tiff", "TIFF"), ("a.png", "PNG")])
def test_image_suffixes_go_to_the_image_reader_without_a_warning(tmp_path, name, image_format):
    reader, warnings = readers.choose_reader(tiny(tmp_path / name, image_format=image_format))
    assert (reader, warnings) == (image.read_image, [])


def test_image_pages_keep_the_page_limits(tmp_path, fake_ocr, monkeypatch):
    monkeypatch.setattr(pages, "MAX_PAGES", 3)
    monkeypatch.setattr(pages, "MAX_OCR_PAGES", 2)
    result = readers.read(tiny(tmp_path / "scan.tif", frames=4))
    assert result.page_methods == ["ocr", "ocr", "none"]
    assert [(b.source, b.text) for b in result.blocks] == [
        ("page 1 (OCR)", "Trang 1."), ("page 2 (OCR)", "Trang 2.")]
    assert result.warnings[:2] == [
        "trang 3 cần đọc bằng OCR nhưng OCR chỉ đọc tối đa 2 trang; trang này bị bỏ qua",
        "chỉ đọc được 3/4 trang đầu: giới hạn 3 trang"]


def test_an_image_is_scaled_to_the_resolution_a_scan_is_read_at(tmp_path, fake_ocr):
    """A phone's photo states 72 dpi or nothing: its shorter side is taken as A4's (8.27 in)
    and it goes to Tesseract at 200–400 dpi, greyscale, on white where it was transparent."""
    photo = Image.new("RGBA", (827, 1169), (0, 0, 0, 0))
    photo.save(tmp_path / "photo.png", dpi=(72, 72))
    readers.read(tmp_path / "photo.png")
    assert fake_ocr == [("L", 200)]
    scan, dpi = image.prepared(Image.open(tmp_path / "photo.png"))
    assert (scan.size, dpi, scan.getextrema()) == ((1654, 2338), 200, (255, 255))


@pytest.mark.slow
@pytest.mark.needs("tesseract-vie")
def test_an_image_of_noise_is_not_stored_as_read(tmp_path):
    """Class: an image with no text on it (noise, specks) that Tesseract reads as short
    syllables, 0.96 of them well-formed (new-clerk trial: stored ok with nothing real read).
    The document is flagged with why; a real scan read the same way is not."""
    import numpy as np

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    dots = np.random.default_rng(3).random((300, 400)) > 0.5
    Image.fromarray((dots * 255).astype("uint8")).resize((1200, 900), Image.NEAREST).save(
        inbox / "anh-chup.png", dpi=(200, 200))
    derive.scanned_image(SCAN, inbox / "ban-quet.png", image_format="PNG")
    batch.run(inbox, tmp_path / "tasks.db")
    rows = {row["path"].rsplit("/", 1)[-1]: row for row in sqlite_utils.Database(
        tmp_path / "tasks.db").query("select * from documents")}
    noise, scan = rows["anh-chup.png"], rows["ban-quet.png"]
    assert noise["text_quality"] > 0.85  # what passed before: well-formed syllables
    assert noise["needs_review"] == 1 and "không đáng tin" in noise["review_reason"]
    assert scan["status"] == "ok" and "không đáng tin" not in (scan["review_reason"] or "")
