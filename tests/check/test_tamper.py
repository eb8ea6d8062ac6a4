"""Tamper tests: a changed answer, game, option or certificate must not verify (issue 15).

For every subcommand on several games, every numeric leaf and every boolean of the JSON
document is changed, one at a time (numbers by +1/7, ints by +1, booleans flipped), and
``check_document`` must reject the result. Leaves under claims labelled ``not certified``
are skipped (the document says no certificate proves them). The only mutations that may
pass are *witness slack*: a changed LP dual that is still dual feasible, a changed normal
that still exposes its vertex, a changed separator that still separates. For each such
mutation a second implementation (the production certificate classes, which build the
problem with their own code) must confirm that the mutated witness is still a valid proof;
claims themselves never change in those mutations.
"""

from __future__ import annotations

import contextlib
import io
import json
from fractions import Fraction

import pytest

from exactgame.check import CheckFailure, check_document
from exactgame.cli import main
from exactgame.games import load_game
from exactgame.results import game_digest

from .tamper import leaves, mutated, not_certified_prefixes

CASES = [
    ("persuade", "examples/efficiency_example1.toml", "--prior", "9/10,1/10"),
    ("persuade", "examples/efficiency_example1.toml", "--prior", "3/10,7/10"),
    ("persuade", "examples/payments_zero_sum.toml", "--payments", "budget-balanced"),
    ("persuade", "examples/payments_zero_sum.toml", "--payments", "nonnegative"),
    ("persuade", "examples/payments_zero_sum.toml", "--payments", "arbitrary"),
    ("persuade", "examples/multi_receiver.toml", "--payments", "nonnegative"),
    ("persuade", "examples/multi_receiver.toml"),
    ("persuade", "examples/action_types_correlated.toml"),
    ("persuade", "examples/action_types_correlated.toml", "--payments", "nonnegative"),
    ("persuade", "examples/action_types_section_4_1.toml", "--payments", "arbitrary"),
    ("persuade", "examples/multi_receiver.toml", "--signals", "public"),
    ("persuade", "examples/multi_receiver.toml", "--signals", "both"),
    ("persuade", "examples/multi_receiver.toml", "--externalities"),
    ("persuade", "examples/payments_zero_sum.toml", "--payments", "budget-balanced", "--reduced-form"),
    ("efficiency", "examples/efficiency_example1.toml"),
    ("efficiency", "examples/efficiency_example1_case_a.toml"),
    ("efficiency", "examples/three_player_game.toml"),
    ("efficiency", "examples/efficiency_example1.toml", "--vector", "10,34/5"),
    ("efficiency", "examples/efficiency_example1.toml", "--vector", "5,5"),
    ("efficiency", "examples/efficiency_example1.toml", "--vector", "0,0"),
    ("efficiency", "examples/efficiency_example1.toml", "--vector", "11,0"),
    ("efficiency", "examples/three_player_game.toml", "--vector", "1,1,1"),
    ("peer-selection", "examples/peer_selection_two_agents.toml"),
    ("peer-selection", "examples/peer_selection_correlated.toml"),
    ("buyer-seller", "examples/buyer_seller_two_products.toml"),
    ("efficiency", "examples/corollary1_game.toml", "--rule", "examples/corollary1_strategies.toml"),
    ("cheaptalk", "examples/efficiency_example1.toml", "--prior", "1/2,1/2"),
    ("cheaptalk", "examples/efficiency_example1.toml", "--prior", "1/5,4/5"),
    ("cheaptalk", "examples/efficiency_example1.toml", "--profile", "examples/cheaptalk_profile_babbling.toml"),
    ("bargain", "examples/bargaining_election.toml"),
    ("bargain", "examples/bargaining_election.toml", "--weights", "2,1"),
    ("bargain", "examples/bargaining_election.toml", "--weights", "1,0"),
    ("bargain", "examples/bargaining_three_parties.toml"),
    ("bargain", "examples/bargaining_election.toml", "--set"),
    ("payoffs", "examples/efficiency_example1.toml", "--prior", "9/10,1/10"),
    ("payoffs", "examples/three_player_game.toml"),
    ("dialogue", "examples/spy_game.toml", "--rounds", "3"),
    ("dialogue", "examples/bilateral_trade_two_costs.toml", "--rounds", "2"),
    ("dialogue", "examples/bilateral_trade_three_values.toml", "--rounds", "2"),
    ("dialogue", "examples/bilateral_trade_one_cost.toml", "--rounds", "1"),
]

STATS: dict[str, int] = {"documents": 0, "mutations": 0, "rejected": 0, "slack": 0}


def run(*args: str) -> dict:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(list(args) + ["--json"]) == 0
    return json.loads(buf.getvalue())


def _under(path, prefixes) -> bool:
    return any(path[: len(p)] == p for p in prefixes)


# -- second implementations for witness slack ----------------------------------------------


def _slack_is_valid(case, doc: dict, bad: dict, path: tuple) -> bool:
    """Confirm with the production certificate classes that a mutated witness still proves its claims."""
    from exactgame.certificates import decode_vector

    command, file = case[0], case[1]
    game = load_game(file)
    signals = doc["options"].get("signals")
    if command == "persuade" and path[:2] == ("certificates", "public_lp" if signals == "both" else "lp") and signals in ("public", "both"):
        # LP-Public's duals: the production certificate, and h still above every dual bound
        from exactgame.geometry.lp import LPOptimalCertificate
        from exactgame.persuasion.public import _bound, public_lp

        lp = bad["certificates"][path[1]]
        problem = public_lp(game)[0]
        y = decode_vector(lp["y_ub"], "y")
        cert = LPOptimalCertificate(problem, decode_vector(lp["x"], "x"), y, decode_vector(lp["y_eq"], "y"))
        part = bad["public"] if signals == "both" else bad
        h = decode_vector(part["supporting_hyperplane"], "h")
        N = len(game.receivers)
        ys = {(S, i): y[k * N + i] for k, S in enumerate(game.subsets()) for i in range(N) if y[k * N + i]}
        return cert.verify() and all(h[t] >= _bound(game, w, S, ys) for t, w in enumerate(game.states) for S in game.subsets())
    if command == "persuade" and path[:3] == ("certificates", "lp", "y_ub") and doc["options"].get("payments", "none") == "none":
        from exactgame.geometry.lp import LPOptimalCertificate
        from exactgame.persuasion.bp import obedience_lp

        lp = bad["certificates"]["lp"]
        prior = decode_vector(doc["options"]["prior"], "prior")
        cert = LPOptimalCertificate(obedience_lp(game, prior), decode_vector(lp["x"], "x"), decode_vector(lp["y_ub"], "y"),
                                    decode_vector(lp["y_eq"], "y"))
        return cert.verify()
    if command == "persuade" and path[:2] in (("certificates", "lp"), ("certificates", "symmetric_lp"), ("certificates", "lp_none")):
        from exactgame.geometry.lp import LPOptimalCertificate
        from exactgame.persuasion.payments import payments_lp

        lp = bad["certificates"][path[1]]
        prior = decode_vector(doc["options"]["prior"], "prior")
        model = "none" if path[1] == "lp_none" else doc["options"].get("payments", "none")
        cert = LPOptimalCertificate(payments_lp(game, prior, model), decode_vector(lp["x"], "x"), decode_vector(lp["y_ub"], "y"),
                                    decode_vector(lp["y_eq"], "y"))
        return cert.verify()
    if command == "buyer-seller" and path[:2] == ("certificates", "lp"):
        from exactgame.geometry.lp import LPOptimalCertificate
        from exactgame.persuasion.bp import obedience_lp

        env = game.environment()
        lp = bad["certificates"]["lp"]
        return LPOptimalCertificate(obedience_lp(env.game, game.prior), decode_vector(lp["x"], "x"), decode_vector(lp["y_ub"], "y"),
                                    decode_vector(lp["y_eq"], "y")).verify()
    if command == "buyer-seller" and path[-2] == "normal":
        from exactgame.efficiency import EfficientCertificate

        g = game.environment().game.as_game()
        mu = g.make_outcome(bad["bp_outcome"])
        return EfficientCertificate({w: dict(g.payoffs[w]) for w in g.states}, {w: dict(mu.dist[w]) for w in g.states},
                                    tuple(g.states), decode_vector(bad["certificates"]["efficiency"]["normal"], "n")).verify()
    if command == "peer-selection" and path[:2] == ("certificates", "lp"):
        from exactgame.geometry.lp import LPOptimalCertificate, LPProblem
        from exactgame.peer_selection_report import dic_lp

        inst = game.instance()
        lp = bad["certificates"]["lp"]
        cert = LPOptimalCertificate(LPProblem.make(**dic_lp(inst.game, inst.type_sets())[1]), decode_vector(lp["x"], "x"),
                                    decode_vector(lp["y_ub"], "y"), decode_vector(lp["y_eq"], "y"))
        return cert.verify()
    if command == "peer-selection" and path[-2] == "normal":
        from exactgame.efficiency import EfficientCertificate

        inst = game.instance()
        g = inst.game
        which = path[1]
        mu = inst.outcome if which == "efficiency" else g.make_outcome(bad["optimal"]["outcome"])
        normal = decode_vector(bad["certificates"][which]["normal"], "n")
        return EfficientCertificate({w: dict(g.payoffs[w]) for w in g.states}, {w: dict(mu.dist[w]) for w in g.states},
                                    tuple(g.states), normal).verify()
    if command == "efficiency" and path[:2] == ("certificates", "vector"):
        from exactgame.certificates import certificate_from_dict

        g = game.as_game() if hasattr(game, "as_game") else game
        prior = decode_vector(doc["options"]["prior"], "prior")
        data = {**bad["certificates"]["vector"], "vector": doc["vector"],
                "payoffs": {w: {a: [str(x) for x in g.payoffs[w][a]] for a in g.profiles} for w in g.states},
                "prior": {w: str(q) for w, q in zip(g.states, prior)}}
        return certificate_from_dict(data).verify()
    if command == "efficiency" and (path[0] == "common_normal" or path[-2] == "normal"):
        from exactgame.efficiency import EfficientCertificate

        g = game.as_game() if hasattr(game, "as_game") else game
        normal = decode_vector(bad["common_normal"] if path[0] == "common_normal" else
                               (bad["certificate"] if path[0] == "certificate" else bad[path[0]][path[1]])["normal"], "n")
        states = g.states if path[0] in ("common_normal", "certificate") else (path[1],)
        return EfficientCertificate({w: dict(g.payoffs[w]) for w in states}, {w: dict(g.outcome.dist[w]) for w in states},
                                    tuple(states), normal).verify()
    if command == "cheaptalk" and path[:3] == ("certificates", "quasiconcave_envelope", "separator"):
        from exactgame.cheaptalk import value_function_constant
        from exactgame.geometry.envelope import QuasiconcaveEnvelopeCertificate, quasiconcave_envelope_at

        prior = decode_vector(doc["options"]["prior"], "prior")
        env = quasiconcave_envelope_at(value_function_constant(game)[0], prior)
        c = env.certificate
        sep = decode_vector(bad["certificates"]["quasiconcave_envelope"]["separator"], "y")
        return QuasiconcaveEnvelopeCertificate(c.function, c.point, c.value, c.splitting, sep).verify()
    if command == "payoffs" and ("normals" in path or "facets" in path or "equations" in path):
        from exactgame.geometry.hullcert import HullCertificate

        g = game.as_game() if hasattr(game, "as_game") else game
        key = path[1:3] if path[1] == "states" else path[1:2]
        cert = bad["certificates"]
        for k in key:
            cert = cert[k]
        if key[0] == "states":
            summands, weights, vertices = [g.payoff_points(key[1])], (Fraction(1),), bad["states"][key[1]]
        else:
            summands = [g.payoff_points(w) for w in g.states]
            weights, vertices = decode_vector(doc["options"]["prior"], "p"), bad["prior"]
        rows = lambda name: tuple((decode_vector(r["a"], "a"), Fraction(r["b"])) for r in cert[name])
        return HullCertificate(tuple(weights), tuple(tuple(P) for P in summands), tuple(decode_vector(v, "v") for v in vertices),
                               tuple(decode_vector(n, "n") for n in cert["normals"]), rows("facets"), rows("equations")).verify()
    if command == "bargain" and path[:2] == ("certificates", "nash"):
        from exactgame.certificates import certificate_from_dict

        cert = bad["certificates"]["nash"]
        kinds = {"nash-algebraic": "nash-bargaining-algebraic", "nash-disagreement": "nash-bargaining-disagreement"}
        if cert["certificate"] in kinds:
            w = doc["options"].get("weights") or ["1"] * len(doc["agents"])
            data = {**cert, "certificate": kinds[cert["certificate"]], "game": doc["game"], "weights": w,
                    "d": [doc["disagreement"][i] for i in doc["agents"]]}
            return certificate_from_dict(data).verify()
    if command == "dialogue" and path[0] == "certificates":
        cert = bad["certificates"][path[1]]
        if cert["certificate"] == "dialogue-path":
            # a section point of a round >= 2 node: the engine's payoff function the claim is conditional on
            t = int(cert["nodes"][path[3]]["t"])
            return path[4] == "section" and t >= 2 and doc["claims"][f"rounds/{t}"]["status"] == "conditional"
        if cert["certificate"] == "dialogue-envelope":   # recompute the cell's inequality here, a third time
            g = game.with_priors(*(doc["options"].get(k) for k in ("sally_prior", "bob_prior")))
            DS, nA, nB = g.sally_prior, len(g.actions), len(g.bob_types)
            cell = cert["cells"][path[3]]
            supp = [s_ for s_, w in enumerate(DS) if w]
            rows = [(s_, a, a2) for s_, a in zip(supp, cell["profile"]) for a2 in range(nA) if a2 != a]
            theta = Fraction(cert["theta"])
            h, gg = [Fraction(x) for x in cert["h"]], [Fraction(x) for x in cert["g"]]
            mu = [Fraction(x) for x in cell[path[4]]]
            for b in range(nB):
                base = sum(DS[s_] * (g.u[(s_, b)][a][1] if path[4] == "bob" else g.u[(s_, b)][a][0] + theta * g.u[(s_, b)][a][1])
                           for s_, a in zip(supp, cell["profile"])) - (h if path[4] == "bob" else gg)[b]
                base += sum(m * (g.u[(s_, b)][a][0] - g.u[(s_, b)][a2][0]) for m, (s_, a, a2) in zip(mu, rows))
                if base > 0 or any(m < 0 for m in mu):
                    return False
            return True
    return False


@pytest.mark.parametrize("case", CASES, ids=lambda c: " ".join(c))
def test_every_meaningful_mutation_is_rejected(case):
    doc = run(*case)
    report = check_document(doc)
    assert report.proved
    STATS["documents"] += 1
    skip = not_certified_prefixes(doc)
    for path, value in leaves(doc):
        if _under(path, skip):
            continue
        STATS["mutations"] += 1
        bad = mutated(doc, path, value)
        try:
            check_document(bad)
        except CheckFailure:
            STATS["rejected"] += 1
            continue
        # accepted: only witness slack, never a claim, and a second implementation must agree
        assert path[0] in ("certificates", "certificate", "ex_post_certificates", "common_normal"), f"accepted a changed claim {path}"
        assert _slack_is_valid(case, doc, bad, path), f"accepted {path}, and the production check rejects it"
        STATS["slack"] += 1


def test_dialogue_engine_certificates_are_not_claims():
    """The point engine's LP certificates sit under a key labelled not certified (the checker does not
    rebuild the engine's cells), and each still holds for the problem it carries."""
    from exactgame.certificates import certificate_from_dict

    doc = run("dialogue", "examples/bilateral_trade_three_values.toml", "--rounds", "2")
    assert doc["claims"]["engine_certificates"]["status"] == "not certified"
    assert all(certificate_from_dict(c).verify() for c in doc["engine_certificates"])
    assert {c["certificate"] for c in doc["certificates"]} == {"dialogue-split", "dialogue-envelope"}


def test_four_player_vertex_lists_are_certified_by_their_boundary_cycle():
    """In 4-D the hull certificate carries the pulling triangulation of the boundary: 'certified', and
    the checker refuses a dropped simplex, a moved corner, one on the wrong facet, a short one, and
    a 'certified' label once the cycle is removed (then completeness rests on cddlib: 'conditional').
    (Reordering a simplex's corners changes nothing: orientations are computed, not read.)"""
    import random

    from exactgame.games.feasible import feasible_payoffs
    from exactgame.games.model import Game
    assert run("payoffs", "examples/three_player_game.toml")["claims"]["states"]["status"] == "certified"
    rng = random.Random(2)
    states, profiles = ["w0", "w1"], [f"a{j}" for j in range(6)]
    g = Game(states, ["1/2", "1/2"], ["A", "B", "C", "D"], profiles,
             {w: {a: [rng.randint(0, 5) for _ in range(4)] for a in profiles} for w in states})
    doc = feasible_payoffs(g).document()
    assert doc["claims"]["prior"]["status"] == "certified" and len(doc["certificates"]["prior"]["boundary"][0]) == 5
    check_document(doc)

    def tampered(change):
        bad = json.loads(json.dumps(doc))
        change(bad["certificates"]["prior"])
        return bad

    def moved(c):  # another vertex of the same facet in place of one corner: the cycle breaks
        def others(t):
            return {i for s in c["boundary"] if s[-1] == t[-1] for i in s[:-1]} - set(t[:-1])

        t = next(t for t in c["boundary"] if others(t))
        t[0] = min(others(t))

    def wrong_facet(c):
        t = c["boundary"][0]
        t[-1] = next(f for f in range(len(c["facets"])) if f != t[-1])

    for change in (lambda c: c["boundary"].pop(), moved, wrong_facet, lambda c: c["boundary"][2].pop(0)):
        with pytest.raises(CheckFailure):
            check_document(tampered(change))
    stripped = tampered(lambda c: c.pop("boundary"))
    with pytest.raises(CheckFailure):
        check_document(stripped)  # still labelled certified, now unproved
    stripped["claims"]["prior"] = {**stripped["claims"]["prior"], "status": "conditional", "premise": "cddlib"}
    check_document(stripped)


def test_conditional_claims_cannot_be_promoted_to_certified():
    """An independent review's forgery: round 2 of the point engine relabelled 'certified' with made-up
    values at Sally's posteriors; also whole-square rounds >= 2 and the cheap-talk
    best-equilibrium value, which the checker proves only given a premise."""
    cases = [(("dialogue", "examples/bilateral_trade_three_values.toml", "--rounds", "2"), "rounds/2"),
             (("dialogue", "examples/spy_game.toml", "--rounds", "3"), "rounds/3"),
             (("cheaptalk", "examples/efficiency_example1.toml", "--prior", "1/2,1/2"), "sender_value")]
    for args, key in cases:
        doc = run(*args)
        assert doc["claims"][key]["status"] == "conditional"
        check_document(doc)
        bad = json.loads(json.dumps(doc))
        bad["claims"][key]["status"] = "certified"
        with pytest.raises(CheckFailure):
            check_document(bad)
    doc = run("dialogue", "examples/bilateral_trade_three_values.toml", "--rounds", "2")
    bad = json.loads(json.dumps(doc))
    bad["claims"]["rounds/2"]["status"] = "certified"
    s = next(c for c in bad["certificates"] if c.get("speaker") == "sally")
    s["values"] = [["100", "3"], ["100", "2"]]
    s["total"] = ["100", "12/5"]
    bad["rounds"][2]["payoffs"]["seller"] = "100"
    bad["rounds"][2]["welfare"] = "512/5"
    with pytest.raises(CheckFailure):
        check_document(bad)


def test_dialogue_forged_envelope_is_rejected():
    """A round-1 value raised together with the split's totals, h and g: the recomputed pi^0 at the
    posteriors refuses it; an envelope witness taken from another prior is refused too."""
    doc = run("dialogue", "examples/bilateral_trade_three_values.toml", "--rounds", "1")
    bad = json.loads(json.dumps(doc))
    split = next(c for c in bad["certificates"] if c["certificate"] == "dialogue-split")
    for row in split["values"]:
        row[1] = str(Fraction(row[1]) + 1)
    split["total"][1] = str(Fraction(split["total"][1]) + 1)
    bad["rounds"][1]["payoffs"]["buyer"] = split["total"][1]
    bad["rounds"][1]["welfare"] = str(Fraction(bad["rounds"][1]["welfare"]) + 1)
    env = next(c for c in bad["certificates"] if c["certificate"] == "dialogue-envelope")
    env["h"] = [str(Fraction(x) + 1) for x in env["h"]]
    with pytest.raises(CheckFailure):
        check_document(bad)
    other = run("dialogue", "examples/bilateral_trade_three_values.toml", "--rounds", "1", "--bob-prior", "1/2,1/4,1/4")
    with pytest.raises(CheckFailure):
        check_document(doc | {"certificates": other["certificates"]})


def test_forged_scaled_certificate_with_changed_value():
    doc = run("persuade", "examples/efficiency_example1.toml", "--prior", "9/10,1/10")
    bad = json.loads(json.dumps(doc))
    lp = bad["certificates"]["lp"]
    lp["y_ub"] = [str(2 * Fraction(y)) for y in lp["y_ub"]]
    lp["y_eq"] = [str(2 * Fraction(y)) for y in lp["y_eq"]]
    bad["value"] = str(2 * Fraction(doc["value"]))
    with pytest.raises(CheckFailure):
        check_document(bad)


def test_forged_game_with_matching_value_and_hash():
    """Change the sender's payoffs (so the LP objective) and the value consistently, hash included."""
    doc = run("persuade", "examples/efficiency_example1.toml", "--prior", "9/10,1/10")
    bad = json.loads(json.dumps(doc))
    row = bad["game"]["payoffs"]["sender"]["w0"]
    bad["game"]["payoffs"]["sender"]["w0"] = [str(Fraction(x) + 1) for x in row]
    bad["value"] = str(Fraction(doc["value"]) + Fraction(9, 10))
    bad["game_sha256"] = game_digest(bad["game"])
    with pytest.raises(CheckFailure) as err:
        check_document(bad)
    assert err.value.key.startswith("certificates/lp")
    # and a result about another game is refused when the referee supplies the game
    from exactgame.results import canonical_game

    with pytest.raises(CheckFailure) as err:
        check_document(doc | {"game": bad["game"], "game_sha256": bad["game_sha256"]},
                       canonical_game(load_game("examples/efficiency_example1.toml")))
    assert err.value.key == "game_sha256"


def test_certificate_of_another_problem_is_rejected():
    a = run("persuade", "examples/efficiency_example1.toml", "--prior", "9/10,1/10")
    b = run("persuade", "examples/efficiency_example1.toml", "--prior", "3/10,7/10")
    with pytest.raises(CheckFailure):
        check_document(a | {"certificates": b["certificates"]})
    with pytest.raises(CheckFailure):
        check_document(b | {"value": a["value"], "outcome": a["outcome"], "certificates": a["certificates"]})


def test_hash_mismatch_and_unknown_status_are_rejected():
    doc = run("efficiency", "examples/efficiency_example1.toml")
    with pytest.raises(CheckFailure) as err:
        check_document(doc | {"game_sha256": "0" * 64})
    assert err.value.key == "game_sha256"
    claims = json.loads(json.dumps(doc["claims"]))
    claims["efficient"]["status"] = "proved"
    with pytest.raises(CheckFailure):
        check_document(doc | {"claims": claims})
    claims = json.loads(json.dumps(doc["claims"]))
    claims["normal_cones"]["status"] = "certified"   # a claim the checker does not prove cannot be promoted
    with pytest.raises(CheckFailure):
        check_document(doc | {"claims": claims})


def test_report_counts(capsys):
    """Runs last in this file: prints the counts quoted in the README."""
    if STATS["documents"]:
        with capsys.disabled():
            print(f"\ntamper: {STATS['documents']} documents, {STATS['mutations']} mutations, {STATS['rejected']} rejected, "
                  f"{STATS['slack']} accepted as witness slack (each confirmed by the production certificate check)")


@pytest.mark.parametrize("case", CASES[::3], ids=lambda c: " ".join(c))
def test_malformed_documents_are_rejected_cleanly(case):
    """Structural damage (a key deleted, a value of the wrong type) is a CheckFailure or harmless, never a crash."""
    doc = run(*case)
    paths = []

    def walk(node, path):
        if isinstance(node, dict):
            for k, v in node.items():
                paths.append(path + (k,))
                walk(v, path + (k,))
        elif isinstance(node, list) and node:
            paths.append(path + (0,))
            walk(node[0], path + (0,))

    walk(doc, ())
    for path in paths[:400]:
        for replacement in (None, [], {}, "x", 7, [["1"]]):
            bad = json.loads(json.dumps(doc))
            node = bad
            for k in path[:-1]:
                node = node[k]
            node[path[-1]] = replacement
            try:
                check_document(bad)
            except CheckFailure:
                pass


def test_acquisition_changed_answers_are_rejected_by_recomputation():
    from exactgame.recheck import recompute_and_compare

    doc = run("acquisition", "examples/acquisition_mechanism.toml")
    recompute_and_compare(doc)
    flips = [p for p, v in leaves({k: doc[k] for k in ("implementable", "revenue", "gross_surplus")})]
    assert flips
    for path, value in leaves({k: doc[k] for k in ("implementable", "revenue", "gross_surplus")}):
        with pytest.raises(CheckFailure):
            recompute_and_compare(mutated(doc, path, value))


def test_a_zero_normal_facet_cannot_stand_in_for_the_boundary():
    """An independent review's forgery: drop a vertex, add the facet 0 . x <= 0 (valid and tight
    everywhere) and hang the boundary cycle of the smaller hull on it. Refused by the checker (4-D
    payoffs), and by the engine's own certificate check; a zero 'equation' no longer skips the ring."""
    import random
    from fractions import Fraction as F

    from exactgame.errors import CertificateError
    from exactgame.games.feasible import feasible_payoffs
    from exactgame.games.model import Game
    from exactgame.geometry.hullcert import HullCertificate, boundary_simplices
    from exactgame.geometry.polytope import Polytope

    rng = random.Random(2)
    states, profiles = ["w0", "w1"], [f"a{j}" for j in range(6)]
    g = Game(states, ["1/2", "1/2"], ["A", "B", "C", "D"], profiles,
             {w: {a: [rng.randint(0, 5) for _ in range(4)] for a in profiles} for w in states})
    bad = json.loads(json.dumps(feasible_payoffs(g).document()))
    cert = bad["certificates"]["prior"]
    V = [tuple(F(x) for x in v) for v in bad["prior"]]
    bad["prior"], cert["normals"] = bad["prior"][1:], cert["normals"][1:]
    Q = Polytope.from_points(V[1:])
    idx = {v: i for i, v in enumerate(V[1:])}
    zero = len(cert["facets"])
    cert["facets"].append({"a": ["0"] * 4, "b": "0"})
    cert["boundary"] = [[idx[tuple(Q.vertices[i])] for i in t[:-1]] + [zero] for t in boundary_simplices(Q)]
    with pytest.raises(CheckFailure, match="zero normal"):
        check_document(bad)
    sq = ((F(0), F(0)), (F(1), F(0)), (F(0), F(1)), (F(1), F(1)))
    three = HullCertificate((F(1),), (sq,), sq[:3], ((F(-1), F(-1)), (F(1), F(-2)), (F(-2), F(1))), (), (((F(0), F(0)), F(0)),))
    with pytest.raises(CertificateError, match="zero normal"):
        three.verify()
    flat = HullCertificate((F(1),), (sq,), sq[:3], three.normals, (((F(0), F(0)), F(0)),), ())
    with pytest.raises(CertificateError, match="zero normal"):
        flat.verify()
