"""The task page (``/tasks``): every task of the database in one list a clerk can narrow and sort,
each linked to its place in the document and to its correction form; ``/tasks.xlsx`` is the same
view as an Excel file.

The view is its query string, so a view can be bookmarked, reloaded or exported as it is:
``agency`` (accents optional, collectives included unless ``exact``), ``overdue``, ``due_within``
(days), ``pillar``, ``text``, ``needs_review``, ``sort`` (a key of ``SORTS``), ``as_of`` (the day
overdue and due-soon count from, today by default) and ``page`` (``PAGE_SIZE`` tasks a page).
An unknown agency shows the suggestions of ``clerk.agencies`` instead of an empty list. No
script: plain forms and links.
"""
from __future__ import annotations

import datetime as dt
import io
from urllib.parse import urlencode

from ... import numbers
from .. import agencies
from ..export import add_styles, cell_values, fill_sheet
from ..labels import PILLARS
from ..messages import column_name, say
from ..parse import date as parse_date
from ..parse import pillar_code
from ..query import Filters, document_label, find_tasks, flat, is_overdue, shown_deadline
from .page import e, layout, options

PAGE_SIZE = 50
DUE_SOON_DAYS = 30
FILTER_KEYS = ("agency", "exact", "overdue", "due_within", "pillar", "text", "needs_review",
               "sort", "as_of")


def by_deadline(tasks: list[dict], latest_first: bool = False) -> list[dict]:
    """Dated tasks by deadline, then the undated ones (in either direction)."""
    dated = sorted((t for t in tasks if t["deadline"]), key=lambda t: t["deadline"],
                   reverse=latest_first)
    return dated + [t for t in tasks if not t["deadline"]]


# sort key of the query string → (how, its label in rules/messages.yml)
SORTS = {
    "deadline": (by_deadline, "sort_deadline"),
    "-deadline": (lambda tasks: by_deadline(tasks, latest_first=True), "sort_deadline_desc"),
    "lead": (lambda tasks: sorted(by_deadline(tasks), key=lambda t: "; ".join(t["lead"])),
             "sort_lead"),
    "document": (lambda tasks: sorted(tasks, key=lambda t: (document_label(t["document"]),
                                                           t["seq"])), "sort_document"),
}

def filters_of(query: dict[str, str], today: dt.date | None = None) -> Filters:
    """The Filters of a query string (values as a clerk typed them). Raises ValueError with a
    Vietnamese message for a value that is not a date, a pillar or a number of days."""
    today = parse_date(query["as_of"]) if query.get("as_of") else today or dt.date.today()
    filters = Filters(agency=query.get("agency") or None, exact=bool(query.get("exact")),
                      overdue=bool(query.get("overdue")), as_of=today,
                      text=query.get("text") or None,
                      needs_review=bool(query.get("needs_review")))
    if query.get("pillar"):
        filters.pillar = pillar_code(query["pillar"])
    if query.get("due_within"):
        days = query["due_within"].strip()
        if not days.isdigit():
            raise ValueError(say("bad_days", value=days))
        filters.due_after = today.isoformat()
        filters.due_before = (today + dt.timedelta(days=int(days))).isoformat()
    return filters


def view(db, query: dict[str, str]) -> tuple[list[dict], Filters]:
    """The view's tasks, sorted, and its filters. Raises ValueError (a value that is not a date,
    a pillar, a number) and LookupError (an unknown agency or document), with messages for the
    clerk."""
    filters = filters_of(query)
    order, _ = SORTS.get(query.get("sort") or "deadline", SORTS["deadline"])
    return order(find_tasks(db, filters)), filters


def task_page(db, query: dict[str, str]) -> str:
    """The page of the view ``query``; what makes the view impossible is said, never an empty
    list."""
    body = [f"<h1>{e(say('page_tasks'))}</h1>", filter_form(db, query)]
    try:
        tasks, filters = view(db, query)
    except (ValueError, LookupError) as exc:
        body.append(f'<p class="error">{e(exc)}</p>')
        body.extend(f'<p><a href="/tasks?{e(urlencode({**_kept(query), "agency": name}))}">'
                    f'{e(name)}</a></p>' for name in getattr(exc, "suggestions", ()))
        return layout(say("page_tasks"), "".join(body))
    page = int(query["page"]) if query.get("page", "").isdigit() else 1
    export = "/tasks.xlsx?" + urlencode(_kept(query))
    body.append(f'<p>{e(say("page_count", count=numbers.number(len(tasks))))} · '
                f'<a href="{e(export)}">{e(say("page_export"))}</a></p>')
    body.append(task_table(tasks[(page - 1) * PAGE_SIZE:page * PAGE_SIZE], filters.as_of))
    body.append(pager(query, page, len(tasks)))
    return layout(say("page_tasks"), "".join(body))


def _kept(query: dict[str, str]) -> dict[str, str]:
    return {k: query[k] for k in FILTER_KEYS if query.get(k)}


def filter_form(db, query: dict[str, str]) -> str:
    """The filters as a GET form; the agency box suggests every agency the tasks name."""
    names = "".join(f'<option value="{e(name)}">' for name in
                    sorted(agencies.database_agencies(db)))
    checked = {key: " checked" if query.get(key) else "" for key in
               ("exact", "overdue", "needs_review")}
    sorts = {key: say(label) for key, (_, label) in SORTS.items()}
    pillar = query.get("pillar")
    pillar = pillar if pillar in PILLARS else None
    return f"""
<form class="filters" method="get" action="/tasks">
  <label>{e(say("page_agency"))}<input name="agency" list="agencies"
    value="{e(query.get("agency"))}"></label><datalist id="agencies">{names}</datalist>
  <label><input type="checkbox" name="exact" value="1"{checked["exact"]}>
    {e(say("page_exact"))}</label>
  <label><input type="checkbox" name="overdue" value="1"{checked["overdue"]}>
    {e(say("page_overdue"))}</label>
  <label>{e(say("page_due_within"))}<input name="due_within" size="4"
    value="{e(query.get("due_within"))}" placeholder="{DUE_SOON_DAYS}"></label>
  <label>{e(column_name("pillar"))}<select name="pillar">{options(PILLARS, pillar)}</select></label>
  <label>{e(say("page_text"))}<input name="text" value="{e(query.get("text"))}"></label>
  <label><input type="checkbox" name="needs_review" value="1"{checked["needs_review"]}>
    {e(column_name("needs_review"))}</label>
  <label>{e(say("page_sort"))}<select name="sort">{
      "".join(f'<option value="{e(k)}"{" selected" if k == query.get("sort") else ""}>'
              f'{e(label)}</option>' for k, label in sorts.items())}</select></label>
  <button>{e(say("page_filter"))}</button>
</form>"""


def task_table(tasks: list[dict], as_of: dt.date | None) -> str:
    """The tasks as a table: the id links to the correction form, the text to its place in the
    document; overdue deadlines in red; a collective the task came through, under its leads."""
    headers = "".join(f"<th>{e(column_name(k))}</th>" for k in
                      ("id", "deadline", "lead", "support", "text", "pillar", "document",
                       "review_status"))
    rows = []
    for task in tasks:
        row, page = flat(task), f'/documents/{task["document_id"]}'
        overdue = ' class="overdue"' if is_overdue(task) else ""
        via = (f'<div class="collective">{e(column_name("collective"))}: {e(row["collective"])}'
               "</div>" if row["collective"] else "")
        rows.append(
            f'<tr><td><a href="{page}#form-{task["id"]}" title="{e(say("page_correct"))}">'
            f'#{task["id"]}</a></td>'
            f'<td{overdue}>{e(shown_deadline(task))}</td>'
            f'<td>{e(row["lead"])}{via}</td><td>{e(row["support"])}</td>'
            f'<td class="text"><a href="{page}#task-{task["id"]}">{e(row["text"])}</a></td>'
            f'<td>{e(row["pillar"])}</td><td>{e(row["document"])}</td>'
            f'<td>{e(row["review_status"])}</td></tr>')
    return (f'<table class="tasks"><thead><tr>{headers}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def pager(query: dict[str, str], page: int, total: int) -> str:
    """Links to every page of the view, the current one unlinked."""
    pages = max(1, -(-total // PAGE_SIZE))
    if pages == 1:
        return ""
    links = [f"<span>{n}</span>" if n == page else
             f'<a href="/tasks?{e(urlencode({**_kept(query), "page": n}))}">{n}</a>'
             for n in range(1, pages + 1)]
    return f'<p class="pages">{e(say("page_pages"))} {"".join(links)}</p>'


def view_workbook(db, query: dict[str, str]) -> bytes:
    """The view as an .xlsx file: every task of it, all pages, on one sheet like tasks.xlsx's.
    Raises ValueError or LookupError for a view that cannot be made."""
    from openpyxl import Workbook

    tasks, filters = view(db, query)
    workbook = Workbook(write_only=True)
    add_styles(workbook)
    fill_sheet(workbook, say("page_tasks"), map(cell_values, tasks))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
