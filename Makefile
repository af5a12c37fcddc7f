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
export AGENCY EXACT ROLE OVERDUE STATUS WITHIN AS_OF DUE_BEFORE DUE_AFTER PILLAR DOCUMENT \
       NEEDS_REVIEW TEXT FORMAT
export TASK DONE IN_PROGRESS EXTEND UNDO ON NOTE PERIOD BY FROM TO

.PHONY: run test test-fast lint eval train bench query review status chase report serve browse export system-deps clean

# The clerk's targets print nothing but their result (recipes start with @, the environment's
# set-up writes to stderr), so `make query FORMAT=csv > tasks.csv` writes only the CSV.
$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Cần Python 3.11 trở lên (máy đang có: $$($(PYTHON) --version 2>&1))." >&2; exit 1; }
	@$(PYTHON) -m venv $(VENV) >&2
	@$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.lock >&2
	@$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps -e . >&2
	@touch $@

run: $(STAMP)
	@$(PY) -m pipeline run --inbox "$$INBOX" --db "$$DB"

# The whole suite. As root with apt-get it first installs the Debian packages (system-deps);
# elsewhere, or if that fails, the tests needing a missing program skip and say so.
test: $(STAMP)
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  $(MAKE) --no-print-directory system-deps || echo "system-deps failed: tests needing them skip"; \
	fi
	$(PY) -m pytest -q

# The developer's loop: no end-to-end, crash, OCR, LibreOffice or browser test (markers: pyproject).
test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not slow and not browser"

lint: $(STAMP)
	$(PY) -m ruff check pipeline extractors tests bench scripts
	$(PY) -m mypy extractors pipeline/store

# Every set scored apart (seeds, their copies in the sample inbox, dev, office), the overall and the
# locked split (README "Evaluation"); figures also in output/eval.json.
eval: $(STAMP)
	$(PY) -m pipeline eval --shared "$$SHARED" --json output/eval.json

# The learned components (pillar, task sentence, confidence) from the gold sets, into
# extractors/models/ (README "Evaluation"); a few minutes on CPU.
train: $(STAMP)
	$(PY) scripts/train.py --shared "$$SHARED"

# Throughput, re-run, memory and parallel batch on corpora made from the seeds: README "Benchmark".
bench: $(STAMP)
	$(PY) -m bench --size "$$BENCH_SIZE" --seeds "$$SHARED/corpus/seeds"

# The clerk's targets: README "Clerk walkthrough". Filters for `make query`, all optional:
# AGENCY EXACT=1 ROLE OVERDUE=1 STATUS WITHIN AS_OF DUE_BEFORE DUE_AFTER PILLAR DOCUMENT
# NEEDS_REVIEW=1 TEXT FORMAT.
query: $(STAMP)
	@$(PY) -m pipeline query --db "$$DB" $${AGENCY:+--agency "$$AGENCY"} $${EXACT:+--exact} \
	    $${ROLE:+--role "$$ROLE"} $${OVERDUE:+--overdue} $${STATUS:+--status "$$STATUS"} \
	    $${WITHIN:+--within "$$WITHIN"} $${AS_OF:+--as-of "$$AS_OF"} \
	    $${DUE_BEFORE:+--due-before "$$DUE_BEFORE"} $${DUE_AFTER:+--due-after "$$DUE_AFTER"} \
	    $${PILLAR:+--pillar "$$PILLAR"} $${DOCUMENT:+--document "$$DOCUMENT"} \
	    $${NEEDS_REVIEW:+--needs-review} $${TEXT:+--text "$$TEXT"} \
	    $${FORMAT:+--format "$$FORMAT"}

review: $(STAMP)
	@$(PY) -m pipeline review --db "$$DB" $${DOCUMENT:+--document "$$DOCUMENT"}

# Follow-up: make status TASK="227 228" DONE=1 [ON=2022-09-20] [NOTE="..."], or IN_PROGRESS=1,
# EXTEND=2022-10-31, UNDO=1; PERIOD=2022-09 for a recurring task, BY for who records it.
# TASK is split into ids by the shell (unquoted, globbing off); the values are quoted.
status: $(STAMP)
	@set -f; $(PY) -m pipeline status $$TASK --db "$$DB" $${DONE:+--done} \
	    $${IN_PROGRESS:+--in-progress} $${EXTEND:+--extend "$$EXTEND"} $${UNDO:+--undo} \
	    $${ON:+--on "$$ON"} $${NOTE:+--note "$$NOTE"} $${PERIOD:+--period "$$PERIOD"} \
	    $${BY:+--by "$$BY"}

chase: $(STAMP)
	@$(PY) -m pipeline chase --db "$$DB" --out "$${OUT:-output/chase}" \
	    $${AS_OF:+--as-of "$$AS_OF"} $${WITHIN:+--within "$$WITHIN"} \
	    $${AGENCY:+--agency "$$AGENCY"}

report: $(STAMP)
	@$(PY) -m pipeline report --db "$$DB" --out "$${OUT:-output/report}" \
	    $${FROM:+--from "$$FROM"} $${TO:+--to "$$TO"} $${AS_OF:+--as-of "$$AS_OF"}

serve: $(STAMP)
	@$(PY) -m pipeline serve --db "$$DB" --port "$${PORT:-8002}"

browse: $(STAMP)
	@$(PY) -m pipeline browse --db "$$DB" --port "$${PORT:-8001}"

export: $(STAMP)
	@$(PY) -m pipeline export --db "$$DB" --out "$${OUT:-output}"

# OCR, legacy .doc, PDF rendering and the headless browser come from Debian's packages.
system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

# The environment goes; the databases stay, with the clerk's corrections, each backed up first
# with the environment's own `vntasks backup` (which says where) while it still exists.
clean:
	@for db in output/*.db; do [ -e "$$db" ] || continue; \
	  if [ -x $(PY) ] && $(PY) -m pipeline backup --db "$$db" >&2; then \
	    echo "Giữ lại cơ sở dữ liệu $$db (có sửa đổi của cán bộ) và bản sao lưu vừa ghi ở trên. \
	Muốn xóa thì xóa bằng tay." >&2; \
	  else echo "Giữ lại cơ sở dữ liệu $$db (có sửa đổi của cán bộ); chưa sao lưu được vì chưa có \
	môi trường: muốn xóa thì chép tệp này sang nơi khác trước." >&2; fi; done
	rm -rf $(VENV)
