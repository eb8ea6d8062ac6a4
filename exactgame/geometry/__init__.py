"""The geometry layer: exact LP, polytopes, Minkowski sums, cones, envelopes.

Knows nothing about games. Modules above it never import pycddlib or a float
solver themselves.
"""

from .lp import LPResult, solve_lp

__all__ = ["LPResult", "solve_lp"]
