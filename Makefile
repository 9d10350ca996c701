# Two commands for a newcomer: `make demo` (set up, then run the main job offline)
# and `make test` (set up, then lint and run the tests). Both create .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: setup demo test lint clean

setup: $(VENV)/.installed

# torch is pinned to the CPU build first, so nothing later pulls a multi-GB CUDA build.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# The main job on embedded defaults: validate the bundled cases, then draft an opinion for one of
# them with the offline composer (no network, no API key) into out/demo (Markdown, DOCX, PDF, JSON).
demo: setup
	$(BIN)/necessity case validate examples/cases/*.yaml
	$(BIN)/necessity draft examples/cases/wc-lumbar-esi-plaintiff.yaml --out out/demo

# ruff, the layer contracts ([tool.importlinter] in pyproject.toml; README: Architecture), then
# mypy on the service, the pipeline stages, the case model and the criteria engine ([tool.mypy]).
lint: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
