"""Informational bargaining (002_b82d6ff4761a0a82.txt): IC information structures, the bargaining
set, beneficial agreements with certificates, and the Nash, Kalai-Smorodinsky and egalitarian
solutions."""

from .agreement import AgreementResult, beneficial_agreement, prior_free_tests
from .bargaining_set import BargainingSet, bargaining_set
from .model import BargainingProblem
from .solutions import Solution, egalitarian, ideal_point, kalai_smorodinsky, nash, pareto_frontier

__all__ = ["AgreementResult", "BargainingProblem", "BargainingSet", "Solution", "bargaining_set",
           "beneficial_agreement", "egalitarian", "ideal_point", "kalai_smorodinsky", "nash", "pareto_frontier",
           "prior_free_tests", "solve_bargaining"]


def solve_bargaining(prob: BargainingProblem, weights=None) -> dict:
    """Everything the `bargain` subcommand reports, as Python objects."""
    d = prob.disagreement()
    B = bargaining_set(prob)
    eta, eta_lps = ideal_point(prob)
    return {
        "d": d,
        "set": B,
        "agreement": beneficial_agreement(prob),
        "ideal": eta,
        "ideal_lps": eta_lps,
        "egalitarian": egalitarian(prob, d),
        "kalai_smorodinsky": kalai_smorodinsky(prob, d, eta),
        "nash": nash(prob, B, d, weights),
    }
