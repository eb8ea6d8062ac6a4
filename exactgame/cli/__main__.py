"""``python -m exactgame.cli``: the same as the ``exactgame`` command."""

import sys

from . import main

sys.exit(main())
