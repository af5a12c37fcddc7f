"""Datasette over the task database, with ``datasette.yml`` beside this module (labels, facets, queries)."""
from __future__ import annotations

import json
import tempfile
from contextlib import contextmanager
from pathlib import Path

import yaml

METADATA = Path(__file__).with_name("datasette.yml")
METADATA_DATABASE = "tasks"  # the database key in datasette.yml


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


def serve(db_path: Path, host: str, port: int) -> None:
    """Run Datasette in this process until Ctrl+C (one process: stopping it stops everything)."""
    from datasette.cli import cli as datasette

    with metadata_file(db_path) as metadata:
        datasette.main(["serve", str(db_path), "--metadata", str(metadata), "--host", host,
                        "--port", str(port), "--setting", "default_page_size", "50"],
                       prog_name="datasette", standalone_mode=False)
