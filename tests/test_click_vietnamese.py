"""What Click writes itself (usage lines, headings, its errors, the placeholders of options) is
Vietnamese, from the gettext catalogue shipped in pipeline/locale, whatever the machine's
language."""
import ast
import gettext
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from conftest import ROOT
from pipeline.cli import LOCALE_DIR, cli

CATALOGUE = LOCALE_DIR / "vi" / "LC_MESSAGES" / "vntasks"
# Click's English as a new clerk met it; arguments keep the names the README gives them
# (MÃ, VĂN_BẢN, TỆP)
ENGLISH = ("Usage:", "Options:", "Commands:", "Error:", "No such option", "No such command",
           "Missing argument", "for help", "Show this message", "[OPTIONS]", "COMMAND [ARGS]",
           "default:", "[required]", "TEXT", "INTEGER", "DIRECTORY", "Did you mean")


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """The program as the clerk starts it, on a machine set to English."""
    env = {**os.environ, "LANGUAGE": "en_US:en", "LANG": "en_US.UTF-8", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def english_in(text: str) -> list[str]:
    return [fragment for fragment in ENGLISH if fragment in text]


def test_a_bad_option_is_refused_in_vietnamese():
    result = run_cli("query", "--bogus")
    assert result.returncode == 2
    assert "Lỗi: Không có tùy chọn '--bogus'" in result.stderr
    assert "Xem hướng dẫn: 'python -m pipeline query --help'" in result.stderr
    assert not english_in(result.stderr), result.stderr


def test_a_missing_argument_is_named_in_vietnamese():
    result = run_cli("review", "add")
    assert result.returncode == 2
    assert "Lỗi: Thiếu tham số 'VĂN_BẢN'" in result.stderr
    assert not english_in(result.stderr), result.stderr


def test_help_is_vietnamese_from_its_first_word():
    result = run_cli("run", "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("Cách dùng: python -m pipeline run [TÙY_CHỌN]")
    assert "Tùy chọn:" in result.stdout and "Hiện hướng dẫn này rồi thoát." in result.stdout
    assert "--inbox THƯ_MỤC" in result.stdout and "[mặc định: output/tasks.db]" in result.stdout
    assert not english_in(result.stdout), result.stdout


def test_a_number_out_of_range_states_its_range_in_words():
    result = run_cli("run", "--workers", "0")
    assert result.returncode == 2
    assert "0 nằm ngoài khoảng từ 1 đến 64" in result.stderr
    assert "<=" not in result.stderr and "<=x" not in run_cli("query", "--help").stdout


def commands(group: click.Group, path: tuple[str, ...] = ()):
    yield path
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))
        else:
            yield (*path, name)


@pytest.mark.parametrize("path", list(commands(cli)), ids=" ".join)
def test_every_help_is_free_of_clicks_english(path):
    result = CliRunner().invoke(cli, [*path, "--help"], prog_name="vntasks")
    assert result.exit_code == 0 and not english_in(result.output), result.output
    usage = result.output.splitlines()[0]  # an argument's own name (TASK_ID, FILE) is English
    assert not re.search(r"\b[A-Z][A-Z_]+[A-Z]\b", usage), usage


def marked_strings() -> set[str]:
    """Every literal Click passes to gettext (``_``, and both forms of ``ngettext``)."""
    found = set()
    for module in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id in ("_", "ngettext"):
                found.update(arg.value for arg in node.args
                             if isinstance(arg, ast.Constant) and isinstance(arg.value, str))
    return found


def read_po(path: Path) -> list[tuple[tuple[str, ...], str]]:
    """Each entry's English (its msgid, and msgid_plural if any) and its msgstr (Vietnamese has
    one plural form: msgstr[0])."""
    entries, field, values = [], "", {}
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith(("msgid ", "msgid_plural ", "msgstr ", "msgstr[0] ")):
            field, text = line.split(" ", 1)
            values[field] = ast.literal_eval(text)
        elif line.startswith('"'):
            values[field] += ast.literal_eval(line)
        elif not line.strip() and values:
            english = tuple(values[key] for key in ("msgid", "msgid_plural") if key in values)
            if english != ("",):  # the header
                entries.append((english, values.get("msgstr", values.get("msgstr[0]"))))
            values = {}
    return entries


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{\w*|%\(\w+\)", text))


def test_the_shipped_catalogue_is_the_po_file_compiled():
    with open(CATALOGUE.with_suffix(".mo"), "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    for english, translated in read_po(CATALOGUE.with_suffix(".po")):
        shipped = catalogue.ngettext(*english, 2) if len(english) == 2 else \
            catalogue.gettext(english[0])
        assert shipped == translated, f"run msgfmt again (see vntasks.po): {english[0]!r}"


def test_every_text_click_marks_for_translation_is_translated():
    entries = read_po(CATALOGUE.with_suffix(".po"))
    translated = {form for english, _ in entries for form in english}
    assert not marked_strings() - translated, "Click has new texts: add them to vntasks.po"
    for english, vietnamese in entries:
        assert vietnamese and vietnamese != english[0], english
        assert placeholders(vietnamese) <= placeholders(" ".join(english)), english


def test_a_missing_folder_is_named_in_lower_case(tmp_path):
    """Click title-cases the kind of path it names ("Thư Mục", "Đường Dẫn"): the catalogue's
    texts of a path say the kind themselves (class seen as `run --inbox` of a missing folder)."""
    (tmp_path / "a-file.txt").write_text("x")
    is_file = run_cli("export", "--out", str(tmp_path / "a-file.txt"))
    assert is_file.returncode == 2 and "là một tệp, không phải thư mục" in is_file.stderr
    missing = run_cli("restore", str(tmp_path / "khong-co.db"))
    assert missing.returncode == 2 and "Không có thư mục hay tệp nào tên" in missing.stderr
    for result in (is_file, missing):
        assert not re.search(r"Thư Mục|Tệp '|Đường Dẫn", result.stderr), result.stderr
