"""One mixin gives games, polytopes and every result their Jupyter display, LaTeX and ``repr``.

A class mixes in :class:`Displayable` and, if its data is not found by the default, overrides
:meth:`Displayable.display_document`: a result's proof-carrying ``document()``, else a game's
``canonical()``, else ``to_dict()``. Everything else (``_repr_html_``, ``_repr_latex_``,
``to_latex()``, ``__repr__``) renders that document through :mod:`exactgame.display.layout`.
A dataclass that mixes it in passes ``repr=False`` so that the sentence replaces the
generated ``repr``.

>>> class Answer(Displayable):
...     def to_dict(self):
...         return {"value": "-7/2"}
>>> Answer()
Answer: value = -7/2
>>> Answer().to_latex().splitlines()[7]
'    value & $-\\\\frac{7}{2}$ &  \\\\\\\\'
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from typing import Any, Mapping

from ..numbers import fmt

__all__ = ["Displayable", "jsonable"]

#: Deepest nesting :func:`jsonable` follows.
MAX_DEPTH = 6


def jsonable(x: Any, depth: int = 0) -> Any:
    """JSON-ready data with exact strings from exact values, for display only.

    Fractions and ints become ``"p/q"`` strings, tuples lists, mappings dicts with string keys;
    objects with ``to_dict()`` give it; anything else its ``repr`` (a displayable object's sentence).

    Parameters
    ----------
    x : object
        a value.
    depth : int, optional
        the current nesting (beyond :data:`MAX_DEPTH` values are shown by their ``repr``).

    Returns
    -------
    object
        JSON-ready data.

    >>> jsonable({"p": (Fraction(1, 2), 3), "ok": True})
    {'p': ['1/2', '3'], 'ok': True}
    """
    if x is None or isinstance(x, (bool, str)):
        return x
    if isinstance(x, (int, Fraction)):
        return fmt(x)
    if depth < MAX_DEPTH and isinstance(x, Mapping):
        return {str(k): jsonable(v, depth + 1) for k, v in x.items()}
    if depth < MAX_DEPTH and isinstance(x, (list, tuple)):
        return [jsonable(v, depth + 1) for v in x]
    to_dict = getattr(x, "to_dict", None)
    if depth < MAX_DEPTH and callable(to_dict):
        return jsonable(to_dict(), depth + 1)
    return repr(x)


class Displayable:
    """Jupyter reprs (HTML, LaTeX), :meth:`to_latex` and a one-sentence ``repr`` from one document.

    >>> class Coin(Displayable):
    ...     def canonical(self):
    ...         return {"kind": "coin", "states": ["h", "t"], "prior": ["1/2", "1/2"]}
    >>> repr(Coin())
    'coin game, states h, t; prior (1/2, 1/2)'
    """

    __slots__ = ()

    def display_document(self) -> Any:
        """The JSON-ready data every rendering reads.

        Returns
        -------
        dict or list
            ``document()`` if the object has one, else ``canonical()``, else ``to_dict()``, else
            (a dataclass) its shown fields through :func:`jsonable`.
        """
        for name in ("document", "canonical", "to_dict"):
            f = getattr(self, name, None)
            if callable(f):
                return f()
        if dataclasses.is_dataclass(self):
            return {f.name: jsonable(getattr(self, f.name)) for f in dataclasses.fields(self) if f.repr}
        raise TypeError(f"{type(self).__name__} has no document(), canonical() or to_dict() to display")

    def to_latex(self, more: bool = False) -> str:
        r"""Booktabs LaTeX tables of the answer (exact fractions as ``\frac``), for a paper.

        Parameters
        ----------
        more : bool, optional
            also the answer keys that are not headline keys.

        Returns
        -------
        str
            see :func:`exactgame.display.latex.to_latex`.
        """
        from .latex import to_latex

        return to_latex(self.display_document(), more=more, what=type(self).__name__)

    def _repr_html_(self) -> str:
        from .html import to_html

        return to_html(self.display_document(), type(self).__name__)

    def _repr_latex_(self) -> str:
        from .latex import to_math

        return to_math(self.display_document(), type(self).__name__)

    def __repr__(self) -> str:
        from .sentence import sentence

        try:
            return sentence(self.display_document(), type(self).__name__)
        except Exception as exc:  # noqa: BLE001 - a repr must not raise (a debugger calls it on broken objects)
            return f"<{type(self).__name__} (no display: {type(exc).__name__}: {exc})>"
