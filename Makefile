# Every target creates the environment on first use; see README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
INBOX ?= corpus/inbox
DB ?= output/tasks.db
SHARED ?= ../shared
BENCH_SIZE ?= 10000
SYSTEM_PACKAGES := tesseract-ocr tesseract-ocr-vie antiword libreoffice-writer-nogui chromium poppler-utils qpdf
# What the user types reaches the commands through the environment, quoted by the shell ("$$TEXT"),
# never pasted into the command line: a value with quotes, backticks, `;` or `|` is passed as typed.
# (Make itself still reads `$` in a value: write `$$` for a dollar sign.)
export INBOX DB SHARED BENCH_SIZE PORT OUT
export AGENCY ROLE OVERDUE AS_OF DUE_BEFORE DUE_AFTER PILLAR DOCUMENT NEEDS_REVIEW TEXT FORMAT

.PHONY: run test eval bench query review serve browse export system-deps clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

run: $(STAMP)
	$(PY) -m pipeline run --inbox "$$INBOX" --db "$$DB"

test: $(STAMP)
	$(PY) -m pytest -q

# Seeds, their .docx/.pdf versions in the sample inbox, and the dev set; figures also in output/eval.json.
eval: $(STAMP)
	$(PY) -m pipeline eval --json output/eval.json \
	    --gold "$$SHARED/corpus/gold" --docs "$$SHARED/corpus/seeds" \
	    --gold "$$SHARED/corpus/gold" --docs corpus/inbox \
	    --gold "$$SHARED/corpus/dev/gold" --docs "$$SHARED/corpus/dev/docs"

# Throughput, re-run, memory and parallel batch on corpora made from the seeds: README "Benchmark".
bench: $(STAMP)
	$(PY) -m bench --size "$$BENCH_SIZE" --seeds "$$SHARED/corpus/seeds"

# The clerk's targets: README "Clerk walkthrough". Filters for `make query`, all optional:
# AGENCY ROLE OVERDUE=1 AS_OF DUE_BEFORE DUE_AFTER PILLAR DOCUMENT NEEDS_REVIEW=1 TEXT FORMAT.
query: $(STAMP)
	$(PY) -m pipeline query --db "$$DB" $${AGENCY:+--agency "$$AGENCY"} \
	    $${ROLE:+--role "$$ROLE"} $${OVERDUE:+--overdue} $${AS_OF:+--as-of "$$AS_OF"} \
	    $${DUE_BEFORE:+--due-before "$$DUE_BEFORE"} $${DUE_AFTER:+--due-after "$$DUE_AFTER"} \
	    $${PILLAR:+--pillar "$$PILLAR"} $${DOCUMENT:+--document "$$DOCUMENT"} \
	    $${NEEDS_REVIEW:+--needs-review} $${TEXT:+--text "$$TEXT"} \
	    $${FORMAT:+--format "$$FORMAT"}

review: $(STAMP)
	$(PY) -m pipeline review --db "$$DB"

serve: $(STAMP)
	$(PY) -m pipeline serve --db "$$DB" --port "$${PORT:-8002}"

browse: $(STAMP)
	$(PY) -m pipeline browse --db "$$DB" --port "$${PORT:-8001}"

export: $(STAMP)
	$(PY) -m pipeline export --db "$$DB" --out "$${OUT:-output}"

# OCR, legacy .doc, PDF rendering and the headless browser come from Debian's packages.
system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

clean:
	rm -rf $(VENV) output/*.db output/*.db-* output/*.lock
