"""exactgame: exact, certified computational geometry for communication and information design.

Documentation that ships with the package: the Python guide ``exactgame/docs/guide.md``
(``exactgame.guide()`` prints its path; every code block in it runs as a doctest in the test
suite), and the docstrings (``help(exactgame.persuade)``, ``help(exactgame.display)``). The seed
papers are cited by author, year and title (:mod:`exactgame.display.citations`).

Stable names (see design.md):

>>> from exactgame import Polytope, minkowski_sum, solve_lp, load_game
>>> P = Polytope.from_points([(0, 0), (1, 0), (0, 1)])
>>> (P + P).vertices
((Fraction(0, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(2, 1)), (Fraction(2, 1), Fraction(0, 1)))

The solvers are imported on first use (``import exactgame`` imports no solver):

>>> import exactgame
>>> g = exactgame.SenderReceiverGame(["innocent", "guilty"], ["acquit", "convict"], ["7/10", "3/10"],
...     sender={"innocent": [0, 1], "guilty": [0, 1]}, receiver={"innocent": [1, 0], "guilty": [0, 1]})
>>> exactgame.persuade(g)
exactgame persuade: value = 3/5 (certified); prior = (7/10, 3/10) (certified); payments = none; outcome per innocent, guilty (certified); .document() has everything
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
from .namespace import lazy_getattr
from .numbers import fmt, to_fraction

# game-file kinds and certificate kinds defined by the modules load lazily (the tables
# games.files.KIND_MODULES and certificates.KIND_MODULES): importing exactgame imports no solver

__version__ = "0.1.0"

#: The main solvers and models, imported on first access (``exactgame.persuade``). The three whose
#: name is also their module's (efficiency, dialogue, acquisition) are that module, callable as
#: its main function (:func:`exactgame.namespace.callable_module`).
LAZY = {
    # Bayesian persuasion, with payments, many receivers (Report-level: persuasion_report)
    "persuade": "exactgame.persuasion:persuade",
    "persuade_with_payments": "exactgame.persuasion.payments:persuade_with_payments",
    "persuasion_report": "exactgame.persuasion.report:persuasion_report",
    "value_function": "exactgame.persuasion:value_function",
    "MultiReceiverGame": "exactgame.persuasion.multireceiver:MultiReceiverGame",
    "solve_binary": "exactgame.persuasion.multireceiver:solve_binary",
    # feasible payoffs and efficiency
    "feasible_payoffs": "exactgame.games.feasible:feasible_payoffs",
    "efficiency": "exactgame.efficiency",
    "efficiency_report": "exactgame.efficiency:efficiency_report",
    # cheap talk
    "best_equilibrium": "exactgame.cheaptalk:best_equilibrium",
    "pure_equilibria": "exactgame.cheaptalk:pure_equilibria",
    "check_equilibrium": "exactgame.cheaptalk:check_equilibrium",
    "cheap_talk_report": "exactgame.cheaptalk:cheap_talk_report",
    # informational bargaining
    "BargainingProblem": "exactgame.bargaining:BargainingProblem",
    "solve_bargaining": "exactgame.bargaining:solve_bargaining",
    "bargain": "exactgame.bargaining:bargain",
    # dialogue (interactive verifiable communication)
    "DialogueGame": "exactgame.dialogue:DialogueGame",
    "bilateral_trade": "exactgame.dialogue:bilateral_trade",
    "spy_game": "exactgame.dialogue:spy_game",
    "alternate": "exactgame.dialogue:alternate",
    "dialogue": "exactgame.dialogue",
    # costly information acquisition
    "AcquisitionGame": "exactgame.acquisition:AcquisitionGame",
    "check_implementability": "exactgame.acquisition:check_implementability",
    "minimize_subsidy": "exactgame.acquisition.subsidy:minimize_subsidy",
    "acquisition": "exactgame.acquisition",
    # results, display, figures, the catalogue
    "Report": "exactgame.results:Report",
    "display": "exactgame.display",
    "plots": "exactgame.plots",
    "catalogue": "exactgame.catalogue",
    "reproduce": "exactgame.reproduce",
}

__getattr__ = lazy_getattr(__name__, LAZY)


def guide() -> str:
    """The path of the Python guide that ships with the package (``exactgame/docs/guide.md``).

    Returns
    -------
    str
        an absolute path.

    >>> guide().endswith("guide.md")
    True
    """
    import os

    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "docs", "guide.md")


__all__ = [
    "Certificate", "CertificateError", "Cone", "ExactgameError", "Game", "InputError", "LPResult",
    "NotExactError", "Outcome", "PiecewiseAffine", "Polytope", "SenderReceiverGame", "SolverError",
    "TooLargeError", "certificate_from_dict", "concave_envelope", "concave_envelope_at", "fmt", "guide",
    "load_game", "loads_game", "minkowski_sum", "quasiconcave_envelope", "quasiconcave_envelope_at",
    "solve_lp", "to_fraction", *LAZY,
]


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(LAZY))
