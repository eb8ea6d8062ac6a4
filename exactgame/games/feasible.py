r"""The ``payoffs`` subcommand's computation: the feasible payoff sets :math:`F_\omega` and
:math:`F_p = \sum_\omega p(\omega) F_\omega` (000_2cf035f6c25283ea.txt, Section 2) with hull
certificates, as a :class:`~exactgame.results.Report`.

>>> from exactgame.games import load_game
>>> r = feasible_payoffs(load_game("examples/efficiency_example1.toml"), ["9/10", "1/10"])
>>> len(r.document()["prior"]), r.verify()
(9, True)
"""

from __future__ import annotations

from typing import Any, Sequence

from ..certificates import encode
from ..errors import InputError
from ..numbers import fmt
from ..results import Report, certified, conditional
from .model import Game, SenderReceiverGame, check_prior

__all__ = ["feasible_payoffs"]


def _points(vs) -> str:
    return ", ".join("(" + ", ".join(fmt(c) for c in v) + ")" for v in vs)


def feasible_payoffs(game: Game | SenderReceiverGame, prior: Sequence[Any] | None = None,
                     max_vertices: int | None = None) -> Report:
    """Vertices of every :math:`F_\\omega` and of :math:`F_p`, each with a hull certificate.

    ``F_w = Co{u(w, a) : a}`` (eq. (4)) and ``F_p = sum_w p(w) F_w`` (eq. (5)). Each hull
    certificate gives an exposing normal per listed vertex and valid, tight facets; that no
    vertex is missing is certified in the plane (two players) and for a full-dimensional set in
    3 or more dimensions (a boundary triangulation forming an oriented cycle, up to
    ``hullcert.MAX_BOUNDARY_SIMPLICES`` simplices); otherwise it rests on cddlib's double
    description (the report's claims say which).

    Parameters
    ----------
    game : Game or SenderReceiverGame
        The game (a sender-receiver game is read as the two-player game of ``(u_S, u_R)``).
    prior : sequence, optional
        The prior ``p`` for ``F_p``; the game's prior if None (a given one is checked, errors
        name ``--prior``).
    max_vertices : int, optional
        Cap on the vertices certified in dimension >= 3 (default
        :data:`~exactgame.geometry.hullcert.MAX_CERTIFIED_VERTICES`).

    Returns
    -------
    Report
        Command ``payoffs``; its document has ``players``, ``states`` (the vertices of each
        ``F_w``), ``prior`` (the vertices of ``F_p``), ``prior_used`` and ``certificates``.

    Raises
    ------
    InputError
        If the game is of another kind or the prior is not a probability vector over the states.

    >>> g = SenderReceiverGame(["w0", "w1"], ["a", "b"], ["1/2", "1/2"],
    ...                        sender={"w0": [0, 1], "w1": [0, 1]}, receiver={"w0": [1, 0], "w1": [0, 1]})
    >>> r = feasible_payoffs(g)
    >>> r.document()["states"]["w0"], r.document()["prior"], r.verify()
    ([['0', '1'], ['1', '0']], [['0', '1/2'], ['1/2', '0'], ['1/2', '1'], ['1', '1/2']], True)
    """
    from ..geometry.hullcert import MAX_CERTIFIED_VERTICES, hull_certificate

    if isinstance(game, SenderReceiverGame):
        game = game.as_game()
    if not isinstance(game, Game):
        raise InputError("payoffs needs a game of kind 'game' or 'sender-receiver'")
    limit = MAX_CERTIFIED_VERTICES if max_vertices is None else max_vertices
    prior = game.prior if prior is None else check_prior(prior, game.states, where="--prior")
    states, certs = {}, {}
    lines = [f"players: {', '.join(game.players)}"]
    for w in game.states:
        F = game.feasible_set(w)
        states[w] = F.vertices
        certs[w] = hull_certificate(F, [game.payoff_points(w)], max_vertices=limit)
        lines.append(f"F_{w}: {len(F.vertices)} vertices (dim {F.dim})")
        lines += [f"  {_points([v])}" for v in F.vertices]
    Fp = game.feasible_set_at(prior)
    cert_p = hull_certificate(Fp, [game.payoff_points(w) for w in game.states], prior, max_vertices=limit)
    lines.append(f"F_p at p = ({', '.join(fmt(x) for x in prior)}): {len(Fp.vertices)} vertices (dim {Fp.dim})")
    lines += [f"  {_points([v])}" for v in Fp.vertices]
    for c in list(certs.values()) + [cert_p]:
        c.verify()
    doc = {
        "players": list(game.players),
        "states": encode(states),
        "prior": encode(Fp.vertices),
        "prior_used": encode(prior),
        "certificates": {"states": {w: c.witness() for w, c in certs.items()}, "prior": cert_p.witness()},
    }
    proves = "every listed point is a vertex (an exposing normal), every listed facet is valid and tight"
    if game.k <= 2:
        vertex_claims = [certified(key, f"certificates/{key}", proves=proves + "; in the plane, none is missing (convex ring)")
                         for key in ("states", "prior")]
    else:
        complete = {"states": all(c.complete for c in certs.values()), "prior": cert_p.complete}
        vertex_claims = [certified(key, f"certificates/{key}",
                                   proves=proves + "; none is missing (the boundary simplices form an oriented cycle)")
                         if complete[key] else
                         conditional(key, "for completeness (no vertex missing): cddlib's double description, or Qhull's proposal proved "
                                     "exactly by exactgame.geometry.hull_fast (an oriented boundary cycle the document does not carry)",
                                     f"certificates/{key}", proves=proves) for key in ("states", "prior")]
    claims = [certified("players"), certified("prior_used", proves="the prior used")] + vertex_claims
    return Report("payoffs", game, {"prior": prior}, doc, tuple(claims), tuple(lines))
