# Two commands matter: `make serve` and `make test`. Both build .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

NPM_STAMP := clients/node_modules/.installed

.PHONY: serve test lint typecheck pytest contract clients install install-dev clean fuzz bench \
	bench-scale

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
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

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache clients/node_modules \
		clients/python/generated clients/typescript/generated
