"""The cases of ``../shared/cases``: each input through the real pipeline, checked against its
``FR_NN_expected.json``.

Run as a script for the table of cases (expected vs found, pass or fail):
    PYTHONPATH=$PWD .venv/bin/python tests/cases.py
"""
from __future__ import annotations

import json
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pipeline import batch
from pipeline.evaluate import agency_set, number_key

CASES = Path(__file__).resolve().parent.parent.parent / "shared" / "cases" / "inputs"
TASK_FIELDS = ("lead", "support", "deadline", "recurrence")
WARNINGS_IN_VIETNAMESE = {"document does not look Vietnamese": "không phải tiếng Việt"}
# "expected": "as got (...)" cases: the tasks the product gave, checked right by hand (all of them)
AS_GOT = {
    "FR_02_two-column-header.pdf": [
        {"text_contains": "Sở Công Thương chủ trì, phối hợp với Sở Thông tin và Truyền thông "
                          "phát triển thanh toán không dùng tiền mặt tại các chợ",
         "lead": ["Sở Công Thương"], "support": ["Sở Thông tin và Truyền thông"],
         "deadline": "2024-09-30", "recurrence": None},
        {"text_contains": "Sở Giao thông vận tải triển khai thu phí không dừng tại các bến xe",
         "lead": ["Sở Giao thông vận tải"], "support": [], "deadline": "2024-12-31",
         "recurrence": None}],
    "FR_12_nfd-text.txt": [
        {"text_contains": "Sở Thông tin và Truyền thông chủ trì, phối hợp với Công an tỉnh kiểm "
                          "tra an toàn thông tin",
         "lead": ["Sở Thông tin và Truyền thông"], "support": ["Công an tỉnh"],
         "deadline": "2024-06-30", "recurrence": None},
        {"text_contains": "Các sở, ban, ngành thực hiện báo cáo định kỳ hằng quý",
         "lead": ["Các sở, ban, ngành"], "support": [], "deadline": None,
         "recurrence": "quarterly"}],
    "FR_13_mixed-tcvn3-unicode.docx": [
        {"text_contains": "Sở Nông nghiệp và Phát triển nông thôn chủ trì, phối hợp với Sở Công "
                          "Thương xây dựng sàn giao dịch nông sản trực tuyến",
         "lead": ["Sở Nông nghiệp và Phát triển nông thôn"], "support": ["Sở Công Thương"],
         "deadline": "2024-09-30", "recurrence": None},
        {"text_contains": "Sở Thông tin và Truyền thông hướng dẫn hợp tác xã đưa sản phẩm lên "
                          "sàn thương mại điện tử",
         "lead": ["Sở Thông tin và Truyền thông"], "support": [], "deadline": "2024-12-31",
         "recurrence": None},
        {"text_contains": "Sở Tài chính bố trí kinh phí thực hiện các nhiệm vụ trên",
         "lead": ["Sở Tài chính"], "support": [], "deadline": "2024-12-15", "recurrence": None}],
}


@dataclass
class Check:
    """One expected value of a case and what the product gave."""

    case: str
    what: str
    expected: object
    found: object
    secondary: bool = False  # named in the case as "not this report's condition"

    @property
    def passed(self) -> bool:
        return self.expected == self.found


def squeeze(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def case_files() -> list[Path]:
    return sorted(CASES.glob("FR_*_expected.json"))


def expected_tasks(case: dict, name: str) -> list[dict]:
    expected = case["expected"]
    if isinstance(expected, str):
        return AS_GOT[name]
    return expected[name] if isinstance(expected, dict) else expected


def task_record(task) -> dict:
    return {"text": squeeze(task.text), "deadline": task.deadline, "recurrence": task.recurrence,
            "lead": [a.agency for a in task.agencies if a.role == "lead"],
            "support": [a.agency for a in task.agencies if a.role == "support"]}


def check_tasks(case_id: str, wanted: list[dict], found: list[dict]) -> list[Check]:
    checks = []
    for want in wanted:
        phrase = squeeze(want["text_contains"])
        label = f"task «{phrase[:48]}»"
        match = next((task for task in found if phrase in task["text"]), None)
        checks.append(Check(case_id, label, "found", "found" if match else "missing"))
        if match is None:
            continue
        for name in TASK_FIELDS:
            expected, got = want[name], match[name]
            if name in ("lead", "support"):
                same = agency_set(expected) == agency_set(got)
                expected, got = sorted(expected), sorted(got) if not same else sorted(expected)
            checks.append(Check(case_id, f"{label} {name}", expected, got,
                                secondary=f"{name}_note" in want))
    return checks


def check_document(case_id: str, wanted: dict, processed: batch.Processed) -> list[Check]:
    meta, checks = processed.meta, []
    for name, expected in wanted.items():
        if name == "doc_number":
            checks.append(Check(case_id, name, number_key(expected), number_key(meta.doc_number)))
        elif name in ("issued_date", "doc_type"):
            checks.append(Check(case_id, name, expected, getattr(meta, name)))
        elif name == "title":
            checks.append(Check(case_id, name, expected, squeeze(meta.title or "")))
        elif name == "warnings_must_not_contain":  # the product's warnings are in Vietnamese
            phrases = (expected, WARNINGS_IN_VIETNAMESE.get(expected, expected))
            hits = [w for w in processed.warnings if any(p in w for p in phrases)]
            checks.append(Check(case_id, f"no warning «{expected}»", [], hits))
        elif name == "text_must_contain":
            for phrase in expected:
                found = "present" if phrase in processed.text else "absent"
                checks.append(Check(case_id, f"text «{phrase[:40]}»", "present", found))
    return checks


def run_case(expected_file: Path) -> list[Check]:
    """Every check of one case, its inputs read and extracted by ``batch.process_file``."""
    case = json.loads(expected_file.read_text(encoding="utf-8"))
    case_id = expected_file.name[:5]
    checks = []
    for name in case["inputs"]:
        path = CASES / name
        processed = batch.process_file(path, batch.sha256_of(path), path.stat().st_size)
        checks.append(Check(case_id, "status", None, processed.error))
        found = [task_record(task) for task in processed.tasks]
        checks += check_tasks(case_id, expected_tasks(case, name), found)
        checks += check_document(case_id, case.get("document", {}), processed)
        # every task is listed: the closing formula a case names in "not_tasks" is none
        checks.append(Check(case_id, "tasks in all", len(expected_tasks(case, name)), len(found)))
    return checks


def table(checks: list[Check]) -> str:
    lines = ["| case | check | expected | found | |", "|---|---|---|---|---|"]
    for check in checks:
        verdict = "pass" if check.passed else ("fail (secondary)" if check.secondary else "FAIL")
        lines.append(f"| {check.case} | {check.what} | {check.expected} | {check.found} "
                     f"| {verdict} |")
    return "\n".join(lines)


if __name__ == "__main__":
    every = [check for path in case_files() for check in run_case(path)]
    print(table(every))
    failed = [c for c in every if not c.passed and not c.secondary]
    print(f"\n{len(every) - len(failed)} of {len(every)} checks pass "
          f"({sum(not c.passed and c.secondary for c in every)} secondary failures)")
    sys.exit(1 if failed else 0)
