"""The independent checker's trusted base: what it imports, and its size (quoted in the README)."""

from __future__ import annotations

import ast
import pathlib

import exactgame

PACKAGE = pathlib.Path(exactgame.__file__).parent
STDLIB = {"__future__", "dataclasses", "fractions", "typing", "hashlib", "json", "re", "numbers",
          "flint"}  # python-flint: exact integers (numbers.fmt prints integers past 4,300 digits with it); no solver
#: exactgame modules the checker may import (exact parsing, the error classes it raises, and
#: exact arithmetic in a real number field for algebraic Nash points)
ALLOWED = {"exactgame.numbers", "exactgame.errors", "exactgame.numberfield"}


def _imports(path: pathlib.Path, package: str):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                yield a.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                yield ".".join(base + ([node.module] if node.module else []))
            else:
                yield node.module


def trusted_files() -> list[pathlib.Path]:
    return sorted((PACKAGE / "check").glob("*.py")) + [PACKAGE / "numbers.py", PACKAGE / "errors.py", PACKAGE / "numberfield.py"]


def test_checker_imports_only_numbers_and_the_standard_library():
    for path in sorted((PACKAGE / "check").glob("*.py")):
        for name in _imports(path, "exactgame.check"):
            top = name.split(".")[0]
            assert name.startswith("exactgame.check") or name in ALLOWED or top in STDLIB, f"{path.name} imports {name}"
    for path in (PACKAGE / "numbers.py", PACKAGE / "errors.py", PACKAGE / "numberfield.py"):
        for name in _imports(path, "exactgame"):
            assert name in ALLOWED or name.split(".")[0] in STDLIB, f"{path.name} imports {name}"


def test_trusted_base_is_small_and_the_readme_states_its_size():
    import re

    lines = sum(len(p.read_text().splitlines()) for p in trusted_files())
    assert lines < 3000, f"the trusted base has grown to {lines} lines"
    readme = (PACKAGE.parent / "README.md").read_text()
    stated = re.search(r"trusted base is \*\*([0-9,]+) lines\*\*", readme)
    assert stated and int(stated.group(1).replace(",", "")) == lines, f"the README must state the trusted base's size ({lines} lines)"
