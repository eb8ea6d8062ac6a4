r"""Every solution of an informational bargaining problem at once, as one result object.

:func:`solve_bargaining` computes what the ``bargain`` subcommand reports
(002_b82d6ff4761a0a82.txt): the disagreement payoff d, the bargaining set B (optional), the
beneficial-agreement test, the ideal point, the egalitarian, Kalai-Smorodinsky and (weighted)
Nash solutions and the refinements. The answer is a frozen :class:`BargainingSolutions`,
which follows the result protocol (``verify()``, ``to_dict()``, ``document()``, ``claims()``)
and still reads as the mapping it used to be (``res["nash"]``).

>>> from exactgame.bargaining.examples import election
>>> res = solve_bargaining(election(), build_set=False)
>>> res["nash"].payoff == res.nash.payoff, res.verify()
(True, True)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any, Iterator, Sequence

from ..display.mixin import Displayable
from ..errors import InputError
from ..numbers import to_vector
from .agreement import AgreementResult, beneficial_agreement
from .bargaining_set import BargainingSet, bargaining_set
from .model import BargainingProblem
from .solutions import (Solution, egalitarian, ideal_point, ideal_point_ir, kalai_smorodinsky, leximin,
                        leximin_kalai_smorodinsky, nash, pareto_frontier, with_pareto)

__all__ = ["BargainingSolutions", "solve_bargaining"]

#: The mapping keys, in the order the old dict had them (``set`` is :attr:`BargainingSolutions.bargaining_set`).
KEYS = ("d", "set", "agreement", "ideal", "ideal_lps", "egalitarian", "kalai_smorodinsky", "nash", "leximin",
        "leximin_kalai_smorodinsky", "ideal_ir", "kalai_smorodinsky_ir", "frontier")


@dataclass(frozen=True, repr=False)
class BargainingSolutions(Displayable, Mapping):
    """The bargaining problem's solutions, each with its certificate.

    Attributes
    ----------
    problem : BargainingProblem
        The input problem.
    weights : tuple of Fraction or None
        The Nash weights (None: all 1).
    d : tuple
        The disagreement payoff.
    bargaining_set : BargainingSet or None
        B as a certified polytope, or None if not built.
    agreement : AgreementResult
        The beneficial-agreement test (a structure improving everyone, or Ville weights).
    ideal, ideal_lps : tuple
        Each agent's certified maximum over IC structures, and its LPs.
    egalitarian, kalai_smorodinsky, nash : Solution
        The solutions (:class:`~.solutions.Solution`, with the exact Pareto test where the
        point is rational).
    leximin, leximin_kalai_smorodinsky, ideal_ir, kalai_smorodinsky_ir
        The refinements: leximin points, and the ideal point and Kalai-Smorodinsky solution over
        the individually rational part of B.
    frontier : tuple
        The Pareto facets of B (empty when B is not built).
    method : str
        How the answers were computed.

    >>> prob = BargainingProblem.make(["w1", "w2"], ["1/3", "2/3"], ["a1", "a2"], ["A", "B"],
    ...     {"receiver": {"w1": [1, 0], "w2": [0, 1]}, "A": {"w1": [1, 0], "w2": [1, 0]},
    ...      "B": {"w1": [1, 0], "w2": [0, 1]}}, "no-information")
    >>> res = solve_bargaining(prob)
    >>> res.d, res.ideal, res.nash.payoff
    ((Fraction(0, 1), Fraction(2, 3)), (Fraction(2, 3), Fraction(1, 1)), (Fraction(1, 3), Fraction(1, 1)))
    >>> len(res.bargaining_set.polytope.vertices), len(res.frontier), list(res)[:3]
    (3, 1, ['d', 'set', 'agreement'])
    """

    problem: BargainingProblem = field(repr=False)
    weights: tuple[Fraction, ...] | None
    d: tuple
    bargaining_set: BargainingSet | None = field(repr=False)
    agreement: AgreementResult = field(repr=False)
    ideal: tuple
    ideal_lps: tuple = field(repr=False)
    egalitarian: Solution
    kalai_smorodinsky: Solution
    nash: Solution
    leximin: Any
    leximin_kalai_smorodinsky: Any
    ideal_ir: tuple
    kalai_smorodinsky_ir: Solution
    frontier: tuple = field(default=(), repr=False)
    method: str = "exact LPs over the IC polytope (002_b82d6ff4761a0a82.txt); Nash by KKT or algebraic certificates"

    # -- the mapping view (the old dict's keys) ------------------------------------------
    def __getitem__(self, key: str) -> Any:
        if key not in KEYS:
            raise KeyError(key)
        return self.bargaining_set if key == "set" else getattr(self, key)

    def __iter__(self) -> Iterator[str]:
        return iter(KEYS)

    def __len__(self) -> int:
        return len(KEYS)

    # -- the result protocol ------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The ``bargain --json`` answer keys (without the protocol keys).

        Returns
        -------
        dict
            The body of :func:`~.report.bargain_document`.
        """
        from .report import bargain_document

        return bargain_document(self.problem, self, self.weights)[0]

    def claims(self) -> list:
        """What the document claims, and which certificate proves each key.

        Returns
        -------
        list of Claim
            The claims of :func:`~.report.bargain_document`.
        """
        from .report import bargain_document

        return bargain_document(self.problem, self, self.weights)[1]

    def document(self) -> dict[str, Any]:
        """The proof-carrying result document (what ``bargain --json`` prints).

        Returns
        -------
        dict
            The protocol keys (schema, game, options, claims) and :meth:`to_dict`'s answer keys.
        """
        from ..results import proof_document

        return proof_document("bargain", self.problem, {"weights": self.weights}, self.to_dict(), self.claims())

    def verify(self) -> bool:
        """Every certificate re-verified in process (ideal LPs, the agreement test, each solution's
        certificate, B if built), then the document by the independent checker.

        Returns
        -------
        bool
            True; a certificate or a document check that fails raises.
        """
        from ..check import check_document

        for lp in self.ideal_lps:
            lp.certificate.verify()
        self.agreement.certificate.verify()
        for sol in (self.egalitarian, self.kalai_smorodinsky, self.nash, self.kalai_smorodinsky_ir):
            if sol.certificate is not None:
                sol.certificate.verify()
        if self.bargaining_set is not None:
            self.bargaining_set.verify()
        check_document(self.document())
        return True


def _flag_d(sol: Solution, d, agreement: AgreementResult) -> Solution:
    """Say so when a solution is d although a beneficial agreement exists."""
    if agreement.beneficial and sol.payoff is not None and tuple(sol.payoff) == tuple(d):
        extra = "equals d although a beneficial agreement exists (t* = 0: some agent cannot gain along this ray)"
        return replace(sol, note=f"{sol.note}; {extra}" if sol.note else extra)
    return sol


def solve_bargaining(prob: BargainingProblem, weights: Sequence[Any] | None = None, build_set: bool = True) -> BargainingSolutions:
    """Everything the ``bargain`` subcommand reports, as one :class:`BargainingSolutions`.

    Parameters
    ----------
    prob : BargainingProblem
        The bargaining problem.
    weights : sequence of numbers, optional
        Nash weights alpha (nonnegative, not all zero; default all 1), maximizing
        :math:`\\prod_i (u_i - d_i)^{\\alpha_i}` over B.
    build_set : bool, optional
        Also build B and its Pareto facets (default True; ``False``: every solution is an LP over
        the IC polytope, and the Nash point grows only the face of B that holds it).

    Returns
    -------
    BargainingSolutions
        Readable as the mapping with keys d, set, agreement, ideal, ideal_lps, egalitarian,
        kalai_smorodinsky, nash, leximin, leximin_kalai_smorodinsky, ideal_ir,
        kalai_smorodinsky_ir, frontier.

    Raises
    ------
    InputError
        Weights that are negative, all zero or not one per agent.

    >>> from exactgame.bargaining.examples import guessing_agents
    >>> res = solve_bargaining(guessing_agents(), build_set=False)
    >>> res.agreement.beneficial, res.nash.payoff == res.d, res.nash.certificate.kind
    (False, True, 'nash-bargaining-disagreement')
    """
    if weights is not None:
        weights = tuple(to_vector(weights, where="weights"))
        if len(weights) != len(prob.agents) or any(w < 0 for w in weights) or not any(weights):
            raise InputError(f"give {len(prob.agents)} nonnegative numbers, not all zero (alpha in Delta(N), up to scale)",
                             where="weights")
    d = prob.disagreement()
    B = bargaining_set(prob) if build_set else None
    eta, eta_lps = ideal_point(prob)
    agreement = beneficial_agreement(prob)
    eta_ir, _ = ideal_point_ir(prob, d)
    return BargainingSolutions(
        problem=prob, weights=weights, d=d, bargaining_set=B, agreement=agreement, ideal=eta, ideal_lps=tuple(eta_lps),
        egalitarian=_flag_d(with_pareto(egalitarian(prob, d), prob), d, agreement),
        kalai_smorodinsky=_flag_d(with_pareto(kalai_smorodinsky(prob, d, eta), prob), d, agreement),
        nash=nash(prob, B, d, weights),
        leximin=leximin(prob, d),
        leximin_kalai_smorodinsky=leximin_kalai_smorodinsky(prob, d, eta),
        ideal_ir=eta_ir,
        kalai_smorodinsky_ir=_flag_d(with_pareto(kalai_smorodinsky(prob, d, eta_ir, "kalai_smorodinsky_ir"), prob), d, agreement),
        frontier=tuple(pareto_frontier(B)) if B is not None else ())
