"""The bundled example games, one copy each: the seed papers' worked examples as game files.

A layer below every solver module (it reads game files, nothing else), so doctests, the
``reproduce`` catalogue and the tests take their examples from here. ``examples/`` in the
repository links to these files rather than copying them.

>>> sorted(names())
['acquisition_subsidy', 'efficiency_example1', 'efficiency_example1_case_a', 'efficiency_example1_case_c', 'spy_game']
>>> type(load("efficiency_example1")).__name__
'SenderReceiverGame'
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from ..errors import InputError
from ..games.files import load_game

__all__ = ["load", "names"]


def names() -> list[str]:
    """The bundled games' names (file stems).

    Returns
    -------
    list of str
        the stems of ``exactgame/catalogue/data/*.toml``, sorted.

    >>> "spy_game" in names()
    True
    """
    return sorted(p.name[:-5] for p in (resources.files(__package__) / "data").iterdir() if p.name.endswith(".toml"))


def load(name: str) -> Any:
    """The bundled game ``name`` (see :func:`names`) as its model object.

    Parameters
    ----------
    name : str
        one of :func:`names`.

    Returns
    -------
    object
        the game model :func:`~exactgame.games.files.load_game` builds from the file
        (e.g. a ``SenderReceiverGame``).

    Raises
    ------
    InputError
        for a name that is not bundled (the message lists the bundled ones).

    >>> g = load("efficiency_example1")
    >>> type(g).__name__, g.canonical()["prior"]
    ('SenderReceiverGame', ['7/10', '3/10'])
    >>> load("nope")
    Traceback (most recent call last):
    ...
    exactgame.errors.InputError: no bundled game 'nope'; bundled: acquisition_subsidy, efficiency_example1, efficiency_example1_case_a, efficiency_example1_case_c, spy_game
    """
    if name not in names():
        raise InputError(f"no bundled game {name!r}; bundled: {', '.join(names())}")
    with resources.as_file(resources.files(__package__) / "data" / f"{name}.toml") as path:
        return load_game(path)
