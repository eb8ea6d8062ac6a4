"""How exactgame shows results: text sentences, HTML for Jupyter, LaTeX for papers, citations.

Every result (a subcommand's :class:`~exactgame.results.Report` and the solvers' result
classes), every game and every polytope mixes in :class:`Displayable`: in a notebook the answer
comes first (the value, the outcome table, the posteriors with their weights, the bargaining
solutions per agent), then what is certified, then the certificates folded away; exact
fractions are typeset. ``to_latex()`` gives booktabs tables to paste into a paper. This package
reads JSON-ready documents only (exact strings ``"p/q"``) and imports nothing but
:mod:`exactgame.numbers`, so any layer can mix it in. Figures are drawn by
:mod:`exactgame.plots` (matplotlib Figures, no backend switch).

>>> from exactgame.display import to_latex, cite
>>> print(to_latex({"command": "persuade", "value": "3/5"}).splitlines()[7])
    value & $\\frac{3}{5}$ &  \\\\
>>> cite("000_2cf035f6c25283ea.txt", "Example 1")
'Arieli, Babichenko, Jain and Smorodinsky (2025), Example 1'
"""

from .citations import SOURCES, Source, cite, reference
from .exact import html_value, latex_value, text_value
from .html import to_html
from .latex import to_latex, to_math
from .layout import Layout, Table, claim_label, layout
from .mixin import Displayable
from .sentence import sentence

__all__ = ["Displayable", "Layout", "SOURCES", "Source", "Table", "cite", "claim_label", "html_value", "latex_value",
           "layout", "reference", "sentence", "text_value", "to_html", "to_latex", "to_math"]
