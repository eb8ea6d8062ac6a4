"""Rediscover the seeds' known failures from scratch, with exactgame's research workflows.

Each search draws random games from a family, finds one where the statement fails, lets
hypothesis shrink it to a minimal game, and refutes the statement with a certified result
document that the independent checker re-verifies against the game:

1. 000_2cf035f6c25283ea.txt, Proposition 4 ("if"): with a state-independent sender, "the
   preferred action a* induced with certainty => efficient" fails when the sender's favourite
   action is never a receiver best response;
2. 003_e54e9b7a7da88b3e.txt, Proposition 3: phi_lambda* with uniform tie-breaking is not optimal
   with finitely many types (5/8 against the optimum 11/16);
3. 000, Example 1: at prior 9/10 the Bayesian-persuasion outcome is inefficient.

Run:  .venv/bin/python examples/research_rediscover.py [OUTPUT_FOLDER]
(the same from the shell: exactgame check 000-proposition-4-if --out DIR; exactgame verify DIR/refutation.json)
"""

from __future__ import annotations

import json
import os
import sys
import tempfile

from exactgame.check import check_document
from exactgame.research import PROPERTIES, run


def main(folder: str) -> int:
    failures = 0
    for name in ("000-proposition-4-if", "003-proposition-3", "000-example-1-bp-efficient"):
        prop = PROPERTIES[name]
        out = os.path.join(folder, name)
        r = run(name, out=out)
        print(f"{name}: {prop.statement}")
        print(f"  source: {prop.source}")
        if not r.found:
            print(f"  NOT found: {r.summary()}")
            failures += 1
            continue
        g = r.counterexample
        with open(r.files["refutation"], encoding="utf-8") as fh:
            doc = json.load(fh)
        report = check_document(doc)            # the independent checker, from the embedded game
        print(f"  {r.summary()}")
        print(f"  minimal game: {len(g.states)} states, {len(g.actions)} actions -> {r.files['game']}")
        print(f"  refuted by the {doc['command']} document {r.files['refutation']}: "
              f"{len(report.proved)} keys proved by the independent checker")
    return failures


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="exactgame-rediscover-")
    sys.exit(main(target))
