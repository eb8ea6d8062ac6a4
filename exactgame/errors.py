"""One error hierarchy for exactgame.

Every class is also a built-in exception, so callers can catch either
``exactgame.errors.InputError`` or plain ``ValueError``.

>>> issubclass(InputError, ValueError), issubclass(NotExactError, TypeError)
(True, True)
"""

from __future__ import annotations


class ExactgameError(Exception):
    """Base class of every error exactgame raises on purpose."""


class InputError(ExactgameError, ValueError):
    """Bad input: a malformed file, a wrong key, an impossible value.

    The message names where the problem is (file, key, function) and what to do.
    The command line prints it on one line and exits with code 2.
    """

    def __init__(self, message: str, *, where: str | None = None):
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)

    def located(self, where: str) -> "InputError":
        """Return a copy whose message is prefixed by ``where`` (e.g. a file name)."""
        inner = str(self)
        return type(self)(inner, where=where)


class NotExactError(ExactgameError, TypeError):
    """A value that is not exact (a Python float) was given where exactness is required."""


class CertificateError(ExactgameError, AssertionError):
    """A certificate did not verify.

    A certificate produced by exactgame that fails to verify is a bug in exactgame:
    please report it with the input that produced it.
    """


class SolverError(ExactgameError, RuntimeError):
    """A solver backend failed to produce an answer (not a legitimate LP status)."""


class TooLargeError(InputError):
    """The computation asked for would explode (huge exponent, enormous game)."""


class InternalError(ExactgameError, RuntimeError):
    """A bug in exactgame: a state that correct code cannot reach (e.g. a constructed answer that
    fails its own definition). The command line exits with code 1 and says it is a bug; never 2,
    which is for bad input."""
