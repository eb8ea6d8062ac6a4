"""Informational bargaining (002_b82d6ff4761a0a82.txt): IC information structures, the bargaining
set, beneficial agreements with certificates, and the Nash, Kalai-Smorodinsky, egalitarian and
leximin solutions, each with an exact Pareto-efficiency test."""

from .agreement import AgreementResult, beneficial_agreement, prior_free_tests
from .bargaining_set import BargainingSet, bargaining_set
from .model import BargainingProblem
from .nash_bargaining import AlgebraicNashCertificate, NashDisagreementCertificate, nash_lp
from .solutions import (Solution, egalitarian, ideal_point, ideal_point_ir, kalai_smorodinsky, leximin,
                        leximin_kalai_smorodinsky, nash, pareto_frontier, pareto_test, with_pareto as with_pareto)
from .solve import BargainingSolutions, solve_bargaining

__all__ = ["AgreementResult", "BargainingSolutions", "AlgebraicNashCertificate", "BargainingProblem", "BargainingSet", "NashDisagreementCertificate",
           "Solution", "bargaining_set", "beneficial_agreement", "egalitarian", "ideal_point", "ideal_point_ir", "kalai_smorodinsky", "leximin", "leximin_kalai_smorodinsky",
           "bargain", "nash", "nash_lp", "pareto_frontier", "pareto_test", "prior_free_tests", "solve_bargaining"]


from .report import bargain  # noqa: E402  (the subcommand's entry point, built on solve_bargaining)
