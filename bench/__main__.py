"""``python -m bench [--size N]``: build the corpora, measure every configuration, report.

--size is the large text set (10,000 by default); the small text set is a tenth of it, the
.docx and .pdf sets a hundredth, the generic-toolkit sample a two-hundredth.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from . import corpus

ROOT = corpus.ROOT
STAGES = ["read", "normalise", "segment", "extract", "store"]


def main(argv: list[str] | None = None) -> None:
    options = parse(argv)
    scratch = options.scratch.resolve()
    sizes = {"large": options.size, "small": max(10, options.size // 10),
             "office": max(5, options.size // 100), "sample": max(5, options.size // 200)}
    inboxes = build_corpora(scratch, sizes, options.seeds)
    before = machine()
    rows = measure_all(scratch, inboxes, sizes)
    report = {"machine": before, "load_after": os.getloadavg(), "sizes": sizes, "rows": rows,
              "targets": targets(rows)}
    options.out.parent.mkdir(parents=True, exist_ok=True)
    options.out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    table = markdown(report)
    options.out.with_suffix(".md").write_text(table)
    print(table)


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--size", type=int, default=10_000, help="documents in the large text set")
    parser.add_argument("--seeds", type=Path, default=corpus.SEEDS,
                        help="the real documents the corpora are made from")
    parser.add_argument("--scratch", type=Path, default=ROOT / "output" / "bench",
                        help="where corpora and databases are made (never committed)")
    parser.add_argument("--out", type=Path, default=ROOT / "output" / "bench.json")
    return parser.parse_args(argv)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def build_corpora(scratch: Path, sizes: dict, seeds: Path) -> dict[str, Path | None]:
    wanted = {"txt-small": ("txt", sizes["small"]), "txt-large": ("txt", sizes["large"]),
              "docx": ("docx", sizes["office"]), "pdf": ("pdf", sizes["office"])}
    inboxes = {}
    for name, (kind, count) in wanted.items():
        log(f"corpus {kind} × {count}")
        try:
            inboxes[name] = corpus.build(scratch / "corpora", kind, count, seeds)
        except (RuntimeError, subprocess.SubprocessError) as exc:
            log(f"no {kind} set: {exc}")
            inboxes[name] = None
    return inboxes


def measure_all(scratch: Path, inboxes: dict[str, Path | None], sizes: dict) -> list[dict]:
    small, large = inboxes["txt-small"], inboxes["txt-large"]
    plans = [
        ("floor: read + decode", "floor", {"inbox": large}),
        ("generic toolkit (underthesea + dateparser)", "generic_toolkit",
         {"inbox": small, "limit": sizes["sample"]}),
        ("pipeline, 1 worker", "pipeline", {"inbox": small, "workers": 1}),
        ("pipeline, 2 workers", "pipeline", {"inbox": small, "workers": 2}),
        ("pipeline, Dask LocalCluster, 2 workers", "pipeline",
         {"inbox": small, "workers": 2, "engine": "dask"}),
        ("pipeline, 2 workers, large", "pipeline", {"inbox": large, "workers": 2, "db": "large"}),
        ("re-run, unchanged inbox", "pipeline",
         {"inbox": large, "workers": 2, "db": "large", "keep_db": True}),
    ]
    for kind in ("docx", "pdf"):
        if inboxes[kind]:
            plans += [(f"floor: {kind} reader", "floor", {"inbox": inboxes[kind]}),
                      (f"pipeline {kind}, 1 worker", "pipeline",
                       {"inbox": inboxes[kind], "workers": 1})]
    rows = []
    for label, kind, config in plans:
        config = {**config, "inbox": str(config["inbox"])}
        if kind == "pipeline":
            name, keep = config.pop("db", label), config.pop("keep_db", False)
            config["db"] = str(fresh_db(scratch, name, keep))
        log(f"measuring {label} ({Path(config['inbox']).name})")
        row = {"label": label, "corpus": Path(config["inbox"]).name,
               **measure({"kind": kind, **config})}
        if label.startswith("re-run"):
            row["command_seconds"] = timed_command(config)
        rows.append(derive(row))
    return rows


def fresh_db(scratch: Path, name: str, keep: bool) -> Path:
    path = scratch / "db" / (name.replace(" ", "_").replace(",", "") + ".db")
    path.parent.mkdir(parents=True, exist_ok=True)
    if not keep:
        for leftover in path.parent.glob(path.name + "*"):
            leftover.unlink()
    return path


def measure(config: dict) -> dict:
    """The configuration run in its own process, so its peak memory is its own."""
    done = subprocess.run([sys.executable, "-m", "bench.measure", json.dumps(config)],
                          cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"measurement failed: {config}\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def timed_command(config: dict) -> float:
    """Wall time of the whole command a clerk would type, interpreter start-up included."""
    clock = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline", "run", "--inbox", config["inbox"],
                    "--db", config["db"], "--workers", str(config["workers"])],
                   cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - clock


def derive(row: dict) -> dict:
    documents = row["documents"]
    row["docs_per_second"] = documents / row["seconds"] if documents else None
    cores = row.get("workers", 1)
    row["docs_per_second_per_core"] = row["docs_per_second"] / cores if documents else None
    row["docs_per_cpu_second"] = documents / row["cpu_seconds"] if documents else None
    row["ms_per_doc"] = {stage: 1000 * seconds / documents
                         for stage, seconds in row["timings"].items()} if documents else {}
    return row


def targets(rows: list[dict]) -> list[dict]:
    by_label = {row["label"]: row for row in rows}
    one, two = by_label["pipeline, 1 worker"], by_label["pipeline, 2 workers"]
    rerun = by_label["re-run, unchanged inbox"]
    local = [row for row in rows if row["kind"] == "pipeline" and row.get("engine") != "dask"]
    found = [
        ("text documents per second per core, end to end (1 worker)",
         one["docs_per_second_per_core"], ">=", 20),
        (f"re-run on the unchanged {by_label['pipeline, 2 workers, large']['documents']}-document "
         "inbox, whole command (s)", rerun["command_seconds"], "<", 2),
        ("peak memory of a batch, all processes, PSS (MB)",
         max(row["peak_mb"]["total_pss"] for row in local), "<", 500),
        ("2 workers ÷ 1 worker throughput", two["docs_per_second"] / one["docs_per_second"],
         ">=", 1.7),
    ]
    pdf = by_label.get("pipeline pdf, 1 worker")
    if pdf:
        total = sum(pdf["timings"].values())
        found.append(("PDF: share of time after pdfplumber's reading",
                      (total - pdf["timings"]["read"]) / total, "<=", 0.25))
    compare = {">=": float.__ge__, "<": float.__lt__, "<=": float.__le__}
    return [{"target": name, "value": value, "goal": f"{op} {goal}",
             "met": compare[op](float(value), float(goal))} for name, value, op, goal in found]


def machine() -> dict:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines()
                  if line.startswith("model name")), platform.processor())
    memory_kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                         if line.startswith("MemTotal")))
    return {"nproc": len(os.sched_getaffinity(0)), "cpu": model, "load_average": os.getloadavg(),
            "ram_gib": round(memory_kb / 2**20, 1), "python": platform.python_version(),
            "date": dt.datetime.now().isoformat(timespec="seconds"),
            "commit": git("rev-parse", "--short", "HEAD"),
            "extractors_commit": git("log", "-1", "--format=%h %s", "--", "extractors")}


def git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
    return done.stdout.strip()


def markdown(report: dict) -> str:
    rows, m = report["rows"], report["machine"]
    floors = {row["corpus"].split("-")[0]: row for row in rows if row["kind"] == "floor"}
    toolkit = next(row for row in rows if row["kind"] == "generic_toolkit")
    stages = STAGES[:-1] + sorted({s for r in rows if r["kind"] == "pipeline"
                                   for s in r["ms_per_doc"]} - set(STAGES)) + ["store"]
    lines = [f"Measured {m['date']} on {m['nproc']} × {m['cpu']}, {m['ram_gib']} GiB, Python "
             f"{m['python']}, commit {m['commit']} (extractors: {m['extractors_commit']}); load "
             f"average {m['load_average'][0]:.1f} before, {report['load_after'][0]:.1f} after.", "",
             "| configuration | docs | docs/s | docs/s/core | docs/CPU-s | "
             + " | ".join(f"ms/doc {s}" for s in stages)
             + " | peak MB (PSS) | floor ÷ this | this ÷ toolkit |",
             "|---|" + "---:|" * (len(stages) + 7)]
    for row in rows:
        if row["kind"] != "pipeline":
            continue
        floor = floors.get(row["corpus"].split("-")[0])
        rate = row["docs_per_second_per_core"]
        label = row["label"] + (f" (command {row['command_seconds']:.2f} s)"
                                if "command_seconds" in row else "")
        lines.append("| " + " | ".join([
            f"{label} [{row['corpus']}]", _documents(row), _num(row["docs_per_second"]),
            _num(rate), _num(row["docs_per_cpu_second"]),
            *(_num(row["ms_per_doc"].get(s)) for s in stages),
            _num(row["peak_mb"]["total_pss"]),
            _num(floor["docs_per_second"] / rate) if floor and rate else "–",
            _num(rate / toolkit["docs_per_second"]) if rate and row["corpus"].startswith("txt")
            else "–"]) + " |")
    lines += ["", "| reference | docs | docs/s | ms/doc by stage | peak MB (PSS) |",
              "|---|---:|---:|---|---:|"]
    for row in rows:
        if row["kind"] != "pipeline":
            lines.append(f"| {row['label']} [{row['corpus']}] | {row['documents']} | "
                         f"{_num(row['docs_per_second'])} | " + ", ".join(
                             f"{s} {_num(v)}" for s, v in row["ms_per_doc"].items())
                         + f" | {_num(row['peak_mb']['total_pss'])} |")
    lines += ["", "| target | measured | goal | met |", "|---|---:|---|---|"]
    lines += [f"| {t['target']} | {_num(t['value'])} | {t['goal']} | "
              f"{'yes' if t['met'] else 'NO'} |" for t in report["targets"]]
    return "\n".join(lines) + "\n"


def _documents(row: dict) -> str:
    return f"{row['documents']} (+{row['skipped']:,} skipped)" if row["skipped"] else str(
        row["documents"])


def _num(value) -> str:
    if value is None:
        return "–"
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


if __name__ == "__main__":
    main()
