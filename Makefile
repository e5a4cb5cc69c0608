# Developer shortcuts. The README's two commands do not need make.
PY ?= .venv/bin/python
BABEL = .venv/bin/pybabel

.PHONY: help catalogs check schema
help:  ## list targets
	@grep -E '^[a-z]+:.*##' Makefile | sed 's/:.*##/ -/'

catalogs:  ## extract UI strings into locales/messages.pot and merge them into every catalog
	$(BABEL) extract -F pyproject.toml -k gettext -k ngettext:1,2 -k N_ --no-location --omit-header \
		--sort-output -o locales/messages.pot .
	$(BABEL) update -i locales/messages.pot -d locales -D messages --no-fuzzy-matching \
		--ignore-obsolete

schema:  ## regenerate the JSON Schemas editors use for content files
	$(PY) -m bot schema --out schema

check:  ## lint, type-check, validate content, test
	.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy bot \
		&& $(PY) -m bot validate && $(PY) -m pytest -q -n auto
