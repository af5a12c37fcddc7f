"""output/summary.png: tasks per DTI pillar, per lead agency, and due by month (matplotlib, Agg)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import sqlite_utils

from ..numbers import tick_label
from .labels import PILLARS, pillar_label
from .messages import say
from .query import iter_tasks

TOP_AGENCIES = 15
def counts(tasks: Iterable[dict]) -> dict[str, Counter]:
    """Tasks per pillar label, per lead agency (by today's name) and per deadline month, in one
    pass."""
    pillars, agencies, months = Counter(), Counter(), Counter()
    for task in tasks:
        pillars[pillar_label(task["pillar"]) if task["pillar"] else say("chart_unset")] += 1
        agencies.update({a["current_agency"] for a in task["agencies"] if a["role"] == "lead"})
        if task["deadline"]:
            months[task["deadline"][:7]] += 1
    return {"pillars": pillars, "agencies": agencies, "months": months}


def write_summary(db: sqlite_utils.Database, path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    tally = counts(iter_tasks(db))
    figure, (by_pillar, by_agency, by_month) = plt.subplots(
        3, 1, figsize=(11, 15), gridspec_kw={"height_ratios": [2, 3, 2]})
    pillar_order = [label for label in [*PILLARS.values(), say("chart_unset")]
                   if tally["pillars"][label]]
    by_pillar.barh(pillar_order[::-1], [tally["pillars"][p] for p in pillar_order[::-1]],
                   color="#4a7de0")
    by_pillar.set_title(say("chart_by_pillar"))
    top = tally["agencies"].most_common(TOP_AGENCIES)[::-1]
    by_agency.barh([name for name, _ in top], [n for _, n in top], color="#2a9d8f")
    by_agency.set_title(say("chart_by_agency", top=TOP_AGENCIES))
    months = sorted(tally["months"])
    by_month.bar(months, [tally["months"][m] for m in months], color="#e9a23b")
    by_month.set_title(say("chart_by_month"))
    by_month.tick_params(axis="x", labelrotation=45)
    for axes in (by_pillar, by_agency, by_month):
        counted = axes.yaxis if axes is by_month else axes.xaxis
        counted.set_major_locator(MaxNLocator(integer=True))
        counted.set_major_formatter(tick_label)
        axes.grid(axis="y" if axes is by_month else "x", alpha=.3)
        if not axes.has_data():
            axes.text(.5, .5, say("chart_empty"), ha="center", va="center",
                      transform=axes.transAxes)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path
