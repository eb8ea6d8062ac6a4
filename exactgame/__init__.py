"""exactgame: exact, certified computational geometry for communication and information design.

Stable names (see design.md):

>>> from exactgame import Polytope, minkowski_sum, solve_lp, load_game
>>> P = Polytope.from_points([(0, 0), (1, 0), (0, 1)])
>>> (P + P).vertices
((Fraction(0, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(2, 1)), (Fraction(2, 1), Fraction(0, 1)))
"""

from .certificates import Certificate, certificate_from_dict
from .errors import CertificateError, ExactgameError, InputError, NotExactError, SolverError, TooLargeError
from .games import Game, Outcome, SenderReceiverGame, load_game, loads_game
from .geometry import Cone, LPResult, Polytope, minkowski_sum, solve_lp
from .geometry.envelope import (
    PiecewiseAffine,
    concave_envelope,
    concave_envelope_at,
    quasiconcave_envelope,
    quasiconcave_envelope_at,
)
from .numbers import fmt, to_fraction

# game-file kinds and certificate kinds defined by the modules load lazily (the tables
# games.files.KIND_MODULES and certificates.KIND_MODULES): importing exactgame imports no solver

__version__ = "0.1.0"

__all__ = [
    "Certificate", "CertificateError", "Cone", "ExactgameError", "Game", "InputError", "LPResult",
    "NotExactError", "Outcome", "PiecewiseAffine", "Polytope", "SenderReceiverGame", "SolverError",
    "TooLargeError", "certificate_from_dict", "concave_envelope", "concave_envelope_at", "fmt",
    "load_game", "loads_game", "minkowski_sum", "quasiconcave_envelope", "quasiconcave_envelope_at",
    "solve_lp", "to_fraction",
]
