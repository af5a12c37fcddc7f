"""Every case of ../shared/cases gives its expected tasks and fields (tests/cases.py runs them).

The faults left are extraction's, not reading's: for each, the text the reader stores is the
one a typed .txt of the same document gives, and the extractor still misses. They are listed
here so that any other failure, or a new one in these cases, fails the suite.
"""
import shutil

import pytest

import cases

EXTRACTION_FAULTS = {
    ("FR_01", "task «Sở Lao động - Thương binh và Xã hội chi trả an s»"):
        "'Sở Lao động - Thương binh và Xã hội chi trả ...' is no task, in .txt as well",
    ("FR_01", "tasks in all"): "the same task",
    ("FR_10", "task «UBND TP. Bắc Giang chủ trì, phối hợp với Sở Nội »"):
        "the sentence splitter ends a sentence at 'TP.' (abbreviations belong in rules/)",
    ("FR_10", "task «Sở Thông tin và Truyền thông hướng dẫn các xã, p»"):
        "the same, at 'TX.'",
    ("FR_14", "task «Sở Nội vụ tổng hợp, báo cáo tình hình thực hiện » recurrence"):
        "'báo cáo ... về UBND tỉnh hằng quý' is not read as quarterly, in .txt as well",
}
OCR_CASES = {"FR_14"}

pytestmark = pytest.mark.skipif(not cases.CASES.is_dir(), reason="../shared/cases not present")


def case_params():
    ocr = [pytest.mark.slow, pytest.mark.skipif(shutil.which("tesseract") is None,
                                                reason="Tesseract missing: run `make system-deps`")]
    return [pytest.param(path, id=path.name[:5], marks=ocr if path.name[:5] in OCR_CASES else [])
            for path in cases.case_files()]


@pytest.mark.parametrize("expected_file", case_params())
def test_case_gives_its_expected_tasks_and_fields(expected_file):
    checks = cases.run_case(expected_file)
    failed = {(c.case, c.what): (c.expected, c.found)
              for c in checks if not c.passed and not c.secondary}
    unexpected = {key: values for key, values in failed.items() if key not in EXTRACTION_FAULTS}
    assert not unexpected
