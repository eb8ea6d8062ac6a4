"""Bayesian persuasion: the obedience LP, the value function and its concave envelope,
receiver-worst tie-breaking, efficiency regions over priors (000_2cf035f6c25283ea.txt, Section 3.1.2)."""

from .adversarial import AdversarialResult, persuade_adversarial
from .bp import BPResult, obedience_lp, persuade
from .value import best_response_cells, value_function

__all__ = ["AdversarialResult", "BPResult", "best_response_cells", "obedience_lp", "persuade", "persuade_adversarial",
           "value_function"]
