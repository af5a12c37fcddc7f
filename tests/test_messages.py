"""What the clerk reads comes from rules/messages.yml: every key the code asks for is there, and
the review reasons the extractor writes are Vietnamese."""
import re

import pytest

from conftest import ROOT
from extractors import extract_document, rules

# extractors.rules.message, not followup.message (rules/followup.yml)
CALLS = {"say": "messages", r"(?<!\.)message": "messages", "review_reason": "review_reasons",
         "column_name": "columns"}
SOURCES = sorted(p for room in ("pipeline", "extractors") for p in (ROOT / room).rglob("*.py"))


def used_keys() -> set[tuple[str, str, str]]:
    """(section, key, file) of every literal key passed to say, message, review_reason,
    column_name."""
    found = set()
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        for call, section in CALLS.items():
            for key in re.findall(rf"\b{call}\(\s*\"(\w+)\"", text):
                found.add((section, key, path.name))
    return found


def test_the_code_asks_for_messages():
    assert {section for section, _, _ in used_keys()} == set(CALLS.values())


@pytest.mark.parametrize("section, key, where", sorted(used_keys()))
def test_every_message_the_code_uses_exists(section, key, where):
    assert key in rules.load()["messages"][section], \
        f"{where} uses {section}.{key}, which rules/messages.yml lacks"


def test_review_reasons_are_vietnamese():
    text = ("Giao Ban Quản lý chợ thị xã Buôn Hồ khảo sát hạ tầng, hoàn thành trước ngày "
            "15/9/2022.")
    [task] = extract_document(text).tasks
    assert task.review_reasons == ["Cơ quan chưa có trong danh mục: "
                                   "Ban Quản lý chợ thị xã Buôn Hồ"]


def clerk_texts() -> list[tuple[str, str]]:
    """(where, text) of everything the clerk may read: the message catalogues, the --help texts,
    and the string literals of the code that are not docstrings."""
    import ast

    from pipeline.clerk import followup
    from pipeline.clerk.messages import command_help

    texts = [(f"messages.yml {key}", text) for section in rules.load()["messages"].values()
             for key, text in section.items()]
    texts += [(f"followup.yml {key}", text) for key, text in followup._rules()["messages"].items()]
    texts += [(f"help.yml {command}", " ".join([entry.get("help", ""), *entry.get(
        "options", {}).values()])) for command, entry in command_help().items()]
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree) if isinstance(
            node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body and isinstance(
            node.body[0], ast.Expr)}
        named = {id(keyword.value) for keyword in (k for node in ast.walk(tree)
                                                   if isinstance(node, ast.Call)
                                                   for k in node.keywords)
                 if keyword.arg == "prog_name"}  # `python -m pipeline --help` names itself so
        texts += [(path.name, node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and id(node) not in docstrings | named]
    return texts


def test_every_hint_names_the_command_the_readme_installs():
    """"python -m pipeline review" fails in a fresh shell (No module named 'click'): every
    command a message tells the clerk to type is `vntasks ...` (new-clerk trial)."""
    from pipeline.cli import cli

    commands = "|".join(cli.commands)
    hint = re.compile(rf"python -m pipeline|(?<![\w./`-])`?pipeline (?:{commands})\b")
    assert [(where, text) for where, text in clerk_texts() if hint.search(text)] == []
