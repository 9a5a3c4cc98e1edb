# Set-up and everyday commands. `make demo` and `make test` work on a fresh clone.
VENV := .venv
PY := $(VENV)/bin/python
XEPHANG := $(VENV)/bin/xephang

.PHONY: demo test install preview bench wheel clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	# Compiled once here: where PYTHONDONTWRITEBYTECODE is set, each run would compile it again.
	$(PY) -m compileall -q generator
	touch $@

SAMPLES := input/khanh-hoa-2014.xlsx input/dong-nai-2025.xlsx input/dong-nai-2025-quyet-dinh.xlsx

demo: install
	$(XEPHANG) generate $(SAMPLES) -o output

# Pictures for the README (needs LibreOffice and poppler-utils): the 2014 notice's page 1, the
# 2025 sample's first page of part B (main indices over their components), the decision's page 1, and
# the two pages of its first unit's result sheet.
preview: install
	$(XEPHANG) generate $(SAMPLES) -o output --pdf
	pdftoppm -png -r 80 -f 1 -l 1 -singlefile output/khanh-hoa-2014.pdf docs/trang-1
	pdftoppm -png -r 80 -f 5 -l 5 -singlefile output/dong-nai-2025.pdf docs/dti-2025
	pdftoppm -png -r 80 -f 1 -l 1 -singlefile output/dong-nai-2025-quyet-dinh.pdf docs/quyet-dinh-2025
	pdftoppm -png -r 60 -f 1 -l 1 -singlefile output/dong-nai-2025-quyet-dinh.phieu.pdf docs/phieu-ket-qua-1
	pdftoppm -png -r 60 -f 2 -l 2 -singlefile output/dong-nai-2025-quyet-dinh.phieu.pdf docs/phieu-ket-qua-2

# Wall time and peak memory at 30, 1,000 and 10,000 units against a plain docxtpl loop, and DTI workbooks
# of 170 and 3,321 communes, and the page's warm loop.
bench: install
	$(PY) scripts/bench.py

# Type hints and lint first: quick, and a failure there is cheaper to read than in a test.
test: install
	$(PY) -m mypy generator
	$(PY) -m ruff check generator tests scripts
	$(PY) -m pytest -q

# dist/xephang-<version>-py3-none-any.whl, the template inside, for `py -m pip install` on a Windows PC.
wheel: install
	$(PY) -m pip wheel -q --no-deps --no-build-isolation -w dist .

clean:
	rm -rf output/*.docx output/*.pdf output/*.xlsx output/*.png output/*.zip
