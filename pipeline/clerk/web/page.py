"""What every page of the review site shares: escaping, the layout with its navigation, select
options, and the stylesheet (displaCy's look: rounded marks, small caps labels)."""
from __future__ import annotations

import html

from ..messages import say, vietnamese_date


def e(value) -> str:
    """``value`` as HTML text: every character escaped (document text is untrusted)."""
    return html.escape("" if value is None else str(value), quote=True)


def layout(title: str, body: str) -> str:
    """A whole page: ``body`` under the site's navigation (tasks, documents)."""
    nav = (f'<nav><a href="/tasks">{e(say("page_tasks"))}</a> · '
           f'<a href="/">{e(say("page_documents"))}</a></nav>')
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{e(title)}</title>'
            f"<style>{STYLE}</style></head><body>{nav}{body}</body></html>")


def date_input(name: str, value: str | None = None, typed: str | None = None) -> str:
    """A date box the clerk types as dd/mm/yyyy, never the browser's ``type="date"`` (shown
    mm/dd/yyyy in some locales, so "05/10/2026" meant for 5 October was sent as 10 May): the
    server reads it with ``parse.date``, as the command line does; ``value`` is ISO, ``typed``
    what the clerk typed in a form that was refused, shown as it was."""
    shown = typed if typed is not None else vietnamese_date(value)
    return (f'<input name="{e(name)}" value="{e(shown)}" inputmode="numeric" '
            f'placeholder="{e(say("page_date_placeholder"))}">')


def options(choices: dict, selected: str | None) -> str:
    """``<option>``s of a select, code → label, a blank first."""
    blank = '<option value="">—</option>'
    return blank + "".join(
        f'<option value="{e(code)}"{" selected" if code == selected else ""}>{e(label)}</option>'
        for code, label in choices.items())


STYLE = """
body { font-family: -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; margin: 1.5em;
       color: #222; }
h1 { font-size: 1.4em; margin-bottom: .2em; } .title { color: #555; margin-top: 0; }
table { border-collapse: collapse; } td, th { border-bottom: 1px solid #ddd; padding: .3em .6em;
       text-align: left; vertical-align: top; }
.columns { display: flex; gap: 1.5em; align-items: flex-start; }
.doc { flex: 3; white-space: pre-wrap; line-height: 2.4; font-size: 15px; }
aside { flex: 2; position: sticky; top: 0; max-height: 96vh; overflow-y: auto; }
mark.task { background: #f3f6fc; border: 1px solid #9ab3e6; border-radius: .35em;
            padding: .1em .2em; color: inherit; }
mark.task.review { background: #fff6e0; border-color: #f0b040; }
mark.task:target { outline: 3px solid #4a7de0; }
.tag { font-size: .7em; font-weight: bold; text-transform: uppercase; margin-left: .4em;
       color: #345; text-decoration: none; }
.ent { padding: .25em .4em; margin: 0 .1em; line-height: 1; border-radius: .35em; }
.ent.lead { background: #7aecec; } .ent.support { background: #bfeeb7; }
.ent.deadline { background: #feca74; }
.ent .label { font-size: .65em; font-weight: bold; text-transform: uppercase;
              vertical-align: middle; margin-left: .4em; }
.legend .ent { font-size: .85em; }
form { border: 1px solid #ddd; border-radius: .4em; padding: .6em .8em; margin-bottom: .8em; }
form:target { border-color: #4a7de0; }
form h3 { font-size: 1em; margin: 0 0 .4em; } .status { color: #2a7; font-weight: normal; }
.status-form { border-style: dashed; } .status-form p { margin: 0 0 .3em; }
label { display: block; font-size: .85em; margin: .3em 0; }
textarea, input, select { display: block; width: 100%; box-sizing: border-box; font: inherit; }
button { margin: .4em .3em 0 0; } .danger { color: #b00; }
.reason { color: #a60; font-size: .85em; margin: 0; } .error { color: #b00; }
nav { margin-bottom: 1em; font-size: .9em; }
.filters { display: flex; flex-wrap: wrap; gap: .4em 1em; align-items: flex-end; }
.filters label { margin: 0; } .filters input[type=checkbox] { display: inline; width: auto; }
.tasks td.text { max-width: 40em; } .overdue { color: #b00; font-weight: bold; }
.collective { color: #666; font-size: .85em; } .pages a, .pages span { margin-right: .6em; }
"""
