"""The README and the tests' install hints are tested like code: the synopsis, schema, targets,
paths and Debian packages against what they describe. Each test reads the CLI, the store or the
Makefile as they are, so a new command, column or target fails here until the README names it."""
import datetime as dt
import re

import click
import pytest
from click.testing import CliRunner

from conftest import ROOT, TOOLS
from pipeline.clerk import parse
from pipeline.clerk.messages import command_help, say
from pipeline.cli import DATE, cli, document
from pipeline.store.schema import TABLES

README = (ROOT / "README.md").read_text(encoding="utf-8")
PROGRAM = "python -m pipeline"


def section(title: str) -> str:
    """The README's text under ``## title``, up to the next heading of that level."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert match, f"README has no section '## {title}'"
    return match.group(1)


def commands(group: click.Group = cli, path: tuple[str, ...] = ()):
    """(command words, command) for every command and group under ``group``, depth first."""
    for name, command in sorted(group.commands.items()):
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))


COMMANDS = dict(commands())


def synopsis_entries() -> dict[str, str]:
    """{"review set": its synopsis text} from the "Command line" code block; continuation lines
    belong to the entry above, "accept|reject" gives one entry to each, and a subcommand's line
    documents its group too ("corrections export" → "corrections")."""
    block = re.search(r"```sh\n(.*?)```", section("Command line"), re.S).group(1)
    entries: dict[str, str] = {}
    for entry in re.split(rf"\n(?={re.escape(PROGRAM)} )", block.strip()):
        words = entry.removeprefix(PROGRAM).split()
        names = [w for w in words[:2] if re.fullmatch(r"[a-z][a-z-]*(\|[a-z][a-z-]*)*", w)]
        heads = [""]
        for alternatives in names:
            heads = [f"{head} {name}".strip() for head in heads for name in alternatives.split("|")]
        for head in {*heads, *(head.split()[0] for head in heads)}:
            entries[head] = entries.get(head, "") + " " + entry
    return entries


def options(command: click.Command) -> list[str]:
    return [flag for param in command.params if isinstance(param, click.Option)
            for flag in (*param.opts, *param.secondary_opts)]


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_and_option_is_in_the_readme_synopsis(path):
    entries = synopsis_entries()
    name = " ".join(path)
    assert name in entries, f"README 'Command line' has no line for `{PROGRAM} {name}`"
    missing = [flag for flag in options(COMMANDS[path])
               if not re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", entries[name])]
    assert not missing, f"`{PROGRAM} {name}` options missing from the README synopsis: {missing}"


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_help_has_an_example(path):
    result = CliRunner().invoke(cli, [*path, "--help"], prog_name=PROGRAM)
    assert result.exit_code == 0, result.output
    example_lines = [line for line in result.output.splitlines()
                     if line.strip().startswith("Ví dụ:")]
    assert example_lines, f"`{PROGRAM} {' '.join(path)} --help` shows no 'Ví dụ:' line"
    assert f"Ví dụ: {PROGRAM} {' '.join(path)}" in " ".join(result.output.split())


@pytest.mark.parametrize("path", [(), *COMMANDS], ids=lambda path: " ".join(path) or "program")
def test_every_command_and_option_has_its_help_in_rules(path):
    """--help speaks the clerk's language: each command's text and each option's (but click's
    own --help) come from rules/help.yml, the program's options standing for every command's."""
    texts = command_help()
    own = texts.get(" ".join(path), {})
    assert own.get("help"), f"rules/help.yml has no help for `{' '.join(path) or 'the program'}`"
    command = COMMANDS[path] if path else cli
    shared = texts[""].get("options", {})
    missing = [max(param.opts, key=len) for param in command.params
               if isinstance(param, click.Option) and
               max(param.opts, key=len).lstrip("-") not in {*own.get("options", {}), *shared}]
    assert not missing, f"rules/help.yml: `{' '.join(path)}` options without a text: {missing}"
    unknown = set(own.get("options", {})) - {max(p.opts, key=len).lstrip("-")
                                             for p in command.params} if path else set()
    assert not unknown, f"rules/help.yml: `{' '.join(path)}` has no options {sorted(unknown)}"


def test_an_option_cleared_by_an_empty_value_shows_the_two_quotes_to_type():
    # Clerk's trial (stop 35): YAML's single quotes halve a quote, and `--pillar` told the clerk
    # to type "'" to clear a pillar.
    clearing = [(command, option, text) for command, entry in command_help().items()
                for option, text in entry.get("options", {}).items() if "để xóa" in text]
    assert clearing
    assert not [(c, o) for c, o, text in clearing if "''" not in text]


CLEARABLE_DATES = {(("review", "set"), "deadline"), (("review", "document"), "issued_date")}


def date_options():
    """(command words, option) of every option that takes a date: the DATE ones, and
    ``CLEARABLE_DATES`` (`review set --deadline`, `review document --date`: a date, or '' to
    clear it)."""
    for path, command in COMMANDS.items():
        for param in command.params:
            if param.type is DATE or (path, param.name) in CLEARABLE_DATES:
                yield path, param


def test_every_date_form_the_parser_takes_is_documented():
    """A date typed in any form parse.date accepts is described wherever dates are: the README
    (its opening and "Command line"), every date option's --help, the refusal's message."""
    forms = [dt.date(2022, 9, 30).strftime(form) for form in parse.DATE_FORMATS]
    assert parse.date("1/10/2022") == parse.date("01.10.2022") == parse.date("1-10-2022")
    places = {"README opening": README[:README.index("## Other targets")],
              "README Command line": section("Command line"),
              "message bad_date": say("bad_date", value="x")}
    document(cli, PROGRAM)  # the options' --help texts, from rules/help.yml
    places.update({f"--help of {' '.join(path)} --{param.name}": " ".join(param.help.split())
                   for path, param in date_options()})
    for place, text in places.items():
        assert [form for form in forms if form not in text] == [], place
    assert "1/10/2022" in places["README Command line"]


def test_help_names_the_program_as_called():
    result = CliRunner().invoke(cli, ["export", "--help"], prog_name="vntasks")
    assert "Ví dụ: vntasks export --db output/tasks.db" in " ".join(result.output.split())
    assert "một tệp Word cho từng cơ quan" in " ".join(result.output.split())


def test_readme_schema_lists_the_store_columns_in_order():
    listed = {table: [c.strip() for c in columns.split(",")]
              for table, columns in re.findall(r"`(\w+)\(([^)`]*)\)`", section("Database schema"))}
    assert listed == {table: list(columns) for table, columns in TABLES.items()}


def test_every_make_target_is_in_the_readme_targets_table():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = {t for line in re.findall(r"^\.PHONY:(.*)$", makefile, re.M) for t in line.split()}
    table = section("Other targets")
    rows = {m.group(1) for m in re.finditer(r"^\| `make ([\w-]+)", table, re.M)}
    assert targets - rows == set(), "Makefile targets missing from the README's table"
    assert rows - targets == set(), "README table rows that are no .PHONY target"


def test_every_tool_hint_names_a_package_system_deps_installs():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installed = re.search(r"^SYSTEM_PACKAGES := (.*)$", makefile, re.M).group(1).split()
    assert {package for package, _available in TOOLS.values()} <= set(installed)


def test_every_repository_path_in_the_readme_exists():
    rooms = ("pipeline/", "extractors/", "rules/", "tests/", "bench/", "scripts/", "corpus/")
    paths = {p for p in re.findall(r"`([\w./*-]+)`", README) if p.startswith(rooms)}
    assert paths, "the README names no file of the repository"
    missing = sorted(p for p in paths if not any(ROOT.glob(p.rstrip("/"))))
    assert not missing, f"the README names paths that do not exist: {missing}"
