# The only set-up a user needs: `make demo` and `make test` (uv installs locked dependencies).
SHELL := /bin/bash
PYTHON ?= python3
UV ?= $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
VENV := .venv
BIN := $(VENV)/bin
export MPM_HOME ?= $(CURDIR)/.mpm-demo
DEMO_HOST ?= 127.0.0.1
DEMO_PORT ?= 8000

.PHONY: install demo test lint bench clean

$(UV):
	@command -v uv >/dev/null 2>&1 || $(PYTHON) -m pip install --user --quiet uv

install: $(UV)
	$(UV) sync --frozen --python 3.11 --compile-bytecode

demo: install
	$(BIN)/mpm demo --workspace default
	@echo
	$(BIN)/mpm tables --workspace default
	@echo
	@echo "The demo data lives in $(MPM_HOME) (warehouse: $(MPM_HOME)/workspaces/default/warehouse.duckdb)."
	@echo "Open http://$(DEMO_HOST):$(DEMO_PORT)/ and sign in with a demo sign-in printed above."
	@echo "The command line works beside it: export MPM_HOME=$(MPM_HOME); $(BIN)/mpm objective status"
	@echo
	$(BIN)/mpm serve --host $(DEMO_HOST) --port $(DEMO_PORT)

test: install
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports
	MPM_TEST_POSTGRES_URL="$${MPM_TEST_POSTGRES_URL:-$$(scripts/postgres-test-server.sh || true)}" \
	MPM_TEST_CHROMIUM="$${MPM_TEST_CHROMIUM:-$$(scripts/ensure-chromium.sh || true)}" \
	  $(BIN)/pytest -q

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports
	$(BIN)/pyright

bench: install
	$(BIN)/python bench/ingest_bench.py --write
	$(BIN)/python bench/kpi_bench.py --write
	$(BIN)/python bench/server_bench.py --write
	$(BIN)/python bench/server_bench.py --pages --write

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
