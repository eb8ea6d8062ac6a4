"""The geometry layer: exact LP, polytopes, Minkowski sums, cones, envelopes.

Knows nothing about games. Modules above it never import pycddlib or a float
solver themselves.
"""

from .cones import Cone
from .lp import LPResult, solve_lp
from . import lp_highs  # noqa: F401  (registers the fast backend when highspy is installed)
from .minkowski import minkowski_sum
from .polytope import Polytope

__all__ = ["Cone", "LPResult", "Polytope", "minkowski_sum", "solve_lp"]
