r"""Is a given cheap-talk profile an equilibrium? (000_2cf035f6c25283ea.txt, Definition 5.)

A profile is a sender strategy :math:`\sigma : \Omega \to \Delta(M)` and a receiver strategy
:math:`\tau : M \to \Delta(A)`; with the belief :math:`q_m` at each message it is an
equilibrium when

* (17) in every state :math:`\omega` of positive prior probability, every message sent pays
  the sender the most: :math:`m \in \operatorname{supp}\sigma(\omega) \Rightarrow
  E_{\tau(m)} u_S(\cdot, \omega) = \max_{m'} E_{\tau(m')} u_S(\cdot, \omega)`;
* (18) every action the receiver plays after m is a best response at :math:`q_m`;
* (19) :math:`q_m` is Bayes' rule on path, :math:`q_m(\omega) \propto p(\omega)\sigma(m|\omega)`;
  off path any belief may be chosen, so (18) asks for *some* belief supporting
  :math:`\tau(m)`.

The verdict is exact and proved either way: an equilibrium by the beliefs (an
:class:`~exactgame.cheaptalk.CheapTalkEquilibriumCertificate`, which ``exactgame verify``
re-checks from the game), a non-equilibrium by a violated condition on path (recomputed by
the checker) or, for an off-path message, a Farkas vector proving that no belief in the
simplex makes :math:`\tau(m)` optimal: multipliers :math:`y_{ab} \ge 0` (for a played, b
another action) and :math:`y_0 < 0` with
:math:`\sum_{a,b} y_{ab}\,(u_R(b,\omega) - u_R(a,\omega)) + y_0 \ge 0` in every state.

A profile file (TOML or JSON) has two tables, ``sigma`` (state -> {message: probability}) and
``tau`` (message -> {action: probability}); every message named in ``sigma`` needs a row in
``tau``, and rows of ``tau`` for unsent messages are the receiver's off-path responses.

>>> from exactgame.games import SenderReceiverGame
>>> g = SenderReceiverGame(["w0", "w1"], ["a", "b"], ["1/2", "1/2"],
...                        sender={"w0": [1, 0], "w1": [1, 0]}, receiver={"w0": [1, 0], "w1": [0, 1]})
>>> r = profile_report(g, {"w0": {"m": 1}, "w1": {"m": 1}}, {"m": {"a": 1}})    # babbling, a at (1/2, 1/2)
>>> r.document()["is_equilibrium"], r.verify()
(True, True)
"""

from __future__ import annotations

import os
from typing import Any, Mapping, Sequence

from .cheaptalk import _dist, check_equilibrium
from .certificates import encode
from .errors import InputError
from .games.model import SenderReceiverGame, check_prior
from .games.files import load_document, require_keys
from .numbers import fmt
from .results import Report, certified, not_certified

__all__ = ["load_profile", "read_profile", "profile_report"]

Strategy = dict[str, dict[str, Any]]


def read_profile(doc: Mapping[str, Any], where: str = "profile") -> tuple[Strategy, Strategy]:
    """The ``sigma`` and ``tau`` tables of a parsed profile document (values still unchecked).

    Parameters
    ----------
    doc : mapping
        The parsed document.
    where : str
        The file name, for messages.

    Returns
    -------
    tuple of dict
        ``(sigma, tau)``; :func:`profile_report` checks them against the game.

    Raises
    ------
    InputError
        When a table is missing or is not a table of tables, or another key is present.

    >>> read_profile({"sigma": {"w": {"m": 1}}, "tau": {"m": {"a": 1}}})
    ({'w': {'m': 1}}, {'m': {'a': 1}})
    >>> read_profile({"sigma": {"w": 1}, "tau": {}})
    Traceback (most recent call last):
    ...
    exactgame.errors.InputError: profile: key 'sigma.w': expected a table {message: probability}
    """
    require_keys(doc, {"sigma", "tau", "title", "description"}, where)
    out = []
    for key, inner in (("sigma", "message"), ("tau", "action")):
        t = doc.get(key)
        if not isinstance(t, Mapping):
            raise InputError(f"key '{key}': expected a table", where=where)
        for k, row in t.items():
            if not isinstance(row, Mapping):
                raise InputError(f"key '{key}.{k}': expected a table {{{inner}: probability}}", where=where)
        out.append({str(k): dict(row) for k, row in t.items()})
    return out[0], out[1]


def load_profile(path: str | os.PathLike) -> tuple[Strategy, Strategy]:
    """Read a profile file (TOML or JSON); see the module text for its tables.

    Parameters
    ----------
    path : str or PathLike
        The file.

    Returns
    -------
    tuple of dict
        ``(sigma, tau)``.

    Raises
    ------
    InputError
        Naming the file, for an unreadable or malformed file.

    >>> import tempfile, os
    >>> f = os.path.join(tempfile.mkdtemp(), "p.toml")
    >>> _ = open(f, "w").write('[sigma]\\nw = { m = "1" }\\n[tau]\\nm = { a = 1 }\\n')
    >>> load_profile(f)
    ({'w': {'m': '1'}}, {'m': {'a': 1}})
    """
    return read_profile(load_document(path), str(path))


def _refutation(game: SenderReceiverGame, played: Sequence[str], cert: Any) -> dict[str, Any]:
    """The Farkas vector of the belief LP as named multipliers (rows: a played, b another action)."""
    rows = [(a, b) for a in played for b in game.actions if b != a]
    return {"rows": [{"played": a, "other": b, "y": encode(y)} for (a, b), y in zip(rows, cert.y_ub)],
            "y0": encode(cert.y_eq[0])}


def profile_report(game: SenderReceiverGame, sigma: Mapping[str, Mapping[str, Any]], tau: Mapping[str, Mapping[str, Any]],
                   prior: Sequence[Any] | None = None) -> Report:
    """Check the profile (sigma, tau) against Definition 5 at ``prior``, as a :class:`Report`.

    Parameters
    ----------
    game : SenderReceiverGame
        The game (any sender payoffs: transparent motives are not needed).
    sigma : mapping
        ``state -> {message: probability}``.
    tau : mapping
        ``message -> {action: probability}``, one row for every message (off-path rows are the
        receiver's responses to unsent messages).
    prior : sequence of number, optional
        Default: the game's.

    Returns
    -------
    Report
        Kind ``cheaptalk`` with ``options["profile"]``; keys ``prior``, ``profile``,
        ``is_equilibrium`` (certified either way), ``violations`` (sentences), ``beliefs``
        (at every message with a supporting one) and ``certificates`` (``equilibrium``, or
        ``refutations`` per off-path message no belief supports).

    Raises
    ------
    InputError
        For a strategy that is not a distribution, an unknown state, message or action, or a
        bad prior.

    >>> from exactgame.games import SenderReceiverGame
    >>> g = SenderReceiverGame(["w0", "w1"], ["a", "b"], ["1/2", "1/2"],
    ...                        sender={"w0": [1, 0], "w1": [0, 1]}, receiver={"w0": [1, 0], "w1": [0, 1]})
    >>> r = profile_report(g, {"w0": {"m0": 1}, "w1": {"m0": 1}}, {"m0": {"a": 1}, "m1": {"b": 1}})
    >>> d = r.document()
    >>> d["is_equilibrium"], d["violations"]
    (False, ['sender (17), state w1: message m0 pays 0 but message m1 pays 1'])
    """
    check = check_equilibrium(game, sigma, tau, prior)
    p = game.prior if prior is None else check_prior(prior, game.states)
    # the same normalization check_equilibrium applied (exact, zeros dropped, order kept), so the
    # refutation rows below line up with its LP's rows
    s_clean = {w: _dist(d, f"sigma.{w}") for w, d in sigma.items()}
    t_clean = {m: _dist(d, f"tau.{m}") for m, d in tau.items()}
    strategies = {"sigma": {w: {m: fmt(x) for m, x in d.items()} for w, d in s_clean.items()},
                  "tau": {m: {a: fmt(x) for a, x in d.items()} for m, d in t_clean.items()}}
    body: dict[str, Any] = {"prior": encode(p), "profile": strategies, "is_equilibrium": check.is_equilibrium,
                            "violations": list(check.violations), "beliefs": encode(dict(check.beliefs))}
    if check.certificate is not None:
        body["certificates"] = {"equilibrium": check.certificate.witness()}
    else:
        body["certificates"] = {"refutations": {m: _refutation(game, list(t_clean[m]), c)
                                                for m, c in check.refutations.items()}}
    claims = [certified("prior", proves="the prior the profile is checked at"),
              certified("profile", proves="the profile checked (the options', normalized)"),
              certified("is_equilibrium", "certificates",
                        proves="Definition 5: every condition holds with these beliefs, or one is violated"),
              not_certified("violations", "the engine's sentences; the checker proves the verdict, not the wording")]
    claims.append(certified("beliefs", "certificates", proves="Bayes on path, a supporting belief off path")
                  if check.is_equilibrium else
                  not_certified("beliefs", "a non-equilibrium's beliefs are the engine's (Bayes on path)"))
    lines = [f"cheap-talk profile at prior ({', '.join(map(fmt, p))}): "
             f"{'an equilibrium (Definition 5)' if check.is_equilibrium else 'NOT an equilibrium'}"]
    lines += [f"  violated: {v}" for v in check.violations]
    lines += [f"  belief after {m}: ({', '.join(map(fmt, q))})" for m, q in check.beliefs.items()]
    options = {"prior": None if prior is None else list(p), "profile": strategies}
    return Report("cheaptalk", game, options, body, tuple(claims), tuple(lines))

