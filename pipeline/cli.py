"""Command line: ``python -m pipeline COMMAND --help`` documents every command."""
from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from . import batch, cluster
from .lock import BatchLocked

DEFAULT_DB = Path("output/tasks.db")
DEFAULT_INBOX = Path("corpus/inbox")
console = Console(stderr=True)


def db_option(command):
    return click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
                        default=DEFAULT_DB, show_default=True, help="SQLite database file")(command)


@click.group()
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
    try:
        summary = batch.run(inbox, db_path, force=force, workers=workers, progress=progress_bar,
                            engine=cluster.dask_results if engine == "dask" else None)
    except BatchLocked as exc:
        raise click.ClickException(str(exc))
    for path, error in summary.failures:
        console.print(f"[red]failed[/red] {path}: {error}")
    console.print(
        f"processed {summary.processed}, skipped {summary.skipped} unchanged, "
        f"failed {summary.failed}, removed {summary.removed}; "
        f"{summary.tasks} tasks, {summary.needing_review} needing review → {db_path}")
