"""rules/ is edited by clerks: a mistake stops the run before the first document, with one line
naming the file and the key; nothing a rules file says passes unchecked into a matcher."""
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT
from extractors import rules
from extractors.rules import RULES_DIR, RulesError, load, load_file


@pytest.fixture
def rules_copy(tmp_path):
    copy = tmp_path / "rules"
    shutil.copytree(RULES_DIR, copy)
    return copy


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_rules_load():
    assert set(load()) == {name.removesuffix(".yml") for name in rules.SCHEMA}
    for name in rules.SCHEMA:  # alone too, with the files it refers to
        assert load_file(name) == load()[name.removesuffix(".yml")]


def test_bad_shape_names_file_and_key(rules_copy):
    (rules_copy / "cues.yml").write_text("directive: giao\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"^rules/cues.yml: directive: must be a list$"):
        load_file("cues.yml", rules_copy)


def test_invalid_yaml_is_reported(tmp_path):
    (tmp_path / "time.yml").write_text("date: [unclosed\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"rules/time.yml is not valid YAML \(line 2\)"):
        load_file("time.yml", tmp_path, {})


def test_a_key_written_twice_is_reported_not_silently_replaced(rules_copy):
    # Class (stop 39): a message added under a key messages.yml already used hid the first
    edit(rules_copy / "messages.yml", "  document_no_corrections:",
         "  not_a_number: again\n  document_no_corrections:")
    with pytest.raises(RulesError, match=r"rules/messages.yml is not valid YAML \(line \d+\): "
                                         r"the key 'not_a_number' is written twice"):
        load_file("messages.yml", rules_copy)


# One case per class of mistake: (file, text to replace, replacement, expected message).
MISTAKES = [
    ("time.yml", "{kind: quarter,", "{kind: quater,",
     r"rules/time.yml: expressions\[6\].kind: 'quater' is not one of window, relative, date"),
    ("time.yml", 'year, pattern: "năm\\\\s+(', 'year, pattern: "năm\\\\s+((',
     r"rules/time.yml: expressions\[12\].pattern: not a valid pattern: missing \)"),
    ("time.yml", "(?P<quarter>", "(?P<quater>",
     r"rules/time.yml: expressions\[5\].pattern: unknown named group 'quater'"),
    ("time.yml", "quoted_cues:", "quoted_cue:",
     r"rules/time.yml: quoted_cue: unknown key; the keys are date, expressions"),
    ("time.yml", "value: daily}", "value: dayly}",
     r"rules/time.yml: recurrences\[10\].value: 'dayly' is not one of daily, weekly"),
    ("structure.yml", "{kind: dash,", "{kind: dahs,",
     r"rules/structure.yml: markers\[8\].kind: 'dahs' is not one of article"),
    ("structure.yml", "bullet: true}", "bulet: true}",
     r"rules/structure.yml: markers\[8\].bulet: unknown key; the keys are kind, pattern, bullet"),
    ("agencies.yml", "{name: Sở Tư pháp, aliases: [STP]}", "{name: Sở Tư pháp, alias: [STP]}",
     r"rules/agencies.yml: agencies\[4\].alias: unknown key; the keys are name, aliases"),
    ("agencies.yml", "{name: Sở Tư pháp, aliases: [STP]}", "{aliases: [STP]}",
     r"rules/agencies.yml: agencies\[4\].name: missing"),
    ("pillars.yml", "  kinh_te_so:", "  kinh_te_s0:",
     r"rules/pillars.yml: pillars.kinh_te_s0: 'kinh_te_s0' is not one of nhan_thuc_so"),
    ("cues.yml", "  time: [", "  times: [",
     r"rules/cues.yml: attributes.times: unknown key; the keys are lead, support, time"),
    ("cues.yml", ')thông báo\\\\s+(?:', ')thông báo\\\\s+(?:(',
     r"rules/cues.yml: transmittal\[0\]: not a valid pattern"),
    ("labels.yml", "  lead: Chủ trì", "  leader: Chủ trì",
     r"rules/labels.yml: roles.leader: unknown key; the keys are lead, support"),
    ("pillars.yml", "threshold: 2", "threshold: two",
     r"rules/pillars.yml: threshold: must be a number"),
    ("metadata.yml", 'news_subject: "(?:Phó', 'news_subject: "{news_opening}(?:Phó',
     r"rules/metadata.yml: news_subject: \{news_opening\} refers to itself"),
]


@pytest.mark.parametrize("name, old, new, message", MISTAKES,
                         ids=[m[3].split(": ")[1] for m in MISTAKES])
def test_every_mistake_is_one_error_naming_file_and_key(rules_copy, name, old, new, message):
    edit(rules_copy / name, old, new)
    with pytest.raises(RulesError, match=message) as raised:
        load.__wrapped__(rules_copy)
    assert "\n" not in str(raised.value)


def test_a_pattern_names_only_fragments_of_its_file(rules_copy):
    edit(rules_copy / "time.yml", "(?:{date})", "(?:{dates})")
    with pytest.raises(RulesError, match=r"expressions\[0\].pattern: \{dates\} names no pattern"):
        load.__wrapped__(rules_copy)


@pytest.mark.parametrize("name, old, new, key", [
    ("time.yml", "{kind: quarter,", "{kind: quater,", "rules/time.yml: expressions[6].kind:"),
    ("structure.yml", '"(?:Điều|ĐIỀU)', '"(?:Điều|ĐIỀU',
     "rules/structure.yml: markers[0].pattern:"),
    ("cues.yml", "reporting:", "reported:", "rules/cues.yml: reported: unknown key"),
])
def test_run_stops_before_the_first_document(rules_copy, seed_inbox, tmp_path, name, old, new, key):
    edit(rules_copy / name, old, new)
    db = tmp_path / "tasks.db"
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", "--inbox", str(seed_inbox), "--db", str(db)],
        check=False, capture_output=True, text=True, cwd=ROOT, timeout=120,
        env={**os.environ, "PIPELINE_RULES": str(rules_copy), "PYTHONPATH": str(ROOT)})
    lines = (done.stdout + done.stderr).strip().splitlines()
    assert done.returncode != 0
    assert len(lines) == 1 and key in lines[0], lines
    assert not db.exists()  # not one document was read


def test_every_vocabulary_is_the_one_its_consumer_handles():
    from extractors import structure, times

    assert set(times.KINDS) == set(rules.TIME_KINDS)
    assert structure.ARTICLE in rules.MARKER_KINDS
