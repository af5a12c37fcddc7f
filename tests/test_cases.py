"""Every case of ../shared/cases gives its expected tasks and fields (tests/cases.py runs them).

A value a case names secondary ("not this report's condition") is reported by tests/cases.py
but fails nothing; any other difference fails the suite.
"""
import shutil

import pytest

import cases

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
    assert not failed
