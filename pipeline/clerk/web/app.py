"""The review page: a tiny WSGI app (standard library only) on 127.0.0.1.

``/tasks`` is the task page (``web/tasks.py``: filters, sort, paging, Excel of the view);
``/`` lists the directives; ``/documents/ID`` shows one document's text with its tasks highlighted
in place, displaCy style (lead and supporting agencies, deadline, pillar), and a form per task.
Forms post to ``/tasks/ID`` and ``/documents/ID/tasks`` and go through ``pipeline.clerk.actions``
and ``pipeline.clerk.status``, the same code as ``pipeline review`` and ``pipeline status``; a
form whose task changed since it was shown is refused. Document text is untrusted: everything is
escaped, the Content-Security-Policy allows no script at all, a request naming another host (DNS
rebinding) and a POST from another origin are refused. Pages read the database read-only; only
the forms open it for writing, each in one write transaction (``store.writing``). Every failure
is an error page with a Vietnamese message, never a traceback.
"""
from __future__ import annotations

import socket
import sqlite3
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from extractors.text import fold

from ... import store
from ...numbers import number
from .. import actions, followup, parse, status, successors
from ..labels import PILLARS, RECURRENCES, ROLES, pillar_label, recurrence_label
from ..messages import review_status_label, say, vietnamese_date
from ..query import Filters, document_label, find_tasks
from . import tasks as task_list
from .page import date_input, e, layout, options

SECURITY_HEADERS = [
    ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                                "form-action 'self'; frame-ancestors 'none'"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),  # "no-referrer" would make forms post Origin: null
]
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]"}
WILDCARD_HOSTS = {"", "0.0.0.0", "::"}
MAX_FORM_BYTES = 1 << 20
PERIOD_CHOICES = 12  # periods of a recurring task its status form offers
RECORDED_SHOWN = 3  # the latest periods with a status, named under a recurring task's state
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
        when = vietnamese_date(task["deadline"]) or recurrence_label(task["recurrence"])
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

def index_page(db) -> str:
    """One row per directive (its representative file linked, then its other files), then the
    files that could not be read, with why."""
    rows = list(db.query(
        "select r.id as directive_id, d.id, d.path, r.doc_number, r.title, "
        "(select count(*) from tasks t where t.document_id = d.id and "
        "coalesce(t.review_status, '') != 'rejected') as tasks, "
        "(select count(*) from tasks t where t.document_id = d.id and t.needs_review = 1) "
        "as flagged from directives r join documents d on d.id = r.document_id order by r.id"))
    items = "".join(
        f'<tr><td><a href="/documents/{r["id"]}">{e(document_label(r))}</a></td>'
        f'<td>{e(r["title"])}</td><td>{r["tasks"]}</td><td>{r["flagged"]}</td>'
        f'<td>{other_files(db, r)}</td></tr>' for r in rows)
    failed = "".join(f'<li>{e(r["path"])}: {e(r["error"])}</li>' for r in db.query(
        "select path, error from documents where status = 'failed' order by path"))
    headers = "".join(f"<th>{e(say(key))}</th>" for key in
                      ("page_document", "page_title", "page_task_count", "page_flagged",
                       "page_other_files"))
    return layout(say("page_documents"), (
        f"<h1>{e(say('page_documents'))}</h1><table><thead><tr>{headers}</tr></thead>"
        f"<tbody>{items}</tbody></table>"
        + (f"<h2>{e(say('page_failed'))}</h2><ul>{failed}</ul>" if failed else "")))


def other_files(db, directive: dict) -> str:
    """Links to the directive's files other than its representative."""
    return ", ".join(
        f'<a href="/documents/{r["id"]}">{e(r["path"].rsplit("/", 1)[-1])}</a>'
        for r in db.query("select id, path from documents where directive_id = ? and id != ? "
                          "and status = 'ok' order by path",
                          [directive["directive_id"], directive["id"]]))


@dataclass
class Refused(Exception):
    """A form the clerk sent that was refused (a bad date, an unknown agency, a blank lead):
    the document page is shown again with what was typed and why (new-clerk trial: the values
    were lost). ``task_id`` None: the add form."""

    message: str
    document_id: int
    task_id: int | None
    form: dict

    def typed(self, task_id: int | None, actions_of: tuple[str, ...]) -> dict | None:
        """The form as sent, if it was the form of ``task_id`` with one of ``actions_of``."""
        sent = self.form.get("action") or ("set" if task_id else "add")
        return self.form if task_id == self.task_id and sent in actions_of else None


def refusal(refused: Refused | None, task_id: int | None, actions_of: tuple[str, ...]) -> str:
    """Why a form was refused, above the form itself; '' for the other forms."""
    if refused is None or refused.typed(task_id, actions_of) is None:
        return ""
    return refused_line(refused.message)


def refused_line(message: str, after: str = "") -> str:
    """The alert line of a refused form: nothing saved, why, then ``after`` (HTML)."""
    return f'<p class="error" role="alert">{e(say("page_not_saved"))}: {e(message)}{after}</p>'


TASK_ACTIONS = ("set", "accept", "reject")


def task_form(task: dict, refused: Refused | None = None) -> str:
    """The correction form of a task; a refused one shows what the clerk typed."""
    reason = (f'<p class="reason">Lý do cần rà soát: {e(task["review_reason"])}</p>'
              if task["needs_review"] else "")
    status = task["review_status"]
    status = f' <span class="status">{e(review_status_label(status))}</span>' if status else ""
    typed = refused.typed(task["id"], TASK_ACTIONS) if refused else None
    leads, supports = "\n".join(task["lead"]), "\n".join(task["support"])
    if typed is not None:
        leads, supports = typed.get("lead", ""), typed.get("support", "")
    chosen = typed or {"deadline": None, **{f: task[f] for f in ("recurrence", "pillar")}}
    return f"""
<form class="task-form" id="form-{task['id']}" method="post" action="/tasks/{task['id']}">
  <input type="hidden" name="version" value="{e(task['version'])}">
  <h3><a href="#task-{task['id']}">Nhiệm vụ #{task['id']}</a>{status}</h3>
  {refusal(refused, task["id"], TASK_ACTIONS)}
  {reason}
  <label>Chủ trì (mỗi dòng một cơ quan)<textarea name="lead" rows="2">{e(leads)}</textarea></label>
  <label>Phối hợp<textarea name="support" rows="2">{e(supports)}</textarea></label>
  <label>Hạn hoàn thành{date_input("deadline", task["deadline"], chosen.get("deadline"))}</label>
  <label>Định kỳ
    <select name="recurrence">{options(RECURRENCES, chosen.get('recurrence'))}</select></label>
  <label>Trụ cột<select name="pillar">{options(PILLARS, chosen.get('pillar'))}</select></label>
  <button name="action" value="set">Lưu sửa đổi</button>
  <button name="action" value="accept">Đúng, bỏ cờ rà soát</button>
  <button name="action" value="reject" class="danger">Không phải nhiệm vụ</button>
</form>
{status_form(task, refused)}"""


STATUS_FORM_ACTIONS = ("in_progress", "done", "extended", "undo")


def status_form(task: dict, refused: Refused | None = None) -> str:
    """The follow-up of a task and the clerk's status actions (as ``pipeline status``); a
    refused one shows the day, period and note typed."""
    judged = task["follow_up"]
    typed = (refused.typed(task["id"], STATUS_FORM_ACTIONS) if refused else None) or {}
    category = followup.category_label(judged.category)
    period = f" ({e(period_named(judged.period))})" if judged.period else ""
    choices = followup.period_choices(task, judged, PERIOD_CHOICES)
    selected = typed.get("period", judged.period)
    period_field = (f'<label>{e(say("page_period"))}<select name="period">' + "".join(
        f'<option value="{e(key)}"{" selected" if key == selected else ""}>'
        f'{e(followup.period_label(key))}</option>' for key in choices) + "</select></label>"
                    ) if choices else ""
    recorded = [f"{period_named(key)}: {status.describe(state)}" for key, state in
                sorted((task.get("statuses") or {}).items(), reverse=True) if key]
    recorded_line = (f'<p>{e(say("page_recorded", states="; ".join(recorded[:RECORDED_SHOWN])))}'
                     "</p>") if recorded else ""
    return f"""
<form class="status-form" method="post" action="/tasks/{task['id']}">
  <input type="hidden" name="version" value="{e(task['version'])}">
  <p>Tình trạng: <strong>{e(category)}</strong>{period} ·
     {e(status.describe(judged.state or None))}</p>
  {refusal(refused, task["id"], STATUS_FORM_ACTIONS)}
  {recorded_line}
  <label>Ngày hoàn thành / hạn mới{date_input("day", typed=typed.get("day"))}</label>
  {period_field}
  <label>Ghi chú (số báo cáo của cơ quan)<input name="note" value="{e(typed.get("note", ""))}">
  </label>
  <button name="action" value="in_progress">Đang thực hiện</button>
  <button name="action" value="done">Hoàn thành</button>
  <button name="action" value="extended">Gia hạn</button>
  <button name="action" value="undo">Hoàn tác</button>
</form>"""


def period_named(key: str) -> str:
    """"kỳ tháng 10/2022": a recurring task's period as the clerk reads it."""
    return say("page_period_named", period=followup.period_label(key))


def document_page(db, document_id: int, refused: Refused | None = None) -> str:
    """A document with its tasks highlighted and a form beside each; ``refused``: a form sent
    from it that was refused, shown again as typed with why, and named at the top."""
    document = next(db.query("select * from documents where id = ? and status != 'removed'",
                             [document_id]), None)
    if document is None:
        raise HTTPError("404 Not Found", say("no_document", document_id=document_id))
    tasks = sorted(find_tasks(db, Filters(in_file=document_id)), key=lambda t: t["start"])
    for task in tasks:
        task["version"] = actions.task_version(db, task["id"])
    added = ((refused.typed(None, ("add",)) if refused else None) or {}).get("text", "")
    add_form = f"""
<form class="add-form" method="post" action="/documents/{document_id}/tasks">
  <h3>Thêm nhiệm vụ bị bỏ sót</h3>
  {refusal(refused, None, ("add",))}
  <label>Chép nguyên văn câu giao nhiệm vụ<textarea name="text" rows="3">{e(added)}</textarea>
  </label>
  <button>Thêm</button>
</form>"""
    legend = "".join(f'<span class="ent {css}">{e(label)}</span>' for css, label in
                     (("lead", "Chủ trì"), ("support", "Phối hợp"), ("deadline", "Hạn")))
    return layout(document_label(document), f"""
<p><a href="/">← Danh sách văn bản</a></p>{refused_note(refused)}
<h1>{e(document_label(document))}</h1><p class="title">{e(document['title'])}</p>
<p class="legend">{legend} <mark class="task">nhiệm vụ</mark>
  <mark class="task review">cần rà soát</mark></p>
<div class="columns">
  <article class="doc">{highlighted(document['text'] or '', tasks)}</article>
  <aside>{''.join(task_form(t, refused) for t in tasks)}{add_form}</aside>
</div>""")


def refused_note(refused: Refused | None) -> str:
    """The top of a page shown again after a refused form: why, and a link to the form."""
    if refused is None:
        return ""
    anchor = f"#form-{refused.task_id}" if refused.task_id else ".add-form"
    link = f' <a href="{e(anchor)}">{e(say("page_to_form"))}</a>' if refused.task_id else ""
    return refused_line(refused.message, link)


def error_page(message: str, heading: str, back: str = "/") -> str:
    """The page of a refusal or a failure: ``heading`` (nothing saved, or the page not shown),
    the message, and a link back."""
    link = "← Mở lại trang" if back != "/" else "← Danh sách văn bản"
    return layout(say("error_title"), f'<h1>{e(heading)}</h1><p class="error">{e(message)}</p>'
                                      f'<p><a href="{e(back)}">{link}</a></p>')


# -- actions --------------------------------------------------------------------------------------

def lines(value: str) -> list[str]:
    return [line.strip() for line in value.replace(";", "\n").splitlines() if line.strip()]


STATUS_ACTIONS = ("in_progress", "done", "extended")


def post_status(db, task_id: int, form: dict) -> None:
    """A status action of the review page; the day is the completion day or the new deadline,
    the period (a recurring task's) one of those the form offered, by default the one due."""
    action = form.get("action")
    if action == "undo":
        status.undo(db, task_id, via="web")
        return
    day = parse.date(form["day"]) if (form.get("day") or "").strip() else None
    if action == "extended" and day is None:
        raise status.StatusError(followup.message("no_new_deadline"))
    status.change(db, task_id, action, on=day if action == "done" else None,
                  deadline=day if action == "extended" else None, period=form.get("period"),
                  note=form.get("note") or None, via="web")


def post_task(db, task_id: int, form: dict) -> str:
    """Apply one task form, refused if the task changed since the form was shown; returns where
    to go next."""
    task = actions.task_row(db, task_id)
    actions.check_version(db, task_id, form.get("version"))
    action = form.get("action", "set")
    if action in (*STATUS_ACTIONS, "undo"):
        post_status(db, task_id, form)
    elif action == "accept":
        actions.accept(db, task_id, via="web")
    elif action == "reject":
        actions.reject(db, task_id, via="web")
    else:
        submitted = {f: form[f] for f in actions.FIELDS if f in form}  # a box not sent: kept
        submitted.update({f: lines(submitted[f]) for f in actions.AGENCY_FIELDS if f in form})
        changes = actions.changed_fields(db, task_id, submitted)
        if changes:
            actions.set_fields(db, task_id, changes, via="web")
            successors.refresh(db)  # the agencies it wrote get their current names
    return f"/documents/{task['document_id']}#task-{task_id}"


def post_added_task(db, document_id: int, form: dict) -> str:
    task_id, _ = actions.add(db, document_id, form.get("text", ""), via="web")
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


@dataclass
class Download:
    """A file the browser saves rather than shows."""

    data: bytes
    filename: str
    content_type: str = XLSX


def route(db_path: Path, environ) -> tuple[str, str | Download | None, str | None]:
    """(status, html body or download, redirect location) for one request."""
    method, parts = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/").strip("/").split("/")
    query = {k: v[-1] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
    if method == "GET" and parts == [""]:
        return "200 OK", read_only(db_path, index_page), None
    if method == "GET" and parts == ["tasks"]:
        return "200 OK", read_only(db_path, lambda db: task_list.task_page(db, query)), None
    if method == "GET" and parts == ["tasks.xlsx"]:
        return "200 OK", Download(read_only(
            db_path, lambda db: task_list.view_workbook(db, query)), "nhiem-vu.xlsx"), None
    if method == "GET" and len(parts) == 2 and parts[0] == "documents":
        document_id = path_id(parts[1])
        return "200 OK", read_only(db_path, lambda db: document_page(db, document_id)), None
    if method == "POST":
        if not same_origin(environ):
            raise HTTPError("403 Forbidden", say("cross_origin"))
        form = read_form(environ)
        if len(parts) == 2 and parts[0] == "tasks":
            task_id = path_id(parts[1])
            return "303 See Other", None, refused_as_typed(
                db_path, form, task_id,
                lambda: read_write(db_path, lambda db: post_task(db, task_id, form)))
        if len(parts) == 3 and parts[0] == "documents" and parts[2] == "tasks":
            document_id = path_id(parts[1])
            return "303 See Other", None, refused_as_typed(
                db_path, form, None,
                lambda: read_write(db_path, lambda db: post_added_task(db, document_id, form)),
                document_id)
    raise HTTPError("404 Not Found", say("no_page"))


def refused_as_typed(db_path: Path, form: dict, task_id: int | None, post,
                     document_id: int | None = None) -> str:
    """``post()``, a form's action; its refusal (a value the clerk must fix) raised as
    ``Refused`` with the form and its document, for the page to show again as typed. A form
    that is stale, or names a task or a document there is none of, stays a plain error."""
    try:
        return post()
    except actions.StaleTask:
        raise
    except (actions.CorrectionError, ValueError, LookupError) as exc:
        try:
            document_id = document_id or read_only(
                db_path, lambda db: actions.task_row(db, task_id)["document_id"])
        except (actions.CorrectionError, store.StoreError, sqlite3.Error):
            raise exc from None
        raise Refused(str(exc), document_id, task_id, form) from None


def path_id(part: str) -> int:
    try:
        return parse.record_id(part)
    except parse.ParseError:
        raise HTTPError("404 Not Found", say("no_page")) from None


def read_only(db_path: Path, page):
    """``page(db)`` over a read-only connection (a page never changes the database)."""
    db = store.open_readonly(db_path)
    try:
        return page(db)
    finally:
        db.close()


def read_write(db_path: Path, action):
    """``action(db)`` in one write transaction (a form's stale-form check and its correction)."""
    db = store.open_db(db_path, create=False)
    try:
        with store.writing(db):  # a form's checks and its writes in one transaction
            return action(db)
    finally:
        db.close()


def read_form(environ) -> dict[str, str]:
    length = parse.content_length(environ.get("CONTENT_LENGTH"))
    if length > MAX_FORM_BYTES:
        raise HTTPError("413 Content Too Large", f"biểu mẫu {number(length)} byte, quá giới hạn "
                                                 f"{number(MAX_FORM_BYTES)} byte")
    body = environ["wsgi.input"].read(length).decode("utf-8", "replace")
    return {k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()}


def make_app(db_path: Path, host: str = "127.0.0.1"):
    """The WSGI app over the database at ``db_path``, serving the names of ``host`` (the address
    it listens on) besides the loopback ones."""
    names = set(LOOPBACK_HOSTS)
    names |= {socket.gethostname().lower()} if host in WILDCARD_HOSTS else {host.lower()}

    def app(environ, start_response):
        heading = say("page_not_saved" if environ["REQUEST_METHOD"] == "POST" else
                      "page_not_shown")
        try:
            if not known_host(environ, names):
                raise HTTPError("421 Misdirected Request", "máy chủ này không phục vụ tên đó")
            code, body, location = route(db_path, environ)
        except Refused as exc:
            code, location = "400 Bad Request", None
            body = shown_again(db_path, exc, heading)
        except actions.StaleTask as exc:
            code, body, location = "409 Conflict", error_page(str(exc), heading, exc.page), None
        except (actions.CorrectionError, ValueError, LookupError) as exc:
            code, body, location = "400 Bad Request", error_page(str(exc), heading), None
        except HTTPError as exc:
            code, body, location = exc.status, error_page(str(exc), heading), None
        except store.MissingDatabase as exc:  # removed while serving: back once `run` makes it
            code, body, location = "503 Service Unavailable", error_page(str(exc), heading), None
        except store.StoreError as exc:
            code, body, location = "500 Internal Server Error", error_page(str(exc), heading), None
        except sqlite3.Error as exc:
            busy = "locked" in str(exc)
            code = "503 Service Unavailable" if busy else "500 Internal Server Error"
            body, location = error_page(store.explain(exc, db_path), heading), None
        except Exception:  # the catch-all page: the clerk sees a message, the console the cause
            traceback.print_exc(file=sys.stderr)
            code, body = "500 Internal Server Error", error_page(say("page_unexpected"), heading)
            location = None
        headers = list(SECURITY_HEADERS)
        if location:
            headers.append(("Location", location))
            body = ""
        if code.startswith("503"):
            headers.append(("Retry-After", "5"))
        if isinstance(body, Download):
            payload, content_type = body.data, body.content_type
            headers.append(("Content-Disposition", f'attachment; filename="{body.filename}"'))
        else:
            payload, content_type = body.encode("utf-8"), "text/html; charset=utf-8"
        headers += [("Content-Type", content_type), ("Content-Length", str(len(payload)))]
        start_response(code, headers)
        return [payload]
    return app


def shown_again(db_path: Path, refused: Refused, heading: str) -> str:
    """The document page with the refused form as typed; the plain error page if the page
    cannot be shown (the document removed meanwhile)."""
    try:
        return read_only(db_path, lambda db: document_page(db, refused.document_id, refused))
    except (HTTPError, store.StoreError, sqlite3.Error):
        return error_page(refused.message, heading)


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
