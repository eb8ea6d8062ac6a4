"""Game models and game files."""

from .files import load_game, loads_game, register_kind
from .model import Game, Outcome, SenderReceiverGame

__all__ = ["Game", "Outcome", "SenderReceiverGame", "load_game", "loads_game", "register_kind"]
