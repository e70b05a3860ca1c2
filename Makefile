# Two commands matter: `make serve` and `make test`. Both build .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

NPM_STAMP := clients/node_modules/.installed
# The lock files: every package, pinned with its hashes (`make lock` refreshes them).
LOCK := requirements/main.txt
DEV_LOCK := requirements/dev.txt
UV_VERSION := 0.13.9
LOCK_FLAGS := --universal --python-version 3.11 --generate-hashes --quiet \
	--custom-compile-command "make lock"

.PHONY: serve test lint typecheck pytest contract clients install install-dev clean fuzz bench \
	bench-scale bench-exports bench-import bench-export-rate lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Exactly the locked packages (pip checks every hash), then the project itself.
$(VENV)/.installed: $(LOCK) pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(DEV_LOCK) pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r $(DEV_LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

serve: install  ## migrate, seed and serve on $(HOST):$(PORT)
	$(BIN)/tradestat db upgrade
	$(BIN)/tradestat seed
	$(BIN)/tradestat serve --host $(HOST) --port $(PORT)

lint: install-dev  ## ruff lint and format check, mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

pytest: install-dev
	@test -x /usr/bin/chromium || echo "Chromium not installed (apt-get install chromium): the browser test is skipped"
	$(BIN)/pytest

# npm installs exactly clients/package-lock.json.
$(NPM_STAMP): clients/package.json clients/package-lock.json
	cd clients && npm ci
	touch $@

# Without npm (a laptop with only Python), the contract checks are skipped and say so;
# CI (CI=true) installs Node.js and always runs them.
HAVE_NPM := $(shell command -v npm >/dev/null 2>&1 && echo yes)

ifeq ($(HAVE_NPM)$(CI),)
contract clients:
	@echo "npm not installed: '$@' skipped (apt-get install nodejs npm to run it)"
else
contract: install-dev $(NPM_STAMP)  ## the OpenAPI document lints clean under Spectral
	$(BIN)/tradestat openapi --output artifacts/openapi.json
	cd clients && npx --no-install spectral lint ../artifacts/openapi.json \
		--ruleset ../.spectral.yaml --fail-severity=warn

clients: install-dev $(NPM_STAMP)  ## generate both clients from a live server, run their samples
	$(BIN)/python -m clients.check
endif

test: lint contract clients pytest  ## everything CI runs (pytest last: its summary closes the log)

fuzz: install-dev  ## the API contract fuzzed at random, every check, with a valid key
	FUZZ_RANDOM=1 FUZZ_CHECKS=all FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-50} \
		$(BIN)/pytest tests/test_fuzz.py -p no:randomly

bench: install-dev  ## HTTP throughput against baselines measured in the same run (needs wrk)
	$(BIN)/python -m bench.http

bench-scale: install-dev  ## 10 million generated rows: load rate, latencies and plans
	$(BIN)/python -m bench.scale --rows $${ROWS:-10000000}

bench-exports: install-dev  ## page latency while 10 full CSV exports stream (bench/results/exports.json)
	$(BIN)/python -m bench.exports

bench-import: install-dev  ## import-csv against psql \copy of the same rows (bench/results/import-csv.md)
	$(BIN)/python -m bench.import_csv $${ROWS:-200000}

bench-export-rate: install-dev  ## rows/s and server memory of full CSV exports (bench/results/export-rate.md)
	$(BIN)/python -m bench.export_rate --rows $${ROWS:-1000000}

# Keeps the pins it can (LOCK_UPGRADE=--upgrade moves every package to its latest release).
lock: | $(BIN)/python  ## refresh requirements/*.txt from pyproject.toml (uv, from PyPI)
	$(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"
	$(BIN)/uv pip compile pyproject.toml --extra dev $(LOCK_FLAGS) $(LOCK_UPGRADE) -o $(DEV_LOCK)
	$(BIN)/uv pip compile pyproject.toml $(LOCK_FLAGS) -c $(DEV_LOCK) -o $(LOCK)

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache clients/node_modules \
		clients/python/generated clients/typescript/generated
