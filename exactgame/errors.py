"""One error hierarchy for exactgame.

Every class is also a built-in exception, so callers can catch either
``exactgame.errors.InputError`` or plain ``ValueError``.

>>> issubclass(InputError, ValueError), issubclass(NotExactError, TypeError)
(True, True)
"""

from __future__ import annotations


class ExactgameError(Exception):
    """Base class of every error exactgame raises on purpose.

    Catch it to handle any deliberate exactgame failure at once (bad input, a failed
    certificate, a solver failure, a bug) while letting unrelated exceptions through.

    >>> all(issubclass(e, ExactgameError) for e in (InputError, NotExactError, CertificateError,
    ...                                              SolverError, TooLargeError, InternalError))
    True
    """


class InputError(ExactgameError, ValueError):
    """Bad input: a malformed file, a wrong key, an impossible value.

    The message names where the problem is (file, key, function) and what to do.
    The command line prints it on one line and exits with code 2.

    Parameters
    ----------
    message : str
        what is wrong and how to fix it.
    where : str or None, optional
        the location (file, key, function); when given the message becomes
        ``"<where>: <message>"`` and ``where`` is kept as an attribute.

    >>> e = InputError("prior does not sum to 1", where="game.toml")
    >>> str(e), e.where, isinstance(e, ValueError)
    ('game.toml: prior does not sum to 1', 'game.toml', True)
    >>> str(e.located("run 3"))
    'run 3: game.toml: prior does not sum to 1'
    """

    def __init__(self, message: str, *, where: str | None = None):
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)

    def located(self, where: str) -> "InputError":
        """Return a copy of the same class whose message is prefixed by ``where``.

        Parameters
        ----------
        where : str
            the outer location (e.g. a file name) to put in front of the message.

        Returns
        -------
        InputError
            a new error of ``type(self)`` with message ``"<where>: <str(self)>"``.
        """
        inner = str(self)
        return type(self)(inner, where=where)


class NotExactError(ExactgameError, TypeError):
    """A value that is not exact (a Python float) was given where exactness is required.

    Also a ``TypeError``, so code that catches wrong argument types catches it.

    >>> from exactgame.numbers import to_fraction
    >>> try:
    ...     to_fraction(0.5)
    ... except TypeError as e:
    ...     type(e).__name__
    'NotExactError'
    """


class CertificateError(ExactgameError, AssertionError):
    """A certificate did not verify.

    A certificate produced by exactgame that fails to verify is a bug in exactgame:
    please report it with the input that produced it. Also an ``AssertionError``.

    >>> issubclass(CertificateError, AssertionError), str(CertificateError("dual infeasible"))
    (True, 'dual infeasible')
    """


class SolverError(ExactgameError, RuntimeError):
    """A solver backend failed to produce an answer (not a legitimate LP status).

    Infeasible and unbounded LPs are statuses of a result, not this error; it is for a
    backend that crashes or returns nothing usable. Also a ``RuntimeError``.

    >>> issubclass(SolverError, RuntimeError), issubclass(SolverError, ValueError)
    (True, False)
    """


class TooLargeError(InputError):
    """The computation asked for would explode (huge exponent, enormous game).

    A kind of :class:`InputError` (exit code 2 on the command line): the input is legal
    in form but beyond the sizes exactgame builds.

    >>> from exactgame.numbers import parse_number
    >>> try:
    ...     parse_number("1e5000")
    ... except InputError as e:
    ...     type(e).__name__, str(e)
    ('TooLargeError', "exponent 5000 in '1e5000' is too large (at most 4000 in absolute value)")
    """


class InternalError(ExactgameError, RuntimeError):
    """A bug in exactgame: a state that correct code cannot reach (e.g. a constructed answer that
    fails its own definition). The command line exits with code 1 and says it is a bug; never 2,
    which is for bad input. Also a ``RuntimeError``; never an ``InputError``.

    >>> issubclass(InternalError, RuntimeError), issubclass(InternalError, InputError)
    (True, False)
    """
