"""Command line: ``python -m pipeline COMMAND --help`` documents every command.

The docstrings of the commands are for their readers here; what ``--help`` shows the clerk,
in Vietnamese with an example, is ``rules/help.yml`` (``document``)."""
from __future__ import annotations

import datetime as dt
import errno
import gettext
import json
import os
import sqlite3
from dataclasses import replace
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from extractors.rules import RulesError

from . import batch, cluster, store
from .clerk import parse
from .clerk.messages import column_name, command_help, say, vietnamese_date
from .lock import BatchLocked
from .numbers import number

DEFAULT_DB = Path("output/tasks.db")
DEFAULT_INBOX = Path("corpus/inbox")
LOCALE_DIR = Path(__file__).with_name("locale")  # vi/LC_MESSAGES/vntasks.po and its .mo
FLAGGED_NAMED = 5  # flagged files a run names in its summary, then "…"
UNREACHED_SHOWN = 10  # ids of the late tasks no chasing letter holds that chase names, then "…"
console = Console(stderr=True)


def speak_vietnamese() -> None:
    """Make the texts Click writes itself ("Usage:", "Options:", "Error: No such option ...",
    "Missing argument", "Try ... for help.") Vietnamese, from the catalogue in LOCALE_DIR.

    Click marks them for the standard library's gettext in the global domain and language:
    the domain is bound to the catalogue, and the language set to Vietnamese whatever the
    machine's (LANGUAGE is the variable gettext reads first; the program speaks nothing else).
    Called before the commands below are built: ``click.Path`` translates its name then."""
    gettext.bindtextdomain("vntasks", LOCALE_DIR)
    gettext.textdomain("vntasks")
    os.environ["LANGUAGE"] = "vi"


speak_vietnamese()


def remember_db(ctx: click.Context, param, value: Path | None) -> Path | None:
    """Keep the --db value where the error handler of ``Commands`` finds it."""
    if value is not None:
        ctx.meta["db_path"] = value
    return value


def db_option(command):
    return click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
                        default=DEFAULT_DB, show_default=True, callback=remember_db)(command)


STDOUT = Path("-")  # `--out -`: standard output, as Unix commands read it


def one_file_out(**options) -> click.Path:
    """The type of an --out that is one file, ``-`` being standard output."""
    return click.Path(dir_okay=False, allow_dash=True, path_type=Path, **options)


def files_out(ctx: click.Context, param, value: Path | None) -> Path | None:
    """An --out that is a folder of files, or a database: ``-`` (standard output) is refused
    in words, never made a folder or a file named "-"."""
    if value == STDOUT:
        raise click.BadParameter(say("out_not_stdout"), ctx, param)
    return value


class Parsed(click.ParamType):
    """A click type made of a ``pipeline.clerk.parse`` function: one check for CLI and web."""

    def __init__(self, parse_function, name: str):
        self.parse_function, self.name = parse_function, name

    def convert(self, value, param, ctx):
        if not isinstance(value, str):  # a default, already parsed
            return value
        try:
            return self.parse_function(value)
        except parse.ParseError as exc:
            self.fail(str(exc), param, ctx)


RECORD_ID = Parsed(parse.record_id, "id")
DATE = Parsed(parse.date, "DATE")  # 30/09/2022 or 2022-09-30
PILLAR = Parsed(parse.pillar_code, "PILLAR")  # the_che_so or "Thể chế số"
ROLE = Parsed(parse.role_code, "lead|support")  # or "chủ trì", "phối hợp"
FREE_TEXT = Parsed(parse.free_text, "text")
AGENCY = Parsed(parse.agency_name, "agency")
DOCUMENT = Parsed(parse.document_ref, "id|path")


class Count(click.IntRange):
    """A whole number between two bounds, both allowed, stated in words ("từ 1 đến 64")
    where Click writes "1<=x<=64"."""

    def _describe_range(self) -> str:
        return f"từ {self.min} đến {self.max}"


class Commands(click.Group):
    """The command group whose commands end in one clear message, never a traceback, when the
    database or the disk fails them (locked, full, read-only, not SQLite, not ours) or the clerk
    names an agency or a document it does not hold, and whose
    ``--help`` speaks the clerk's language."""

    def make_context(self, info_name, args, parent=None, **extra):
        if parent is None:  # the program itself, as the clerk called it
            try:
                document(self, info_name or "vntasks")
            except RulesError as exc:
                raise click.ClickException(str(exc)) from None
        return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (store.StoreError, parse.ParseError, parse.NotFound) as exc:
            raise click.ClickException(str(exc)) from None
        except sqlite3.Error as exc:
            raise click.ClickException(store.explain(exc, ctx.meta.get("db_path", DEFAULT_DB))
                                       ) from None
        except OSError as exc:
            raise click.ClickException(explain_os_error(exc)) from None


def document(command: click.Command, program: str, path: tuple[str, ...] = ()) -> None:
    """Give ``command`` and its subcommands their --help texts and their options' from
    rules/help.yml (``command_help``), ``{prog}`` filled with ``program``; a text missing there
    leaves click's (tests/test_docs.py requires them all)."""
    texts = command_help()
    own = texts.get(" ".join(path), {})
    if "help" in own:
        command.help = own["help"].format(prog=program)
    translate_metavars(command)
    for param in command.params:
        key = max(param.opts, key=len).lstrip("-")
        option_help = own.get("options", {}).get(key) or texts[""].get("options", {}).get(key)
        if isinstance(param, click.Option) and option_help:
            param.help = option_help
    for name, subcommand in getattr(command, "commands", {}).items():
        document(subcommand, program, (*path, name))


def translate_metavars(command: click.Command) -> None:
    """The placeholders Click builds without gettext ("[OPTIONS]", "COMMAND [ARGS]...", an
    option's "TEXT" or "INTEGER RANGE") from the same catalogue as its other texts
    (``speak_vietnamese``), joined by "_" as one placeholder ("THƯ_MỤC"); a Choice's values
    stay."""
    command.options_metavar = gettext.gettext("[OPTIONS]")
    if isinstance(command, click.Group):
        command.subcommand_metavar = gettext.gettext("COMMAND [ARGS]...")
    for param in command.params:
        if isinstance(param, click.Option) and param.metavar is None \
                and not isinstance(param.type, click.Choice):
            param.metavar = gettext.gettext(param.type.name.upper()).replace(" ", "_")


def explain_os_error(error: OSError) -> str:
    """One Vietnamese sentence for a failed file or network operation."""
    where = f" ({error.filename})" if error.filename else ""
    if error.errno == errno.ENOSPC:
        return say("disk_full", where=where)
    return say("os_failed", where=where, error=error.strerror or error)


def server_options(port: int):
    """--host (loopback by default: the database is the office's) and --port of a local server."""
    def decorate(command):
        command = click.option("--port", type=int, default=port, show_default=True)(command)
        return click.option("--host", default="127.0.0.1", show_default=True)(command)
    return decorate


@click.group(cls=Commands)
def cli():
    """Extract assigned tasks from Vietnamese directives into a SQLite database."""


def tell(message: str, style: str = "") -> None:
    """A message for the clerk on stderr, taken as plain text; long paths are not broken."""
    console.print(message, style=style, markup=False, soft_wrap=True)


def progress_bar(results, total):
    if total < 10 or not console.is_terminal:
        yield from results
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeRemainingColumn())
    with Progress(*columns, console=console) as bar:
        job = bar.add_task(say("progress_documents"), total=total)
        for result in results:
            yield result
            bar.advance(job)


@cli.command()
@click.option("--inbox", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=DEFAULT_INBOX, show_default=True)
@db_option
@click.option("--force", is_flag=True)
@click.option("--retry-failed", is_flag=True)
@click.option("--workers", type=Count(1, 64), default=None)
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True)
def run(inbox: Path, db_path: Path, force: bool, retry_failed: bool, workers: int | None,
        engine: str):
    """Ingest every new or changed document of INBOX into the database."""
    from extractors import rules

    from .clerk import successors

    try:
        rules.load()  # a clerk's typo in rules/ stops the run here, before any document
        successors.load()
        summary = batch.run(inbox, db_path, force=force, retry_failed=retry_failed,
                            workers=workers or os.cpu_count() or 1, progress=progress_bar,
                            engine=cluster.dask_results if engine == "dask" else None)
    except (BatchLocked, batch.WorkerError, rules.RulesError) as exc:
        raise click.ClickException(str(exc)) from None
    from .clerk.review import flagged_count, flagged_files

    db = store.open_db(db_path, create=False)
    refresh_successors(db)
    needing_review = flagged_count(db)  # what `review` lists: a directive once, reviewed ones not
    flagged = flagged_files(db)
    db.close()
    for old, new in summary.moved:
        tell(say("run_moved_file", old=old, new=new))
    for path, error in summary.failures:
        tell(say("run_failed_file", path=path, error=error), style="red")
    counts = {"skipped": summary.skipped, "unchanged_failures": summary.unchanged_failures,
              "moved": len(summary.moved), "failed": summary.failed, "removed": summary.removed,
              "flagged_files": len(flagged)}
    named = ", ".join(in_inbox(path, inbox) for path in flagged[:FLAGGED_NAMED]) + \
        ("…" if len(flagged) > FLAGGED_NAMED else "")
    said_counts = "".join(", " + say(f"run_{key}", count=number(count), files=named)
                          for key, count in counts.items() if count)
    tell(say("run_summary", processed=number(summary.processed), counts=said_counts,
             tasks=number(summary.tasks), needing_review=number(needing_review), db=db_path))
    print_unplaced(summary.unplaced)


def in_inbox(path: str, inbox: Path) -> str:
    """A stored path as the clerk sees it in the inbox folder, or whole when outside it."""
    try:
        return str(Path(path).relative_to(inbox.resolve()))
    except ValueError:
        return path


def backup_fault(error) -> str:
    """What is wrong with a backup or an export file (``backups.BackupError``), in Vietnamese."""
    return say(f"backup_{error.reason}", **error.details)


def print_unplaced(unplaced: list[dict]) -> None:
    """The corrections and statuses that could not be carried to their directive's new text,
    one a line."""
    from .clerk.followup import period_label
    from .clerk.messages import describe_changes
    from .clerk.status import describe

    if not unplaced:
        return
    tell(say("unplaced_heading", count=number(len(unplaced))), style="yellow")
    for item in unplaced:
        changes = describe_changes(item["fields"]) if "fields" in item else \
            " ".join(filter(None, [describe(item["state"]), period_label(item["period"])]))
        tell(say("unplaced_item", document=Path(item["path"]).name, text=item["text"],
                 changes=changes))


def refresh_successors(db) -> None:
    """Give the agencies written since the last refresh their current names
    (rules/successors.yml)."""
    from extractors.rules import RulesError

    from .clerk import successors

    try:
        successors.refresh(db)
    except RulesError as exc:
        raise click.ClickException(str(exc)) from None


# -- the clerk's commands: query, review, status, chase, report, serve, browse, export -------------

def open_existing(db_path: Path, write: bool = False):
    """The database of an earlier run: read-only (a file of another program or an older version
    is never changed: ``store.explain`` asks for a ``run``), or for a correction (``write``: its
    tables added if it predates them, every agency given its current name). StoreError if it is
    missing or not ours."""
    if not write:
        return store.open_readonly(db_path)
    db = store.open_db(db_path, create=False)
    refresh_successors(db)
    return db


@cli.command()
@click.option("--agency", type=AGENCY)
@click.option("--exact", is_flag=True)
@click.option("--role", type=ROLE)
@click.option("--due-before", type=DATE)
@click.option("--due-after", type=DATE)
@click.option("--overdue", is_flag=True)
@click.option("--status", type=FREE_TEXT, metavar="TÌNH_TRẠNG")
@click.option("--within", type=Count(0, 366))
@click.option("--as-of", type=DATE)
@click.option("--pillar", type=PILLAR)
@click.option("--document", type=DOCUMENT)
@click.option("--needs-review", is_flag=True)
@click.option("--text", type=FREE_TEXT)
@click.option("--format", "output_format", type=click.Choice(["table", "csv", "json"]),
              default="table", show_default=True)
@click.option("--out", type=one_file_out())
@db_option
def query(db_path: Path, output_format: str, out: Path | None, as_of, due_before, due_after,
          status, **filters):
    """List the tasks that match every filter given."""
    from .clerk import followup
    from .clerk import query as tasks_query

    category = followup.category_code(status) if status else None
    if status and category is None:
        labels = ", ".join(followup.category_label(c) for c in followup.CATEGORIES)
        raise click.BadParameter(say("unknown_status", choices=labels), param_hint="--status")
    if due_before and due_after and due_after > due_before:  # no deadline fits: never a silent 0
        raise click.BadParameter(say("reversed_due_window", after=vietnamese_date(due_after),
                                     before=vietnamese_date(due_before)),
                                 param_hint="--due-before/--due-after")
    dates = {name: value.isoformat() if value else None
             for name, value in (("due_before", due_before), ("due_after", due_after))}
    db = open_existing(db_path)
    chosen = tasks_query.Filters(as_of=as_of, status=category, **dates, **filters)
    tasks = tasks_query.find_tasks(db, chosen)  # an unknown agency or document fails: never a
    rejected = tasks_query.find_tasks(db, replace(chosen, rejected=True))  # silent "0 tasks"
    for notice in tasks_query.document_notices(db, filters["document"]) \
            if filters["document"] else []:  # read before the rows they explain (clerk's trial)
        tell(notice)
    if output_format != "table":
        data = tasks_query.to_json(tasks) + "\n" if output_format == "json" else \
            tasks_query.to_csv(tasks)
        if out and out != STDOUT:
            out.write_text(data, encoding="utf-8", newline="")
            tell(say("written", count=number(len(tasks)), path=out))
        else:
            click.echo(data, nl=False)
    else:
        Console().print(tasks_query.to_table(tasks))
        tell(say("query_count", count=number(len(tasks))))
    if rejected:
        tell(say("query_rejected", count=number(len(rejected)),
                 task_ids=", ".join(f"#{task['id']}" for task in rejected[:10])))


def corrections_command(db, action, write: bool = True):
    """Run a correction (``write``; else a look at what one corrects, on a read-only database),
    turning its refusal into a clean command-line error; agencies a correction wrote get their
    current names."""
    from .clerk import successors
    from .clerk.actions import CorrectionError

    try:
        result = action()
    except CorrectionError as exc:
        raise click.ClickException(str(exc)) from None
    if write:
        successors.refresh(db)
    return result


@cli.group(invoke_without_command=True)
@db_option
@click.option("--document", type=DOCUMENT)
@click.pass_context
def review(ctx, db_path: Path, document: str | None):
    """Show the tasks the pipeline is unsure of, in context, with why; fix them with the
    subcommands. Corrections are kept apart and re-applied on every run."""
    ctx.obj = db_path
    if ctx.invoked_subcommand:
        return
    from .clerk import review as terminal_review
    from .clerk.query import document_notices, files_to_review

    db = open_existing(db_path)
    tasks = terminal_review.flagged(db, document)
    for notice in document_notices(db, document) if document else []:
        tell(notice)  # read before the cards they explain (new-clerk trial, stop 39)
    for panel in terminal_review.panels(db, tasks):
        Console().print(panel)
    tell(say("review_count", count=number(len(tasks))))
    for notice in [] if document else files_to_review(db):
        tell(notice)
    if not document:  # corrections still waiting for a task, from earlier runs too
        print_unplaced(store.unplaced_corrections(db, [row[0] for row in db.execute(
            "select document_id from directives where document_id is not null")]))


def review_db(ctx) -> Path:
    return ctx.params.get("db_path") or ctx.obj


review_db_option = click.option(
    "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
    callback=remember_db)


@review.command("set")
@click.argument("task_id", type=RECORD_ID, metavar="MÃ")
@click.option("--lead", multiple=True, metavar="CƠ_QUAN")
@click.option("--support", multiple=True, metavar="CƠ_QUAN")
@click.option("--deadline", metavar="NGÀY")
@click.option("--recurrence", metavar="ĐỊNH_KỲ")
@click.option("--pillar", metavar="TRỤ_CỘT")
@click.option("--text", metavar="NỘI_DUNG")
@review_db_option
@click.pass_context
def review_set(ctx, task_id: int, db_path, **fields):
    """Correct fields of task MÃ; the fix wins over the extractor on every later run. A body
    reorganised in 2025 is written as typed, with a warning naming its successor."""
    from extractors.names import canonical

    from .clerk import actions, successors
    from .clerk.messages import describe_changes

    changes = {k: v for k, v in fields.items() if v is not None and v != ()}
    db = open_existing(review_db(ctx), write=True)
    changed, new = corrections_command(db, lambda: actions.set_fields(db, task_id, changes,
                                                                      via="cli"))
    task = actions.task_row(db, task_id)  # the values as stored, as review document says them
    tell(say("corrected", task_id=task_id, fields=describe_changes(
        {f: actions.current_value(db, task, f) for f in changed}))
         if changed else say("task_unchanged", task_id=task_id))
    if new:
        tell(say("new_agencies", names=", ".join(say("suggestion", name=n) for n in new)))
    issued = db["documents"].get(task["document_id"])["issued_date"]
    if "deadline" in changed and task["deadline"] and issued and task["deadline"] < issued:
        tell(say("deadline_before_issued", deadline=vietnamese_date(task["deadline"]),
                 issued=vietnamese_date(issued)))  # a slip of the year, most often
    for role in ("lead", "support"):
        typed = list(changes.get(role, ()))
        found = successors.reorganised(typed)
        today = {f.written: f.current[0] for f in found}  # a split duty: its first successor
        retyped = " ".join(f'--{role} "{today.get(canonical(n), n)}"' for n in typed)
        for body in found:
            tell(say("reorganised_agency", written=body.written, current=", ".join(body.current),
                     source=" và ".join(body.sources), task_id=task_id, retyped=retyped))


@review.command("undo")
@click.argument("task_id", type=RECORD_ID, metavar="MÃ")
@click.option("--lead", is_flag=True)
@click.option("--support", is_flag=True)
@click.option("--deadline", is_flag=True)
@click.option("--recurrence", is_flag=True)
@click.option("--pillar", is_flag=True)
@click.option("--text", is_flag=True)
@review_db_option
@click.pass_context
def review_undo(ctx, task_id: int, db_path, **chosen):
    """Take back the corrections of task MÃ (the fields flagged, or every corrected one): the
    values read from the document come back."""
    from .clerk import actions
    from .clerk.messages import describe_changes

    db = open_existing(review_db(ctx), write=True)
    fields = [field for field, flag in chosen.items() if flag]
    values, unknown = corrections_command(db, lambda: actions.undo(db, task_id, fields, via="cli"))
    known = {field: value for field, value in values.items() if field not in unknown}
    if known:
        tell(say("undone", task_id=task_id, fields=describe_changes(known)))
    if unknown:
        tell(say("undone_unknown", task_id=task_id,
                 fields=", ".join(column_name(f) for f in unknown)))


@review.command("accept")
@click.argument("task_ids", type=RECORD_ID, nargs=-1, required=True, metavar="MÃ...")
@review_db_option
@click.pass_context
def review_accept(ctx, task_ids: tuple[int, ...], db_path):
    """Mark tasks as right as extracted: they no longer need review. All or none: an unknown
    id changes nothing."""
    from .clerk import actions

    db = open_existing(review_db(ctx), write=True)
    corrections_command(db, lambda: actions.mark(db, list(task_ids), "accepted", via="cli"))
    tell(say("accepted", count=number(len(task_ids))))


@review.command("reject")
@click.argument("task_ids", type=RECORD_ID, nargs=-1, required=True, metavar="MÃ...")
@review_db_option
@click.pass_context
def review_reject(ctx, task_ids: tuple[int, ...], db_path):
    """Mark tasks as not tasks: hidden from queries, views and exports from now on. All or
    none: an unknown id changes nothing."""
    from .clerk import actions

    db = open_existing(review_db(ctx), write=True)
    corrections_command(db, lambda: actions.mark(db, list(task_ids), "rejected", via="cli"))
    tell(say("rejected", count=number(len(task_ids))))


@review.command("add")
@click.argument("document", type=DOCUMENT, metavar="VĂN_BẢN")
@click.option("--text", required=True)
@review_db_option
@click.pass_context
def review_add(ctx, document: int | str, text: str, db_path):
    """Add a task the pipeline missed to the document VĂN_BẢN names (its id, file name or số ký
    hiệu); its text must be in the document."""
    from .clerk import actions, query
    from .clerk.messages import describe_changes

    db = open_existing(review_db(ctx), write=True)
    document_id = query.document_id(db, document)
    task_id, read = corrections_command(db, lambda: actions.add(db, document_id, text, via="cli"))
    tell(say("added_read", task_id=task_id, fields=describe_changes(read)) if read else
         say("added", task_id=task_id))
    if read and not read.get("lead"):  # nothing read at all: "added" says so
        tell(say("added_no_lead", task_id=task_id))


@review.command("document")
@click.argument("document", type=DOCUMENT, metavar="VĂN_BẢN")
@click.option("--number", "doc_number", metavar="SỐ")
@click.option("--type", "doc_type", metavar="LOẠI")
@click.option("--issuer", metavar="CƠ_QUAN")
@click.option("--date", "issued_date", metavar="NGÀY")
@click.option("--title", metavar="TRÍCH_YẾU")
@click.option("--undo", multiple=True, metavar="TRƯỜNG")
@review_db_option
@click.pass_context
def review_document(ctx, document: int | str, db_path, undo: tuple[str, ...], **typed):
    """Correct the own fields of the document VĂN_BẢN names (its id, file name or số ký hiệu)
    on every file of its directive, give fields back as read (--undo), or, with no option,
    show them, the corrected ones with what was read."""
    from .clerk import document_review, query
    from .clerk.messages import describe_changes

    changes = {field: value for field, value in typed.items() if value is not None}
    if undo and changes:
        raise click.UsageError(say("document_undo_with_values"))
    db = open_existing(review_db(ctx), write=bool(changes or undo))
    document_id = query.document_id(db, document)
    if not (changes or undo):
        lines = corrections_command(db, lambda: document_review.field_lines(db, document_id),
                                    write=False)
        click.echo("\n".join(lines))
        corrected = document_review.corrected_options(db, document_id)
        tell(say("document_fields_hint", document_id=document_id) + (say(
            "document_undo_hint", document_id=document_id, option=corrected[0])
            if corrected else ""))
        return
    fields = corrections_command(db, lambda: list(dict.fromkeys(
        document_review.undo_field(name) for name in undo)), write=False)
    done = corrections_command(db, lambda: document_review.undo(db, document_id, fields) if undo
                               else document_review.correct(db, document_id, changes))
    if not done:
        tell(say("document_unchanged", document_id=document_id))
        return
    tell(say("document_undone" if undo else "document_corrected", document_id=document_id,
             file=Path(db["documents"].get(document_id)["path"]).name,
             fields=describe_changes(done)))
    shared = document_review.sharing_number(db, document_id) if "doc_number" in done else []
    if shared:
        tell(say("document_number_shared", number=done["doc_number"], others=", ".join(shared)))


@cli.command("status")
@click.argument("task_ids", type=RECORD_ID, nargs=-1, required=True, metavar="MÃ...")
@click.option("--done", is_flag=True)
@click.option("--in-progress", is_flag=True)
@click.option("--extend", type=DATE)
@click.option("--undo", is_flag=True)
@click.option("--on", type=DATE)
@click.option("--note")
@click.option("--period", metavar="KỲ")
@click.option("--by", metavar="NGƯỜI")
@db_option
def status_command(task_ids, done, in_progress, extend, undo, on, note, period, by,
                   db_path: Path):
    """Record the follow-up status of tasks; without an action, show it and its history. A
    status is kept apart and re-applied on every run, like a correction."""
    from .clerk import status as statuses

    action = status_action(done=done, in_progress=in_progress, extended=extend, undo=undo)
    if on and action != "done":
        raise click.UsageError(say("on_without_done"))
    db = open_existing(db_path, write=bool(action))
    for task_id in task_ids:
        try:
            if action == "undo":
                with store.writing(db):  # what is undone is read in the same transaction
                    statuses.undo(db, task_id, by=by)
                undone = statuses.history(db, task_id)[-1]  # the undo: old is what it undid
                console.print(say("status_undone", task_id=task_id, undone=undone["old_value"],
                                  state=undone["new_value"]))
            elif action:
                with store.writing(db):  # the old state is read in the same transaction
                    state = statuses.change(db, task_id, action, on=on, note=note,
                                            deadline=extend, period=period, by=by)
                console.print(status_line(task_id, state["period"], statuses.describe(state)))
            else:
                show_history(task_id, statuses.history(db, task_id))
        except statuses.StatusError as exc:
            raise click.ClickException(str(exc)) from None


def status_line(task_id: int, period: str, state: str) -> str:
    """"Nhiệm vụ 188, kỳ tháng 10/2022: hoàn thành ngày 18/11/2022": a recurring task's period
    named as the clerk reads it, since the day of a state need not fall in its period."""
    from .clerk.followup import period_label

    return say("status_period_line" if period else "status_line", task_id=task_id,
               period=period_label(period), state=state)


def status_action(**given) -> str | None:
    """The one action of ``status`` among the flags given (action → its value); None for
    none. Two are refused, never the last silently winning (a note would go with the wrong
    one)."""
    chosen = [action for action, value in given.items() if value]
    if len(chosen) > 1:
        raise click.UsageError(say("one_status_action"))
    return chosen[0] if chosen else None


def show_history(task_id: int, changes: list[dict]) -> None:
    from rich.table import Table
    from rich.text import Text

    if not changes:  # a sentence, never a table of headers only
        console.print(say("no_history", task_id=task_id))
        return
    table = Table(title=say("history_title", task_id=task_id))
    for n, header in enumerate(say("history_headers").split(" | ")):
        table.add_column(header, no_wrap=n == 0)  # the time reads whole: "01/10/2022 10:05"
    for change in changes:
        table.add_row(*(Text(str(change[k] or "")) for k in
                        ("at", "by", "via", "period", "old_value", "new_value")))
    Console().print(table)


@cli.command()
@click.option("--within", type=Count(0, 366))
@click.option("--agency", type=AGENCY)
@click.option("--as-of", type=DATE)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              default=Path("output/chase"), show_default=True, callback=files_out)
@db_option
def chase(within, agency, as_of, out: Path, db_path: Path):
    """Write a chasing letter (đôn đốc) to every agency with overdue or soon-due tasks, in the
    layout of Nghị định 30/2020/NĐ-CP, and list them."""
    from .clerk import chase as chasing
    from .clerk.official import texts

    db = open_existing(db_path)
    done = chasing.write_letters(db, out, as_of or dt.date.today(), within, agency)
    for letter in done.letters:
        click.echo(texts()["chase"]["listing"].format(
            agency=letter.agency, lead=number(len(letter.lead)),
            support=number(len(letter.support)), overdue=number(letter.count("overdue")),
            due_soon=number(letter.count("due_soon")), path=letter.path))
    console.print(say("chase_summary", count=number(len(done.letters)), out=out) if done.letters
                  else say("chase_none"))
    if done.own:
        console.print(say("chase_own", count=number(len(done.own)), office=done.issuer.short))
    if done.unreached:
        ids = [str(t["id"]) for t in done.unreached]
        console.print(say("chase_unreached", count=number(len(ids)), ids=", ".join(
            ids[:UNREACHED_SHOWN]) + (", …" if len(ids) > UNREACHED_SHOWN else "")))
    if done.letters:
        warn_guessed_office(done.issuer)


@cli.command()
@click.option("--from", "start", type=DATE)
@click.option("--to", "end", type=DATE)
@click.option("--as-of", type=DATE)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              default=Path("output/report"), show_default=True, callback=files_out)
@db_option
def report(start, end, as_of, out: Path, db_path: Path):
    """The progress report per lead agency: total, done on time, done late, in progress within
    the deadline, overdue, no deadline, on-time rate; as Excel, Word and a chart. Tasks without
    a deadline are always counted."""
    from .clerk import report as progress

    if start and end and start > end:
        raise click.BadParameter(say("reversed_window", start=vietnamese_date(start),
                                     end=vietnamese_date(end)), param_hint="--from/--to")
    db = open_existing(db_path)
    written = progress.write_report(db, out, as_of or dt.date.today(), start, end)
    whole = written["total"]
    console.print(say("report_summary", total=number(whole.total),
                      done_on_time=number(whole.done_on_time), done_late=number(whole.done_late),
                      in_progress=number(whole.in_progress), overdue=number(whole.overdue),
                      no_deadline=number(whole.no_deadline), rate=progress.rate_text(whole.rate)))
    console.print(f"{written['workbook']}, {written['document']}, {written['chart']}")
    warn_guessed_office(written["issuer"])


def warn_guessed_office(issuer) -> None:
    """Tell the clerk whose office signs, when it was guessed among several provinces."""
    if issuer.guessed_among > 1:
        console.print(say("office_guessed", count=number(issuer.guessed_among),
                          issuer=issuer.short))


@cli.command()
@db_option
@server_options(port=8002)
def serve(db_path: Path, host: str, port: int):
    """The review page: each document with its tasks highlighted, and forms to correct them."""
    from .clerk.web import app

    open_existing(db_path).close()
    tell(say("serving_review", url=f"http://{host}:{port}/"))
    app.serve(db_path, host, port)


@cli.command()
@db_option
@server_options(port=8001)
def browse(db_path: Path, host: str, port: int):
    """Datasette over the database, with Vietnamese labels, facets and saved queries."""
    from .clerk.web import browse as datasette_browse

    open_existing(db_path).close()
    tell(say("serving_datasette", url=f"http://{host}:{port}/{db_path.stem}"))
    datasette_browse.serve(db_path, host, port)


@cli.command()
@db_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, callback=files_out)
@click.option("--as-of", type=DATE)
def export(db_path: Path, out: Path, as_of):
    """Excel workbook of all tasks, one Word extract per lead agency, and a summary chart."""
    from .clerk import charts
    from .clerk import export as exports

    db = open_existing(db_path)
    workbook = exports.write_workbook(db, out / "tasks.xlsx", as_of)
    extracts = exports.write_agency_extracts(db, out / "agencies", as_of)
    chart = charts.write_summary(db, out / "summary.png")
    tell(say("exported", workbook=workbook, count=number(len(extracts)),
                      folder=out / "agencies", chart=chart))


# -- safety: backups of the database, the clerk's corrections as a file ---------------------------

@cli.command()
@db_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), callback=files_out)
def backup(db_path: Path, out: Path | None):
    """Copy the database, corrections and all, safely even while it is in use."""
    from .store import backups

    if not db_path.exists():
        raise click.ClickException(say("no_database", db=db_path))
    target = backups.backup(db_path, out or backups.default_backup(db_path))
    tell(say("backed_up", db=db_path, target=target))


@cli.command()
@click.argument("backup_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
                metavar="TỆP")
@db_option
def restore(backup_file: Path, db_path: Path):
    """Put a backup back in place of the database, after backing up the one it replaces."""
    from .lock import batch_lock
    from .store import backups

    try:
        with batch_lock(db_path):  # never under a running batch
            saved = backups.restore(backup_file, db_path)
    except backups.BackupError as exc:
        raise click.ClickException(say("not_a_backup", path=backup_file,
                                           error=backup_fault(exc))) from None
    except BatchLocked as exc:
        raise click.ClickException(str(exc)) from None
    tell(say("restored", db=db_path, source=backup_file))
    if saved:
        tell(say("replaced_saved", target=saved))


# the clerk tables whose rows corrections export|import count as "sửa đổi": of tasks, and of
# documents' own fields (the third, statuses, counted apart)
CORRECTION_TABLES = ("corrections", "document_corrections")


@cli.group()
def corrections():
    """The clerk's corrections as a JSON file: to keep apart, or to carry to another database."""


@corrections.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path), metavar="TỆP")
@db_option
def corrections_export(file: Path, db_path: Path):
    """Write every correction (and every other table of the clerk's work) to TỆP."""
    from .store import backups

    counts = backups.export_clerk_tables(open_existing(db_path), file)
    tell(say("corrections_exported",
             count=number(sum(counts.get(table, 0) for table in CORRECTION_TABLES)),
             statuses=number(counts.get("statuses", 0)), path=file))


@corrections.command("import")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
                metavar="TỆP")
@db_option
def corrections_import(file: Path, db_path: Path):
    """Add the corrections of TỆP to the database and apply them; of a correction on both
    sides the later wins."""
    from .store import backups

    db = open_existing(db_path, write=True)
    try:
        counts = backups.import_clerk_tables(db, file)
    except backups.BackupError as exc:
        raise click.ClickException(say("not_corrections", path=file,
                                           error=backup_fault(exc))) from None
    (written, older, held), (statuses, older_statuses, held_statuses) = (
        [sum(column) for column in zip(*(counts.get(table, (0, 0, 0)) for table in tables),
                                       strict=True)]
        for tables in (CORRECTION_TABLES, ("statuses",)))
    skipped = {"older": number(older + older_statuses), "held": number(held + held_statuses)}
    if not written + statuses:
        tell(say("corrections_nothing_new", path=file, **skipped))
        return
    tell(say("corrections_imported", count=number(written), statuses=number(statuses),
             **skipped))
    print_unplaced(store.reapply_corrections(db))


@cli.command("eval")
@click.option("--shared", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=Path("../shared"), show_default=True)
@click.option("--inbox", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=DEFAULT_INBOX, show_default=True)
@click.option("--gold", "gold_dirs", multiple=True,
              type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--docs", "docs_dirs", multiple=True,
              type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--text", "text_dirs", multiple=True,
              type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--errors/--no-errors", default=True, show_default=True)
@click.option("--learned/--no-learned", default=True, show_default=True)
def evaluate_command(shared, inbox, gold_dirs, docs_dirs, text_dirs, json_path, errors, learned):
    """Run the pipeline on gold-annotated documents and score it, set by set."""
    from .corpus import folder_set, standard_sets
    from .evaluate import figures_by_set, groups, printable_errors, run_sets

    if len(gold_dirs) != len(docs_dirs) or (text_dirs and len(text_dirs) != len(gold_dirs)):
        raise click.UsageError(say("eval_pairs"))
    if gold_dirs:
        sets = [folder_set(gold, docs, text, standard_sets(shared, inbox))
                for gold, docs, text in zip(gold_dirs, docs_dirs, text_dirs or docs_dirs,
                                                strict=True)]
    else:
        sets = standard_sets(shared, inbox)
    results = run_sets(sets)
    figures = figures_by_set(results)
    if learned:
        from .training import cross_validate, learned_figures

        cross_validate(results)
        for name, members in groups(results).items():
            figures[name].update(learned_figures([row for r in members for row in r.rows]))
    shown_errors = printable_errors(results)
    if errors:
        for line in shown_errors:
            click.echo(line)
    click.echo(figures_table(figures))
    if json_path:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps({"figures": figures, "errors": shown_errors},
                                        ensure_ascii=False, indent=2), encoding="utf-8")


def figures_table(figures: dict[str, dict]) -> str:
    """One line per figure, one column per set: counts as integers, shares with 3 decimals."""
    names = list(figures)
    lines = [f"{'':>26}" + "".join(f"{n:>10}" for n in names)]
    for key in next(iter(figures.values())):
        cells = [figures[n][key] for n in names]
        lines.append(f"{key:>26}" + "".join(
            f"{c:>10.3f}" if isinstance(c, float) else f"{c:>10}" for c in cells))
    return "\n".join(lines)
