"""The top-level namespace's machinery: names imported on first use, and modules callable as
their main function.

``import exactgame`` stays fast (no solver is imported) while ``exactgame.persuade`` and the
other solvers are one attribute away: :func:`lazy_getattr` builds the module ``__getattr__``
that imports a name from its module on first access. Three solvers share their name with their
module (``exactgame.efficiency``, ``exactgame.dialogue``, ``exactgame.acquisition``); Python
binds the module to the package attribute whenever it is imported, so instead of fighting it
:func:`callable_module` makes the module itself callable as its main function:
``exactgame.efficiency(game, outcome, prior)`` calls ``exactgame.efficiency.efficiency``.

>>> import sys, types
>>> m = types.ModuleType("demo_module")
>>> m.demo_module = lambda x: 2 * x
>>> sys.modules["demo_module"] = m
>>> callable_module("demo_module", "demo_module")
>>> sys.modules["demo_module"](21)
42
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any, Callable, Mapping

__all__ = ["lazy_getattr", "callable_module"]


class _CallableModule(types.ModuleType):
    """A module that, called, calls its function named by ``__call_target__``."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return getattr(self, self.__dict__["__call_target__"])(*args, **kwargs)


def callable_module(module: str, function: str) -> None:
    """Make the imported module ``module`` callable as its function ``function``.

    Parameters
    ----------
    module : str
        a module in ``sys.modules``.
    function : str
        the name of the function in it that a call runs.

    Returns
    -------
    None

    >>> import exactgame.efficiency as eff
    >>> callable(eff), eff.__call_target__
    (True, 'efficiency')
    """
    mod = sys.modules[module]
    mod.__call_target__ = function  # type: ignore[attr-defined]
    mod.__class__ = _CallableModule


def lazy_getattr(package: str, table: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` importing ``name`` from ``table[name]`` (``"module:attribute"``,
    or ``"module"`` for a module) on first access and caching it in the package.

    Parameters
    ----------
    package : str
        the package's ``__name__`` (where the value is cached).
    table : mapping
        name -> ``"module:attribute"`` or ``"module"``.

    Returns
    -------
    callable
        ``__getattr__(name)``, raising AttributeError for names not in ``table``.

    >>> get = lazy_getattr("exactgame", {"Fraction": "fractions:Fraction"})
    >>> get("Fraction").__name__
    'Fraction'
    """

    def __getattr__(name: str) -> Any:
        target = table.get(name)
        if target is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, _, attr = target.partition(":")
        value = importlib.import_module(module)
        if attr:
            value = getattr(value, attr)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
