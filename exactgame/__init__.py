"""exactgame."""
