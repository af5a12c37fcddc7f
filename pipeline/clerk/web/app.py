"""The review page: a tiny WSGI app (standard library only) on 127.0.0.1.

``/`` lists the documents; ``/documents/ID`` shows one document's text with its tasks highlighted
in place, displaCy style (lead and supporting agencies, deadline, pillar), and a form per task.
Forms post to ``/tasks/ID`` and ``/documents/ID/tasks`` and go through ``pipeline.clerk.actions``,
the same code as ``pipeline review``. Document text is untrusted: everything is escaped, the
Content-Security-Policy allows no script at all, a request naming another host (DNS rebinding)
and a POST from another origin are refused. Pages read the database read-only; only the forms
open it for writing. Every failure is an error page with a Vietnamese message, never a traceback.
"""
from __future__ import annotations

import html
import socket
import sqlite3
import sys
import traceback
from pathlib import Path
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from ... import store
from .. import actions, parse
from ..labels import PILLARS, RECURRENCES, ROLES, pillar_label, recurrence_label
from extractors.text import fold
from ..query import Filters, document_label, find_tasks
from .page import STYLE

SECURITY_HEADERS = [
    ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                                "form-action 'self'; frame-ancestors 'none'"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),  # "no-referrer" would make forms post Origin: null
]
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]"}
WILDCARD_HOSTS = {"", "0.0.0.0", "::"}
MAX_FORM_BYTES = 1 << 20
UNEXPECTED = ("lỗi không mong đợi khi xử lý trang này; chi tiết đã ghi ở cửa sổ chạy "
              "`pipeline serve`. Thay đổi chưa được lưu thì có thể làm lại.")


def e(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


class HTTPError(Exception):
    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status = status


# -- highlighting ---------------------------------------------------------------------------------

def find_span(text: str, phrase: str | None, offset: int = 0) -> tuple[int, int] | None:
    """Where ``phrase`` is in ``text`` (case and tone placement ignored), as absolute offsets."""
    if not phrase:
        return None
    at = fold(text).find(fold(phrase))
    return (offset + at, offset + at + len(phrase)) if at >= 0 else None


def entities(task: dict, document_text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, css class, label) inside one task: its agencies and its deadline words."""
    task_text = document_text[task["start"]:task["end"]]
    found = []
    for agency in task["agencies"]:
        span = find_span(task_text, agency["mention"], task["start"])
        if span:
            found.append((*span, agency["role"], ROLES[agency["role"]]))
    span = find_span(task_text, task["deadline_text"], task["start"])
    if span:
        when = task["deadline"] or recurrence_label(task["recurrence"])
        found.append((*span, "deadline", f"Hạn {when}"))
    return without_overlaps(found)


def without_overlaps(spans: list[tuple]) -> list[tuple]:
    kept, end = [], -1
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if span[0] >= end:
            kept.append(span)
            end = span[1]
    return kept


def mark(text: str, css: str, label: str) -> str:
    return f'<mark class="ent {css}">{e(text)}<span class="label">{e(label)}</span></mark>'


def tag(task: dict, shown: set[str]) -> str:
    """The task's label: its id, the leads not marked inside it (named in a heading), its pillar."""
    hidden_leads = [a["agency"] for a in task["agencies"]
                    if a["role"] == "lead" and fold(a["mention"] or "") not in shown]
    parts = [f"#{task['id']}", *hidden_leads]
    if task["pillar"]:
        parts.append(pillar_label(task["pillar"]))
    return f'<a class="tag" href="#form-{task["id"]}">{e(" · ".join(parts))}</a>'


def highlighted(document_text: str, tasks: list[dict]) -> str:
    """The document as HTML, each task a <mark> with its agencies and deadline marked inside."""
    parts, at = [], 0
    for task in without_overlaps([(t["start"], t["end"], t) for t in tasks]):
        start, end, task = task
        parts.append(e(document_text[at:start]))
        inner, inner_at, shown = [], start, set()
        for ent_start, ent_end, css, label in entities(task, document_text):
            inner.append(e(document_text[inner_at:ent_start]))
            inner.append(mark(document_text[ent_start:ent_end], css, label))
            inner_at = ent_end
            shown.add(fold(document_text[ent_start:ent_end]))
        inner.append(e(document_text[inner_at:end]))
        css = "task review" if task["needs_review"] else "task"
        parts.append(f'<mark class="{css}" id="task-{task["id"]}">{"".join(inner)}'
                     f'{tag(task, shown)}</mark>')
        at = end
    parts.append(e(document_text[at:]))
    return "".join(parts)


# -- pages ----------------------------------------------------------------------------------------

def layout(title: str, body: str) -> str:
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{e(title)}</title>'
            f"<style>{STYLE}</style></head><body>{body}</body></html>")


def index_page(db) -> str:
    rows = db.query(
        "select d.id, d.path, d.doc_number, d.title, d.status, "
        "count(t.id) filter (where coalesce(t.review_status, '') != 'rejected') as tasks, "
        "count(t.id) filter (where t.needs_review = 1) as flagged "
        "from documents d left join tasks t on t.document_id = d.id "
        "where d.status != 'removed' group by d.id order by d.id")
    items = "".join(
        f'<tr><td><a href="/documents/{r["id"]}">{e(document_label(r))}</a></td>'
        f'<td>{e(r["title"])}</td><td>{r["tasks"]}</td><td>{r["flagged"]}</td>'
        f'<td>{e(r["status"])}</td></tr>' for r in rows)
    return layout("Rà soát nhiệm vụ", (
        "<h1>Rà soát nhiệm vụ</h1><table><thead><tr><th>Văn bản</th><th>Trích yếu</th>"
        "<th>Nhiệm vụ</th><th>Cần rà soát</th><th>Trạng thái</th></tr></thead>"
        f"<tbody>{items}</tbody></table>"))


def options(choices: dict, selected: str | None) -> str:
    blank = '<option value="">—</option>'
    return blank + "".join(
        f'<option value="{e(code)}"{" selected" if code == selected else ""}>{e(label)}</option>'
        for code, label in choices.items())


def task_form(task: dict) -> str:
    reason = (f'<p class="reason">Lý do cần rà soát: {e(task["review_reason"])}</p>'
              if task["needs_review"] else "")
    status = task["review_status"]
    status = f' <span class="status">{e(status)}</span>' if status else ""
    leads, supports = "\n".join(task["lead"]), "\n".join(task["support"])
    return f"""
<form class="task-form" id="form-{task['id']}" method="post" action="/tasks/{task['id']}">
  <h3><a href="#task-{task['id']}">Nhiệm vụ #{task['id']}</a>{status}</h3>
  {reason}
  <label>Chủ trì (mỗi dòng một cơ quan)<textarea name="lead" rows="2">{e(leads)}</textarea></label>
  <label>Phối hợp<textarea name="support" rows="2">{e(supports)}</textarea></label>
  <label>Hạn hoàn thành<input type="date" name="deadline" value="{e(task['deadline'])}"></label>
  <label>Định kỳ
    <select name="recurrence">{options(RECURRENCES, task['recurrence'])}</select></label>
  <label>Trụ cột<select name="pillar">{options(PILLARS, task['pillar'])}</select></label>
  <button name="action" value="set">Lưu sửa đổi</button>
  <button name="action" value="accept">Đúng, bỏ cờ rà soát</button>
  <button name="action" value="reject" class="danger">Không phải nhiệm vụ</button>
</form>"""


def document_page(db, document_id: int) -> str:
    document = next(db.query("select * from documents where id = ? and status != 'removed'",
                             [document_id]), None)
    if document is None:
        raise HTTPError("404 Not Found", f"no document {document_id}")
    tasks = sorted(find_tasks(db, Filters(document=document_id)), key=lambda t: t["start"])
    add_form = f"""
<form class="add-form" method="post" action="/documents/{document_id}/tasks">
  <h3>Thêm nhiệm vụ bị bỏ sót</h3>
  <label>Chép nguyên văn câu giao nhiệm vụ<textarea name="text" rows="3"></textarea></label>
  <button>Thêm</button>
</form>"""
    legend = "".join(f'<span class="ent {css}">{e(label)}</span>' for css, label in
                     (("lead", "Chủ trì"), ("support", "Phối hợp"), ("deadline", "Hạn")))
    return layout(document_label(document), f"""
<p><a href="/">← Danh sách văn bản</a></p>
<h1>{e(document_label(document))}</h1><p class="title">{e(document['title'])}</p>
<p class="legend">{legend} <mark class="task">nhiệm vụ</mark>
  <mark class="task review">cần rà soát</mark></p>
<div class="columns">
  <article class="doc">{highlighted(document['text'] or '', tasks)}</article>
  <aside>{''.join(task_form(t) for t in tasks)}{add_form}</aside>
</div>""")


def error_page(message: str) -> str:
    return layout("Lỗi", f'<h1>Không thực hiện được</h1><p class="error">{e(message)}</p>'
                         '<p><a href="/">← Danh sách văn bản</a></p>')


# -- actions --------------------------------------------------------------------------------------

def lines(value: str) -> list[str]:
    return [line.strip() for line in value.replace(";", "\n").splitlines() if line.strip()]


def post_task(db, task_id: int, form: dict) -> str:
    """Apply one task form; returns where to go next."""
    task = actions.task_row(db, task_id)
    action = form.get("action", "set")
    if action == "accept":
        actions.accept(db, task_id, via="web")
    elif action == "reject":
        actions.reject(db, task_id, via="web")
    else:
        submitted = {f: form.get(f, "") for f in actions.FIELDS}
        submitted.update({f: lines(submitted[f]) for f in actions.AGENCY_FIELDS})
        changes = actions.changed_fields(db, task_id, submitted)
        if changes:
            actions.set_fields(db, task_id, changes, via="web")
    return f"/documents/{task['document_id']}#task-{task_id}"


def post_added_task(db, document_id: int, form: dict) -> str:
    task_id = actions.add(db, document_id, form.get("text", ""), via="web")
    return f"/documents/{document_id}#form-{task_id}"


def known_host(environ, names: set[str]) -> bool:
    """The Host header names this server: a loopback name, the name or address it was started
    with, or the address this connection reached. A page of another site whose name was pointed
    at this machine (DNS rebinding) sends that name, and is refused."""
    host = environ.get("HTTP_HOST", "").lower()
    hostname = host if host.endswith("]") else host.rsplit(":", 1)[0]
    local = environ.get("SERVER_ADDR", "")
    return hostname in names or hostname in {local, f"[{local}]"}


def same_origin(environ) -> bool:
    """Refuse posts made by another site's page to this server (CSRF)."""
    origin = environ.get("HTTP_ORIGIN")
    return origin is None or origin == f"http://{environ.get('HTTP_HOST', '')}"


def route(db_path: Path, environ) -> tuple[str, str | None, str | None]:
    """(status, html body, redirect location) for one request."""
    method, parts = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/").strip("/").split("/")
    if method == "GET" and parts == [""]:
        return "200 OK", read_only(db_path, index_page), None
    if method == "GET" and len(parts) == 2 and parts[0] == "documents":
        document_id = path_id(parts[1])
        return "200 OK", read_only(db_path, lambda db: document_page(db, document_id)), None
    if method == "POST":
        if not same_origin(environ):
            raise HTTPError("403 Forbidden", "cross-origin request refused")
        form = read_form(environ)
        if len(parts) == 2 and parts[0] == "tasks":
            task_id = path_id(parts[1])
            return "303 See Other", None, read_write(
                db_path, lambda db: post_task(db, task_id, form))
        if len(parts) == 3 and parts[0] == "documents" and parts[2] == "tasks":
            document_id = path_id(parts[1])
            return "303 See Other", None, read_write(
                db_path, lambda db: post_added_task(db, document_id, form))
    raise HTTPError("404 Not Found", "no such page")


def path_id(part: str) -> int:
    try:
        return parse.record_id(part)
    except parse.ParseError:
        raise HTTPError("404 Not Found", "no such page") from None


def read_only(db_path: Path, page):
    """``page(db)`` over a read-only connection (a page never changes the database)."""
    db = store.open_readonly(db_path)
    try:
        return page(db)
    finally:
        db.close()


def read_write(db_path: Path, action):
    """``action(db)`` over a connection that may write (a form's correction)."""
    db = store.open_db(db_path, create=False)
    try:
        return action(db)
    finally:
        db.close()


def read_form(environ) -> dict[str, str]:
    length = parse.content_length(environ.get("CONTENT_LENGTH"))
    if length > MAX_FORM_BYTES:
        raise HTTPError("413 Content Too Large", f"biểu mẫu {length:,} byte, quá giới hạn "
                                                 f"{MAX_FORM_BYTES:,} byte")
    body = environ["wsgi.input"].read(length).decode("utf-8", "replace")
    return {k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()}


def make_app(db_path: Path, host: str = "127.0.0.1"):
    """The WSGI app over the database at ``db_path``, serving the names of ``host`` (the address
    it listens on) besides the loopback ones."""
    names = set(LOOPBACK_HOSTS)
    names |= {socket.gethostname().lower()} if host in WILDCARD_HOSTS else {host.lower()}

    def app(environ, start_response):
        try:
            if not known_host(environ, names):
                raise HTTPError("421 Misdirected Request", "máy chủ này không phục vụ tên đó")
            status, body, location = route(db_path, environ)
        except (actions.CorrectionError, parse.ParseError) as exc:
            status, body, location = "400 Bad Request", error_page(str(exc)), None
        except HTTPError as exc:
            status, body, location = exc.status, error_page(str(exc)), None
        except store.StoreError as exc:
            status, body, location = "500 Internal Server Error", error_page(str(exc)), None
        except sqlite3.Error as exc:
            busy = "locked" in str(exc)
            status = "503 Service Unavailable" if busy else "500 Internal Server Error"
            body, location = error_page(store.explain(exc, db_path)), None
        except Exception:  # the catch-all page: the clerk sees a message, the console the cause
            traceback.print_exc(file=sys.stderr)
            status, body, location = "500 Internal Server Error", error_page(UNEXPECTED), None
        headers = list(SECURITY_HEADERS)
        if location:
            headers.append(("Location", location))
            body = ""
        if status.startswith("503"):
            headers.append(("Retry-After", "5"))
        payload = body.encode("utf-8")
        headers += [("Content-Type", "text/html; charset=utf-8"),
                    ("Content-Length", str(len(payload)))]
        start_response(status, headers)
        return [payload]
    return app


class QuietHandler(WSGIRequestHandler):
    timeout = 30  # seconds an idle connection may hold its thread

    def get_environ(self):
        environ = super().get_environ()
        environ["SERVER_ADDR"] = self.connection.getsockname()[0]  # the address it reached
        return environ

    def log_message(self, format, *args):  # noqa: A002 - the standard library's signature
        pass


class ThreadingServer(ThreadingMixIn, WSGIServer):
    """A thread per connection: a browser's idle pre-opened connection blocks nobody."""

    daemon_threads = True


def make_server_for(db_path: Path, host: str = "127.0.0.1", port: int = 8002):
    """The server, bound (port 0 picks a free one); ``serve_forever()`` runs it."""
    return make_server(host, port, make_app(db_path, host), server_class=ThreadingServer,
                       handler_class=QuietHandler)


def serve(db_path: Path, host: str, port: int) -> None:
    with make_server_for(db_path, host, port) as server:
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
