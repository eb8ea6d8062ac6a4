"""Layers point down (design.md): no import, at module level or inside a function, reaches a
higher layer, and the packages of one layer form no cycle. Counted from the source with ast,
so a lazy import inside a function counts as much as one at the top."""

import ast
import pathlib
from collections import defaultdict

ROOT = pathlib.Path(__file__).resolve().parent.parent / "exactgame"

#: rank of each top-level unit of the package; an import may go to a lower or equal rank
LAYERS = {
    0: {"errors", "numbers", "numberfield", "logexp", "intervals", "progress",       # exact arithmetic
        "display", "namespace"},                                                                  # and its display (text, HTML, LaTeX)
    1: {"check"},                                                                    # the independent checker
    2: {"certificates", "geometry"},
    3: {"results"},                                                                  # the result protocol
    4: {"games", "catalogue"},                                                       # models and example games
    5: {"efficiency", "persuasion", "cheaptalk", "dialogue", "bargaining", "acquisition", "peer_selection",
        "cheaptalk_profile", "cheaptalk_payoffs", "cheaptalk_mixed", "cheaptalk_cones", "pareto", "outcome_face", "peer_selection_report", "type_rules"},
    6: {"plots", "recheck", "reproduce", "research", "cli", "__init__", "__main__"},  # interfaces (research beside the CLI)
}
RANK = {unit: rank for rank, units in LAYERS.items() for unit in units}


def _unit(path: pathlib.Path) -> str:
    return path.relative_to(ROOT).with_suffix("").parts[0]


def imports() -> dict[str, set[tuple[str, str]]]:
    """{unit: {(imported unit, 'file:line')}} over every .py file of the package."""
    out: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for f in ROOT.rglob("*.py"):
        parts = list(f.relative_to(ROOT.parent).with_suffix("").parts)
        package = parts[:-1]
        for node in ast.walk(ast.parse(f.read_text())):
            targets = []
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package[: len(package) - (node.level - 1)]
                mod = base + (node.module.split(".") if node.module else [])
                targets = [mod[1]] if len(mod) > 1 else [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "exactgame":
                mod = node.module.split(".")
                targets = [mod[1]] if len(mod) > 1 else [a.name for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name.split(".")[1] for a in node.names if a.name.startswith("exactgame.")]
            for t in targets:
                if t != _unit(f):
                    out[_unit(f)].add((t, f"{f.relative_to(ROOT.parent)}:{node.lineno}"))
    return out


def test_every_unit_has_a_layer():
    units = {_unit(f) for f in ROOT.rglob("*.py")}
    assert units <= set(RANK), f"give these a layer in tests/test_layers.py: {sorted(units - set(RANK))}"


def test_no_upward_imports():
    upward = sorted(f"{where}: {unit} (layer {RANK[unit]}) imports {t} (layer {RANK.get(t)})"
                    for unit, targets in imports().items() for t, where in targets
                    if t in RANK and RANK[t] > RANK[unit])
    assert upward == [], "\n".join(upward)


def test_the_checker_imports_only_exact_arithmetic():
    bad = sorted(f"{where}: {t}" for t, where in imports()["check"] if RANK.get(t) != 0)
    assert bad == [], "\n".join(bad)


def test_no_cycles_within_a_layer():
    edges = {u: {t for t, _ in ts if RANK.get(t) == RANK[u]} for u, ts in imports().items()}

    def reaches(a, b, seen=()):
        return any(n == b or (n not in seen and reaches(n, b, seen + (n,))) for n in edges.get(a, ()))

    cycles = sorted(u for u in edges if reaches(u, u))
    assert cycles == [], f"import cycles through {cycles}"


def test_modules_describe_figures_and_the_interface_draws_them(tmp_path):
    """A module's report only describes its figure (no plotting import); plots.draw writes it."""
    from exactgame.catalogue import load
    from exactgame.efficiency import efficiency_report
    from exactgame.plots import draw

    path = tmp_path / "f.svg"
    r = efficiency_report(load("efficiency_example1"), plot=str(path))
    assert r.figure.name == "plot_efficiency" and r.figure.path == str(path) and not path.exists()
    assert r.document()["plot"] == str(path)
    assert draw(r) == str(path) and path.stat().st_size > 0
    assert draw(efficiency_report(load("efficiency_example1"))) is None
