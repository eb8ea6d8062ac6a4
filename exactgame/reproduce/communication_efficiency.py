"""Catalogue entries of 000_2cf035f6c25283ea.txt (Arieli, Babichenko, Jain, Smorodinsky 2025).

Example 1 (Section 2): the payoff table and Figure 1's feasible payoff sets.
"""

from __future__ import annotations

from importlib import resources

from ..games import load_game
from ..geometry.hullcert import hull_certificate
from ..numbers import fmt
from .registry import entry

SOURCE = "000_2cf035f6c25283ea.txt"


def example1():
    """The game of Example 1 (bundled as ``efficiency_example1.toml``)."""
    with resources.as_file(resources.files(__package__) / "data" / "efficiency_example1.toml") as path:
        return load_game(path).as_game()


def points_text(points) -> str:
    """``(x, y), (x, y)`` with exact numbers, in the given order."""
    return ", ".join("(" + ", ".join(fmt(c) for c in v) + ")" for v in points)


def _vertices(state: str):
    g = example1()
    F = g.feasible_set(state)
    return points_text(F.vertices), [hull_certificate(F, [g.payoff_points(state)])]


@entry(SOURCE, "Example 1 / Figure 1: vertices of F_w0 (red region)", "(0, 32/5), (1, 0), (2, 9), (10, 8)")
def f_w0_vertices():
    return _vertices("w0")


@entry(SOURCE, "Example 1 / Figure 1: vertices of F_w1 (blue region), all five payoff vectors",
       "(0, 32/5), (1, 9), (2, 0), (3, 8), (10, 4)")
def f_w1_vertices():
    return _vertices("w1")


@entry(SOURCE, "Example 1 / Figure 1: the payoff (3, 4) of a3 in state w0 is interior to F_w0", "interior")
def a3_interior():
    g = example1()
    F = g.feasible_set("w0")
    cert = hull_certificate(F, [g.payoff_points("w0")])
    # the certificate proves F_w0 = {a . x <= b}; (3, 4) satisfies every facet strictly
    inside = all(sum(ai * xi for ai, xi in zip(a, (3, 4))) < b for a, b in cert.facets)
    return ("interior" if inside else "not interior"), [cert]
