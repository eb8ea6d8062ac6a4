"""The independent checker's trusted base: what it imports, and its size (quoted in the README)."""

from __future__ import annotations

import ast
import pathlib

import exactgame

PACKAGE = pathlib.Path(exactgame.__file__).parent
STDLIB = {"__future__", "dataclasses", "fractions", "typing", "hashlib", "json", "re", "numbers", "math",
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


def code_lines(path: pathlib.Path) -> int:
    """Lines that hold code: not blank, not only a comment, not inside a docstring.

    Docstrings are documentation (and doctests), not trusted logic: the standard of issue 19
    asks for one on every public definition, so a count of all lines would measure prose.
    """
    text = path.read_text()
    doc: set[int] = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                doc.update(range(first.lineno, (first.end_lineno or first.lineno) + 1))
    return sum(1 for k, line in enumerate(text.splitlines(), 1)
               if k not in doc and line.strip() and not line.strip().startswith("#"))


def test_code_lines_counts_code_only(tmp_path):
    f = tmp_path / "m.py"
    f.write_text('"""Doc\n\nmore."""\n\n# comment\nx = 1  # trailing\n\n\ndef f():\n    """One."""\n    return x\n')
    assert code_lines(f) == 3


def test_trusted_base_is_small_and_the_readme_states_its_size():
    import re

    lines = sum(code_lines(p) for p in trusted_files())
    # 3,000 until the second-wave reach issues (20, 21, 24) added checkers for their results (about
    # 1,400 lines: symmetric instances, public signals, Appendices B-C, peer selection, Pareto
    # vectors, faces, mixed equilibria, payoff sets, adversarial ties, Lemma 1 / Theorem 5, the
    # cell engine's trees); the cap still makes growth a decision, not a drift
    assert lines < 4000, f"the trusted base has grown to {lines} lines of code"
    readme = (PACKAGE.parent / "README.md").read_text()
    stated = re.search(r"trusted base is \*\*([0-9,]+) lines of code\*\*", readme)
    assert stated and int(stated.group(1).replace(",", "")) == lines, \
        f"the README must state the trusted base's size ({lines} lines of code)"
