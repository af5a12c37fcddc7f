"""The tasks the extractor finds in a made-up text, and their agencies by role, for the tests."""
from __future__ import annotations

from extractors import extract_document
from extractors.model import Task
from pipeline.normalize import clean


def tasks_of(text: str) -> list[Task]:
    return extract_document(clean(text)).tasks


def leads(task: Task) -> list[str]:
    return [a.agency for a in task.agencies if a.role == "lead"]


def supports(task: Task) -> list[str]:
    return [a.agency for a in task.agencies if a.role == "support"]
