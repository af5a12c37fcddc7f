"""rules/ is edited by clerks: a mistake stops the run with a message naming the file and key."""
import shutil

import pytest

from extractors.rules import RULES_DIR, RulesError, load_file


def test_shipped_rules_load():
    for name in ("cues.yml", "agencies.yml", "time.yml", "pillars.yml"):
        assert load_file(name)


def test_bad_shape_names_file_and_key(tmp_path):
    shutil.copytree(RULES_DIR, tmp_path / "rules")
    (tmp_path / "rules" / "cues.yml").write_text("directive: giao\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"rules/cues.yml: 'directive' must be a list of strings"):
        load_file("cues.yml", tmp_path / "rules")


def test_invalid_yaml_is_reported(tmp_path):
    (tmp_path / "time.yml").write_text("date: [unclosed\n", encoding="utf-8")
    with pytest.raises(RulesError, match="rules/time.yml is not valid YAML"):
        load_file("time.yml", tmp_path)
