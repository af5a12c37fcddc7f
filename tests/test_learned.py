"""The learned components: committed models load offline, training data is labelled by the
scorer's rule, the confidence's threshold keeps the issue's two limits."""
import json

import pytest
import spacy

from extractors import confidence, learned
from extractors.confidence import Calibration, Evidence, choose_threshold
from extractors.model import Task
from pipeline.corpus import GoldSet
from pipeline.training import dti_examples, task_units, train_textcat

PILLARS = ("nhan_thuc_so", "the_che_so", "ha_tang_so", "nhan_luc_so", "an_toan_thong_tin",
           "chinh_quyen_so", "kinh_te_so", "xa_hoi_so")


def test_committed_models_load_offline_and_stay_small():
    size = sum(p.stat().st_size for p in learned.MODELS_DIR.rglob("*") if p.is_file())
    assert size < 2_000_000
    pillars = learned.pillar_probabilities(["Triển khai dịch vụ công trực tuyến toàn trình."])[0]
    assert set(pillars) == {*PILLARS, learned.NO_PILLAR}
    assert sum(pillars.values()) == pytest.approx(1.0, abs=1e-4)
    assert 0.0 <= learned.task_probabilities(["Sở Tài chính bố trí kinh phí."])[0] <= 1.0
    assert confidence.load() is not None


def test_pillar_is_decided_only_when_confident():
    assert learned.decided_pillar({"ha_tang_so": 0.7, "none": 0.3}) == "ha_tang_so"
    assert learned.decided_pillar({"ha_tang_so": 0.4, "none": 0.3, "xa_hoi_so": 0.3}) is None
    assert learned.decided_pillar({"ha_tang_so": 0.2, "none": 0.8}) is None


def test_pillar_component_fills_only_tasks_without_a_pillar():
    nlp = spacy.blank("xx")
    nlp.add_pipe("vi_pillar_model", config={"threshold": 0.0})
    if not spacy.tokens.Doc.has_extension("tasks"):
        spacy.tokens.Doc.set_extension("tasks", default=None)
    doc = nlp.make_doc("x")
    headed = Task(0, "Tuyên truyền về chuyển đổi số.", 0, 1, None, [], pillar="nhan_thuc_so")
    open_task = Task(1, "Phát triển hạ tầng cáp quang, phủ sóng 4G, 5G.", 0, 1, None, [])
    doc._.tasks = [headed, open_task]
    nlp.get_pipe("vi_pillar_model")(doc)
    assert headed.pillar == "nhan_thuc_so"
    assert open_task.pillar in (*PILLARS, None)


def test_dti_descriptions_name_only_pillar_codes(tmp_path):
    assert {pillar for _, pillar in dti_examples()} == set(PILLARS)
    (tmp_path / "dti_pillars.yml").write_text("chinh_quyen_so_x: [a]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown pillar chinh_quyen_so_x"):
        dti_examples(tmp_path)


def test_sentences_are_tasks_by_the_scorers_share(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "KH.json").write_text(json.dumps({"doc": {}, "tasks": [
        {"quote": "Sở Tài chính bố trí kinh phí thực hiện.", "lead": ["Sở Tài chính"]}]},
        ensure_ascii=False), encoding="utf-8")
    (tmp_path / "gold" / "KH.txt").write_text(
        "KẾ HOẠCH triển khai năm 2026\nMục đích: nâng cao hiệu quả công tác. "
        "Sở Tài chính bố trí kinh phí thực hiện.\nSTT | Nhiệm vụ | Chủ trì\n", encoding="utf-8")
    document = GoldSet("dev", tmp_path / "gold", tmp_path / "gold", tmp_path / "gold").documents()[0]
    assert task_units(document) == [("KẾ HOẠCH triển khai năm 2026", False),
                                    ("Mục đích: nâng cao hiệu quả công tác.", False),
                                    ("Sở Tài chính bố trí kinh phí thực hiện.", True)]


def test_a_trained_textcat_learns_and_round_trips(tmp_path):
    examples = [("cáp quang phủ sóng", "ha_tang_so"), ("dịch vụ công trực tuyến", "chinh_quyen_so"),
                ("phòng cháy chữa cháy", "none")] * 5
    model = train_textcat(examples, ["ha_tang_so", "chinh_quyen_so", "none"])
    model.to_disk(tmp_path / "pillar")
    reloaded = learned.load("pillar", tmp_path)
    best = learned.pillar_probabilities(["phủ sóng cáp quang"], reloaded)[0]
    assert max(best, key=best.get) == "ha_tang_so"


def test_threshold_meets_the_target_or_flags_at_most_a_third():
    probabilities = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4]
    assert choose_threshold(probabilities, [True] * 5 + [False]) == 0.5  # flag the one wrong
    assert choose_threshold(probabilities, [True] * 6) == 0.0  # nothing to flag
    # the target would need half the rows flagged: the cap flags a third instead
    assert choose_threshold(probabilities, [True, True, False, False, True, False]) == 0.6


def test_calibration_follows_the_evidence_and_round_trips(tmp_path):
    evidence = [Evidence("Sở Tài chính bố trí kinh phí.", ["Sở Tài chính"], 0, 0.9, 0, False,
                         False, False, False, p / 10) for p in range(10)]
    rows = [confidence.features(e) for e in evidence]
    calibration = Calibration.fit(rows, [p >= 5 for p in range(10)])
    assert calibration.probability(evidence[9]) > 0.5 > calibration.probability(evidence[0])
    calibration.save(tmp_path / "confidence.json")
    assert confidence.load.__wrapped__(tmp_path / "confidence.json") == calibration
