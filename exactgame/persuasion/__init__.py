"""Bayesian persuasion: the obedience LP, the value function and its concave envelope,
efficiency regions over priors (000_2cf035f6c25283ea.txt, Section 3.1.2)."""

from .action_types import ActionTypeGame
from .bp import BPResult, obedience_lp, persuade
from .symmetric import SymmetricOptimum, symmetric_optimum
from .value import best_response_cells, value_function

__all__ = ["ActionTypeGame", "BPResult", "SymmetricOptimum", "best_response_cells", "obedience_lp", "persuade",
           "symmetric_optimum", "value_function"]
