"""Datasette over the task database, with ``datasette.yml`` beside this module (labels, facets,
queries) and this module as a plugin: ``strip_accents`` for the saved queries (which take labels
from the code tables ``pillars``, ``recurrences``, ``roles``, ``review_statuses``), Vietnamese
labels in the cells of coded columns, and the security headers the review page sends too
(``asgi_wrapper``)."""
from __future__ import annotations

import json
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import yaml
from datasette import hookimpl

from extractors.text import strip_accents

from ..labels import pillar_label, recurrence_label
from ..messages import review_status_label, say

METADATA = Path(__file__).with_name("datasette.yml")
METADATA_DATABASE = "tasks"  # the database key in datasette.yml
PLUGIN_NAME = "vntasks-labels"
# coded columns of a table → the label of a code
LABELLED = {"pillar": pillar_label, "recurrence": recurrence_label,
            "review_status": review_status_label}
# Datasette's pages carry inline scripts (facets, the SQL editor), so scripts may be inline; what
# an injected tag would need beyond that is refused: other origins' scripts, images and
# connections (no exfiltration), objects, <base>, forms posting elsewhere, and being framed.
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; script-src 'self' 'unsafe-inline'; "
                                 b"style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                                 b"object-src 'none'; base-uri 'none'; form-action 'self'; "
                                 b"frame-ancestors 'none'"),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
]


def metadata_for(db_path: Path, source: Path = METADATA) -> dict:
    """The metadata with its database section under the name Datasette gives ``db_path``."""
    metadata = yaml.safe_load(source.read_text(encoding="utf-8"))
    databases = metadata.get("databases", {})
    databases[Path(db_path).stem] = databases.pop(METADATA_DATABASE)
    return metadata


@contextmanager
def metadata_file(db_path: Path):
    with tempfile.TemporaryDirectory(prefix="browse-") as folder:
        path = Path(folder) / "metadata.json"
        path.write_text(json.dumps(metadata_for(db_path), ensure_ascii=False), encoding="utf-8")
        yield path


@hookimpl
def prepare_connection(conn):
    """The function the saved queries of datasette.yml call to compare without accents."""
    conn.create_function("strip_accents", 1,
                         lambda value: strip_accents(value) if value is not None else None,
                         deterministic=True)


@hookimpl
def render_cell(value, column, table):
    """A code shown as its Vietnamese label, the code kept in the data (filters, facets, JSON)."""
    if table == "tasks" and column in LABELLED and value:
        return LABELLED[column](value)
    if table == "tasks" and column == "needs_review" and value == 1:
        return say("yes_mark")
    return None


@hookimpl
def asgi_wrapper(datasette):
    """Every response gets SECURITY_HEADERS."""
    def wrap(app):
        async def with_headers(scope, receive, send):
            async def send_with_headers(event):
                if event["type"] == "http.response.start":
                    event = {**event, "headers": [*event.get("headers", []), *SECURITY_HEADERS]}
                await send(event)
            await app(scope, receive, send_with_headers)
        return with_headers
    return wrap


def register() -> None:
    """Make this module a plugin of the Datasette in this process (once)."""
    from datasette.plugins import pm

    if not pm.get_plugin(PLUGIN_NAME):
        pm.register(sys.modules[__name__], name=PLUGIN_NAME)


def serve(db_path: Path, host: str, port: int) -> None:
    """Run Datasette in this process until Ctrl+C (one process: stopping it stops everything)."""
    from datasette.cli import cli as datasette

    register()
    with metadata_file(db_path) as metadata:
        datasette.main(["serve", str(db_path), "--metadata", str(metadata), "--host", host,
                        "--port", str(port), "--setting", "default_page_size", "50"],
                       prog_name="datasette", standalone_mode=False)
