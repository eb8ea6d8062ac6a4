"""Catalogue entries of 002_b82d6ff4761a0a82.txt (Akoz and Samsonov, "Information agreements")."""

from __future__ import annotations

from ..bargaining import solve_bargaining
from ..bargaining.agreement import beneficial_agreement
from ..bargaining.examples import election, guessing_agents, three_parties, winner_takes_all
from ..numbers import fmt
from .registry import entry

SOURCE = "002_b82d6ff4761a0a82.txt"


def _pts(v) -> str:
    return ", ".join(fmt(x) for x in v)


@entry(SOURCE, "Introduction (election): disagreement payoff under full revelation, each party", "11/10, 11/10")
def election_d():
    r = beneficial_agreement(election())
    return _pts(election().disagreement()), [r.certificate]


@entry(SOURCE, "Introduction (election): endorsing each side w.p. 1/8 in the Centrist state gives each party",
       "6/5, 6/5; L 1/8, C 3/4, R 1/8")
def election_endorsement():
    res = solve_bargaining(election())
    nash = res["nash"]
    rule = nash.structure["centre"]
    text = f"{_pts(nash.payoff)}; " + ", ".join(f"{a} {fmt(q)}" for a, q in rule.items())
    return text, [nash.certificate, res["agreement"].certificate]


@entry(SOURCE, "Introduction / Fig. 1 / Proposition 6: the endorsement rule is the Nash, Kalai-Smorodinsky and egalitarian solution",
       "nash 6/5, 6/5; kalai_smorodinsky 6/5, 6/5; egalitarian 6/5, 6/5")
def election_solutions():
    res = solve_bargaining(election())
    keys = ("nash", "kalai_smorodinsky", "egalitarian")
    return "; ".join(f"{k} {_pts(res[k].payoff)}" for k in keys), [res[k].certificate for k in keys]


@entry(SOURCE, "Section 3.2 (three parties): disagreement payoffs under full revelation", "3/8, -3/5, -91/20")
def three_d():
    r = beneficial_agreement(three_parties())
    return _pts(three_parties().disagreement()), [r.certificate]


@entry(SOURCE, "Section 3.2 (three parties): Theorem 2 applies and a beneficial agreement exists",
       "Theorem 2 with coalitions of size 2; beneficial")
def three_beneficial():
    r = beneficial_agreement(three_parties())
    size = r.tests["theorem_2"]["coalition_size"]
    return f"Theorem 2 with coalitions of size {size}; {'beneficial' if r.beneficial else 'none'}", [r.certificate]


@entry(SOURCE, "Section 3.3 (guessing agents): no beneficial agreement against full revelation", "none")
def guessing():
    r = beneficial_agreement(guessing_agents())
    return ("beneficial" if r.beneficial else "none"), [r.certificate]


@entry(SOURCE, "Section 3.1 / Proposition 2: winner-takes-all against full information: no beneficial agreement", "none")
def winner():
    r = beneficial_agreement(winner_takes_all())
    ok = r.tests["proposition_2"]["winner_takes_the_most"]
    return ("none" if not r.beneficial and ok else "beneficial or condition (4) fails"), [r.certificate]


@entry(SOURCE, "Proposition 6 (symmetric selection, n = 3, mu0 = 4/5, x = x0 = 1): pi(a_i | w0) and the common solution payoff",
       "pi(a_i|w0) = 1/12; nash = kalai_smorodinsky = egalitarian = endorsement rule")
def proposition_6():
    from ..bargaining.selection import proposition_6_rule, symmetric_selection

    env = symmetric_selection(3, 1, 1, "4/5", H=3, L=1, Z=0)
    rule = proposition_6_rule(env, 3, 1, 1, "4/5")
    res = solve_bargaining(env)
    same = all(res[k].payoff == env.payoff(rule) for k in ("nash", "kalai_smorodinsky", "egalitarian"))
    text = f"pi(a_i|w0) = {fmt(rule['w0']['a1'])}; " + ("nash = kalai_smorodinsky = egalitarian = endorsement rule" if same
                                                       else "solutions differ from the rule")
    return text, [res[k].certificate for k in ("nash", "kalai_smorodinsky", "egalitarian") if res[k].certificate]


@entry(SOURCE, "Section 3.2 (three parties): the (symmetric) Nash bargaining solution, exact (irrational; not a number the paper states)",
       "577/600 - sqrt(45259)/600, 23/600 + sqrt(45259)/600, -577/120 + sqrt(45259)/120")
def three_nash():
    res = solve_bargaining(three_parties())
    nash = res["nash"]
    return ", ".join(str(x) for x in nash.payoff), [nash.certificate]
