r"""Symmetric action-type instances (003_e54e9b7a7da88b3e.txt, Sections 3.3, 5 and 6.3), computed.

For an :class:`~exactgame.persuasion.action_types.ActionTypeGame` (states are type profiles
:math:`\theta`), a permutation :math:`\pi` of the actions maps :math:`\theta` to
:math:`\pi\theta` with :math:`(\pi\theta)_{\pi(i)} = \theta_i`. The instance is *symmetric* when
:math:`\mu_{\pi\theta} = \mu_\theta` for all :math:`\pi` (checked on the adjacent
transpositions, which generate the symmetric group).

* **Definition 3**: a scheme :math:`(\varphi, P)` is symmetric when :math:`P(i) = P(j)` and
  :math:`\varphi_{\pi\theta}(\pi(i)) = \varphi_\theta(i)`; a dual :math:`\lambda` when all
  :math:`\lambda(i, j)` are equal (:func:`is_symmetric_scheme`, :func:`is_symmetric_dual`).
* **Proposition 2** (any payment model): an optimal symmetric primal and dual exist.
  :func:`symmetric_optimum` *builds* them from any optimal LP solution by averaging over the
  group (for :math:`\varphi`: over the orbit of :math:`(\theta, i)`, i.e. the profiles
  :math:`\theta'` that rearrange :math:`\theta` and the actions :math:`i'` with
  :math:`\theta'_{i'} = \theta_i`; for the state duals over the orbit of :math:`\theta`; the
  persuasiveness duals and the payments over all actions). The LP is invariant under the group,
  so the average of optimal solutions is optimal; the result is an ordinary primal-dual LP
  certificate, re-verified, plus Definition 3 on both.
* **Corollary 1**: with the symmetric dual's constant :math:`\lambda`, the optimal scheme only
  recommends (in states of positive probability) maximizers of :math:`s_\theta(i) + n\lambda r_\theta(i)` and
  :math:`L_\lambda(\varphi, P) = \sum\mu\varphi(s + n\lambda r) + \sum_i P(i)((n-1)\lambda - 1) - \lambda C`
  with :math:`C = \sum_\theta\mu_\theta\sum_j r_\theta(j)` (the paper writes
  :math:`C = \sum_\theta \mu_\theta\varphi_\theta\sum_j r_\theta(j)`; as
  :math:`\sum_i\varphi_\theta(i) = 1` it does not depend on the scheme). *Weak duality* makes the
  scalar :math:`\lambda` a certificate by itself: for any persuasive feasible :math:`(\varphi, P)`,
  :math:`L_\lambda(\varphi, P)` is the objective plus :math:`\lambda` times nonnegative slacks, so
  ``bound`` :math:`= \sum_\theta\mu_\theta\max_i(s_\theta(i) + n\lambda r_\theta(i)) - \lambda C`
  (the payment term is at most 0 when :math:`(n-1)\lambda \le 1` for nonnegative payments,
  :math:`(n-1)\lambda = 1` for arbitrary ones, and is 0 under none and budget balance) bounds the
  optimum; the symmetric scheme attains it.
* **Lemmas 1-3** (no payments): for the :math:`\lambda`-scaled welfare maximizers
  :math:`\varphi_\lambda` (Definition 4) over *all* :math:`\lambda \ge 0` at once:
  :math:`\varphi_\lambda` is constant between consecutive breakpoints (where two payoff pairs tie
  on :math:`s + n\lambda r`), so the finite list of breakpoints and open intervals covers every
  :math:`\lambda`. On each piece: the receiver's value :math:`R`, the sender's value, persuasive
  or not, and Lemma 1's test :math:`R \ge C/n` (a symmetric scheme is persuasive iff the receiver's
  value from obeying is at least one action's unconditional expected payoff). ``lemma_1``: the test
  agrees with persuasiveness on every piece; ``lemma_2``: the persuasive pieces are upward closed;
  ``lemma_3``: the sender's value is non-increasing.
* **Propositions 3, 5, 6** for the instance: lambda* (or that it does not exist), the value of
  :math:`\arg\max s + \frac{n}{n-1} r` with optimal (nonnegative) payments against the LP optimum.

``proposition_2/payments`` are the payments per recommendation: a symmetric scheme recommends each
action with probability :math:`1/n`, so :math:`p(i) = P(i)/\Pr[i] = nP(i)`, paid whenever ``i`` is
recommended, whatever the state (the form of eq. (12); see :mod:`~exactgame.persuasion.payments`).

**Findings.** Budget balance: a symmetric optimum has equal :math:`P(i)` summing to 0, so
:math:`P = 0`: on symmetric instances budget-balanced payments are worth nothing (the value equals
the no-payment value; tested). Proposition 3 with Definition 4's uniform tie-breaking can be
suboptimal and lambda* may not exist (see :func:`~exactgame.persuasion.payments.proposition_3`);
``proposition_3/optimal`` says which.

>>> from exactgame.persuasion.action_types import ActionTypeGame
>>> g = ActionTypeGame.make(["A", "B"], ["n", "s", "r", "b"], {"n": [0, 0], "s": [1, 0], "r": [0, 1], "b": [1, 1]},
...                         type_prior=["1/4"] * 4)          # Section 4.1
>>> sym = symmetric_optimum(g, "arbitrary")
>>> sym.value, sym.lam, is_symmetric_scheme(g, sym.scheme, sym.expected_payments)
(Fraction(9, 8), Fraction(1, 1), True)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping, Sequence

from ..display.mixin import Displayable
from ..certificates import encode
from ..errors import CertificateError, InputError, InternalError
from ..geometry.lp import LPOptimalCertificate, solve_problem
from ..numbers import fmt
from ..results import Claim, certified
from .action_types import ActionTypeGame
from .payments import _breakpoints, is_persuasive, payments_lp, proposition_3, scheme_value, welfare_scheme

__all__ = ["is_symmetric_instance", "is_iid", "is_symmetric_scheme", "is_symmetric_dual", "SymmetricOptimum",
           "symmetric_optimum", "corollary_1_bound", "lambda_pieces", "symmetric_sections"]

Scheme = Mapping[str, Mapping[str, Fraction]]


def _swap(state: str, k: int) -> str:
    """The state with the types of actions k and k+1 exchanged."""
    t = state.split(",")
    t[k], t[k + 1] = t[k + 1], t[k]
    return ",".join(t)


def is_symmetric_instance(game: ActionTypeGame, prior: Sequence[Fraction] | None = None) -> bool:
    """Whether the prior over type profiles is invariant under every permutation of the actions.

    Parameters
    ----------
    game : ActionTypeGame
        The instance.
    prior : sequence, optional
        The prior over its states (default: the game's).

    Returns
    -------
    bool
        True iff ``mu(theta) = mu(theta with two adjacent types swapped)`` for all theta.

    >>> from exactgame.persuasion.action_types import ActionTypeGame
    >>> g = ActionTypeGame.make(["A", "B"], ["x", "y"], {"x": [1, 0], "y": [0, 1]}, profile_prior={"x,y": "1/2", "y,x": "1/2"})
    >>> is_symmetric_instance(g), is_symmetric_instance(g, [0, 1, 0, 0])
    (True, False)
    """
    mu = dict(zip(game.states, game.prior if prior is None else prior))
    return all(mu[w] == mu[_swap(w, k)] for w in game.states for k in range(len(game.actions) - 1))


def is_iid(game: ActionTypeGame, prior: Sequence[Fraction] | None = None) -> bool:
    """Whether the prior is i.i.d.: the product of one distribution over types.

    Parameters
    ----------
    game : ActionTypeGame
        The instance.
    prior : sequence, optional
        The prior over its states (default: the game's).

    Returns
    -------
    bool
        True iff ``mu(theta) = prod_i q(theta_i)`` with ``q`` the first action's marginal.

    >>> from exactgame.persuasion.action_types import ActionTypeGame
    >>> g = ActionTypeGame.make(["A", "B"], ["x", "y"], {"x": [1, 0], "y": [0, 1]}, profile_prior={"x,y": "1/2", "y,x": "1/2"})
    >>> is_iid(g), is_iid(g, [Fraction(1, 4)] * 4)
    (False, True)
    """
    p = game.prior if prior is None else prior
    q = {t: Fraction(0) for t in game.types}
    for w, x in zip(game.states, p):
        q[w.split(",")[0]] += x
    for w, x in zip(game.states, p):
        y = Fraction(1)
        for t in w.split(","):
            y *= q[t]
        if x != y:
            return False
    return True


def is_symmetric_scheme(game: ActionTypeGame, scheme: Scheme, expected_payments: Mapping[str, Fraction] | None = None) -> bool:
    """Definition 3 for a scheme: equal expected payments and ``phi_{pi theta}(pi i) = phi_theta(i)``.

    Parameters
    ----------
    game : ActionTypeGame
        The instance.
    scheme : mapping
        ``state -> {action: probability}`` (actions left out: 0).
    expected_payments : mapping, optional
        ``{action: P(i)}`` (None: no payments).

    Returns
    -------
    bool
        Whether both conditions hold (checked on adjacent transpositions).

    >>> from exactgame.persuasion.action_types import ActionTypeGame
    >>> g = ActionTypeGame.make(["A", "B"], ["x", "y"], {"x": [1, 0], "y": [0, 1]}, type_prior=["1/2", "1/2"])
    >>> is_symmetric_scheme(g, {w: {"A": 1} for w in g.states}), is_symmetric_scheme(g, welfare_scheme(g, 0))
    (False, True)
    """
    if expected_payments is not None and len(set(expected_payments.values())) > 1:
        return False
    A = game.actions
    for w in game.states:
        for k in range(len(A) - 1):
            v, row = _swap(w, k), scheme.get(w, {})
            other = scheme.get(v, {})
            for i, a in enumerate(A):
                j = k + 1 if i == k else k if i == k + 1 else i
                if row.get(a, Fraction(0)) != other.get(A[j], Fraction(0)):
                    return False
    return True


def is_symmetric_dual(duals: Mapping[Any, Fraction]) -> bool:
    """Definition 3 for a dual: all ``lambda(i, j)`` equal.

    Parameters
    ----------
    duals : mapping
        ``{(i, j): lambda(i, j)}``.

    Returns
    -------
    bool
        True iff they take one value.

    >>> is_symmetric_dual({("a", "b"): Fraction(1), ("b", "a"): Fraction(1)}), is_symmetric_dual({("a", "b"): 1, ("b", "a"): 0})
    (True, False)
    """
    return len(set(duals.values())) <= 1


@dataclass(frozen=True, repr=False)
class SymmetricOptimum(Displayable):
    """Proposition 2's optimal symmetric primal and dual for one payment model.

    ``certificate`` (``x``, ``y_ub``, ``y_eq``) is a primal-dual certificate of LP-General-with-Payments;
    ``scheme`` and ``expected_payments`` read ``x``; ``lam`` is the common dual ``lambda(i, j)``.

    >>> from exactgame.persuasion.payments import zero_sum_example
    >>> from exactgame.persuasion.action_types import ActionTypeGame
    >>> g = ActionTypeGame.make(["A", "B"], ["x", "y"], {"x": [1, 0], "y": [0, 1]}, type_prior=["1/2", "1/2"])
    >>> symmetric_optimum(g, "none").verify()
    True
    """

    game: ActionTypeGame = field(repr=False)
    prior: tuple[Fraction, ...]
    model: str
    value: Fraction
    scheme: Scheme
    expected_payments: Mapping[str, Fraction]
    lam: Fraction
    certificate: LPOptimalCertificate = field(repr=False)

    def verify(self) -> bool:
        """The LP certificate (primal feasible, dual feasible, equal objectives) of the rebuilt LP, and Definition 3.

        Returns
        -------
        bool
            True; a failure raises :class:`~exactgame.errors.CertificateError`.
        """
        self.certificate.verify()
        if self.certificate.problem != payments_lp(self.game, self.prior, self.model):
            raise CertificateError("Proposition 2: the certificate is not for LP-General-with-Payments of this game")
        if not is_symmetric_scheme(self.game, self.scheme, self.expected_payments):
            raise CertificateError("Proposition 2: the averaged primal is not symmetric (Definition 3)")
        return True

    def witness(self) -> dict[str, Any]:
        """The primal-dual witness as exact strings (``lp-optimal`` form).

        Returns
        -------
        dict
            ``certificate``, ``x``, ``y_ub``, ``y_eq``.
        """
        return self.certificate.witness()


def _orbit_key(state: str) -> tuple[str, ...]:
    return tuple(sorted(state.split(",")))


def _average_phi(game: ActionTypeGame, x: Sequence[Fraction]) -> list[Fraction]:
    """phi averaged over the orbit of every (state, action) pair (module doc)."""
    nA = len(game.actions)
    tot: dict[tuple, list[Fraction]] = {}
    for t, w in enumerate(game.states):
        types = w.split(",")
        for i in range(nA):
            acc = tot.setdefault((_orbit_key(w), types[i]), [Fraction(0), Fraction(0)])
            acc[0] += x[t * nA + i]
            acc[1] += 1
    out = []
    for w in game.states:
        types = w.split(",")
        for i in range(nA):
            s, c = tot[(_orbit_key(w), types[i])]
            out.append(s / c)
    return out


def _average_states(game: ActionTypeGame, y: Sequence[Fraction]) -> list[Fraction]:
    tot: dict[tuple, list[Fraction]] = {}
    for w, v in zip(game.states, y):
        acc = tot.setdefault(_orbit_key(w), [Fraction(0), Fraction(0)])
        acc[0] += v
        acc[1] += 1
    return [tot[_orbit_key(w)][0] / tot[_orbit_key(w)][1] for w in game.states]


def _mean(v: Sequence[Fraction]) -> Fraction:
    return sum(v, Fraction(0)) / len(v) if v else Fraction(0)


def symmetric_optimum(game: ActionTypeGame, model: str, prior: Sequence[Any] | None = None) -> SymmetricOptimum:
    """Proposition 2: an optimal symmetric primal and an optimal symmetric dual, built and checked.

    Solves LP-General-with-Payments, averages the optimal primal and dual over the symmetric
    group (module doc) and re-verifies the averaged pair as an LP certificate.

    Parameters
    ----------
    game : ActionTypeGame
        A symmetric instance with at least two actions.
    model : str
        A payment model (``none``, ``nonnegative``, ``budget-balanced``, ``arbitrary``).
    prior : sequence, optional
        The prior (default: the game's); must be symmetric.

    Returns
    -------
    SymmetricOptimum
        Verified.

    Raises
    ------
    InputError
        If the instance is not symmetric or has one action.

    >>> from exactgame.persuasion.action_types import ActionTypeGame
    >>> g = ActionTypeGame.make(["A", "B"], ["x", "y"], {"x": [1, 0], "y": [0, 1]}, type_prior=["1/2", "1/2"])
    >>> r = symmetric_optimum(g, "nonnegative")
    >>> r.value, r.lam, r.expected_payments
    (Fraction(1, 2), Fraction(1, 2), {'A': Fraction(0, 1), 'B': Fraction(0, 1)})
    """
    from ..games.model import check_prior

    p = tuple(game.prior if prior is None else check_prior(prior, game.states))
    if len(game.actions) < 2:
        raise InputError("Proposition 2 needs at least two actions")
    if not is_symmetric_instance(game, p):
        raise InputError("Proposition 2: the prior is not symmetric under permutations of the actions")
    problem = payments_lp(game, p, model)
    lp = solve_problem(problem)
    if lp.status != "optimal" or lp.x is None or lp.dual_ub is None or lp.dual_eq is None:
        raise InternalError(f"Proposition 2: LP-General-with-Payments is {lp.status}")
    nA, nS = len(game.actions), len(game.states)
    nphi = nA * nS
    x = _average_phi(game, lp.x)
    rest = list(lp.x[nphi:])
    for b in range(0, len(rest), nA):                       # P(i) (or P+ then P-), averaged over actions
        x += [_mean(rest[b:b + nA])] * nA
    lam = _mean(list(lp.dual_ub))
    y_eq = _average_states(game, lp.dual_eq[:nS]) + list(lp.dual_eq[nS:])
    sym = LPOptimalCertificate(problem, tuple(x), tuple([lam] * len(lp.dual_ub)), tuple(y_eq))
    A = game.actions
    scheme = {w: {a: x[t * nA + i] for i, a in enumerate(A) if x[t * nA + i]} for t, w in enumerate(game.states)}
    pay = {a: Fraction(0) for a in A} if model == "none" else \
        {a: x[nphi + i] - (x[nphi + nA + i] if model != "nonnegative" else 0) for i, a in enumerate(A)}
    value = sum((c * v for c, v in zip(problem.c, x)), Fraction(0))
    out = SymmetricOptimum(game, p, model, value, scheme, pay, lam, sym)
    out.verify()
    return out


def corollary_1_bound(game: ActionTypeGame, lam: Any, model: str, prior: Sequence[Fraction] | None = None) -> tuple[Fraction, Fraction] | None:
    r"""Corollary 1's Lagrangian bound for a constant dual ``lambda``: ``(bound, C)``, or None if unbounded.

    ``bound = sum_theta mu_theta max_i (s_theta(i) + n lambda r_theta(i)) - lambda C`` with
    ``C = sum_theta mu_theta sum_j r_theta(j)``; an upper bound on the optimum by weak duality (module doc).

    Parameters
    ----------
    game : ActionTypeGame
        The instance (any sender-receiver game with ``n`` actions works).
    lam : exact number
        ``lambda >= 0``.
    model : str
        The payment model: None is returned when the payment term is unbounded
        (``(n-1) lambda > 1`` nonnegative, ``!= 1`` arbitrary).
    prior : sequence, optional
        The prior (default: the game's).

    Returns
    -------
    tuple of Fraction or None
        ``(bound, C)``.

    >>> from exactgame.persuasion.action_types import ActionTypeGame
    >>> g = ActionTypeGame.make(["A", "B"], ["n", "s", "r", "b"], {"n": [0, 0], "s": [1, 0], "r": [0, 1], "b": [1, 1]},
    ...                         type_prior=["1/4"] * 4)
    >>> corollary_1_bound(g, 1, "arbitrary"), corollary_1_bound(g, 2, "arbitrary")
    ((Fraction(9, 8), Fraction(1, 1)), None)
    """
    from ..numbers import to_fraction

    lam = to_fraction(lam, where="lambda")
    p = game.prior if prior is None else prior
    n = len(game.actions)
    if lam < 0 or (model == "nonnegative" and (n - 1) * lam > 1) or (model == "arbitrary" and (n - 1) * lam != 1):
        return None
    C = sum((mu * sum(game.receiver[w], Fraction(0)) for mu, w in zip(p, game.states)), Fraction(0))
    top = sum((mu * max(s + n * lam * r for s, r in zip(game.sender[w], game.receiver[w])) for mu, w in zip(p, game.states)),
              Fraction(0))
    return top - lam * C, C


def _values(game: ActionTypeGame, scheme: Scheme, p: Sequence[Fraction]) -> tuple[Fraction, Fraction]:
    """(sender's, receiver's) expected payoff when the receiver obeys ``scheme``."""
    A = game.actions
    s = r = Fraction(0)
    for mu, w in zip(p, game.states):
        for a, q in scheme[w].items():
            s += mu * q * game.sender[w][A.index(a)]
            r += mu * q * game.receiver[w][A.index(a)]
    return s, r


def lambda_pieces(game: ActionTypeGame, prior: Sequence[Fraction] | None = None) -> list[dict[str, Any]]:
    """Every lambda >= 0 in finitely many pieces: each breakpoint, each open interval between them.

    Parameters
    ----------
    game : ActionTypeGame
        The instance.
    prior : sequence, optional
        The prior (default: the game's).

    Returns
    -------
    list of dict
        In increasing order of lambda: ``lambda`` (a breakpoint) or ``interval`` ``(a, b)``
        (``b`` None for the last), ``test_lambda`` (where it is evaluated), ``receiver_value``,
        ``sender_value``, ``persuasive``.

    >>> from exactgame.persuasion.action_types import ActionTypeGame
    >>> g = ActionTypeGame.make(["A", "B"], ["x", "y"], {"x": [1, 0], "y": [0, 1]}, type_prior=["1/2", "1/2"])
    >>> [(str(d.get("lambda", d.get("interval"))), d["persuasive"]) for d in lambda_pieces(g)]
    [('0', False), ('(Fraction(0, 1), Fraction(1, 2))', False), ('1/2', True), ('(Fraction(1, 2), None)', True)]
    """
    p = game.prior if prior is None else prior
    n = len(game.actions)
    points = [b for b in _breakpoints(game)]
    out = []
    for k, b in enumerate(points):
        nxt = points[k + 1] if k + 1 < len(points) else None
        for piece, lam in (({"lambda": b}, b), ({"interval": (b, nxt)}, (b + nxt) / 2 if nxt is not None else b + 1)):
            scheme = welfare_scheme(game, n * lam)
            s, r = _values(game, scheme, p)
            out.append({**piece, "test_lambda": lam, "receiver_value": r, "sender_value": s,
                        "persuasive": is_persuasive(game, scheme, p)})
    return out


def _lemmas(game: ActionTypeGame, p: Sequence[Fraction]) -> dict[str, Any]:
    n = len(game.actions)
    C = sum((mu * sum(game.receiver[w], Fraction(0)) for mu, w in zip(p, game.states)), Fraction(0))
    pieces = lambda_pieces(game, p)
    for d in pieces:
        d["lemma_1_test"] = d["receiver_value"] >= C / n
    pers = [d["persuasive"] for d in pieces]
    return {"threshold": C / n, "pieces": pieces,
            "lemma_1": all(d["lemma_1_test"] == d["persuasive"] for d in pieces),
            "lemma_2": all(b or not a for a, b in zip(pers, pers[1:])),
            "lemma_2_receiver_monotone": all(x["receiver_value"] <= y["receiver_value"] for x, y in zip(pieces, pieces[1:])),
            "lemma_3": all(x["sender_value"] >= y["sender_value"] for x, y in zip(pieces, pieces[1:]))}


def _encode_pieces(lem: dict[str, Any]) -> dict[str, Any]:
    out = dict(lem)
    out["pieces"] = [{**({"lambda": encode(d["lambda"])} if "lambda" in d else
                         {"interval": [encode(d["interval"][0]), None if d["interval"][1] is None else encode(d["interval"][1])]}),
                      **{k: encode(d[k]) for k in ("test_lambda", "receiver_value", "sender_value")},
                      "persuasive": d["persuasive"], "lemma_1_test": d["lemma_1_test"]} for d in lem["pieces"]]
    out["threshold"] = encode(lem["threshold"])
    return out


def symmetric_sections(game: ActionTypeGame, prior: Sequence[Fraction], model: str, value: Fraction,
                       scheme: Scheme, duals: Mapping[Any, Fraction] | None) -> tuple[dict[str, Any], list[Claim], list[str]]:
    """The keys an action-type document adds: symmetry, Definition 3, Proposition 2, Corollary 1,
    Lemmas 1-3 and Propositions 3, 5, 6 for the model (module doc), with claims and text lines.

    Parameters
    ----------
    game : ActionTypeGame
        The instance.
    prior : sequence of Fraction
        The prior used.
    model : str
        The payment model.
    value : Fraction
        The certified LP optimum under ``model``.
    scheme : mapping
        The LP's optimal scheme (the document's ``outcome``).
    duals : mapping or None
        Its persuasiveness duals ``{(i, j): lambda}``.

    Returns
    -------
    tuple
        ``(keys, claims, lines)``.

    >>> from exactgame.persuasion.action_types import ActionTypeGame
    >>> from exactgame.persuasion.payments import persuade_with_payments
    >>> g = ActionTypeGame.make(["A", "B"], ["x", "y"], {"x": [1, 0], "y": [0, 1]}, type_prior=["1/2", "1/2"])
    >>> r = persuade_with_payments(g, "none")
    >>> keys, claims, lines = symmetric_sections(g, r.prior, "none", r.value, r.scheme, r.duals)
    >>> keys["proposition_3"]["lambda_star"], keys["proposition_3"]["optimal"], keys["lemmas"]["lemma_1"]
    ('1/2', True, True)
    """
    p = tuple(prior)
    n = len(game.actions)
    sym, iid = is_symmetric_instance(game, p), is_iid(game, p)
    keys: dict[str, Any] = {"symmetric_instance": sym, "iid": iid,
                            "definition_3": {"outcome": is_symmetric_scheme(game, scheme),
                                             "lambda": None if duals is None else is_symmetric_dual(duals)}}
    claims = [certified("symmetric_instance", proves="the prior is invariant under permutations of the actions (recomputed)"),
              certified("iid", proves="the prior is the product of one distribution over types (recomputed)"),
              certified("definition_3", "certificates/lp", proves="Definition 3 for the LP's optimal scheme and duals (recomputed)")]
    lines = [f"action types: {n} actions, {len(game.types)} types; symmetric instance: {'yes' if sym else 'no'}; "
             f"i.i.d.: {'yes' if iid else 'no'}"]
    if not sym or n < 2:
        lines.append("  Proposition 2, Corollary 1, Lemmas 1-3 and Propositions 3, 5, 6 need a symmetric instance with two or more actions")
        return keys, claims, lines
    opt = symmetric_optimum(game, model, p)
    bound = corollary_1_bound(game, opt.lam, model, p)
    if bound is None:   # pragma: no cover - an optimal dual keeps the Lagrangian bounded
        raise InternalError("Corollary 1: the symmetric dual leaves the Lagrangian unbounded")
    w = n * opt.lam
    maxim = all(q == 0 or game.sender[s][game.actions.index(a)] + w * game.receiver[s][game.actions.index(a)]
                == max(x + w * y for x, y in zip(game.sender[s], game.receiver[s]))
                for mu, s in zip(p, game.states) if mu for a, q in opt.scheme[s].items())
    keys["proposition_2"] = {"value": encode(opt.value), "outcome": encode(opt.scheme),
                             "expected_payments": encode(opt.expected_payments),
                             "payments": {a: encode(n * v) for a, v in opt.expected_payments.items()},
                             "lambda": encode(opt.lam),
                             "symmetric": True}
    keys["corollary_1"] = {"lambda": encode(opt.lam), "weight": encode(w), "C": encode(bound[1]), "bound": encode(bound[0]),
                           "maximizers": maxim, "holds": maxim and bound[0] == value}
    keys.setdefault("certificates", {})["symmetric_lp"] = opt.witness()
    claims += [certified("proposition_2", "certificates/symmetric_lp",
                         proves="an optimal primal and an optimal dual of LP-General-with-Payments that are symmetric "
                                "(Definition 3): the averaged pair is an LP optimality certificate of the rebuilt LP"),
               certified("corollary_1", "certificates/symmetric_lp",
                         proves="with the symmetric dual's lambda the scheme recommends only maximizers of s + n lambda r, "
                                "and the Lagrangian bound sum mu max(s + n lambda r) - lambda C (weak duality) equals the optimum")]
    lines += [f"  Proposition 2: symmetric optimum {fmt(opt.value)}, expected payment {fmt(next(iter(opt.expected_payments.values())))} "
              f"per action, common dual lambda = {fmt(opt.lam)}",
              f"  Corollary 1: recommends argmax s + {fmt(w)} r: {'yes' if maxim else 'no'}; Lagrangian bound "
              f"{fmt(bound[0])} (C = {fmt(bound[1])}) {'=' if bound[0] == value else '!='} optimum {fmt(value)}"]
    _by_model(game, p, model, value, keys, claims, lines)
    return keys, claims, lines


def _by_model(game: ActionTypeGame, p, model: str, value: Fraction, keys: dict, claims: list, lines: list) -> None:
    n = len(game.actions)
    if model == "none":
        lem = _lemmas(game, p)
        keys["lemmas"] = _encode_pieces(lem)
        p3 = proposition_3(game if p == tuple(game.prior) else _with_prior(game, p))
        keys["proposition_3"] = {"attained": p3.attained, "lambda_star": None if p3.lam is None else encode(p3.lam),
                                 "infimum": encode(p3.infimum), "value": encode(p3.value), "optimal": p3.value == value}
        claims += [certified("lemmas", proves="Lemmas 1-3 on every piece of lambda >= 0 (breakpoints and open intervals, recomputed)"),
                   certified("proposition_3", "certificates/lp", proves="the smallest persuasive lambda (or that none exists: "
                             "the persuasive set is open), its scheme's value, and whether it equals the certified optimum")]
        lines += [f"  Lemmas 1-3 over {len(lem['pieces'])} pieces of lambda: Lemma 1 (persuasive iff receiver value >= "
                  f"{fmt(lem['threshold'])}) {_holds(lem['lemma_1'])}, Lemma 2 {_holds(lem['lemma_2'])}, Lemma 3 {_holds(lem['lemma_3'])}",
                  f"  Proposition 3: {p3.note}; its value {fmt(p3.value)} "
                  f"{'= the optimum' if p3.value == value else f'< the optimum {fmt(value)}: uniform ties at lambda* are not optimal'}"]
    if model in ("arbitrary", "nonnegative"):
        wt = Fraction(n, n - 1)
        v = scheme_value(game, welfare_scheme(game, wt), model, p)
        key = "proposition_5" if model == "arbitrary" else "proposition_6"
        d: dict[str, Any] = {"weight": encode(wt), "welfare_value": encode(v)}
        if model == "arbitrary":
            d["holds"] = v == value
        else:
            none = solve_problem(payments_lp(game, p, "none"))
            if none.value is None:  # pragma: no cover - full disclosure is feasible
                raise InternalError("Proposition 6: the no-payment LP has no optimum")
            keys["certificates"]["lp_none"] = none.optimality_certificate("Proposition 6").witness()
            d.update({"applies": is_iid(game, p), "no_payment_value": encode(none.value),
                      "case": 2 if v == value else 1 if none.value == value else None,
                      "holds": value == max(v, none.value)})
        keys[key] = d
        certs = ["certificates/lp"] + ([] if model == "arbitrary" else ["certificates/lp_none"])
        claims.append(certified(key, *certs, proves=f"the value of argmax s + {fmt(wt)} r with optimal "
                                f"{'' if model == 'arbitrary' else 'nonnegative '}payments against the certified optimum"))
        lines.append(f"  {'Proposition 5' if model == 'arbitrary' else 'Proposition 6'}: argmax s + {fmt(wt)} r with optimal "
                     f"payments earns {fmt(v)}; optimum {fmt(value)}"
                     + ("" if model == "arbitrary" else f"; without payments {fmt(d['no_payment_value'])}"
                        + ("" if d["applies"] else " (not i.i.d.: Proposition 6 does not apply)")))


def _holds(b: bool) -> str:
    return "holds" if b else "FAILS"


def _with_prior(game: ActionTypeGame, p) -> ActionTypeGame:
    from dataclasses import replace

    return replace(game, prior=p)
