r"""The result protocol: every answer bound to its game, its options and its certificates.

A result document (what ``--json`` prints, and what :func:`proof_document` builds for
Python callers) holds, beside the answer's own keys (the interface contract's keys stay
where they are):

``schema``
    the version of this protocol, :data:`SCHEMA`;
``command`` and ``method``
    what was computed (``persuade``, ``efficiency``, ...) and how;
``game`` and ``game_sha256``
    the input game in canonical form (exact number strings, names in file order; see
    :func:`canonical_game`) and the SHA-256 of its canonical JSON text (:func:`game_digest`);
``options``
    the options that shape the problem (prior, payment model, rounds, weights);
``claims``
    ``{key: {"status", "certificates", ...}}``: for every answer key, whether it is
    ``certified`` (the named certificates, re-checked against the problem rebuilt from
    ``game`` and ``options``, prove it), ``conditional`` (it also rests on a published
    proposition or an unproved reduction, named in ``rests_on``) or ``not certified``
    (``why`` says what is missing).

``exactgame verify`` checks such a document with the independent checker in
:mod:`exactgame.check`, which rebuilds every problem from ``game`` and ``options``.

>>> c = certified("value", "certificates/lp", proves="the optimum of the obedience LP")
>>> c.to_dict()["status"], c.to_dict()["certificates"]
('certified', ['certificates/lp'])
>>> game_digest({"kind": "x", "prior": ["1/2", "1/2"]})[:12]
'1608272f88d1'
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from .display.citations import cite
from .display.layout import claim_label
from .display.mixin import Displayable
from .certificates import encode
from .errors import InternalError

__all__ = [
    "SCHEMA",
    "CERTIFIED",
    "CONDITIONAL",
    "NOT_CERTIFIED",
    "Claim",
    "certified",
    "conditional",
    "not_certified",
    "canonical_game",
    "canonical_json",
    "game_digest",
    "proof_document",
    "claims_text",
    "Report",
]

#: Version of the result-document protocol.
SCHEMA = "exactgame-result/1"

CERTIFIED = "certified"
CONDITIONAL = "conditional"
NOT_CERTIFIED = "not certified"
STATUSES = (CERTIFIED, CONDITIONAL, NOT_CERTIFIED)


@dataclass(frozen=True)
class Claim:
    """One answer key and what proves it.

    ``key`` is the document key (a ``/``-separated path for nested keys), ``certificates``
    the document paths of the certificates that prove it, ``proves`` a sentence saying
    what they prove, ``rests_on`` (conditional claims) the proposition or reduction it
    also needs, ``why`` (claims that are not certified) what is missing. Build claims with
    :func:`certified`, :func:`conditional` and :func:`not_certified`.

    Parameters
    ----------
    key : str
        the document key.
    status : str
        one of :data:`CERTIFIED`, :data:`CONDITIONAL`, :data:`NOT_CERTIFIED`.
    certificates : tuple of str, optional
        document paths of the proving certificates.
    proves, rests_on, why : str or None, optional
        see above.

    Raises
    ------
    InternalError
        for an unknown status (a bug in the module that builds the claim).

    >>> c = Claim("value", CONDITIONAL, ("certificates/lp",), rests_on="Proposition 1")
    >>> c.label(), c.to_dict()
    ('conditional on Proposition 1', {'status': 'conditional', 'certificates': ['certificates/lp'], 'rests_on': 'Proposition 1'})
    """

    key: str
    status: str
    certificates: tuple[str, ...] = ()
    proves: str | None = None
    rests_on: str | None = None
    why: str | None = None

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise InternalError(f"claim {self.key!r}: status {self.status!r} is not one of {STATUSES}")

    def to_dict(self) -> dict[str, Any]:
        """The claim as it appears under ``claims/<key>`` of a result document.

        Returns
        -------
        dict
            ``status`` and ``certificates``, plus ``proves``, ``rests_on`` and ``why`` when set.
        """
        d: dict[str, Any] = {"status": self.status, "certificates": list(self.certificates)}
        for name in ("proves", "rests_on", "why"):
            if getattr(self, name):
                d[name] = getattr(self, name)
        return d

    def label(self) -> str:
        """``certified``, ``conditional on ...`` or ``not certified (...)``: what text output prints.

        Returns
        -------
        str
            the label.
        """
        return claim_label(self.status, self.rests_on, self.why)


def certified(key: str, *certificates: str, proves: str | None = None) -> Claim:
    """A claim proved by the named certificates (checked against the rebuilt problem).

    Parameters
    ----------
    key : str
        the document key.
    *certificates : str
        document paths of the certificates.
    proves : str or None, optional
        what they prove.

    Returns
    -------
    Claim
        a claim with status :data:`CERTIFIED`.

    >>> certified("value", "certificates/lp").label()
    'certified'
    """
    return Claim(key, CERTIFIED, tuple(certificates), proves=proves)


def conditional(key: str, rests_on: str, *certificates: str, proves: str | None = None) -> Claim:
    """A claim that also rests on a published proposition or an unproved reduction.

    Parameters
    ----------
    key : str
        the document key.
    rests_on : str
        the proposition or reduction it needs.
    *certificates : str
        document paths of the certificates.
    proves : str or None, optional
        what the certificates prove.

    Returns
    -------
    Claim
        a claim with status :data:`CONDITIONAL`.

    >>> conditional("equilibrium", "Lipnowski-Ravid Theorem 1", "certificates/eq").label()
    'conditional on Lipnowski-Ravid Theorem 1'
    """
    return Claim(key, CONDITIONAL, tuple(certificates), proves=proves, rests_on=rests_on)


def not_certified(key: str, why: str) -> Claim:
    """A claim that no certificate proves (a float search, a step skipped above a size).

    Parameters
    ----------
    key : str
        the document key.
    why : str
        what is missing.

    Returns
    -------
    Claim
        a claim with status :data:`NOT_CERTIFIED` and no certificates.

    >>> not_certified("nash", "float proposal only").label()
    'not certified (float proposal only)'
    """
    return Claim(key, NOT_CERTIFIED, (), why=why)


def canonical_game(game: Any) -> dict[str, Any]:
    """The game in canonical form: the game-file structure with exact number strings and
    names in file order (every model implements ``canonical()``).

    Parameters
    ----------
    game : object
        a game model with a ``canonical()`` method.

    Returns
    -------
    dict
        what ``game.canonical()`` returns.

    Raises
    ------
    TypeError
        if ``game`` has no ``canonical()`` method.

    >>> class Coin:
    ...     def canonical(self):
    ...         return {"kind": "sender-receiver", "states": ["h", "t"], "prior": ["1/2", "1/2"]}
    >>> canonical_game(Coin())["prior"]
    ['1/2', '1/2']
    """
    canon = getattr(game, "canonical", None)
    if not callable(canon):
        raise TypeError(f"{type(game).__name__} has no canonical form (a canonical() method)")
    return canon()


def canonical_json(canon: Mapping[str, Any]) -> bytes:
    """The bytes that :func:`game_digest` hashes: sorted keys, no spaces, UTF-8.

    Parameters
    ----------
    canon : mapping
        a canonical game (JSON data).

    Returns
    -------
    bytes
        ``json.dumps(canon, sort_keys=True, separators=(",", ":"), ensure_ascii=False)`` in UTF-8.

    >>> canonical_json({"states": ["é"], "kind": "x"})
    b'{"kind":"x","states":["\\xc3\\xa9"]}'
    """
    return json.dumps(canon, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def game_digest(canon: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of the canonical JSON text of a canonical game.

    Parameters
    ----------
    canon : mapping
        a canonical game.

    Returns
    -------
    str
        64 hex digits of ``sha256(canonical_json(canon))``; key order does not matter.

    >>> game_digest({"a": "1", "b": "2"}) == game_digest({"b": "2", "a": "1"})
    True
    """
    return hashlib.sha256(canonical_json(canon)).hexdigest()


#: What each subcommand computes, when its result does not say it more precisely.
METHODS = {
    "payoffs": "vertices of F_w (convex hulls) and F_p (weighted Minkowski sum), with exposing normals and facets",
    "efficiency": "Proposition 2 deviation-cone LP; compatibility via normal cones (Definition 4)",
    "persuade": "the persuasion LP of the payment model, solved exactly with its primal-dual certificate",
    "cheaptalk": "transparent motives: quasicav V(p) with a constructed equilibrium (Definition 5)",
    "bargain": "LPs over the IC polytope (agreement, ideal point, egalitarian, Kalai-Smorodinsky); Nash: a float "
               "proposal solved exactly on its face and certified by the KKT linear program",
    "dialogue": f"alternating concavification ({cite('001_9d9f8fe1d5e70189.txt')} [001_9d9f8fe1d5e70189.txt]): "
                "whole-square engine for binary types, "
                "point engine otherwise",
    "buyer-seller": "eq. (31) and the regions R_ij from the receiver's cells; the BP outcome by the obedience LP with its "
                    "primal-dual certificate; its efficiency by Proposition 2",
    "peer-selection": "the ranking-based mechanism by its definition; the optimal DIC mechanism by an exact LP with its "
                      "primal-dual certificate; efficiency of both by Proposition 2",
    "acquisition": "implementability by the lemma's multipliers, deviations, and the certified subsidy supremum",
}


def proof_document(command: str, game: Any, options: Mapping[str, Any], body: Mapping[str, Any],
                   claims: Iterable[Claim]) -> dict[str, Any]:
    """``body`` (the answer's keys, unchanged) plus the protocol keys of the module docstring.

    ``method`` is added from :data:`METHODS` unless ``body`` has one; ``options`` are
    encoded with exact strings.

    Parameters
    ----------
    command : str
        the subcommand (``persuade``, ``efficiency``, ...).
    game : object
        the game model (see :func:`canonical_game`).
    options : mapping
        the options that shape the problem.
    body : mapping
        the answer's keys.
    claims : iterable of Claim
        one per answer key.

    Returns
    -------
    dict
        the result document.

    >>> from fractions import Fraction
    >>> class Coin:
    ...     def canonical(self):
    ...         return {"kind": "sender-receiver", "states": ["h", "t"], "prior": ["1/2", "1/2"]}
    >>> d = proof_document("persuade", Coin(), {"prior": (Fraction(1, 2), Fraction(1, 2))},
    ...                    {"value": "3/4"}, [certified("value", "certificates/lp")])
    >>> d["options"], d["claims"], d["game_sha256"] == game_digest(d["game"])
    ({'prior': ['1/2', '1/2']}, {'value': {'status': 'certified', 'certificates': ['certificates/lp']}}, True)
    """
    canon = canonical_game(game)
    doc = dict(body)
    doc.setdefault("method", METHODS.get(command, command))
    doc["schema"] = SCHEMA
    doc["command"] = command
    doc["game"] = canon
    doc["game_sha256"] = game_digest(canon)
    doc["options"] = encode(dict(options))
    doc["claims"] = {c.key: c.to_dict() for c in claims}
    return doc


def claims_text(claims: Iterable[Claim]) -> list[str]:
    """Lines for text output: one per claim, saying exactly what proves it.

    Parameters
    ----------
    claims : iterable of Claim
        the claims.

    Returns
    -------
    list of str
        ``"  <key>: <label>"``, with ``" by <certificate names>"`` (last path parts) for
        certified claims.

    >>> claims_text([certified("value", "certificates/lp"), not_certified("nash", "float only")])
    ['  value: certified by lp', '  nash: not certified (float only)']
    """
    lines = []
    for c in claims:
        what = c.label()
        if c.status == CERTIFIED and c.certificates:
            what += " by " + ", ".join(p.rsplit("/", 1)[-1] for p in c.certificates)
        lines.append(f"  {c.key}: {what}")
    return lines


@dataclass(frozen=True)
class FigureSpec:
    """A figure a result asks for: the drawing function ``exactgame.plots.<name>``, its keyword
    arguments (result objects, not drawings) and the file to write. Modules describe figures;
    the interface layer draws them (:func:`exactgame.plots.draw`), so no module imports the
    plotting code.

    Parameters
    ----------
    name : str
        the drawing function's name in :mod:`exactgame.plots`.
    args : mapping
        its keyword arguments.
    path : str
        the output file.

    >>> FigureSpec("envelope", {"result": None}, "value.png")
    FigureSpec(name='envelope', args={'result': None}, path='value.png')
    """

    name: str
    args: Mapping[str, Any]
    path: str


#: Keys of the result protocol itself and keys that do not hold answers (not compared on re-computation).
PROTOCOL_KEYS = ("schema", "command", "game", "game_sha256", "options", "plot")


def _first_difference(a: Any, b: Any, path: str) -> str | None:
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        for k in list(a) + [k for k in b if k not in a]:
            if k not in a or k not in b:
                return f"{path}{k}"
            d = _first_difference(a[k], b[k], f"{path}{k}/")
            if d:
                return d
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return path.rstrip("/")
        for i, (x, y) in enumerate(zip(a, b)):
            d = _first_difference(x, y, f"{path}{i}/")
            if d:
                return d
        return None
    return None if a == b and type(a) is type(b) else path.rstrip("/")


def compare_documents(doc: Mapping[str, Any], fresh: Mapping[str, Any]) -> None:
    """Raise :class:`exactgame.check.CheckFailure` at the first answer key where ``doc`` and the
    recomputed ``fresh`` document differ (protocol keys are not compared).

    ``fresh`` is normalised through JSON and given ``doc``'s command's default ``method``
    when it has none; values must be equal and of the same JSON type.

    Parameters
    ----------
    doc : mapping
        the document as saved.
    fresh : mapping
        the answer's keys recomputed from the same game and options.

    Raises
    ------
    CheckFailure
        naming the first differing ``/``-path, with both values (``(absent)`` for a missing key).

    >>> doc = {"command": "mine", "method": "mine", "value": "3/4"}
    >>> compare_documents(doc, {"value": "3/4"})
    >>> compare_documents(doc, {"value": "2/3"})
    Traceback (most recent call last):
    ...
    exactgame.check.core.CheckFailure: value: differs from the recomputed result (claimed 3/4, proved 2/3)
    """
    from .check import CheckFailure
    from .check.core import lookup

    fresh = dict(json.loads(json.dumps(fresh)))
    command: Any = doc.get("command")
    fresh.setdefault("method", METHODS.get(command, command))
    body = {k: v for k, v in doc.items() if k not in PROTOCOL_KEYS}
    fresh = {k: v for k, v in fresh.items() if k not in PROTOCOL_KEYS}
    where = _first_difference(body, fresh, "")
    if where:
        def at(d):
            try:
                return lookup(d, where)
            except CheckFailure:
                return "(absent)"

        raise CheckFailure(where, "differs from the recomputed result", at(body), at(fresh))


@dataclass(frozen=True, repr=False)
class Report(Displayable):
    """A subcommand's answer as a Python object: the game, the options, the answer's keys, the
    claims and the text lines; ``document()`` is the ``--json`` document, ``text()`` the text
    output, ``verify()`` runs the independent checker on the document.

    Every subcommand's module function returns one (e.g. ``exactgame.bargaining.bargain``).

    Parameters
    ----------
    command : str
        the subcommand.
    game : object
        the game model (with ``canonical()``).
    options : mapping
        the options that shape the problem.
    body : mapping
        the answer's keys (or, with ``complete``, the whole document).
    claims : tuple of Claim
        one per answer key.
    lines : tuple of str
        the text output before the claims.
    complete : bool, optional
        ``body`` already holds the protocol keys.
    figure : FigureSpec or None, optional
        the figure asked for.
    recompute : callable or None, optional
        recomputes the answer's keys for the keys the checker delegates.

    >>> class Coin:
    ...     def canonical(self):
    ...         return {"kind": "sender-receiver", "states": ["h", "t"], "prior": ["1/2", "1/2"]}
    >>> r = Report("persuade", Coin(), {}, {"value": "3/4"}, (certified("value", "certificates/lp"),),
    ...            ("value: 3/4",))
    >>> print(r.text())
    value: 3/4
    claims:
      value: certified by lp
    >>> r.document()["schema"], r.document()["value"]
    ('exactgame-result/1', '3/4')
    """

    command: str
    game: Any
    options: Mapping[str, Any]
    body: Mapping[str, Any]
    claims: tuple[Claim, ...]
    lines: tuple[str, ...]
    complete: bool = False   # ``body`` already holds the protocol keys (built by proof_document)
    #: the figure asked for with ``plot=``; :func:`exactgame.plots.draw` writes it (the CLI does)
    figure: FigureSpec | None = field(default=None, compare=False)
    #: recomputes the answer's keys, for the keys the independent checker delegates (see verify)
    recompute: Callable[[], Mapping[str, Any]] | None = field(default=None, repr=False, compare=False)

    def document(self) -> dict[str, Any]:
        """The proof-carrying result document (JSON-ready).

        Returns
        -------
        dict
            :func:`proof_document` of the report (or ``body`` when ``complete``), passed
            through JSON so that it holds only JSON types.
        """
        if self.complete:
            return json.loads(json.dumps(self.body))
        return json.loads(json.dumps(proof_document(self.command, self.game, self.options, self.body, self.claims)))

    def text(self) -> str:
        """The text output, ending with one line per claim.

        Returns
        -------
        str
            ``lines``, then ``claims:`` and :func:`claims_text`, joined by newlines.
        """
        return "\n".join([*self.lines, "claims:", *claims_text(self.claims)])

    def verify(self) -> bool:
        """Check the document with the independent checker (and, for the keys it delegates, by
        re-computation); True, or :class:`exactgame.check.CheckFailure` naming the first key that fails.

        Returns
        -------
        bool
            True when every key holds.

        Raises
        ------
        CheckFailure
            at the first key that fails, or for a delegated key when ``recompute`` is None.
        """
        from .check import check_document

        doc = self.document()
        report = check_document(doc)
        if report.delegated:
            from .check import CheckFailure

            if self.recompute is None:
                raise CheckFailure(report.delegated[0], "the checker delegates this key and the result has no re-computation")
            compare_documents(doc, self.recompute())
        return True
