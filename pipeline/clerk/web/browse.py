"""Datasette over the task database, with ``datasette.yml`` beside this module (labels, facets,
queries), and the security headers the review page sends too (``asgi_wrapper`` below)."""
from __future__ import annotations

import json
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import yaml
from datasette import hookimpl

METADATA = Path(__file__).with_name("datasette.yml")
METADATA_DATABASE = "tasks"  # the database key in datasette.yml
PLUGIN_NAME = "vntasks-security-headers"
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
def asgi_wrapper(datasette):
    """Datasette's plugin hook: every response gets SECURITY_HEADERS."""
    def wrap(app):
        async def with_headers(scope, receive, send):
            async def send_with_headers(event):
                if event["type"] == "http.response.start":
                    event = {**event, "headers": [*event.get("headers", []), *SECURITY_HEADERS]}
                await send(event)
            await app(scope, receive, send_with_headers)
        return with_headers
    return wrap


def register_plugin() -> None:
    """Make this module a Datasette plugin of this process (once)."""
    from datasette.plugins import pm

    if pm.get_plugin(PLUGIN_NAME) is None:
        pm.register(sys.modules[__name__], name=PLUGIN_NAME)


def serve(db_path: Path, host: str, port: int) -> None:
    """Run Datasette in this process until Ctrl+C (one process: stopping it stops everything)."""
    from datasette.cli import cli as datasette

    register_plugin()
    with metadata_file(db_path) as metadata:
        datasette.main(["serve", str(db_path), "--metadata", str(metadata), "--host", host,
                        "--port", str(port), "--setting", "default_page_size", "50"],
                       prog_name="datasette", standalone_mode=False)
