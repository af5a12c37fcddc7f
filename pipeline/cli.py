"""Command line: ``python -m pipeline COMMAND --help`` documents every command."""
from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from . import batch, cluster
from .clerk import values
from .clerk.messages import column_name, say
from .lock import BatchLocked

DEFAULT_DB = Path("output/tasks.db")
DEFAULT_INBOX = Path("corpus/inbox")
console = Console(stderr=True)


def db_option(command):
    return click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
                        default=DEFAULT_DB, show_default=True, help="SQLite database file")(command)


def server_options(port: int):
    """--host (loopback by default: the database is the office's) and --port of a local server."""
    def decorate(command):
        command = click.option("--port", type=int, default=port, show_default=True)(command)
        return click.option("--host", default="127.0.0.1", show_default=True,
                            help="address to listen on")(command)
    return decorate


@click.group()
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
        tell(say("run_failed_file", path=path, error=error), style="red")
    tell(say("run_summary", processed=summary.processed, skipped=summary.skipped,
                      failed=summary.failed, removed=summary.removed, tasks=summary.tasks,
                      needing_review=summary.needing_review, db=db_path))
    print_unplaced(summary.unplaced)


def print_unplaced(unplaced: list[dict]) -> None:
    """The corrections that could not be carried to their directive's new text, one a line."""
    from .clerk.messages import describe_changes

    if not unplaced:
        return
    tell(say("unplaced_heading", count=len(unplaced)), style="yellow")
    for item in unplaced:
        tell(say("unplaced_item", document=Path(item["path"]).name, text=item["text"],
                          changes=describe_changes(item["fields"])))


# -- the clerk's commands: query, review, serve, browse, export -----------------------------------

class ClerkValue(click.ParamType):
    """An option value as a clerk types it, read by a ``pipeline.clerk.values`` parser; its
    ValueError (a Vietnamese message) becomes the usage error."""

    def __init__(self, name: str, parse):
        self.name, self.parse = name, parse

    def convert(self, value, param, ctx):
        try:
            return self.parse(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


DATE = ClerkValue("DATE", values.parse_date)  # 30/09/2022 or 2022-09-30
PILLAR = ClerkValue("PILLAR", values.pillar_code)  # the_che_so or "Thể chế số"


def open_existing(db_path: Path):
    """The database of an earlier run (created with its corrections tables if it predates them)."""
    from . import store

    if not db_path.exists():
        raise click.ClickException(say("no_database", db=db_path))
    return store.open_db(db_path)


@cli.command()
@click.option("--agency", help="agency name, alias or abbreviation; accents and case ignored; "
                               "also the collectives that include it (các sở, ban, ngành)")
@click.option("--exact", is_flag=True, help="the agency itself, not the collectives including it")
@click.option("--role", type=click.Choice(["lead", "support"]), help="role the agency must hold")
@click.option("--due-before", type=DATE, help="deadline on or before DATE (30/09/2022 or ISO)")
@click.option("--due-after", type=DATE, help="deadline on or after DATE (30/09/2022 or ISO)")
@click.option("--overdue", is_flag=True, help="deadline before --as-of (default today)")
@click.option("--as-of", type=DATE, help="the day --overdue counts from")
@click.option("--pillar", type=PILLAR, help="DTI pillar, by name or code: \"Thể chế số\", "
                                           "the_che_so")
@click.option("--document", help="document id, số ký hiệu (215/KH-UBND) or part of its path")
@click.option("--needs-review", is_flag=True, help="only tasks the pipeline flagged")
@click.option("--text", help="full-text search in the task text (accents optional)")
@click.option("--format", "output_format", type=click.Choice(["table", "csv", "json"]),
              default="table", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="write the CSV or JSON to this file (UTF-8; on Windows, rather than >, "
                   "which PowerShell re-encodes)")
@db_option
def query(db_path: Path, output_format: str, out: Path | None, as_of, due_before, due_after,
          **filters):
    """List the tasks that match every filter given.

    Example: python -m pipeline query --agency "so tai chinh" --role lead --overdue
    """
    from .clerk import query as tasks_query

    dates = {name: value.isoformat() if value else None
             for name, value in (("due_before", due_before), ("due_after", due_after))}
    db = open_existing(db_path)
    try:
        tasks = tasks_query.find_tasks(db, tasks_query.Filters(as_of=as_of, **dates, **filters))
    except LookupError as exc:  # an unknown agency or document: never a silent "0 tasks"
        raise click.ClickException(str(exc)) from None
    if output_format != "table":
        data = tasks_query.to_json(tasks) + "\n" if output_format == "json" else \
            tasks_query.to_csv(tasks)
        if out:
            out.write_text(data, encoding="utf-8", newline="")
            tell(say("written", count=len(tasks), path=out))
        else:
            click.echo(data, nl=False)
    else:
        Console().print(tasks_query.to_table(tasks, as_of))
        tell(say("query_count", count=len(tasks)))


def corrections_command(action):
    """Run a correction, turning its refusal into a clean command-line error."""
    from .clerk.actions import CorrectionError

    try:
        return action()
    except CorrectionError as exc:
        raise click.ClickException(str(exc))


@cli.group(invoke_without_command=True)
@db_option
@click.option("--document", help="only this document (id, số ký hiệu or part of its path)")
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
    try:
        tasks = terminal_review.flagged(db, document)
    except LookupError as exc:
        raise click.ClickException(str(exc)) from None
    for panel in terminal_review.panels(db, tasks):
        Console().print(panel)
    tell(say("review_count", count=len(tasks)))
    if not document:  # corrections still waiting for a task, from earlier runs too
        from . import store

        print_unplaced(store.unplaced_corrections(db, [row[0] for row in db.execute(
            "select document_id from directives where document_id is not null")]))


def review_db(ctx) -> Path:
    return ctx.params.get("db_path") or ctx.obj


review_db_option = click.option(
    "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="SQLite database file (default: review's --db, output/tasks.db)")


@review.command("set")
@click.argument("task_id", type=int)
@click.option("--lead", multiple=True, help="lead agency; repeat for co-leads; replaces all leads")
@click.option("--support", multiple=True, help="supporting agency; repeat; --support '' clears")
@click.option("--deadline", help="30/09/2022 or 2022-09-30; '' clears it")
@click.option("--recurrence", help="by name or code: \"hằng tháng\", monthly, quarterly, ...; "
                                   "'' clears it")
@click.option("--pillar", help="DTI pillar by name or code: \"Thể chế số\", the_che_so; "
                               "'' clears it")
@review_db_option
@click.pass_context
def review_set(ctx, task_id: int, db_path, **fields):
    """Correct fields of TASK_ID; the fix wins over the extractor on every later run.

    Example: python -m pipeline review set 12 --deadline 30/09/2022 --lead "Sở Tài chính"
    """
    from .clerk import actions

    changes = {k: v for k, v in fields.items() if v is not None and v != ()}
    db = open_existing(review_db(ctx))
    corrections_command(lambda: actions.set_fields(db, task_id, changes, via="cli"))
    tell(say("corrected", task_id=task_id,
             fields=", ".join(column_name(field) for field in changes)))


@review.command("accept")
@click.argument("task_ids", type=int, nargs=-1, required=True)
@review_db_option
@click.pass_context
def review_accept(ctx, task_ids: tuple[int, ...], db_path):
    """Mark tasks as right as extracted: they no longer need review.

    Example: python -m pipeline review accept 12 13
    """
    from .clerk import actions

    db = open_existing(review_db(ctx))
    for task_id in task_ids:
        corrections_command(lambda: actions.accept(db, task_id, via="cli"))
    tell(say("accepted", count=len(task_ids)))


@review.command("reject")
@click.argument("task_ids", type=int, nargs=-1, required=True)
@review_db_option
@click.pass_context
def review_reject(ctx, task_ids: tuple[int, ...], db_path):
    """Mark tasks as not tasks: hidden from queries, views and exports from now on.

    Example: python -m pipeline review reject 14
    """
    from .clerk import actions

    db = open_existing(review_db(ctx))
    for task_id in task_ids:
        corrections_command(lambda: actions.reject(db, task_id, via="cli"))
    tell(say("rejected", count=len(task_ids)))


@review.command("add")
@click.argument("document_id", type=int)
@click.option("--text", required=True, help="the task as written in the document")
@review_db_option
@click.pass_context
def review_add(ctx, document_id: int, text: str, db_path):
    """Add a task the pipeline missed; its text must be in the document.

    Example: python -m pipeline review add 5 --text "Giao Sở Tài chính báo cáo UBND tỉnh"
    """
    from .clerk import actions

    db = open_existing(review_db(ctx))
    task_id = corrections_command(lambda: actions.add(db, document_id, text, via="cli"))
    tell(say("added", task_id=task_id))


@cli.command()
@db_option
@server_options(port=8002)
def serve(db_path: Path, host: str, port: int):
    """The review page: each document with its tasks highlighted, and forms to correct them.

    Example: python -m pipeline serve --db output/tasks.db --port 8002
    """
    from .clerk.web import app

    open_existing(db_path).close()
    tell(say("serving_review", url=f"http://{host}:{port}/"))
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
    tell(say("serving_datasette", url=f"http://{host}:{port}/{db_path.stem}"))
    datasette_browse.serve(db_path, host, port)


@cli.command()
@db_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="folder for tasks.xlsx, agencies/*.docx and summary.png")
@click.option("--as-of", type=DATE, help="the day overdue is counted from (default today)")
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
    tell(say("exported", workbook=workbook, count=len(extracts),
                      folder=out / "agencies", chart=chart))


# -- safety: backups of the database, the clerk's corrections as a file ---------------------------

@cli.command()
@db_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="backup file (default: backups/tasks-YYYYMMDD-HHMMSS.db beside the database)")
def backup(db_path: Path, out: Path | None):
    """Copy the database, corrections and all, safely even while it is in use.

    Example: python -m pipeline backup --db output/tasks.db --out D:/saoluu/tasks.db
    """
    from .store import backups

    if not db_path.exists():
        raise click.ClickException(say("no_database", db=db_path))
    target = backups.backup(db_path, out or backups.default_backup(db_path))
    tell(say("backed_up", db=db_path, target=target))


@cli.command()
@click.argument("backup_file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@db_option
def restore(backup_file: Path, db_path: Path):
    """Put a backup back in place of the database, after backing up the one it replaces.

    Example: python -m pipeline restore output/backups/tasks-20240131-142500.db
    """
    from .lock import batch_lock
    from .store import backups

    try:
        with batch_lock(db_path):  # never under a running batch
            saved = backups.restore(backup_file, db_path)
    except backups.BackupError as exc:
        raise click.ClickException(say("not_a_backup", path=backup_file, error=exc)) from None
    except BatchLocked as exc:
        raise click.ClickException(str(exc)) from None
    tell(say("restored", db=db_path, source=backup_file))
    if saved:
        tell(say("replaced_saved", target=saved))


@cli.group()
def corrections():
    """The clerk's corrections as a JSON file: to keep apart, or to carry to another database.

    Example: python -m pipeline corrections export output/corrections.json
    """


@corrections.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@db_option
def corrections_export(file: Path, db_path: Path):
    """Write every correction (and every other table of the clerk's work) to FILE.

    Example: python -m pipeline corrections export output/corrections.json
    """
    from .store import backups

    counts = backups.export_clerk_tables(open_existing(db_path), file)
    tell(say("corrections_exported", count=counts.get("corrections", 0), path=file))


@corrections.command("import")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@db_option
def corrections_import(file: Path, db_path: Path):
    """Add the corrections of FILE to the database and apply them; of a correction on both
    sides the later wins.

    Example: python -m pipeline corrections import output/corrections.json --db output/tasks.db
    """
    from . import store
    from .store import backups

    db = open_existing(db_path)
    try:
        counts = backups.import_clerk_tables(db, file)
    except backups.BackupError as exc:
        raise click.ClickException(say("not_corrections", path=file, error=exc)) from None
    written, older = counts.get("corrections", (0, 0))
    tell(say("corrections_imported", count=written, older=older))
    print_unplaced(store.reapply_corrections(db))


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
