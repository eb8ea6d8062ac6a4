r"""Lemma 1 of 001_9d9f8fe1d5e70189.txt (Bergemann-Brooks-Morris), checked instance by instance.

When Sally's distribution is a point mass :math:`D_S = e_s`, one round of Bob's signalling
leaves Sally her monopoly profit and gives Bob the rest of the efficient surplus:

.. math:: \pi^1_S(e_s, D_B) = \pi^0_S(e_s, D_B), \qquad \pi^1_B(e_s, D_B) = W^*(e_s, D_B) - \pi^0_S(e_s, D_B).

**The statement as printed disagrees with the paper's own example.** The seed text prints
:math:`\pi^1_B = W^* - \pi^0_B`. In Section 3.1 (cost 2, values 3 and 6, ``p = 1/3``) the paper
itself gives :math:`\pi^0_S = 4/3`, :math:`\pi^0_B = 0`, :math:`W^* = 2` and :math:`\pi^1_B = 2/3`:
:math:`W^* - \pi^0_B = 2 \ne 2/3`, while :math:`W^* - \pi^0_S = 2/3`. The printed form cannot
hold in general either: with :math:`\pi^1_S = \pi^0_S` it would make round-1 welfare
:math:`W^* + \pi^0_S - \pi^0_B`, above :math:`W^*` whenever Sally earns more than Bob at
t = 0. The correct statement is the one above (BBM: the buyer's signal makes the seller
indifferent, so she keeps her uninformed profit and trade is efficient); every instance
reports both forms, and ``holds`` is the corrected one.

Each instance carries Bob's split and the round-1 envelope certificate
(:class:`~.certificate.EnvelopeCertificate`), which the independent checker verifies from the
utilities; :math:`\pi^0` and :math:`W^*` it recomputes.

>>> from exactgame.dialogue.model import bilateral_trade
>>> sec, certs = lemma1(bilateral_trade([2], [1], [3, 6], ["2/3", "1/3"]))      # Section 3.1
>>> i = sec["instances"][0]
>>> i["pi0"], i["pi1"], i["efficient_welfare"], i["holds"], i["as_printed"]
(['4/3', '0'], ['4/3', '2/3'], '2', True, False)
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

from ..certificates import encode
from ..errors import InputError, TooLargeError
from ..numbers import to_vector
from .certificate import EnvelopeCertificate, SplitCertificate
from .model import DialogueGame
from .point import dialogue_at

__all__ = ["lemma1", "round1_witness"]


def round1_witness(game: DialogueGame, DS: Sequence[Fraction], DB: Sequence[Fraction]
                   ) -> tuple[tuple[Fraction, Fraction], SplitCertificate, EnvelopeCertificate]:
    """Round 1 at (D_S, D_B) with a certificate from the utilities: payoffs, Bob's split, envelope.

    Parameters
    ----------
    game : DialogueGame
        Any dialogue game.
    DS, DB : sequence of Fraction
        Sally's and Bob's distributions.

    Returns
    -------
    tuple
        ``(pi1, split, envelope)``: :math:`(\\pi^1_S, \\pi^1_B)(D_S, D_B)`, Bob's
        :class:`SplitCertificate` and the :class:`EnvelopeCertificate` proving it optimal.

    Raises
    ------
    TooLargeError
        When the point engine has too many best-response cells for an envelope certificate.

    >>> from exactgame.dialogue.model import bilateral_trade
    >>> pi1, split, env = round1_witness(bilateral_trade([2], [1], [3, 6], ["2/3", "1/3"]), (Fraction(1),),
    ...                                  (Fraction(2, 3), Fraction(1, 3)))
    >>> pi1, split.weights, env.verify()
    ((Fraction(4, 3), Fraction(2, 3)), (Fraction(8, 9), Fraction(1, 9)), True)
    """
    r = dialogue_at(game, 1, DS, DB)
    if r.envelope is None:
        raise TooLargeError("round 1 has too many best-response cells for an envelope certificate; "
                            "give Sally fewer types in the support")
    return (r.payoffs[1][0], r.payoffs[1][1]), r.splits[0], r.envelope


def lemma1(game: DialogueGame, DB: Sequence[Any] | None = None) -> tuple[dict[str, Any], list[Any]]:
    """Lemma 1 at every point mass :math:`D_S = e_s` of Sally (module docstring), at D_B.

    Parameters
    ----------
    game : DialogueGame
        Bilateral trade (any finite types).
    DB : sequence of number, optional
        Bob's distribution (default: the game's).

    Returns
    -------
    tuple of (dict, list)
        The document section ``{"statement", "instances": [...], "holds"}`` (exact strings;
        per instance ``s``, ``sally_type``, ``pi0``, ``pi1``, ``efficient_welfare``,
        ``holds``, ``as_printed``, ``split``, ``envelope``) and the certificates.

    Raises
    ------
    InputError
        If the game is not bilateral trade.

    >>> from exactgame.dialogue.model import bilateral_trade
    >>> sec, _ = lemma1(bilateral_trade([0, 2], ["1/2", "1/2"], [3, 6], ["2/3", "1/3"]))
    >>> [(i["sally_type"], i["pi1"]) for i in sec["instances"]], sec["holds"]
    ([('0', ['3', '1']), ('2', ['4/3', '2/3'])], True)
    """
    if not game.bilateral:
        raise InputError("--lemma1: Lemma 1 is about bilateral trade (a file of kind 'bilateral-trade')")
    DB = game.bob_prior if DB is None else to_vector(DB, where="bob prior")
    n = len(game.sally_types)
    instances, certs = [], []
    for s, name in enumerate(game.sally_types):
        e = tuple(Fraction(int(i == s)) for i in range(n))
        S0, B0 = game.base_payoffs(e, DB)
        pi1, split, env = round1_witness(game, e, DB)
        W = game.efficient_welfare(e, DB)
        holds = pi1 == (S0, W - S0)
        instances.append({"s": s, "sally_type": name, "pi0": encode((S0, B0)), "pi1": encode(pi1),
                          "efficient_welfare": encode(W), "holds": holds, "as_printed": pi1 == (S0, W - B0),
                          "split": split.to_dict(), "envelope": env.witness()})
        certs += [split, env]
    sec = {"statement": "D_S a point mass: pi1_S = pi0_S and pi1_B = W* - pi0_S (printed: W* - pi0_B; see the docs)",
           "instances": instances, "holds": all(i["holds"] for i in instances)}
    return sec, certs
