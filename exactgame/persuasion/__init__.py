"""Bayesian persuasion: the obedience LP, the value function and its concave envelope,
receiver-worst tie-breaking, efficiency regions over priors (000_2cf035f6c25283ea.txt, Section 3.1.2); symmetric action-type
instances, many binary receivers with public or private signals, Appendix B (positive
externalities) and Appendix C (reduced forms) of 003_e54e9b7a7da88b3e.txt.

(``reduced_form.action_types``, the types of each action, is not re-exported here: the name
belongs to the :mod:`~exactgame.persuasion.action_types` module, the ``action-types`` file kind.)
"""

from .action_types import ActionTypeGame
from .adversarial import AdversarialResult, persuade_adversarial
from .bp import BPResult, obedience_lp, persuade
from .colgen import ColumnsResult, column_generation, solve_binary_columns
from .externalities import (cone_conditions, externality_violation, in_conic_hull, lemma4, monotone_violation,
                            repair_star_star, separation_solve)
from .multireceiver import BinaryResult, MultiReceiverGame, solve_binary
from .public import PublicResult, SignalComparison, compare_signals, public_value_function, solve_public
from .reduced_form import ReducedForm, reduced_form, signature
from .symmetric import SymmetricOptimum, symmetric_optimum
from .value import best_response_cells, value_function

__all__ = ["ActionTypeGame", "AdversarialResult", "persuade_adversarial", "BPResult", "SymmetricOptimum", "best_response_cells", "obedience_lp", "persuade",
           "symmetric_optimum", "value_function",
           "MultiReceiverGame", "BinaryResult", "solve_binary", "ColumnsResult", "column_generation", "solve_binary_columns",
           "PublicResult", "SignalComparison", "compare_signals", "public_value_function", "solve_public",
           "externality_violation", "monotone_violation", "lemma4", "repair_star_star", "separation_solve", "in_conic_hull",
           "cone_conditions", "ReducedForm", "reduced_form", "signature"]
