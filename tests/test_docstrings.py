"""The documentation standard of the package (issue 19), checked file by file.

Every public definition has a docstring. A public function or method that takes arguments
has a numpy ``Parameters`` section, and one that returns a value a ``Returns`` (or
``Yields``) section. Every public module-level function and class shows a doctest
(``>>>``), which ``pytest --doctest-modules`` runs. Exempt: catalogue entries (functions
decorated with ``@entry``, described by the entry's text and run by ``exactgame
reproduce``), and the command-line shells in ``exactgame/cli/`` need docstrings but no
doctest (the CLI tests run them).

The test is parametrized by file, so ``pytest tests/test_docstrings.py -k geometry`` checks
one part of the package.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "exactgame"
FILES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__main__.py")


def _is_entry(node: ast.AST) -> bool:
    return any("entry" in ast.unparse(d) for d in getattr(node, "decorator_list", ()))


def _is_property(node: ast.AST) -> bool:
    return any(ast.unparse(d).endswith(("property", ".setter", "cached_property"))
               for d in getattr(node, "decorator_list", ()))


def _arguments(node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    a = node.args
    names = [x.arg for x in (*a.posonlyargs, *a.args, *a.kwonlyargs)]
    if a.vararg:
        names.append(a.vararg.arg)
    if a.kwarg:
        names.append(a.kwarg.arg)
    return [n for n in names if n not in ("self", "cls")]


def _returns_value(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    if node.returns is not None and ast.unparse(node.returns) in ("None", "NoReturn", "Never"):
        return False
    for sub in ast.walk(node):
        if sub is not node and isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        if isinstance(sub, ast.Return) and sub.value is not None and not (
                isinstance(sub.value, ast.Constant) and sub.value.value is None):
            return True
        if isinstance(sub, (ast.Yield, ast.YieldFrom)):
            return True
    return False


def _problems(path: Path, root: Path = PACKAGE) -> list[str]:
    tree = ast.parse(path.read_text())
    rel = path.relative_to(root.parent)
    shell = "cli" in path.relative_to(root).parts
    out: list[str] = []
    if not ast.get_docstring(tree):
        out.append(f"{rel}: module docstring")

    def function(node, where: str, method: bool) -> None:
        doc = ast.get_docstring(node) or ""
        if not doc:
            out.append(f"{where}: no docstring")
            return
        if _is_property(node):
            return
        if _arguments(node) and "Parameters\n" not in doc:
            out.append(f"{where}: no numpy 'Parameters' section")
        if _returns_value(node) and "Returns\n" not in doc and "Yields\n" not in doc:
            out.append(f"{where}: no numpy 'Returns' section")
        if not method and not shell and ">>>" not in doc:
            out.append(f"{where}: no doctest")

    for node in tree.body:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        if node.name.startswith("_") or _is_entry(node):
            continue
        where = f"{rel}:{node.lineno} {node.name}"
        if isinstance(node, ast.ClassDef):
            doc = ast.get_docstring(node) or ""
            if not doc:
                out.append(f"{where}: no docstring")
            elif not shell and ">>>" not in doc:
                out.append(f"{where}: no doctest")
            for sub in node.body:
                if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)) and not sub.name.startswith("_"):
                    function(sub, f"{rel}:{sub.lineno} {node.name}.{sub.name}", True)
        else:
            function(node, where, False)
    return out


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(PACKAGE)) for p in FILES])
def test_numpy_docstrings(path: Path) -> None:
    problems = _problems(path)
    assert not problems, "\n".join(problems)


def test_the_checker_sees_a_missing_section(tmp_path: Path) -> None:
    """The rules can fail: a function without sections or doctest is reported."""
    f = tmp_path / "m.py"
    f.write_text('"""m."""\n\ndef f(x):\n    """Doc."""\n    return x\n')
    problems = _problems(f, tmp_path)
    assert any("Parameters" in p for p in problems)
    assert any("Returns" in p for p in problems)
    assert any("doctest" in p for p in problems)
    f.write_text('"""m."""\n\ndef f(x):\n    """Doc.\n\n    Parameters\n    ----------\n    x : int\n\n'
                 '    Returns\n    -------\n    int\n\n    >>> f(1)\n    1\n    """\n    return x\n')
    assert _problems(f, tmp_path) == []
