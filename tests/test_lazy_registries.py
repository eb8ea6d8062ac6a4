"""The lazy tables of game-file kinds and certificate kinds (issue 19): equal to what importing every
module registers, and importing exactgame loads no solver or Qhull."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import exactgame
from exactgame import certificates
from exactgame.games import files


def _import_everything():
    for mod in pkgutil.walk_packages(exactgame.__path__, "exactgame."):
        if not mod.name.endswith("__main__"):
            importlib.import_module(mod.name)


def test_tables_match_the_registries():
    _import_everything()
    assert {k: c.__module__ for k, c in certificates._REGISTRY.items()} == certificates.KIND_MODULES
    lazy = {k: f.__module__ for k, f in files._KINDS.items() if f.__module__ != "exactgame.games.files"}
    assert lazy == files.KIND_MODULES


def test_import_exactgame_loads_no_heavy_module_and_kinds_still_resolve():
    code = ("import sys, exactgame; heavy = [m for m in ('scipy.spatial', 'exactgame.acquisition', 'exactgame.dialogue', "
            "'exactgame.bargaining', 'matplotlib') if m in sys.modules]; print(heavy); "
            "from exactgame import load_game; g = load_game('examples/acquisition_subsidy.toml'); print(type(g).__name__); "
            "from exactgame.certificates import certificate_from_dict, registered_kinds; print('dialogue-path' in registered_kinds())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(exactgame.__path__[0]) + "/..")
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:3] == ["[]", "AcquisitionGame", "True"]


def test_help_builds_every_parser_without_the_solvers():
    from exactgame.cli.persuade import PAYMENT_MODEL_NAMES
    from exactgame.persuasion.payments import PAYMENT_MODELS

    assert PAYMENT_MODEL_NAMES == PAYMENT_MODELS
    code = ("import sys; from exactgame.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print([m for m in ('exactgame.persuasion', 'exactgame.dialogue', 'exactgame.bargaining', 'exactgame.acquisition', "
            "'scipy.spatial', 'matplotlib') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(exactgame.__path__[0]) + "/..")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"
