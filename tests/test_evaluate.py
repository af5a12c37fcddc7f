"""The scorer of ``make eval``: where a gold task is, what matches it, what is shown."""
import json

from pipeline.corpus import GoldSet, folder_set, split, standard_sets
from pipeline.evaluate import Score, flag_figures, groups, printable_errors, score_document

PLAN = ("KẾ HOẠCH\n"
        "1. Sở Tài chính:\n"
        "- Bố trí kinh phí thực hiện kế hoạch. Báo cáo kết quả trước ngày 15/9/2026.\n"
        "- Hướng dẫn các đơn vị lập dự toán.\n"
        "2. Sở Nội vụ:\n"
        "- Hướng dẫn các đơn vị lập dự toán.\n")


def task(quote, lead, deadline=None):
    return {"quote": quote, "lead": lead, "support": [], "deadline": deadline,
            "deadline_text": None, "recurrence": None, "pillar": None}


def gold_document(tmp_path, tasks, reference=PLAN, name="KH_01", source="https://a.gov.vn/x"):
    (tmp_path / "gold").mkdir(exist_ok=True)
    (tmp_path / "text").mkdir(exist_ok=True)
    (tmp_path / "gold" / f"{name}.json").write_text(json.dumps(
        {"source": source, "doc": {}, "tasks": tasks}, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "text" / f"{name}.txt").write_text(reference, encoding="utf-8")
    gold_set = GoldSet("dev", tmp_path / "gold", tmp_path / "docs", tmp_path / "text", blind=True)
    return next(d for d in gold_set.documents() if d.name == name)


def row(text, part, lead, deadline=None, needs_review=0, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return {"text": part, "start": start, "end": start + len(part), "lead": lead, "support": [],
            "deadline": deadline, "recurrence": None, "pillar": None,
            "needs_review": needs_review}


FEES = "Bố trí kinh phí thực hiện kế hoạch."
REPORT = "Báo cáo kết quả trước ngày 15/9/2026."
GUIDE = "Hướng dẫn các đơn vị lập dự toán."


def test_one_long_row_stands_for_one_gold_task_only(tmp_path):
    gold = [task(FEES, ["Sở Tài chính"]), task(GUIDE, ["Sở Tài chính"])]
    whole = PLAN[PLAN.index("Bố trí"):PLAN.index("2. Sở")]
    rows = [{**row(PLAN, whole, ["Sở Tài chính"]), "text": whole}]
    score = Score.of([score_document(gold_document(tmp_path, gold), "KH_01.txt",
                                     {"text": PLAN}, rows)])
    assert score.found == 1 and score.gold_tasks == 2


def test_repeated_quote_is_matched_at_each_place(tmp_path):
    gold = [task(GUIDE, ["Sở Tài chính"]), task(GUIDE, ["Sở Nội vụ"])]
    rows = [row(PLAN, GUIDE, ["Sở Tài chính"]), row(PLAN, GUIDE, ["Sở Nội vụ"], occurrence=1)]
    result = score_document(gold_document(tmp_path, gold), "KH_01.txt", {"text": PLAN}, rows)
    assert [r["right"] for r in result.rows] == [True, True]
    assert not result.errors


def test_quote_is_located_in_the_reference_not_in_what_was_read(tmp_path):
    read = PLAN.replace("Bố trí kinh phí thực hiện kế hoạch. ", "")  # the reader lost a sentence
    read = read.replace("ngày 15/9/2026", "ngày l5/9/2026")  # and misread a digit
    gold = [task(FEES, ["Sở Tài chính"]), task(REPORT, ["Sở Tài chính"], "2026-09-15")]
    rows = [row(read, "Báo cáo kết quả trước ngày l5/9/2026.", ["Sở Tài chính"], "2026-09-15")]
    result = score_document(gold_document(tmp_path, gold), "KH_01.pdf", {"text": read}, rows)
    assert result.partners[0] is None and result.partners[1] is rows[0]
    assert any(e.startswith("KH_01.pdf UNREAD: Bố trí") for e in result.errors)


def test_continuation_sentence_may_be_merged_or_split(tmp_path):
    gold = [task(FEES, ["Sở Tài chính"]), task(REPORT, ["Sở Tài chính"], "2026-09-15")]
    merged = [row(PLAN, FEES + " " + REPORT, ["Sở Tài chính"], "2026-09-15")]
    result = score_document(gold_document(tmp_path, gold), "KH_01.txt", {"text": PLAN}, merged)
    assert all(p is merged[0] for p in result.partners)

    one = [task(FEES + " " + REPORT, ["Sở Tài chính"], "2026-09-15")]
    halves = [row(PLAN, FEES, ["Sở Tài chính"]), row(PLAN, REPORT, ["Sở Tài chính"], "2026-09-15")]
    result = score_document(gold_document(tmp_path, one), "KH_01.txt", {"text": PLAN}, halves)
    assert all(r["partner"] is not None for r in result.rows)


def test_a_new_item_merged_into_the_previous_row_is_missed(tmp_path):
    gold = [task(REPORT, ["Sở Tài chính"], "2026-09-15"), task(GUIDE, ["Sở Tài chính"])]
    both = PLAN[PLAN.index(REPORT):PLAN.index("2. Sở")].strip()
    rows = [row(PLAN, both, ["Sở Tài chính"], "2026-09-15")]
    result = score_document(gold_document(tmp_path, gold), "KH_01.txt", {"text": PLAN}, rows)
    assert result.partners == [rows[0], None]


def test_flag_figures_count_rows():
    rows = [{"right": True, "needs_review": 0}, {"right": False, "needs_review": 1},
            {"right": False, "needs_review": 0}, {"right": True, "needs_review": 1}]
    assert flag_figures(rows) == {"wrong_flagged": 0.5, "unflagged_right": 0.5,
                                  "flagged_share": 0.5}


def test_split_is_by_source_and_locked_errors_are_never_shown(tmp_path):
    documents = [gold_document(tmp_path, [task(FEES, ["Sở Tài chính"])], name=f"D_{n:02}",
                               source=f"https://site{n % 4}.gov.vn/{n}") for n in range(12)]
    documents = documents[0].gold_set.documents()
    split(documents)
    by_source = {}
    for document in documents:
        by_source.setdefault(document.source, set()).add((document.locked, document.fold))
    assert all(len(places) == 1 for places in by_source.values())
    assert 0.2 <= sum(d.locked for d in documents) / len(documents) < 0.5
    results = [score_document(d, f"{d.name}.txt", {"text": PLAN}, []) for d in documents]
    shown = printable_errors(results)
    assert shown and not any(e.split()[0][:-4] in {d.name for d in documents if d.locked}
                             for e in shown)
    assert set(groups(results)) == {"dev", "overall", "locked"}
    unlocked = [r for r in results if not r.document.locked]
    assert set(groups(unlocked)) == {"dev", "overall"}, "no column of figures for no document"


def test_a_blind_sets_gold_folder_scored_alone_stays_blind(tmp_path):
    shared, inbox = tmp_path / "shared", tmp_path / "inbox"
    standard = standard_sets(shared, inbox)
    dev = next(s for s in standard if s.name == "dev")
    alone = folder_set(shared / "corpus" / ".." / "corpus" / "dev" / "gold", dev.docs_dir,
                       dev.text_dir, standard)
    assert alone.blind and alone.name == "dev"
    seeds = folder_set(shared / "corpus" / "gold", shared / "corpus" / "seeds",
                       shared / "corpus" / "seeds", standard)
    assert not seeds.blind and seeds.name == "seeds"
