# The two commands of the README. Each sets up what it needs (once) and runs.
#   make demo   reproduce the published numbers of the bundled catalogue
#   make test   type-check (mypy) and lint (ruff, complexity cap 10) the package, then run the
#               whole test suite (unit, property, published, doctests, the documentation standard)
#   make bench  run the benchmarks (float baselines: HiGHS via scipy; exact anchor: pycddlib)
VENV := .venv

.PHONY: demo test bench setup
setup:
	@sh scripts/bootstrap.sh test

demo: setup
	$(VENV)/bin/exactgame reproduce

test: setup
	$(VENV)/bin/mypy
	$(VENV)/bin/ruff check exactgame
	$(VENV)/bin/python -m pytest

bench: setup
	$(VENV)/bin/python benchmarks/lp_vs_highs.py
	$(VENV)/bin/python benchmarks/lp_vs_highs.py --payments nonnegative --sizes 10,15,20,25 --cdd-max 15
	$(VENV)/bin/python benchmarks/minkowski.py
	$(VENV)/bin/python benchmarks/payoffs_hull.py --skip-cdd
	$(VENV)/bin/python benchmarks/dialogue_spy.py --rounds 20 --budget 60
	$(VENV)/bin/python benchmarks/acquisition_subsidy.py --repeat 3
	$(VENV)/bin/python benchmarks/sweep_throughput.py --n 10000
