r"""Checks of ``persuade`` documents: the obedience LP, the LP with payments, LP-Binary.

Each LP is rebuilt here from the game and the options (never from the certificate),
with the variable and row order of 000_2cf035f6c25283ea.txt (24)-(25) and
003_e54e9b7a7da88b3e.txt (LP-General-with-Payments, LP-Binary): variables ``x[w, a]``
state-major, then the payment variables; one persuasiveness row per ordered pair
``(a, b)``, ``a != b``, in the order a then b; one ``= 1`` row per state.

**Cav V from the LP certificate.** Let ``y_ab >= 0`` be the duals of the obedience rows
and ``z_w`` those of the state rows. Dual feasibility of column ``(w, a)`` reads
``z_w >= p_w [u_S(w,a) + sum_b y_ab (u_R(w,a) - u_R(w,b))]``. A vector ``h`` with
``h_w >= u_S(w,a) + sum_b y_ab (u_R(w,a) - u_R(w,b))`` for all ``w, a`` satisfies, for a belief
``q`` in the receiver's cell of ``a`` (where ``sum_w q_w (u_R(w,a) - u_R(w,b)) >= 0``),
``h.q >= u_S(a).q``; so ``h.q >= V(q)`` on the whole simplex and ``Cav V(p) <= h.p``. The primal
splits ``p`` into the posteriors of the recommendations, each obeyed, so
``Cav V(p) >= sum_a P(a) V(q_a) >= value``. With ``h.p = value`` both bounds meet:
``Cav V(p) = value`` (Kamenica-Gentzkow's concavification, proved here directly).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

from .core import SparseLP, check_lp_optimal, expect, expect_equal, lookup, num, table, vec
from .efficiency import _verdict
from .games import CheckedGame, prior_of

__all__ = ["check_persuade", "obedience_rows"]

MODELS = ("none", "nonnegative", "budget-balanced", "arbitrary")


def obedience_rows(prior, states, actions, receiver, npay_cols: int = 0):
    """Persuasiveness rows ``sum_w p_w x[w,a] (u_R(w,b) - u_R(w,a)) <= 0`` and state rows.

    Column ``t * len(actions) + a`` is ``x[w_t, a]``, the probability of recommending action
    ``a`` in state ``w_t``; rows for ordered pairs ``(a, b)``, ``a != b``, ``a`` major; then one
    row ``sum_a x[w, a] = 1`` per state.

    Parameters
    ----------
    prior : sequence of Fraction
        ``p_w``, one per state.
    states, actions : sequence of str
        the names, in the game's order.
    receiver : mapping
        ``receiver[w][j]``: the receiver's payoff of action ``j`` in state ``w``.
    npay_cols : int, optional
        unused (the payment columns are added by the caller).

    Returns
    -------
    tuple
        ``(ub, eq)``: the ``<= 0`` rows and the ``= 1`` rows, each ``({column: coefficient}, rhs)``
        without zero coefficients.

    >>> F = Fraction
    >>> ub, eq = obedience_rows([F(1, 2), F(1, 2)], ["a", "b"], ["x", "y"], {"a": [F(1), F(0)], "b": [F(0), F(1)]})
    >>> ub
    [({0: Fraction(-1, 2), 2: Fraction(1, 2)}, Fraction(0, 1)), ({1: Fraction(1, 2), 3: Fraction(-1, 2)}, Fraction(0, 1))]
    >>> eq
    [({0: Fraction(1, 1), 1: Fraction(1, 1)}, Fraction(1, 1)), ({2: Fraction(1, 1), 3: Fraction(1, 1)}, Fraction(1, 1))]
    """
    nA = len(actions)
    ub = []
    for a in range(nA):
        for b in range(nA):
            if a != b:
                row = {t * nA + a: prior[t] * (receiver[w][b] - receiver[w][a]) for t, w in enumerate(states)}
                ub.append(({j: v for j, v in row.items() if v}, Fraction(0)))
    eq = [({t * nA + a: Fraction(1) for a in range(nA)}, Fraction(1)) for t in range(len(states))]
    return ub, eq


def _payments_lp(g: CheckedGame, prior, model: str) -> tuple[SparseLP, int]:
    S, A = g.states, g.actions
    nA = len(A)
    nphi = len(S) * nA
    npay = {"none": 0, "nonnegative": nA, "budget-balanced": 2 * nA, "arbitrary": 2 * nA}[model]
    c = [prior[t] * g.sender[w][a] for t, w in enumerate(S) for a in range(nA)]
    if model == "nonnegative":
        c += [Fraction(-1)] * nA
    elif npay:
        c += [Fraction(-1)] * nA + [Fraction(1)] * nA
    ub, eq = obedience_rows(prior, S, A, g.receiver)
    k = 0
    for a in range(nA):
        for b in range(nA):
            if a != b:
                row = dict(ub[k][0])
                if model == "nonnegative":
                    row[nphi + a] = Fraction(-1)
                elif npay:
                    row[nphi + a], row[nphi + nA + a] = Fraction(-1), Fraction(1)
                ub[k] = (row, Fraction(0))
                k += 1
    if model == "budget-balanced":
        eq.append(({**{nphi + a: Fraction(1) for a in range(nA)}, **{nphi + nA + a: Fraction(-1) for a in range(nA)}}, Fraction(0)))
    return SparseLP(c, ub, eq, True), nphi


def _claimed_table(doc, key):
    t = table(lookup(doc, key), key)
    return {k: {a: num(v, f"{key}/{k}/{a}") for a, v in table(r, f"{key}/{k}").items()} for k, r in t.items()}


def _check_outcome(doc, key, proved):
    claimed = _claimed_table(doc, key)
    expect_equal(key, {w: {a: q for a, q in r.items() if q} for w, r in claimed.items()}, proved)


def check_persuade(doc: Mapping[str, Any], g: CheckedGame, options: Mapping[str, Any]) -> list[str]:
    """Check a persuade document; return the list of keys proved.

    Without payments: ``value`` and ``outcome`` from the rebuilt obedience LP's certificate,
    ``posteriors`` recomputed from the outcome, ``cav_value`` and ``supporting_hyperplane`` as in
    the module text, ``bp_efficient`` by the efficiency certificate (null for a prior with a
    zero). With payments: the LP with payments, and the claimed payments checked as a
    persuasive scheme within the model that attains the optimum. Multi-receiver games:
    LP-Binary.

    Parameters
    ----------
    doc : mapping
        the result document.
    g : CheckedGame
        the game (kind ``sender-receiver`` or ``multi-receiver``).
    options : mapping
        the document's options (``prior``, ``payments``).

    Returns
    -------
    list of str
        the keys proved.

    Raises
    ------
    CheckFailure
        at the first key that does not hold.

    >>> from exactgame.check.games import read_game
    >>> g = read_game({"kind": "sender-receiver", "states": ["w"], "actions": ["x", "y"], "prior": ["1"],
    ...                "payoffs": {"sender": {"w": [1, 0]}, "receiver": {"w": [0, 1]}}})
    >>> lp = {"certificate": "lp-optimal", "x": ["0", "1"], "y_ub": ["1", "0"], "y_eq": ["0"]}
    >>> doc = {"prior": ["1"], "value": "0", "outcome": {"w": {"y": "1"}}, "cav_value": "0",
    ...        "posteriors": {"y": {"weight": "1", "posterior": ["1"]}}, "supporting_hyperplane": ["0"],
    ...        "certificates": {"lp": lp}}
    >>> check_persuade(doc, g, {})
    ['prior', 'value', 'outcome', 'posteriors', 'cav_value', 'supporting_hyperplane']
    >>> check_persuade({**doc, "value": "1"}, g, {})
    Traceback (most recent call last):
    ...
    exactgame.check.core.CheckFailure: value: the claimed value is not the proved one (claimed 1, proved 0)
    """
    if options.get("reduced_form", False) is not False:  # Appendix C on top of the single-receiver check
        from .reduced_form import check_reduced_form

        expect(options.get("reduced_form") is True and g.kind == "sender-receiver", "options/reduced_form",
               "is true, for a sender-receiver game, when present")
        rest = {k: v for k, v in options.items() if k != "reduced_form"}
        return check_persuade(doc, g, rest) + check_reduced_form(doc, g, prior_of(options, g))
    if g.kind == "multi-receiver":
        return _check_binary(doc, g, options)
    ties = options.get("ties", "sender")
    expect(ties in ("sender", "receiver-worst"), "options/ties", lambda: f"unknown tie-breaking rule {ties!r}")
    if ties == "receiver-worst":
        from .adversarial import check_adversarial

        expect(g.kind == "sender-receiver", "game/kind", "receiver-worst ties are for a sender-receiver game")
        return check_adversarial(doc, g, options)  # type: ignore[return-value]
    expect(g.kind in ("sender-receiver", "action-types"), "game/kind", "persuade needs a sender-receiver, action-types or multi-receiver game")
    proved = _check_single(doc, g, options)
    if g.kind == "action-types":
        proved += _check_types(doc, g, options)
    return proved


def _check_types(doc, g: CheckedGame, options) -> list[str]:
    """The action-type keys (:mod:`exactgame.check.symmetric`), on the LP rebuilt here."""
    from .symmetric import check_action_types

    model = options.get("payments", "none")
    p = prior_of(options, g)
    lp, nphi = _payments_lp(g, p, model)
    x = check_lp_optimal(lp, lookup(doc, "certificates/lp"), "certificates/lp")
    nA = len(g.actions)
    scheme = {w: {a: x[t * nA + j] for j, a in enumerate(g.actions) if x[t * nA + j]} for t, w in enumerate(g.states)}
    y = vec(lookup(doc, "certificates/lp/y_ub"), "certificates/lp/y_ub")
    lp_none = _payments_lp(g, p, "none")[0] if model == "nonnegative" else None
    return check_action_types(doc, g, p, model, lp, nphi, lp.value(x), scheme, y, lp_none)


def _check_single(doc: Mapping[str, Any], g: CheckedGame, options: Mapping[str, Any]) -> list[str]:
    """One receiver: the obedience LP (no payments) or LP-General-with-Payments, and the keys they prove."""
    model = options.get("payments", "none")
    expect(model in MODELS, "options/payments", lambda: f"unknown payment model {model!r}")
    expect(doc.get("payments_model", model) == model, "payments_model", lambda: f"not the options' model {model!r}")
    p = prior_of(options, g)
    expect_equal("prior", vec(lookup(doc, "prior"), "prior"), p)
    lp, nphi = _payments_lp(g, p, model)
    x = check_lp_optimal(lp, lookup(doc, "certificates/lp"), "certificates/lp")
    S, A, nA = g.states, g.actions, len(g.actions)
    value = lp.value(x)
    expect_equal("value", num(lookup(doc, "value"), "value"), value)
    scheme = {w: {a: x[t * nA + j] for j, a in enumerate(A) if x[t * nA + j]} for t, w in enumerate(S)}
    _check_outcome(doc, "outcome", scheme)
    proved = ["prior", "value", "outcome"]
    prob = {a: sum((p[t] * scheme[w].get(a, Fraction(0)) for t, w in enumerate(S)), Fraction(0)) for a in A}
    if model == "none":
        post = {a: {"weight": prob[a], "posterior": tuple(p[t] * scheme[w].get(a, Fraction(0)) / prob[a] for t, w in enumerate(S))}
                for a in A if prob[a]}
        claimed = table(lookup(doc, "posteriors"), "posteriors")
        got = {a: {"weight": num(lookup(r, "weight"), f"posteriors/{a}/weight"), "posterior": vec(lookup(r, "posterior"), f"posteriors/{a}/posterior")}
               for a, r in claimed.items()}
        expect_equal("posteriors", got, post)
        proved.append("posteriors")
        proved += _check_cav(doc, g, p, value, lookup(doc, "certificates/lp"))
        if "bp_efficient" in doc:
            if all(p):
                two = CheckedGame("sender-receiver", S, p, A, ("sender", "receiver"),
                                  payoffs={w: {a: (g.sender[w][j], g.receiver[w][j]) for j, a in enumerate(A)} for w in S})
                eff = _verdict(lookup(doc, "certificates/efficiency"), two, scheme, dict(zip(S, p)), "certificates/efficiency")
                expect_equal("bp_efficient", doc["bp_efficient"], eff)
            else:
                expect_equal("bp_efficient", doc["bp_efficient"], None)
            proved.append("bp_efficient")
        return proved
    y = vec(lookup(doc, "certificates/lp/y_ub"), "certificates/lp/y_ub")
    X = {a: {b: sum((p[t] * scheme[w].get(a, Fraction(0)) * g.receiver[w][k] for t, w in enumerate(S)), Fraction(0))
                 for k, b in enumerate(A)} for a in A}
    T = {a: max(X[a][b] - X[a][a] for b in A if b != a) for a in A} if nA > 1 else {A[0]: Fraction(0)}
    # the claimed payments are checked as a payment scheme, not against the LP's primal: the LP
    # drops implementability (P(i) = 0 when i is never sent), so its optimum bounds every
    # implementable scheme, and a claimed scheme that is implementable, persuasive, within the
    # model and attains that optimum is optimal
    claimed_P = {a: num(v, f"expected_payments/{a}") for a, v in table(lookup(doc, "expected_payments"), "expected_payments").items()}
    expect(set(claimed_P) == set(A), "expected_payments", "needs one expected payment per action")
    P = claimed_P
    for a in A:
        expect(prob[a] or not P[a], f"expected_payments/{a}", lambda: f"{a} is never recommended, so no payment can be made on it")
        expect(not prob[a] or P[a] >= T[a], f"expected_payments/{a}",
               lambda: f"recommending {a} is not persuasive: P = {P[a]} is below Observation 1's threshold {T[a]}")
    expect(model != "nonnegative" or all(v >= 0 for v in P.values()), "expected_payments", "a negative payment under 'nonnegative'")
    expect(model != "budget-balanced" or sum(P.values(), Fraction(0)) == 0, "expected_payments", "the payments do not sum to zero")
    sender = sum((p[t] * q * g.sender[w][A.index(a)] for t, w in enumerate(S) for a, q in scheme[w].items()), Fraction(0))
    expect_equal("value", sender - sum(P.values(), Fraction(0)), value)
    per = {a: P[a] / prob[a] for a in A if prob[a]}
    claimed_per = {a: num(v, f"payments/{a}") for a, v in table(lookup(doc, "payments"), "payments").items()}
    expect_equal("payments", claimed_per, per)
    claimed_T = {a: num(v, f"optimal_payments_T/{a}") for a, v in table(lookup(doc, "optimal_payments_T"), "optimal_payments_T").items()}
    expect_equal("optimal_payments_T", claimed_T, T)
    recv = sum((X[a][a] for a in A), Fraction(0)) + sum(P.values(), Fraction(0))
    expect_equal("receiver_value", num(lookup(doc, "receiver_value"), "receiver_value"), recv)
    lam, k = {}, 0
    for a in A:
        for b in A:
            if a != b:
                lam[f"{a}->{b}"] = y[k]
                k += 1
    claimed_lam = {ab: num(v, f"lambda/{ab}") for ab, v in table(lookup(doc, "lambda"), "lambda").items()}
    expect_equal("lambda", claimed_lam, lam)
    return proved + ["expected_payments", "payments", "optimal_payments_T", "receiver_value", "lambda"]


def _check_cav(doc, g: CheckedGame, p, value, cert) -> list[str]:
    """cav_value and supporting_hyperplane (see the module doc)."""
    if lookup(doc, "cav_value") is None and lookup(doc, "supporting_hyperplane") is None:
        return []
    S, A, nA = g.states, g.actions, len(g.actions)
    y = vec(cert.get("y_ub"), "certificates/lp/y_ub")
    h = vec(lookup(doc, "supporting_hyperplane"), "supporting_hyperplane", len(S))
    k, ys = 0, {}
    for a in range(nA):
        for b in range(nA):
            if a != b:
                ys[(a, b)] = y[k]
                k += 1
    for t, w in enumerate(S):
        for a in range(nA):
            need = g.sender[w][a] + sum((ys[(a, b)] * (g.receiver[w][a] - g.receiver[w][b]) for b in range(nA) if b != a), Fraction(0))
            expect(h[t] >= need, "supporting_hyperplane",
                   lambda: f"h({w}) = {h[t]} is below the bound {need} that the LP duals give for action {A[a]}: h is not above V")
    hp = sum((hw * pw for hw, pw in zip(h, p)), Fraction(0))
    expect_equal("supporting_hyperplane", hp, value)
    expect_equal("cav_value", num(lookup(doc, "cav_value"), "cav_value"), value)
    return ["cav_value", "supporting_hyperplane"]


def _subsets(R):
    out = [()]
    for r in R:
        out += [s + (r,) for s in out]
    order = {r: i for i, r in enumerate(R)}
    return sorted(out, key=lambda s: (len(s), [order[r] for r in s]))


def _set_name(s: tuple[str, ...]) -> str:
    """The game file's name of a set of receivers: their names joined by ``+`` (``""`` for none)."""
    return "+".join(s)


def _binary_tables(g: CheckedGame, subs: list) -> tuple[dict, dict]:
    """The sender's ``f[w][S]`` and the receivers' ``u[w][S]`` (one entry per receiver) from the game."""
    N = len(g.players)
    raw = g.raw
    sender = table(raw.get("sender"), "game/sender")
    payoffs = table(raw.get("payoffs"), "game/payoffs")
    f, u = {}, {}
    for w in g.states:
        fw, uw = table(sender.get(w), f"game/sender/{w}"), table(payoffs.get(w), f"game/payoffs/{w}")
        expect(set(fw) == {_set_name(s) for s in subs} and set(uw) == set(fw), f"game/sender/{w}", "the sets are not exactly the subsets of the receivers")
        f[w] = {_set_name(s): num(fw[_set_name(s)], f"game/sender/{w}/{_set_name(s)}") for s in subs}
        u[w] = {_set_name(s): vec(uw[_set_name(s)], f"game/payoffs/{w}/{_set_name(s)}", N) for s in subs}
    return f, u


def _payment_objective(model: str, n: int) -> list[Fraction]:
    """Objective entries of the payment columns: ``-1`` per payment out, ``+1`` per payment in."""
    if model == "nonnegative":
        return [Fraction(-1)] * n
    if model != "none":
        return [Fraction(-1)] * n + [Fraction(1)] * n
    return []


def _binary_lp(g: CheckedGame, model: str, mu: dict, subs: list, f: dict, u: dict) -> tuple[SparseLP, list, int]:
    """LP-Binary with the payment columns of ``model``: ``(lp, columns (w, S), number of x columns)``."""
    R = g.players
    N = len(R)

    def gain(w, i, s):  # g_i(S) = u_i(S) - u_i(S minus i), S containing receiver i
        rest = tuple(r for r in s if r != R[i])
        return u[w][_set_name(s)][i] - u[w][_set_name(rest)][i]

    cols = [(w, s) for w in g.states for s in subs]
    nphi = len(cols)
    npay = {"none": 0, "nonnegative": 2 * N, "budget-balanced": 4 * N, "arbitrary": 4 * N}[model]
    c = [mu[w] * f[w][_set_name(s)] for w, s in cols] + _payment_objective(model, 2 * N)

    def with_pay(row, k):
        if model == "nonnegative":
            row[nphi + k] = Fraction(-1)
        elif npay:
            row[nphi + k], row[nphi + 2 * N + k] = Fraction(-1), Fraction(1)
        return {j: v for j, v in row.items() if v}, Fraction(0)

    ub = []
    for i, r in enumerate(R):
        ub.append(with_pay({k: -mu[w] * gain(w, i, s) for k, (w, s) in enumerate(cols) if r in s}, i))
    order = {r: j for j, r in enumerate(R)}
    for i, r in enumerate(R):
        row = {}
        for k, (w, s) in enumerate(cols):
            if r not in s:
                s1 = tuple(sorted(s + (r,), key=order.__getitem__))
                row[k] = mu[w] * gain(w, i, s1)
        ub.append(with_pay(row, N + i))
    eq = [({k: Fraction(1) for k, (cw, _) in enumerate(cols) if cw == w}, Fraction(1)) for w in g.states]
    if model == "budget-balanced":
        eq.append(({**{nphi + k: Fraction(1) for k in range(2 * N)}, **{nphi + 2 * N + k: Fraction(-1) for k in range(2 * N)}}, Fraction(0)))
    return SparseLP(c, ub, eq, True), cols, nphi


def _check_binary(doc, g: CheckedGame, options) -> list[str]:
    """LP-Binary (003_e54e9b7a7da88b3e.txt, Section 7), rebuilt from the game; with the option
    ``signals`` ``public`` LP-Public instead, with ``both`` both and their difference (:mod:`.signals`)."""
    signals = options.get("signals", "private")
    expect(signals in ("private", "public", "both"), "options/signals", lambda: f"unknown signals {signals!r}")
    expect(doc.get("signals", "private") == signals, "signals", lambda: f"not the options' signals {signals!r}")
    if signals == "private":
        proved = _check_private(doc, g, options)
        if options.get("externalities", False) is not False:
            proved += _check_appendix_b(doc, g, options)
        return proved
    from .signals import check_public

    expect(options.get("payments", "none") == "none", "options/payments", "public signals are solved without payments")
    subs = _subsets(g.players)
    f, u = _binary_tables(g, subs)
    mu = dict(zip(g.states, prior_of(options, g)))
    if signals == "public":
        return check_public(doc, lookup(doc, "certificates/lp"), "certificates/lp", "", g.states, g.players, mu, subs, f, u,
                            _set_name)[0]
    proved = _check_private(doc, g, options)
    keys, public_value = check_public(table(lookup(doc, "public"), "public"), lookup(doc, "certificates/public_lp"),
                                      "certificates/public_lp", "public/", g.states, g.players, mu, subs, f, u, _set_name)
    gap = num(lookup(doc, "value"), "value") - public_value
    expect_equal("private_minus_public", num(lookup(doc, "private_minus_public"), "private_minus_public"), gap)
    return proved + keys + ["private_minus_public"]


def _check_appendix_b(doc, g: CheckedGame, options) -> list[str]:
    """``--externalities`` (:mod:`.externalities`), with LP-Binary (no payments) rebuilt here."""
    from .externalities import check_externalities

    expect(options.get("externalities") is True, "options/externalities", "must be true when present")
    expect(options.get("payments", "none") == "none", "options/payments", "Appendix B has no payments")
    subs = _subsets(g.players)
    f, u = _binary_tables(g, subs)
    mu = dict(zip(g.states, prior_of(options, g)))
    lp, cols, _ = _binary_lp(g, "none", mu, subs, f, u)
    return check_externalities(doc, g, mu, subs, f, u, _set_name, lp, cols, num(lookup(doc, "value"), "value"))


def _check_private(doc, g: CheckedGame, options) -> list[str]:
    """LP-Binary itself (private signals)."""
    model = options.get("payments", "none")
    expect(model in MODELS, "options/payments", lambda: f"unknown payment model {model!r}")
    expect(doc.get("payments_model", model) == model, "payments_model", lambda: f"not the options' model {model!r}")
    R = g.players
    N = len(R)
    subs = _subsets(R)
    f, u = _binary_tables(g, subs)
    mu = dict(zip(g.states, prior_of(options, g)))
    lp, cols, nphi = _binary_lp(g, model, mu, subs, f, u)
    ub = lp.ub
    x = check_lp_optimal(lp, lookup(doc, "certificates/lp"), "certificates/lp")
    expect_equal("value", num(lookup(doc, "value"), "value"), lp.value(x))
    scheme: dict[str, dict[str, Fraction]] = {w: {} for w in g.states}
    for (w, s), v in zip(cols, x):
        if v:
            scheme[w][_set_name(s)] = v
    _check_outcome(doc, "outcome", scheme)
    flat = _check_binary_payments(doc, R, model, mu, cols, x, ub, nphi)
    if "payments" in doc:       # eq. (12): Q / Pr[recommendation], null where never sent
        rule = {}
        for i, r in enumerate(R):
            told1 = sum((mu[w] * v for (w, s), v in zip(cols, x) if r in s), Fraction(0))
            rule[r] = {"1": flat[2 * i] / told1 if told1 else None, "0": flat[2 * i + 1] / (1 - told1) if told1 != 1 else None}
        claimed = table(lookup(doc, "payments"), "payments")
        expect_equal("payments", {r: {k: None if v is None else num(v, f"payments/{r}/{k}") for k, v in table(d, f"payments/{r}").items()}
                                  for r, d in claimed.items()}, rule)
    sender_value = sum((x[k] * mu[w] * f[w][_set_name(s)] for k, (w, s) in enumerate(cols)), Fraction(0))
    expect_equal("value", sender_value - sum(flat, Fraction(0)), lp.value(x))
    y = vec(lookup(doc, "certificates/lp/y_ub"), "certificates/lp/y_ub", 2 * N)
    expect_equal("lambda1", vec(lookup(doc, "lambda1"), "lambda1"), y[:N])
    expect_equal("lambda0", vec(lookup(doc, "lambda0"), "lambda0"), y[N:])
    vals = set(y)
    gamma = vals.pop() if len(vals) == 1 else None
    claimed_gamma = lookup(doc, "gamma")
    expect_equal("gamma", None if claimed_gamma is None else num(claimed_gamma, "gamma"), gamma)
    return ["value", "outcome", "expected_payments", "lambda1", "lambda0", "gamma"] + (["payments"] if "payments" in doc else [])


def _check_binary_payments(doc, R, model: str, mu: dict, cols: list, x, ub, nphi: int) -> list[Fraction]:
    """The claimed ``Q1``, ``Q0`` of every receiver as payments of the scheme ``x``; returns them flat."""
    # the claimed payments are checked as payments of this scheme (as for one receiver): the LP
    # drops implementability, so its optimum bounds every implementable scheme
    N = len(R)
    claimed = table(lookup(doc, "expected_payments"), "expected_payments")
    expect(set(claimed) == set(R), "expected_payments", "needs Q1 and Q0 for every receiver")
    flat: list[Fraction] = []
    for i, r in enumerate(R):
        q1, q0 = num(lookup(claimed, f"{r}/Q1"), f"expected_payments/{r}/Q1"), num(lookup(claimed, f"{r}/Q0"), f"expected_payments/{r}/Q0")
        told1 = sum((mu[w] * v for (w, s), v in zip(cols, x) if r in s), Fraction(0))
        expect(told1 or not q1, f"expected_payments/{r}/Q1", lambda: f"{r} is never told 1, so no payment can be made on it")
        expect(told1 != 1 or not q0, f"expected_payments/{r}/Q0", lambda: f"{r} is never told 0, so no payment can be made on it")
        a1 = sum((x[k] * -v for k, v in ub[i][0].items() if k < nphi), Fraction(0))
        a0 = sum((x[k] * v for k, v in ub[N + i][0].items() if k < nphi), Fraction(0))
        expect(a1 + q1 >= 0, f"expected_payments/{r}/Q1", lambda: f"(*) fails for {r} with the claimed payment")
        expect(a0 - q0 <= 0, f"expected_payments/{r}/Q0", lambda: f"(**) fails for {r} with the claimed payment")
        flat += [q1, q0]
    expect(model != "none" or not any(flat), "expected_payments", "the model 'none' pays nothing")
    expect(model != "nonnegative" or min(flat) >= 0, "expected_payments", "a negative payment under 'nonnegative'")
    expect(model != "budget-balanced" or sum(flat, Fraction(0)) == 0, "expected_payments", "the payments do not sum to zero")
    return flat
