"""Informational bargaining (002_b82d6ff4761a0a82.txt): IC information structures, the bargaining
set, beneficial agreements with certificates, and the Nash, Kalai-Smorodinsky, egalitarian and
leximin solutions, each with an exact Pareto-efficiency test."""

from dataclasses import replace

from .agreement import AgreementResult, beneficial_agreement, prior_free_tests
from .bargaining_set import BargainingSet, bargaining_set
from .model import BargainingProblem
from .nash_bargaining import AlgebraicNashCertificate, NashDisagreementCertificate, nash_lp
from .solutions import (Solution, egalitarian, ideal_point, ideal_point_ir, kalai_smorodinsky, leximin,
                        leximin_kalai_smorodinsky, nash, pareto_frontier, pareto_test, with_pareto)

__all__ = ["AgreementResult", "AlgebraicNashCertificate", "BargainingProblem", "BargainingSet", "NashDisagreementCertificate",
           "Solution", "bargaining_set", "beneficial_agreement", "egalitarian", "ideal_point", "ideal_point_ir", "kalai_smorodinsky", "leximin", "leximin_kalai_smorodinsky",
           "bargain", "nash", "nash_lp", "pareto_frontier", "pareto_test", "prior_free_tests", "solve_bargaining"]


def _flag_d(sol: Solution, d, agreement: AgreementResult) -> Solution:
    """Say so when a solution is d although a beneficial agreement exists."""
    if agreement.beneficial and sol.payoff is not None and tuple(sol.payoff) == tuple(d):
        extra = "equals d although a beneficial agreement exists (t* = 0: some agent cannot gain along this ray)"
        return replace(sol, note=f"{sol.note}; {extra}" if sol.note else extra)
    return sol


def solve_bargaining(prob: BargainingProblem, weights=None, build_set: bool = True) -> dict:
    """Everything the `bargain` subcommand reports, as Python objects.

    Keys: d, set, agreement, ideal, ideal_lps, egalitarian, kalai_smorodinsky, nash (Solutions carry
    ``pareto``, the exact efficiency test), and the refinements leximin, leximin_kalai_smorodinsky,
    ideal_ir (the ideal point over the individually rational part of B) and kalai_smorodinsky_ir.

    ``build_set=False`` skips the bargaining set (``set`` is None): every solution is an LP over the
    IC polytope, and the Nash point grows only the face of B that holds it."""
    d = prob.disagreement()
    B = bargaining_set(prob) if build_set else None
    eta, eta_lps = ideal_point(prob)
    agreement = beneficial_agreement(prob)
    eta_ir, _ = ideal_point_ir(prob, d)
    return {
        "d": d,
        "set": B,
        "agreement": agreement,
        "ideal": eta,
        "ideal_lps": eta_lps,
        "egalitarian": _flag_d(with_pareto(egalitarian(prob, d), prob), d, agreement),
        "kalai_smorodinsky": _flag_d(with_pareto(kalai_smorodinsky(prob, d, eta), prob), d, agreement),
        "nash": nash(prob, B, d, weights),
        "leximin": leximin(prob, d),
        "leximin_kalai_smorodinsky": leximin_kalai_smorodinsky(prob, d, eta),
        "ideal_ir": eta_ir,
        "kalai_smorodinsky_ir": _flag_d(with_pareto(kalai_smorodinsky(prob, d, eta_ir, "kalai_smorodinsky_ir"), prob), d, agreement),
    }


from .report import bargain  # noqa: E402  (the subcommand's entry point, built on solve_bargaining)
