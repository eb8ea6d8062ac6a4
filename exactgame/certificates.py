"""Certificates: witnesses that an independent exact check re-verifies.

Every solver in exactgame returns its answer together with a :class:`Certificate`.
A certificate holds what is needed to re-check the answer with plain
:class:`fractions.Fraction` arithmetic, without trusting the solver that produced it.

* ``verify()`` returns ``True`` or raises :class:`~exactgame.errors.CertificateError`
  naming the condition that failed;
* ``to_dict()`` gives JSON-ready data with every number as an exact string ``"p/q"``;
* :func:`certificate_from_dict` rebuilds a certificate from that data (used by
  ``exactgame verify CERT.json``).

Subclasses register themselves under a ``kind`` name.

>>> import exactgame.geometry.lp
>>> sorted(k for k in registered_kinds() if k.startswith("lp-"))
['lp-infeasible', 'lp-optimal', 'lp-unbounded']
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, ClassVar, Iterable, Mapping, Sequence

from .errors import CertificateError, InputError
from .numbers import fmt, to_fraction

__all__ = [
    "Certificate",
    "certificate_from_dict",
    "registered_kinds",
    "require",
    "dot",
    "encode",
    "decode_vector",
    "decode_matrix",
    "show",
]

_REGISTRY: dict[str, type["Certificate"]] = {}

#: Where each certificate kind is defined: :func:`certificate_from_dict` imports the module on
#: first use, so reading a certificate never imports the whole package (a test keeps this table
#: equal to what a full import registers).
KIND_MODULES: dict[str, str] = {
    "acquisition-implementability": "exactgame.acquisition.implementability",
    "acquisition-revenue": "exactgame.acquisition.supremum",
    "acquisition-simplex-revenue": "exactgame.acquisition.simplex",
    "acquisition-subsidy": "exactgame.acquisition.subsidy",
    "beneficial-agreement": "exactgame.bargaining.agreement",
    "cheap-talk-equilibrium": "exactgame.cheaptalk",
    "cheaptalk-cone-level": "exactgame.cheaptalk_cones",
    "concave-envelope-value": "exactgame.geometry.envelope",
    "convex-hull": "exactgame.geometry.hullcert",
    "dialogue-envelope": "exactgame.dialogue.certificate",
    "dialogue-path": "exactgame.dialogue.certificate",
    "dialogue-split": "exactgame.dialogue.certificate",
    "dialogue-tree": "exactgame.dialogue.certificate",
    "dominated-outcome": "exactgame.efficiency",
    "efficient-outcome": "exactgame.efficiency",
    "lp-infeasible": "exactgame.geometry.lp",
    "lp-optimal": "exactgame.geometry.lp",
    "lp-unbounded": "exactgame.geometry.lp",
    "nash-bargaining": "exactgame.bargaining.nash_bargaining",
    "nash-bargaining-algebraic": "exactgame.bargaining.nash_bargaining",
    "nash-bargaining-disagreement": "exactgame.bargaining.nash_bargaining",
    "no-beneficial-agreement": "exactgame.bargaining.agreement",
    "outcome-face": "exactgame.outcome_face",
    "quasiconcave-envelope-value": "exactgame.geometry.envelope",
    "vector-dominated": "exactgame.pareto",
    "vector-efficient": "exactgame.pareto",
    "vector-infeasible": "exactgame.pareto",
}


def _lookup(kind: str) -> "type[Certificate] | None":
    if kind not in _REGISTRY and kind in KIND_MODULES:
        import importlib

        importlib.import_module(KIND_MODULES[kind])
    return _REGISTRY.get(kind)


class Certificate:
    """Base class: a witness for one answer, checkable by exact arithmetic alone.

    Subclasses set the class attribute ``kind``, implement :meth:`_check` (raise
    :class:`CertificateError` via :func:`require` on the first failed condition),
    :meth:`_data` (the fields, JSON-ready) and the classmethod :meth:`_from_data`.
    A subclass with a nonempty ``kind`` registers itself for :func:`certificate_from_dict`
    (and is listed in :data:`KIND_MODULES`).

    Example: a Farkas certificate that ``x <= 1, x >= 2`` has no solution (``y = (1, 1)``:
    ``y >= 0``, ``A^T y = 0 >= 0``, ``b . y = -1 < 0``).

    >>> from exactgame.geometry.lp import LPProblem, LPInfeasibleCertificate
    >>> p = LPProblem.make([0], A_ub=[[1], [-1]], b_ub=[1, -2])
    >>> cert = LPInfeasibleCertificate(p, (Fraction(1), Fraction(1)), ())
    >>> cert.verify(), cert.to_dict()["certificate"], cert.to_dict()["y_ub"]
    (True, 'lp-infeasible', ['1', '1'])
    >>> certificate_from_dict(cert.to_dict()) == cert
    True
    >>> LPInfeasibleCertificate(p, (Fraction(1), Fraction(0)), ()).verify()
    Traceback (most recent call last):
    ...
    exactgame.errors.CertificateError: lp-infeasible: b . y = 1 is not negative
    """

    kind: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.kind:
            _REGISTRY[cls.kind] = cls

    def verify(self) -> bool:
        """Re-check the certificate exactly; return True or raise CertificateError.

        Returns
        -------
        bool
            always True (a failed condition raises instead).

        Raises
        ------
        CertificateError
            naming the first condition of the certificate's contract that fails.
        """
        self._check()
        object.__setattr__(self, "_passed", True)  # certificates are frozen: a pass stays a pass
        return True

    @property
    def passed(self) -> bool:
        """Whether this very object has passed :meth:`verify` (its fields are immutable).

        A backend that already proved its answer hands the verified object over and the
        caller need not run the same exact check twice (:func:`~exactgame.geometry.lp.solve_problem`).

        Returns
        -------
        bool
            True after a successful :meth:`verify` of this object, False before.
        """
        return bool(self.__dict__.get("_passed"))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: ``{"certificate": kind, ...}`` with exact number strings.

        Returns
        -------
        dict
            the kind under ``"certificate"`` and the subclass's fields; the input of
            :func:`certificate_from_dict`.
        """
        return {"certificate": self.kind, **self._data()}

    # -- to implement -------------------------------------------------------
    def _check(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _data(self) -> dict[str, Any]:  # pragma: no cover - abstract
        raise NotImplementedError

    @classmethod
    def _from_data(cls, data: Mapping[str, Any]) -> "Certificate":  # pragma: no cover - abstract
        raise NotImplementedError


def registered_kinds() -> list[str]:
    """Names of all certificate kinds that :func:`certificate_from_dict` understands.

    Returns
    -------
    list of str
        sorted; the kinds registered so far and those in :data:`KIND_MODULES` (loaded on use).

    >>> "lp-optimal" in registered_kinds(), registered_kinds() == sorted(registered_kinds())
    (True, True)
    """
    return sorted(set(_REGISTRY) | set(KIND_MODULES))


def certificate_from_dict(data: Mapping[str, Any]) -> Certificate:
    """Rebuild a certificate from :meth:`Certificate.to_dict` output.

    The kind's module is imported on first use (:data:`KIND_MODULES`). The result is not
    verified here: call :meth:`Certificate.verify`.

    Parameters
    ----------
    data : mapping
        a JSON object with the kind under ``"certificate"`` and its fields.

    Returns
    -------
    Certificate
        an instance of the registered class of that kind.

    Raises
    ------
    InputError
        if the data is not a certificate of a known kind or a field is malformed.

    >>> cert = certificate_from_dict({"certificate": "lp-unbounded", "x": ["0"], "ray": ["1"],
    ...     "problem": {"c": ["1"], "A_ub": [], "b_ub": [], "A_eq": [], "b_eq": [], "maximize": True}})
    >>> type(cert).__name__, cert.ray, cert.verify()
    ('LPUnboundedCertificate', (Fraction(1, 1),), True)
    >>> certificate_from_dict({"certificate": "lp-optimal"})
    Traceback (most recent call last):
    ...
    exactgame.errors.InputError: certificate of kind 'lp-optimal' lacks the key 'problem'
    """
    if not isinstance(data, Mapping):
        raise InputError("a certificate must be a JSON object")
    kind = data.get("certificate")
    if not isinstance(kind, str) or _lookup(kind) is None:
        raise InputError(
            f"key 'certificate': unknown certificate kind {str(kind)[:80]!r}; known kinds: {', '.join(registered_kinds())}"
        )
    try:
        return _REGISTRY[kind]._from_data(data)
    except InputError:
        raise
    except KeyError as exc:
        raise InputError(f"certificate of kind {kind!r} lacks the key {str(exc.args[0])[:80]!r}") from None
    except (TypeError, ValueError, AttributeError, IndexError, ZeroDivisionError) as exc:
        raise InputError(f"certificate of kind {kind!r} is malformed ({type(exc).__name__}: {str(exc)[:160]})") from None


# -- helpers shared by all certificates ---------------------------------------

def require(condition: bool, message: str) -> None:
    """Raise :class:`CertificateError` with ``message`` unless ``condition`` holds.

    Parameters
    ----------
    condition : bool
        the condition of the certificate's contract.
    message : str
        what failed, with the offending values.

    Raises
    ------
    CertificateError
        when ``condition`` is false.

    >>> require(Fraction(1, 2) > 0, "weight must be positive")
    >>> require(Fraction(-1, 2) > 0, "weight -1/2 must be positive")
    Traceback (most recent call last):
    ...
    exactgame.errors.CertificateError: weight -1/2 must be positive
    """
    if not condition:
        raise CertificateError(message)


def dot(u: Sequence[Fraction], v: Sequence[Fraction]) -> Fraction:
    """Exact inner product ``sum_i u[i] v[i]`` of two equal-length vectors.

    Parameters
    ----------
    u, v : sequence of Fraction (or int)
        the vectors.

    Returns
    -------
    Fraction
        the inner product.

    Raises
    ------
    CertificateError
        if the lengths differ.

    >>> dot([Fraction(1, 2), 2], [2, Fraction(1, 4)])
    Fraction(3, 2)
    """
    if len(u) != len(v):
        raise CertificateError(f"vectors of lengths {len(u)} and {len(v)} cannot be multiplied")
    total = Fraction(0)
    for a, b in zip(u, v):
        if a and b:
            total += a * b
    return total


def encode(obj: Any) -> Any:
    """Turn numbers (nested in lists, tuples, dicts) into exact strings for JSON.

    Parameters
    ----------
    obj : any
        ints and Fractions become :func:`~exactgame.numbers.fmt` strings; bools, None and
        strings stay; mappings (keys made strings) and other iterables are encoded
        recursively; an object with ``to_dict()`` gives its dict.

    Returns
    -------
    object
        JSON-ready data (a tuple becomes a list).

    Raises
    ------
    TypeError
        for anything else (e.g. a float).

    >>> encode({"x": (Fraction(1, 2), 3)})
    {'x': ['1/2', '3']}
    """
    if isinstance(obj, bool) or obj is None or isinstance(obj, str):
        return obj
    if isinstance(obj, (int, Fraction)):
        return fmt(obj)
    if isinstance(obj, Mapping):
        return {str(k): encode(v) for k, v in obj.items()}
    if isinstance(obj, Iterable):
        return [encode(v) for v in obj]
    to_dict = getattr(obj, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    raise TypeError(f"cannot encode {type(obj).__name__} as exact JSON")


def decode_vector(values: Any, key: str) -> tuple[Fraction, ...]:
    """Read a list of exact number strings (certificate field ``key``).

    Parameters
    ----------
    values : list or tuple
        the numbers (strings, ints).
    key : str
        the field name, for messages.

    Returns
    -------
    tuple of Fraction
        the exact values.

    Raises
    ------
    InputError
        if ``values`` is not a list or tuple or an entry is not an exact number.

    >>> decode_vector(["1/2", "-3"], "x")
    (Fraction(1, 2), Fraction(-3, 1))
    >>> decode_vector("1/2", "x")
    Traceback (most recent call last):
    ...
    exactgame.errors.InputError: certificate key 'x' must be a list of numbers
    """
    if not isinstance(values, (list, tuple)):
        raise InputError(f"certificate key {key!r} must be a list of numbers")
    return tuple(to_fraction(v, where=f"certificate key {key!r}") for v in values)


def decode_matrix(rows: Any, key: str) -> tuple[tuple[Fraction, ...], ...]:
    """Read a list of lists of exact number strings (certificate field ``key``).

    Parameters
    ----------
    rows : list or tuple
        the rows, each read by :func:`decode_vector`.
    key : str
        the field name, for messages.

    Returns
    -------
    tuple of tuple of Fraction
        the exact rows (they may differ in length).

    Raises
    ------
    InputError
        if ``rows`` or a row is not a list or tuple, or an entry is not an exact number.

    >>> decode_matrix([["1", "0"], ["1/3", "2"]], "A")
    ((Fraction(1, 1), Fraction(0, 1)), (Fraction(1, 3), Fraction(2, 1)))
    """
    if not isinstance(rows, (list, tuple)):
        raise InputError(f"certificate key {key!r} must be a list of rows")
    return tuple(decode_vector(r, key) for r in rows)


def show(x: Any) -> str:
    """Exact, readable text of a number or a (nested) vector, for messages.

    Parameters
    ----------
    x : any
        an int or Fraction (printed exactly), a list or tuple (printed as ``(a, b, ...)``,
        recursively), or anything else (printed with ``str``).

    Returns
    -------
    str
        the text.

    >>> show((Fraction(1, 2), 3))
    '(1/2, 3)'
    """
    if isinstance(x, (int, Fraction)) and not isinstance(x, bool):
        return fmt(x)
    if isinstance(x, (list, tuple)):
        return "(" + ", ".join(show(v) for v in x) + ")"
    return str(x)
