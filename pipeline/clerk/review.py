"""Terminal review: the tasks the pipeline is unsure of, each in its context, with why it was
flagged. Fixes go through ``pipeline.clerk.actions`` (``pipeline review set|accept|reject|add``)."""
from __future__ import annotations

import sqlite_utils
from rich.console import Group
from rich.panel import Panel
from rich.text import Text

from .labels import location_label, pillar_label, recurrence_label
from .messages import column_name, say, vietnamese_date
from .query import Filters, count_tasks, document_label, find_tasks

CONTEXT_CHARS = 200  # document text shown before and after the task


def flagged(db: sqlite_utils.Database, document: int | str | None = None) -> list[dict]:
    """Tasks with needs_review = 1, in document order."""
    tasks = find_tasks(db, Filters(needs_review=True, document=document))
    return sorted(tasks, key=lambda t: (t["document_id"], t["seq"]))


def flagged_count(db: sqlite_utils.Database) -> int:
    """How many tasks ``flagged`` lists, counted in SQL."""
    return count_tasks(db, Filters(needs_review=True))


def flagged_files(db: sqlite_utils.Database) -> list[str]:
    """The paths of the files read but flagged themselves (little Vietnamese read, signs of
    tasks but none found), in path order: ``query --document`` says why."""
    return [path for (path,) in db.execute(
        "select path from documents where status = 'ok' and needs_review = 1 order by path")]


def context(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> tuple[str, str, str]:
    """(before, the task's own text, after), cut at whole words where possible."""
    before, after = text[max(0, start - width):start], text[end:end + width]
    if start > width and " " in before:
        before = "…" + before.split(" ", 1)[1]
    if end + width < len(text) and " " in after:
        after = after.rsplit(" ", 1)[0] + "…"
    return before, text[start:end], after


def label(key: str, lead_in: str = "   ") -> str:
    """A field's name before its value in a panel: "   Phối hợp: "."""
    return f"{lead_in}{column_name(key)}: "


def panel(task: dict, document_text: str) -> Panel:
    before, sentence, after = context(document_text, task["start"], task["end"])
    passage = Text.assemble((before, "dim"), (sentence, "bold"), (after, "dim"))
    fields = Text.assemble(
        (label("lead", ""), "cyan"), "; ".join(task["lead"]) or "—",
        (label("support"), "cyan"), "; ".join(task["support"]) or "—",
        (label("due", "\n"), "cyan"), vietnamese_date(task["deadline"]) or "—",
        (label("recurrence"), "cyan"), recurrence_label(task["recurrence"]) or "—",
        (label("pillar"), "cyan"), pillar_label(task["pillar"]) or "—",
        ("\n" + say("review_reason") + ": ", "yellow"), task["review_reason"] or "—")
    where = location_label(task["source"])
    title = Text(f"#{task['id']} · {document_label(task['document'])} · {where}")
    return Panel(Group(passage, Text(""), fields), title=title, title_align="left")


def panels(db: sqlite_utils.Database, tasks: list[dict]) -> list[Panel]:
    texts = {}
    for task in tasks:
        if task["document_id"] not in texts:
            texts[task["document_id"]] = db["documents"].get(task["document_id"])["text"]
    return [panel(task, texts[task["document_id"]]) for task in tasks]
