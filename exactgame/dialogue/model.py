r"""Two-player games with interactive communication (001_9d9f8fe1d5e70189.txt, Section 2).

Sally and Bob have independent private types :math:`\theta_S \sim D_S`,
:math:`\theta_B \sim D_B`; only Sally acts, choosing :math:`a \in A_S`, and the utilities
are :math:`u_i(a, \theta_S, \theta_B)`, :math:`i \in \{S, B\}` (Section 2.1).

The base game :math:`\pi^0` (eq. (2)): each Sally type best-responds to :math:`D_B`,

.. math:: a^*_S(\theta_S; D_B) \in \arg\max_a E_{\theta_B \sim D_B} u_S(a, \theta_S, \theta_B),

ties broken in favour of Bob (the largest :math:`E_{D_B} u_B(a, \theta_S, \cdot)`; this is
what the paper's tables use), then by the order of the actions. Efficient welfare is
:math:`W^* = E \max_a \sum_i u_i`; in bilateral trade (Section 2.2) it is
:math:`E(\theta_B - \theta_S)^+` (eq. (1)).

Bilateral trade: Sally (the seller, cost :math:`\theta_S`) posts a price among the buyer's
values or "no sale"; Bob buys iff :math:`\theta_B \ge` price.

>>> g = bilateral_trade([2], [1], [3, 6], ["2/3", "1/3"])
>>> g.actions
('3', '6', 'no sale')
>>> [str(x) for x in g.base_payoffs([1], ["2/3", "1/3"])]   # Section 3.1: (S, B) = (4/3, 0)
['4/3', '0']
>>> str(g.efficient_welfare([1], ["2/3", "1/3"]))
'2'
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any, Mapping, Sequence

from ..display.mixin import Displayable
from ..errors import InputError, TooLargeError
from ..games.files import get, register_kind, require_keys
from ..games.model import check_names, check_prior, check_rows, exact_strings, only_known
from ..numbers import fmt, to_fraction, to_vector, Vector

__all__ = ["DialogueGame", "bilateral_trade", "spy_game", "MAX_ENTRIES", "SALLY", "BOB"]

SALLY, BOB = 0, 1

#: Refuse games with more than this many payoff entries (types x types x actions).
MAX_ENTRIES = 200_000


@dataclass(frozen=True, repr=False)
class DialogueGame(Displayable):
    """Sally's and Bob's types, priors, Sally's actions and the utilities ``u[(s, b)][a] = (u_S, u_B)``.

    Indices: ``s`` is Sally's type (index into ``sally_types``), ``b`` Bob's type, ``a``
    Sally's action; ``sally_prior`` is :math:`D_S`, ``bob_prior`` is :math:`D_B` (exact
    probability vectors). ``players`` are the names used in output: ``("sally", "bob")`` for
    general games, ``("seller", "buyer")`` for bilateral trade. Build games with
    :func:`bilateral_trade`, :func:`spy_game` or a game file (kinds ``dialogue`` and
    ``bilateral-trade``), which check the input; the constructor itself does not.

    >>> g = spy_game()
    >>> g.sally_types, g.actions, g.binary
    (('0', '1'), ('C', 'E'), True)
    >>> g.u[(0, 1)]                     # enemies: C gives (-2, 2), E gives (2, -2)
    ((Fraction(-2, 1), Fraction(2, 1)), (Fraction(2, 1), Fraction(-2, 1)))
    >>> g.best_response(0, g.bob_prior), g.type_payoffs(0, g.bob_prior)
    (1, (Fraction(1, 2), Fraction(-3, 2)))
    """

    sally_types: tuple[str, ...]
    bob_types: tuple[str, ...]
    sally_prior: Vector
    bob_prior: Vector
    actions: tuple[str, ...]
    u: Mapping[tuple[int, int], tuple[tuple[Fraction, Fraction], ...]]
    players: tuple[str, str] = ("sally", "bob")
    title: str = ""
    bilateral: bool = field(default=False, compare=False)

    def canonical(self) -> dict[str, Any]:
        """The game-file structure with exact strings.

        Returns
        -------
        dict
            A ``bilateral-trade`` document (types sorted, as the model holds them) for games
            built by :func:`bilateral_trade`, otherwise a ``dialogue`` document (names in
            file order, ``payoffs.<player>.<sally type>.<bob type>`` = one payoff per action).
        """
        if self.bilateral:
            return {"kind": "bilateral-trade", "seller_costs": list(self.sally_types), "seller_prior": exact_strings(self.sally_prior),
                    "buyer_values": list(self.bob_types), "buyer_prior": exact_strings(self.bob_prior)}
        pay = {who: {s: {b: [fmt(self.u[(i, j)][a][k]) for a in range(len(self.actions))] for j, b in enumerate(self.bob_types)}
                     for i, s in enumerate(self.sally_types)} for k, who in enumerate(("sally", "bob"))}
        return {"kind": "dialogue", "sally_types": list(self.sally_types), "bob_types": list(self.bob_types),
                "sally_prior": exact_strings(self.sally_prior), "bob_prior": exact_strings(self.bob_prior),
                "actions": list(self.actions), "payoffs": pay}

    # -- the base game ------------------------------------------------------------
    def expected(self, a: int, s: int, DB: Sequence[Fraction]) -> tuple[Fraction, Fraction]:
        """Expected utilities of action ``a`` for Sally type ``s`` against Bob's distribution.

        :math:`(E_{D_B} u_S(a, s, \\cdot), E_{D_B} u_B(a, s, \\cdot)) = \\sum_b D_B(b) u(a, s, b)`.

        Parameters
        ----------
        a : int
            Index of Sally's action.
        s : int
            Index of Sally's type.
        DB : sequence of Fraction
            Distribution of Bob's type (one exact weight per Bob type; not normalised here).

        Returns
        -------
        tuple of Fraction
            ``(E u_S, E u_B)``.
        """
        uS = uB = Fraction(0)
        for b, w in enumerate(DB):
            if w:
                x, y = self.u[(s, b)][a]
                uS += w * x
                uB += w * y
        return uS, uB

    def best_response(self, s: int, DB: Sequence[Any]) -> int:
        """Sally type ``s``'s best action against ``D_B`` in the base game (eq. (2)).

        :math:`\\arg\\max_a E_{D_B} u_S(a, s, \\cdot)`; ties broken in favour of Bob (largest
        :math:`E_{D_B} u_B`), then by the first action.

        Parameters
        ----------
        s : int
            Index of Sally's type.
        DB : sequence of number
            Distribution of Bob's type (exact numbers or strings such as ``"1/3"``).

        Returns
        -------
        int
            Index of the chosen action.
        """
        DB = to_vector(DB)
        return max(range(len(self.actions)), key=lambda a: (*self.expected(a, s, DB), -a))

    def type_payoffs(self, s: int, DB: Sequence[Any]) -> tuple[Fraction, Fraction]:
        """(Sally, Bob) expected payoffs in the base game given Sally's type ``s``.

        The :meth:`expected` utilities of :meth:`best_response` ``(s, D_B)``.

        Parameters
        ----------
        s : int
            Index of Sally's type.
        DB : sequence of number
            Distribution of Bob's type.

        Returns
        -------
        tuple of Fraction
            ``(E u_S, E u_B)`` at Sally's best response.
        """
        DB = to_vector(DB)
        return self.expected(self.best_response(s, DB), s, DB)

    def base_payoffs(self, DS: Sequence[Any], DB: Sequence[Any]) -> tuple[Fraction, Fraction]:
        """Base-game payoffs :math:`(\\pi^0_S, \\pi^0_B)(D_S, D_B)` of eq. (2).

        :math:`\\pi^0_i = \\sum_s D_S(s) E_{D_B} u_i(a^*_S(s; D_B), s, \\cdot)`.

        Parameters
        ----------
        DS : sequence of number
            Distribution of Sally's type.
        DB : sequence of number
            Distribution of Bob's type.

        Returns
        -------
        tuple of Fraction
            ``(pi0_S, pi0_B)``.
        """
        DS, DB = to_vector(DS), to_vector(DB)
        S = B = Fraction(0)
        for s, w in enumerate(DS):
            if w:
                x, y = self.type_payoffs(s, DB)
                S += w * x
                B += w * y
        return S, B

    def efficient_welfare(self, DS: Sequence[Any], DB: Sequence[Any]) -> Fraction:
        """Efficient welfare :math:`W^* = E_{\\theta_S, \\theta_B} \\max_a (u_S + u_B)(a, \\theta_S, \\theta_B)`.

        Parameters
        ----------
        DS : sequence of number
            Distribution of Sally's type.
        DB : sequence of number
            Distribution of Bob's type (types independent).

        Returns
        -------
        Fraction
            :math:`W^*`; in bilateral trade :math:`E(\\theta_B - \\theta_S)^+` (eq. (1)).
        """
        DS, DB = to_vector(DS), to_vector(DB)
        return sum((ws * wb * max(x + y for x, y in self.u[(s, b)])
                    for s, ws in enumerate(DS) for b, wb in enumerate(DB) if ws and wb), Fraction(0))

    @property
    def prior(self) -> tuple[Vector, Vector]:
        """``(sally_prior, bob_prior)``."""
        return self.sally_prior, self.bob_prior

    def with_priors(self, sally_prior: Sequence[Any] | None = None, bob_prior: Sequence[Any] | None = None) -> "DialogueGame":
        """The same game with other priors.

        Parameters
        ----------
        sally_prior : sequence of number, optional
            New :math:`D_S` (one weight per Sally type); ``None`` keeps the current one.
        bob_prior : sequence of number, optional
            New :math:`D_B`; ``None`` keeps the current one.

        Returns
        -------
        DialogueGame
            A copy with the new priors.

        Raises
        ------
        InputError
            If a prior has the wrong length, a negative entry, or does not sum to 1.
        """
        sp = self.sally_prior if sally_prior is None else check_prior(sally_prior, self.sally_types, "sally prior")
        bp = self.bob_prior if bob_prior is None else check_prior(bob_prior, self.bob_types, "bob prior")
        return replace(self, sally_prior=sp, bob_prior=bp)

    @property
    def binary(self) -> bool:
        """Both type spaces have two types (the whole-square engine applies)."""
        return len(self.sally_types) == 2 and len(self.bob_types) == 2


def _check_size(nS: int, nB: int, nA: int) -> None:
    if nS * nB * nA > MAX_ENTRIES:
        raise TooLargeError(f"{nS} x {nB} types and {nA} actions make {nS * nB * nA} payoff entries (at most {MAX_ENTRIES})")


def bilateral_trade(seller_costs: Sequence[Any], seller_prior: Sequence[Any], buyer_values: Sequence[Any],
                    buyer_prior: Sequence[Any]) -> DialogueGame:
    """Bilateral trade of Section 2.2: prices are the buyer's values or "no sale".

    Types are sorted increasingly (with their probabilities), so that in the binary case
    ``p`` = P(high buyer value) and ``q`` = P(high seller cost) as in the paper.
    :math:`u_B = (\\theta_B - a) 1\\{\\theta_B \\ge a\\}`, :math:`u_S = (a - \\theta_S) 1\\{\\theta_B \\ge a\\}`;
    "no sale" (the last action) gives (0, 0).

    Parameters
    ----------
    seller_costs : sequence of number
        Sally's (seller's) possible costs :math:`\\theta_S`, distinct.
    seller_prior : sequence of number
        Their probabilities (same order as ``seller_costs``).
    buyer_values : sequence of number
        Bob's (buyer's) possible values :math:`\\theta_B`, distinct; they are also the prices.
    buyer_prior : sequence of number
        Their probabilities.

    Returns
    -------
    DialogueGame
        With ``players = ("seller", "buyer")`` and actions ``(*prices, "no sale")``.

    Raises
    ------
    InputError
        An empty or repeated list of types, or a prior that is not a probability vector.
    TooLargeError
        More than :data:`MAX_ENTRIES` payoff entries.

    >>> g = bilateral_trade([2], [1], [6, 3], ["1/3", "2/3"])    # sorted: values (3, 6)
    >>> g.bob_types, g.bob_prior
    (('3', '6'), (Fraction(2, 3), Fraction(1, 3)))
    >>> g.u[(0, 1)]                       # value 6: price 3 -> (1, 3), price 6 -> (4, 0)
    ((Fraction(1, 1), Fraction(3, 1)), (Fraction(4, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(0, 1)))
    """
    c = to_vector(seller_costs, where="seller_costs")
    v = to_vector(buyer_values, where="buyer_values")
    for name, xs in (("seller_costs", c), ("buyer_values", v)):
        if not xs:
            raise InputError("the list is empty", where=name)
        if len(set(xs)) != len(xs):
            raise InputError("repeated values (merge them and add their probabilities)", where=name)
    cp = check_prior(seller_prior, [fmt(x) for x in c], "seller_prior")
    vp = check_prior(buyer_prior, [fmt(x) for x in v], "buyer_prior")
    _check_size(len(c), len(v), len(v) + 1)
    cs = sorted(zip(c, cp))
    vs = sorted(zip(v, vp))
    prices = [x for x, _ in vs]
    u = {}
    for s, (cost, _) in enumerate(cs):
        for b, (val, _) in enumerate(vs):
            row = [((a - cost, val - a) if val >= a else (Fraction(0), Fraction(0))) for a in prices]
            row.append((Fraction(0), Fraction(0)))  # no sale
            u[(s, b)] = tuple(row)
    return DialogueGame(tuple(fmt(x) for x, _ in cs), tuple(fmt(x) for x, _ in vs), tuple(w for _, w in cs),
                        tuple(w for _, w in vs), tuple(fmt(a) for a in prices) + ("no sale",), u,
                        ("seller", "buyer"), "bilateral trade", bilateral=True)


def spy_game(q: Any = "1/2", p: Any = "1/2") -> DialogueGame:
    """The spy game of Section 4: friends (same type) cooperate, enemies play zero-sum.

    Same types cooperate (C: (1, 1), E: (-1, -1)); different types play zero-sum
    (C: (-2, 2), E: (2, -2)); Sally chooses C or E.

    Parameters
    ----------
    q : number, default "1/2"
        P(Sally has type 1).
    p : number, default "1/2"
        P(Bob has type 1).

    Returns
    -------
    DialogueGame
        Types ``("0", "1")`` for both players, actions ``("C", "E")``.

    >>> g = spy_game()
    >>> [str(x) for x in g.base_payoffs(g.sally_prior, g.bob_prior)]   # Section 4, t = 0
    ['1/2', '-3/2']
    """
    same = ((Fraction(1), Fraction(1)), (Fraction(-1), Fraction(-1)))   # C, E
    diff = ((Fraction(-2), Fraction(2)), (Fraction(2), Fraction(-2)))
    u = {(s, b): same if s == b else diff for s in range(2) for b in range(2)}
    q, p = to_fraction(q), to_fraction(p)
    return DialogueGame(("0", "1"), ("0", "1"), (1 - q, q), (1 - p, p), ("C", "E"), u, title="spy game")


# -- game files ----------------------------------------------------------------------


def _bilateral_file(doc: Mapping[str, Any]) -> DialogueGame:
    kind = "bilateral-trade"
    require_keys(doc, {"kind", "seller_costs", "seller_prior", "buyer_values", "buyer_prior", "title", "source", "description"}, "file")
    g = bilateral_trade(get(doc, "seller_costs", kind), get(doc, "seller_prior", kind),
                        get(doc, "buyer_values", kind), get(doc, "buyer_prior", kind))
    return replace(g, title=str(doc["title"])) if "title" in doc else g


def _dialogue_file(doc: Mapping[str, Any]) -> DialogueGame:
    kind = "dialogue"
    require_keys(doc, {"kind", "sally_types", "bob_types", "sally_prior", "bob_prior", "actions", "payoffs",
                       "title", "source", "description"}, "file")
    ST = check_names(get(doc, "sally_types", kind), "sally_types")
    BT = check_names(get(doc, "bob_types", kind), "bob_types")
    A = check_names(get(doc, "actions", kind), "actions")
    _check_size(len(ST), len(BT), len(A))
    sp = check_prior(get(doc, "sally_prior", kind), ST, "sally_prior")
    bp = check_prior(get(doc, "bob_prior", kind), BT, "bob_prior")
    pay = get(doc, "payoffs", kind)
    if not isinstance(pay, Mapping):
        raise InputError("expected tables [payoffs.sally.<sally type>] and [payoffs.bob.<sally type>]", where="payoffs")
    only_known(pay, ["sally", "bob"], "player", "payoffs")
    tables = []
    for who in ("sally", "bob"):
        t = pay.get(who)
        if not isinstance(t, Mapping):
            raise InputError(f"missing the table [payoffs.{who}] (sally type -> bob type -> one payoff per action)", where="payoffs")
        only_known(t, ST, "sally type", f"payoffs.{who}")
        rows: dict[tuple[str, str], Vector] = {}
        for s in ST:
            ts = t.get(s)
            where = f"payoffs.{who}.{s}"
            if not isinstance(ts, Mapping):
                raise InputError("missing: a table bob type -> one payoff per action", where=where)
            # Bob's type plays the role of the state in a 'state -> payoff per action' table
            rows.update(((s, b), row) for b, row in check_rows(ts, BT, A, where).items())
        tables.append(rows)
    u = {(i, j): tuple(zip(tables[0][(s, b)], tables[1][(s, b)])) for i, s in enumerate(ST) for j, b in enumerate(BT)}
    return DialogueGame(ST, BT, sp, bp, A, u, title=str(doc.get("title", "")))


register_kind("bilateral-trade", _bilateral_file)
register_kind("dialogue", _dialogue_file)
