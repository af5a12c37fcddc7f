"""The review page's stylesheet: displaCy's look (rounded marks, small caps labels)."""

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
"""
