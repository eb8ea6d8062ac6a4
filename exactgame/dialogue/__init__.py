"""Interactive verifiable communication before a game: alternating concavification
(001_9d9f8fe1d5e70189.txt)."""

from .model import DialogueGame, bilateral_trade, spy_game
from .report import dialogue
from .square import Alternation, alternate, base_grid

__all__ = ["DialogueGame", "bilateral_trade", "spy_game", "alternate", "Alternation", "base_grid", "dialogue"]


from ..namespace import callable_module  # noqa: E402

# ``exactgame.dialogue`` is this module and, called, its main function dialogue(...) (see exactgame.namespace)
callable_module(__name__, "dialogue")
