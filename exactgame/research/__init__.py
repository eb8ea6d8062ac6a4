"""Research workflows (issue 22): game families, conjecture checks with shrinking, sweeps, executors.

This package sits beside the command line: it may import the modules, the CLI may import it.
``families`` generates games of every file kind (hypothesis strategies, a seeded sampler,
exhaustive enumeration); ``search`` runs a property over a family and keeps hypothesis's shrunk
counterexample with the certified document that refutes it; ``properties`` holds the seeds'
theorems as built-in checks (``exactgame check NAME``); ``sweep`` runs subcommands over priors
or one file entry (``exactgame sweep``); ``executors`` runs work here, on local processes or
on a Dask cluster. hypothesis (``exactgame[research]``) is imported only when a search or a
strategy needs it, Dask's ``distributed`` (``exactgame[dask]``) only with a scheduler.

>>> from exactgame.research import SenderReceiverFamily, search
>>> search(lambda g: len(g.states) < 3, SenderReceiverFamily(states=(2, 3)), max_examples=20).counterexample.prior
(Fraction(1, 3), Fraction(1, 3), Fraction(1, 3))
"""

from .executors import ProgressBar, run_items
from .families import (
    AcquisitionFamily, AcquisitionMechanismFamily, ActionTypeFamily, BargainingFamily, BilateralTradeFamily, BuyerSellerFamily, CensorshipFamily, DialogueFamily, BuyerSellerFileFamily, Family, PeerSelectionFamily, FixedFamily, GameFamily,
    MultiReceiverFamily, Numbers, SenderReceiverFamily, enumerate_family, game_text, sample, strategy, write_game,
)
from .properties import PROPERTIES, Property, get_property, run
from .search import SearchResult, Verdict, evaluate, search
from .sweep import SweepItem, SweepResult, parameter_values, prior_grid, prior_line, run_sweep

__all__ = [
    "AcquisitionFamily", "AcquisitionMechanismFamily", "ActionTypeFamily", "BargainingFamily", "BilateralTradeFamily", "BuyerSellerFamily", "CensorshipFamily", "DialogueFamily", "BuyerSellerFileFamily", "Family", "PeerSelectionFamily", "FixedFamily",
    "GameFamily", "MultiReceiverFamily", "Numbers", "PROPERTIES", "ProgressBar", "Property", "SearchResult",
    "SenderReceiverFamily", "SweepItem", "SweepResult", "Verdict", "enumerate_family", "evaluate", "game_text",
    "get_property", "parameter_values", "prior_grid", "prior_line", "run", "run_items", "run_sweep", "sample",
    "search", "strategy", "write_game",
]
