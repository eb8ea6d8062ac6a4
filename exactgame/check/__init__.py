r"""The independent checker: re-verify a result document against its game, trusting no solver.

:func:`check_document` takes an ``exactgame ... --json`` document (see
:mod:`exactgame.results`) and

1. reads the embedded canonical game with its own code and recomputes its SHA-256
   (``game_sha256`` must match; with ``game=`` a separately supplied canonical game must
   hash the same);
2. rebuilds each problem (the obedience LP, the LP with payments, LP-Binary, the
   deviation systems of efficiency, the receiver's best responses, the IC polytope of
   bargaining) from the game and ``options`` -- never from data a certificate supplies;
3. checks each certificate's witnesses against the rebuilt problem;
4. checks that every answer key equals what the certificates prove, and that every claim
   labelled ``certified`` or ``conditional`` is one the checker proved -- or one it
   *delegates*: the acquisition supremum's branch and bound is not rebuilt here, and
   ``exactgame verify`` re-computes those keys (and says so per key). A key the checker proves
   only given an unproved premise (a published theorem, cddlib's completeness, the engine's
   previous round) must be labelled ``conditional``, never ``certified``.

The first key that does not hold raises :class:`CheckFailure` (key, claimed, proved).

The checker imports only :mod:`exactgame.numbers` (exact parsing), :mod:`exactgame.errors`,
:mod:`exactgame.numberfield` (exact arithmetic in a real number field, for algebraic Nash
points), python-flint (big integers; ``arb`` balls for the acquisition comparisons) and the
standard library; with those three modules its size is the project's trusted base (see the README).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from .core import CheckFailure, expect, table
from .games import digest, read_game

__all__ = ["CheckFailure", "CheckReport", "check_document", "SCHEMA", "checked_commands"]

SCHEMA = "exactgame-result/1"


@dataclass
class CheckReport:
    """What the checker proved: ``proved`` keys, and each claim's status as the document states it.

    ``claims`` maps each claim key to its label (``certified``, ``conditional on ...``,
    ``not certified (...)``); ``not_checked`` lists the ``not certified`` claims; ``delegated``
    the claims left to a re-computation (:mod:`exactgame.recheck`).

    Parameters
    ----------
    command : str
        the document's subcommand.
    game_sha256 : str
        the recomputed hash of its game.
    proved, not_checked, delegated : list of str, optional
        keys, as above.
    claims : dict, optional
        labels, as above.

    >>> r = CheckReport("payoffs", "ab12", ["prior"], {"prior": "certified"})
    >>> r.to_dict()["verified"], r.to_dict()["claims"]
    (True, {'prior': 'certified'})
    """

    command: str
    game_sha256: str
    proved: list[str] = field(default_factory=list)
    claims: dict[str, str] = field(default_factory=dict)
    not_checked: list[str] = field(default_factory=list)
    delegated: list[str] = field(default_factory=list)   # claims the checker leaves to a re-computation

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON (what ``exactgame verify --json`` prints).

        Returns
        -------
        dict
            ``verified`` (always True: a failure raises instead) and the fields.
        """
        return {"verified": True, "command": self.command, "game_sha256": self.game_sha256, "proved": self.proved,
                "claims": self.claims, "not_checked": self.not_checked, "delegated": self.delegated}


def _checkers() -> dict[str, Callable]:
    from .acquisition import check_acquisition
    from .bargaining import check_bargain
    from .buyer_seller import check_buyer_seller
    from .cheaptalk import check_cheaptalk
    from .dialogue import check_dialogue
    from .efficiency import check_efficiency
    from .payoffs import check_payoffs
    from .peer_selection import check_peer_selection
    from .persuasion import check_persuade

    return {"persuade": check_persuade, "efficiency": check_efficiency, "cheaptalk": check_cheaptalk,
            "bargain": check_bargain, "payoffs": check_payoffs,
            "dialogue": check_dialogue, "acquisition": check_acquisition, "peer-selection": check_peer_selection,
            "buyer-seller": check_buyer_seller}


def checked_commands() -> list[str]:
    """The subcommands whose documents the independent checker rebuilds and checks.

    Returns
    -------
    list of str
        sorted command names.

    >>> checked_commands()
    ['acquisition', 'bargain', 'buyer-seller', 'cheaptalk', 'dialogue', 'efficiency', 'payoffs', 'peer-selection', 'persuade']
    """
    return sorted(_checkers())


def check_document(doc: Mapping[str, Any], game: Mapping[str, Any] | None = None) -> CheckReport:
    """Check a result document (module doc); return a report or raise CheckFailure.

    A malformed document (a list where a table belongs, a missing row, a name that is not a
    string) is a CheckFailure too, never another exception.

    Parameters
    ----------
    doc : mapping
        the result document.
    game : mapping or None, optional
        a canonical game supplied separately (``--game``): it must hash like the document's.

    Returns
    -------
    CheckReport
        the keys proved and the claims' labels.

    Raises
    ------
    CheckFailure
        at the first key that does not hold (``schema``, ``game_sha256``, ``command``, an answer
        key, or ``claims/<key>`` for a claim labelled beyond what is proved).

    >>> from exactgame.check.games import digest
    >>> canon = {"kind": "sender-receiver", "states": ["w"], "actions": ["x", "y"], "prior": ["1"],
    ...          "payoffs": {"sender": {"w": [1, 0]}, "receiver": {"w": [0, 1]}}}
    >>> hull = {"certificate": "convex-hull", "normals": [["1", "-1"], ["-1", "1"]], "facets": [],
    ...         "equations": [{"a": ["1", "1"], "b": "1"}]}
    >>> keys = ["players", "prior_used", "states", "prior"]
    >>> doc = {"schema": SCHEMA, "command": "payoffs", "game": canon, "game_sha256": digest(canon),
    ...        "players": ["sender", "receiver"], "prior_used": ["1"], "states": {"w": [["1", "0"], ["0", "1"]]},
    ...        "prior": [["1", "0"], ["0", "1"]], "certificates": {"states": {"w": hull}, "prior": hull},
    ...        "claims": {k: {"status": "certified"} for k in keys}}
    >>> check_document(doc).proved == keys
    True
    >>> check_document({**doc, "prior_used": ["1/2"]})
    Traceback (most recent call last):
    ...
    exactgame.check.core.CheckFailure: prior_used: the claimed value is not the proved one (claimed (1/2), proved (1))
    """
    try:
        return _check(doc, game)
    except CheckFailure:
        raise
    except (AttributeError, TypeError, KeyError, IndexError, ValueError, ZeroDivisionError, RecursionError) as exc:
        raise CheckFailure("document", f"malformed result document ({type(exc).__name__}: {str(exc)[:200]})") from None


def _check(doc: Mapping[str, Any], game: Mapping[str, Any] | None) -> CheckReport:
    doc = table(doc, "document")
    expect(doc.get("schema") == SCHEMA, "schema", lambda: f"expected {SCHEMA!r}, found {doc.get('schema')!r}")
    canon = doc.get("game")
    sha = digest(table(canon, "game"))
    expect(doc.get("game_sha256") == sha, "game_sha256", lambda: f"the embedded game hashes to {sha}, not to the claimed {doc.get('game_sha256')}")
    if game is not None:
        other = digest(table(game, "--game"))
        expect(other == sha, "game_sha256", lambda: f"the game given with --game hashes to {other}, the document's game to {sha}: "
                                            "this result is about another game")
    command: Any = doc.get("command")
    checkers = _checkers()
    expect(command in checkers, "command",
           lambda: f"the independent checker has no checks for {command!r} documents (it checks: {', '.join(sorted(checkers))})")
    options = table(doc.get("options", {}), "options")
    g = read_game(canon)
    out = checkers[command](doc, g, options)
    if not isinstance(out, tuple):
        out = (out,)
    proved, delegated, only_given = (list(out[0]), list(out[1]) if len(out) > 1 else [], set(out[2]) if len(out) > 2 else set())
    claims = table(doc.get("claims", {}), "claims")
    report = CheckReport(command, sha, proved, delegated=delegated)
    for key, c in claims.items():
        c = table(c, f"claims/{key}")
        status: Any = c.get("status")
        expect(status in ("certified", "conditional", "not certified"), f"claims/{key}/status", lambda: f"unknown status {status!r}")
        if status in ("certified", "conditional"):
            expect(key in proved or key in delegated, f"claims/{key}",
                   lambda: f"the claim is labelled {status!r} but the checker proves no such key")
            expect(not (status == "certified" and key in only_given), f"claims/{key}",
                   "labelled 'certified', but the checker proves it only given what a conditional claim rests on")
        else:
            report.not_checked.append(key)
        report.claims[key] = {"certified": "certified", "conditional": f"conditional on {c.get('rests_on')}",
                              "not certified": f"not certified ({c.get('why')})" if c.get("why") else "not certified"}[status]
    for key in proved:
        expect(key in claims, f"claims/{key}", "the document does not state the status of this claim")
    return report
