"""Command line: ``python -m pipeline COMMAND --help`` documents every command."""
from __future__ import annotations

import errno
import json
import sqlite3
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from . import batch, cluster, store
from .clerk import parse
from .lock import BatchLocked

DEFAULT_DB = Path("output/tasks.db")
DEFAULT_INBOX = Path("corpus/inbox")
console = Console(stderr=True)


def remember_db(ctx: click.Context, param, value: Path | None) -> Path | None:
    """Keep the --db value where the error handler of ``Commands`` finds it."""
    if value is not None:
        ctx.meta["db_path"] = value
    return value


def db_option(command):
    return click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
                        default=DEFAULT_DB, show_default=True, callback=remember_db,
                        help="SQLite database file")(command)


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
ISO_DATE = Parsed(parse.iso_date, "YYYY-MM-DD")
FREE_TEXT = Parsed(parse.free_text, "text")
AGENCY = Parsed(parse.agency_name, "agency")
DOCUMENT = Parsed(parse.document_ref, "id|path")


class Commands(click.Group):
    """The command group whose commands end in one clear message, never a traceback, when the
    database or the disk fails them (locked, full, read-only, not SQLite, not ours)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (store.StoreError, parse.ParseError) as exc:
            raise click.ClickException(str(exc)) from None
        except sqlite3.Error as exc:
            raise click.ClickException(store.explain(exc, ctx.meta.get("db_path", DEFAULT_DB))
                                       ) from None
        except OSError as exc:
            raise click.ClickException(explain_os_error(exc)) from None


def explain_os_error(error: OSError) -> str:
    """One Vietnamese sentence for a failed file or network operation."""
    where = f" ({error.filename})" if error.filename else ""
    if error.errno == errno.ENOSPC:
        return f"hết chỗ trên ổ đĩa{where}: hãy giải phóng dung lượng rồi chạy lại"
    return f"không thực hiện được{where}: {error.strerror or error}"


def server_options(port: int):
    """--host (loopback by default: the database is the office's) and --port of a local server."""
    def decorate(command):
        command = click.option("--port", type=int, default=port, show_default=True)(command)
        return click.option("--host", default="127.0.0.1", show_default=True,
                            help="address to listen on")(command)
    return decorate


@click.group(cls=Commands)
def cli():
    """Extract assigned tasks from Vietnamese directives into a SQLite database."""


def progress_bar(results, total):
    if total < 10 or not console.is_terminal:
        yield from results
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeRemainingColumn())
    with Progress(*columns, console=console) as bar:
        job = bar.add_task("documents", total=total)
        for result in results:
            yield result
            bar.advance(job)


@cli.command()
@click.option("--inbox", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=DEFAULT_INBOX, show_default=True, help="folder of documents to ingest")
@db_option
@click.option("--force", is_flag=True, help="re-extract every document, changed or not")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="documents processed in parallel processes")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: a process pool here; dask: a Dask cluster (a local one of WORKERS "
                   "processes, or DASK_SCHEDULER_ADDRESS), the writer staying here")
def run(inbox: Path, db_path: Path, force: bool, workers: int, engine: str):
    """Ingest every new or changed document of INBOX into the database.

    Example: python -m pipeline run --inbox corpus/inbox --db output/tasks.db
    """
    from extractors import rules

    try:
        rules.load()  # a clerk's typo in rules/ stops the run here, before any document
        summary = batch.run(inbox, db_path, force=force, workers=workers, progress=progress_bar,
                            engine=cluster.dask_results if engine == "dask" else None)
    except (BatchLocked, rules.RulesError) as exc:
        raise click.ClickException(str(exc))
    for path, error in summary.failures:
        console.print(f"[red]failed[/red] {path}: {error}")
    console.print(
        f"processed {summary.processed}, skipped {summary.skipped} unchanged, "
        f"failed {summary.failed}, removed {summary.removed}; "
        f"{summary.tasks} tasks, {summary.needing_review} needing review → {db_path}")


# -- the clerk's commands: query, review, serve, browse, export -----------------------------------

def open_existing(db_path: Path, write: bool = False):
    """The database of an earlier run: read-only, or for a correction (``write``: its
    corrections tables added if it predates them). StoreError if it is missing or not ours."""
    return store.open_db(db_path, create=False) if write else store.open_readonly(db_path)


@cli.command()
@click.option("--agency", type=AGENCY,
              help="agency name, alias or abbreviation; accents and case ignored")
@click.option("--role", type=click.Choice(["lead", "support"]), help="role the agency must hold")
@click.option("--due-before", type=ISO_DATE, help="deadline on or before YYYY-MM-DD")
@click.option("--due-after", type=ISO_DATE, help="deadline on or after YYYY-MM-DD")
@click.option("--overdue", is_flag=True, help="deadline before --as-of (default today)")
@click.option("--as-of", type=ISO_DATE, help="the day --overdue counts from")
@click.option("--pillar", type=FREE_TEXT, help="DTI pillar code, e.g. the_che_so")
@click.option("--document", type=DOCUMENT, help="document id, or part of its path")
@click.option("--needs-review", is_flag=True, help="only tasks the pipeline flagged")
@click.option("--text", type=FREE_TEXT, help="full-text search in the task text (accents optional)")
@click.option("--format", "output_format", type=click.Choice(["table", "csv", "json"]),
              default="table", show_default=True)
@db_option
def query(db_path: Path, output_format: str, as_of, due_before, due_after, **filters):
    """List the tasks that match every filter given.

    Example: python -m pipeline query --agency "so tai chinh" --role lead --overdue
    """
    from .clerk import query as tasks_query
    from .clerk.labels import PILLARS

    if filters["pillar"] and filters["pillar"] not in PILLARS:
        raise click.BadParameter(f"one of {', '.join(PILLARS)}", param_hint="--pillar")
    dates = {name: value.isoformat() if value else None
             for name, value in (("due_before", due_before), ("due_after", due_after))}
    db = open_existing(db_path)
    tasks = tasks_query.find_tasks(db, tasks_query.Filters(as_of=as_of, **dates, **filters))
    if output_format == "json":
        click.echo(tasks_query.to_json(tasks))
    elif output_format == "csv":
        click.echo(tasks_query.to_csv(tasks), nl=False)
    else:
        Console().print(tasks_query.to_table(tasks, as_of))
        console.print(f"{len(tasks)} tasks")


def corrections_command(action):
    """Run a correction, turning its refusal into a clean command-line error."""
    from .clerk.actions import CorrectionError

    try:
        return action()
    except CorrectionError as exc:
        raise click.ClickException(str(exc))


@cli.group(invoke_without_command=True)
@db_option
@click.option("--document", type=DOCUMENT, help="only this document (id, or part of its path)")
@click.pass_context
def review(ctx, db_path: Path, document: str | None):
    """Show the tasks the pipeline is unsure of, in context, with why; fix them with the
    subcommands. Corrections are kept apart and re-applied on every run.

    Example: python -m pipeline review --db output/tasks.db
    """
    ctx.obj = db_path
    if ctx.invoked_subcommand:
        return
    from .clerk import review as terminal_review

    db = open_existing(db_path)
    tasks = terminal_review.flagged(db, document)
    for panel in terminal_review.panels(db, tasks):
        Console().print(panel)
    console.print(f"{len(tasks)} tasks need review. Fix one with: python -m pipeline review set "
                  "TASK_ID --deadline YYYY-MM-DD, or accept / reject it")


def review_db(ctx) -> Path:
    return ctx.params.get("db_path") or ctx.obj


review_db_option = click.option(
    "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
    callback=remember_db, help="SQLite database file (default: review's --db, output/tasks.db)")


@review.command("set")
@click.argument("task_id", type=RECORD_ID)
@click.option("--lead", multiple=True, help="lead agency; repeat for co-leads; replaces all leads")
@click.option("--support", multiple=True, help="supporting agency; repeat; --support '' clears")
@click.option("--deadline", help="YYYY-MM-DD; '' clears it")
@click.option("--recurrence", help="daily, weekly, monthly, quarterly, semiannual, annual, "
                                   "periodic; '' clears it")
@click.option("--pillar", help="DTI pillar code, e.g. the_che_so; '' clears it")
@review_db_option
@click.pass_context
def review_set(ctx, task_id: int, db_path, **fields):
    """Correct fields of TASK_ID; the fix wins over the extractor on every later run.

    Example: python -m pipeline review set 12 --deadline 2022-09-30 --lead "Sở Tài chính"
    """
    from .clerk import actions

    changes = {k: v for k, v in fields.items() if v is not None and v != ()}
    db = open_existing(review_db(ctx), write=True)
    corrections_command(lambda: actions.set_fields(db, task_id, changes, via="cli"))
    console.print(f"task {task_id}: corrected {', '.join(changes)}")


@review.command("accept")
@click.argument("task_ids", type=RECORD_ID, nargs=-1, required=True)
@review_db_option
@click.pass_context
def review_accept(ctx, task_ids: tuple[int, ...], db_path):
    """Mark tasks as right as extracted: they no longer need review. All or none: an unknown
    id changes nothing.

    Example: python -m pipeline review accept 12 13
    """
    from .clerk import actions

    db = open_existing(review_db(ctx), write=True)
    corrections_command(lambda: actions.mark(db, list(task_ids), "accepted", via="cli"))
    console.print(f"accepted {len(task_ids)} task(s)")


@review.command("reject")
@click.argument("task_ids", type=RECORD_ID, nargs=-1, required=True)
@review_db_option
@click.pass_context
def review_reject(ctx, task_ids: tuple[int, ...], db_path):
    """Mark tasks as not tasks: hidden from queries, views and exports from now on. All or
    none: an unknown id changes nothing.

    Example: python -m pipeline review reject 14
    """
    from .clerk import actions

    db = open_existing(review_db(ctx), write=True)
    corrections_command(lambda: actions.mark(db, list(task_ids), "rejected", via="cli"))
    console.print(f"rejected {len(task_ids)} task(s)")


@review.command("add")
@click.argument("document_id", type=RECORD_ID)
@click.option("--text", required=True, help="the task as written in the document")
@review_db_option
@click.pass_context
def review_add(ctx, document_id: int, text: str, db_path):
    """Add a task the pipeline missed; its text must be in the document.

    Example: python -m pipeline review add 5 --text "Giao Sở Tài chính báo cáo UBND tỉnh"
    """
    from .clerk import actions

    db = open_existing(review_db(ctx), write=True)
    task_id = corrections_command(lambda: actions.add(db, document_id, text, via="cli"))
    console.print(f"added task {task_id}; set its fields with: python -m pipeline review set "
                  f"{task_id} --lead ... --deadline ...")


@cli.command()
@db_option
@server_options(port=8002)
def serve(db_path: Path, host: str, port: int):
    """The review page: each document with its tasks highlighted, and forms to correct them.

    Example: python -m pipeline serve --db output/tasks.db --port 8002
    """
    from .clerk.web import app

    open_existing(db_path).close()
    console.print(f"review page on http://{host}:{port}/ (Ctrl+C stops it)")
    app.serve(db_path, host, port)


@cli.command()
@db_option
@server_options(port=8001)
def browse(db_path: Path, host: str, port: int):
    """Datasette over the database, with Vietnamese labels, facets and saved queries.

    Example: python -m pipeline browse --db output/tasks.db --port 8001
    """
    from .clerk.web import browse as datasette_browse

    open_existing(db_path).close()
    console.print(f"Datasette on http://{host}:{port}/{db_path.stem} (Ctrl+C stops it)")
    datasette_browse.serve(db_path, host, port)


@cli.command()
@db_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="folder for tasks.xlsx, agencies/*.docx and summary.png")
@click.option("--as-of", type=ISO_DATE, help="the day overdue is counted from (default today)")
def export(db_path: Path, out: Path, as_of):
    """Excel workbook of all tasks, one Word extract per lead agency, and a summary chart.

    Example: python -m pipeline export --db output/tasks.db --out output
    """
    from .clerk import charts
    from .clerk import export as exports

    db = open_existing(db_path)
    workbook = exports.write_workbook(db, out / "tasks.xlsx", as_of)
    extracts = exports.write_agency_extracts(db, out / "agencies", as_of)
    chart = charts.write_summary(db, out / "summary.png")
    console.print(f"{workbook}, {len(extracts)} Word extracts in {out / 'agencies'}, {chart}")


@cli.command("eval")
@click.option("--gold", "gold_dirs", multiple=True, required=True,
              type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="folder of gold JSON files (repeat, paired with --docs)")
@click.option("--docs", "docs_dirs", multiple=True, required=True,
              type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="folder of the documents the gold describes")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path),
              help="also write the figures and errors to this file")
@click.option("--errors/--no-errors", default=True, show_default=True,
              help="print every error with its text")
def evaluate_command(gold_dirs, docs_dirs, json_path, errors):
    """Run the pipeline on gold-annotated documents and score it.

    Example: python -m pipeline eval --gold ../shared/corpus/gold --docs ../shared/corpus/seeds
    """
    from .evaluate import evaluate

    if len(gold_dirs) != len(docs_dirs):
        raise click.UsageError("give one --docs folder for each --gold folder")
    score = evaluate(list(zip(gold_dirs, docs_dirs)))
    figures = score.report()
    if errors:
        for line in score.errors:
            click.echo(line)
    for name, value in figures.items():
        click.echo(f"{name:>26}  {value:.3f}" if isinstance(value, float) else
                   f"{name:>26}  {value}")
    if json_path:
        json_path.write_text(json.dumps({"figures": figures, "errors": score.errors},
                                        ensure_ascii=False, indent=2), encoding="utf-8")
