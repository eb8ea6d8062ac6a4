"""Where theorists work (issue 23): Jupyter display, LaTeX, figures as objects, the namespace,
readable citations. The displays are checked against the documents they show: every number a
LaTeX table prints is parsed back and compared with the document's exact value."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from fractions import Fraction

import pytest

import exactgame
from exactgame.cli import main
from exactgame.display import Displayable, cite, layout, reference, to_latex
from exactgame.display.citations import SOURCES

EX = "examples/"


def _judge():
    return exactgame.SenderReceiverGame(["innocent", "guilty"], ["acquit", "convict"], ["7/10", "3/10"],
                                        sender={"innocent": [0, 1], "guilty": [0, 1]},
                                        receiver={"innocent": [1, 0], "guilty": [0, 1]})


def _three_states():
    return exactgame.SenderReceiverGame(["a", "b", "c"], ["x", "y", "z"], ["1/5", "2/5", "2/5"],
                                        sender={"a": [1, 0, 0], "b": [1, 0, 0], "c": [1, 0, 0]},
                                        receiver={"a": [1, 0, 0], "b": [0, 1, 0], "c": [0, 0, 1]})


def _results():
    """One object of each kind a user meets: games, a polytope, solver results, reports."""
    from exactgame.bargaining.examples import three_parties
    from exactgame.catalogue import load

    g = _judge()
    ex1 = load("efficiency_example1")
    G = exactgame.Game(["w0", "w1"], ["1/2", "1/2"], ["A", "B"], ["x", "y"],
                       {"w0": {"x": [1, 0], "y": [0, 1]}, "w1": {"x": [0, 0], "y": [2, 2]}})
    prob = three_parties()
    trade = exactgame.bilateral_trade([0, 2], ["1/2", "1/2"], [3, 6], ["2/3", "1/3"])
    acq = exactgame.AcquisitionGame(["low", "high"], ["1/2", "1/2"], {"buyer": [1, 3], "seller": [0, 1]})
    return {
        "game": g, "k-player game": G, "bargaining problem": prob, "dialogue game": trade, "acquisition game": acq,
        "polytope": exactgame.Polytope.from_points([(0, 0), ("1/2", 0), (0, "-1/3")]),
        "BPResult": exactgame.persuade(g), "PaymentsResult": exactgame.persuade_with_payments(g, "nonnegative"),
        "EfficiencyResult": exactgame.efficiency(G, {"w0": {"x": 1}, "w1": {"y": 1}}),
        "BestEquilibrium": exactgame.best_equilibrium(ex1, ["1/2", "1/2"]),
        "BargainingSolutions": exactgame.solve_bargaining(prob, build_set=False),
        "LPResult": exactgame.solve_lp([1, 1], A_ub=[[-1, -2]], b_ub=["-1/2"]),
        "persuade report": exactgame.persuasion_report(g), "bargain report": exactgame.bargain(prob),
        "dialogue report": exactgame.dialogue(trade, 2), "acquisition report": exactgame.acquisition(acq),
        "efficiency report": exactgame.efficiency_report(G.__class__(G.states, G.prior, G.players, G.profiles,
                                                                      {w: dict(G.payoffs[w]) for w in G.states},
                                                                      outcome={"w0": {"x": 1}, "w1": {"y": 1}})),
    }


RESULTS = _results()


@pytest.mark.parametrize("name", list(RESULTS))
def test_every_object_displays_without_fraction_noise(name):
    obj = RESULTS[name]
    assert isinstance(obj, Displayable)
    text = repr(obj)
    assert "Fraction(" not in text and "\n" not in text and len(text) < 600, text
    html = obj._repr_html_()
    assert html.startswith("<style>") and "Fraction(" not in html
    tex = obj._repr_latex_()
    assert tex.startswith("$$") and tex.endswith("$$")
    assert "\\toprule" in obj.to_latex() and "\\bottomrule" in obj.to_latex()


def test_html_puts_the_answer_first_then_claims_then_the_folded_certificates():
    html = RESULTS["persuade report"]._repr_html_()
    value = html.index("<sup>3</sup>&frasl;<sub>5</sub>")          # value 3/5, typeset
    posteriors = html.index(">posteriors")
    claims = html.index("what is certified")
    certs = html.index("<summary>certificates")
    assert value < posteriors < claims < certs
    assert html[certs - 40:certs].count("<details>") == 1            # the certificates are folded away
    assert "&minus;" not in html.split("what is certified")[0]        # no negative number in this answer


def _latex_cells(tex: str) -> dict[str, list[str]]:
    """Row label -> its cells, over every tabular row of a to_latex() output."""
    rows = {}
    for line in tex.splitlines():
        line = line.strip()
        if line.endswith(r"\\") and "&" in line and not line.startswith(r"\multicolumn"):
            cells = [c.strip() for c in line[:-2].split("&")]
            rows[cells[0].replace(r"\_", "_")] = cells[1:]
    return rows


def _parse_tex_number(cell: str) -> Fraction:
    m = re.fullmatch(r"\$(-?)\\frac\{(\d+)\}\{(\d+)\}\$", cell)
    if m:
        return Fraction(int(m[2]), int(m[3])) * (-1 if m[1] else 1)
    m = re.fullmatch(r"\$(-?\d+)\$", cell)
    assert m, f"not an exact LaTeX number: {cell!r}"
    return Fraction(int(m[1]))


def test_latex_prints_the_documents_exact_numbers_with_negative_fractions():
    rep = RESULTS["bargain report"]
    doc, tex = rep.document(), rep.to_latex()
    rows = _latex_cells(tex)
    agents = list(doc["nash"])
    negatives = 0
    for key in ("disagreement", "ideal", "egalitarian", "kalai_smorodinsky"):
        shown = [_parse_tex_number(c) for c in rows[key][: len(agents)]]
        assert shown == [Fraction(doc[key][a]) for a in agents], key
        negatives += sum(x < 0 for x in shown)
        assert rows[key][-1] == "certified"
    assert negatives > 0 and r"$-\frac{3}{5}$" in tex                # d(Left) = -3/5 printed as -\frac
    for line in ("\\toprule", "\\midrule", "\\bottomrule"):
        assert line in tex


def test_latex_shows_a_conditional_claim_with_its_premise():
    tex = RESULTS["BestEquilibrium"].to_latex()
    row = _latex_cells(tex)["sender_value"]
    assert row[0] == "$3$" and row[1].startswith("conditional$^{1}$")
    assert "Lipnowski and Ravid" in tex


def test_a_tampered_document_shows_the_tampered_number():
    """The display reads the document and nothing else: change the value, the table changes."""
    doc = RESULTS["persuade report"].document()
    assert _parse_tex_number(_latex_cells(to_latex(doc))["value"][0]) == Fraction(3, 5)
    doc["value"] = "-2/7"
    assert _latex_cells(to_latex(doc))["value"][0] == r"$-\frac{2}{7}$"


def test_layout_tables_cover_the_outcome_and_posteriors():
    lay = layout(RESULTS["persuade report"].document())
    by_key = {k: t for t in lay.answer for k in t.keys}
    assert by_key["outcome"].rows == [("innocent", ["4/7", "3/7"]), ("guilty", ["", "1"])]
    assert by_key["posteriors"].header == ("", "weight", "posterior")
    assert ("certificates" in lay.folded) and ("game" in lay.folded)


CLI_CASES = [
    ["payoffs", EX + "efficiency_example1.toml", "--prior", "9/10,1/10"],
    ["efficiency", EX + "efficiency_example1_case_a.toml"],
    ["persuade", EX + "efficiency_example1.toml", "--prior", "9/10,1/10"],
    ["persuade", EX + "payments_zero_sum.toml", "--payments", "nonnegative"],
    ["cheaptalk", EX + "efficiency_example1.toml", "--prior", "1/2,1/2"],
    ["bargain", EX + "bargaining_election.toml"],
    ["dialogue", EX + "bilateral_trade_two_costs.toml", "--rounds", "2"],
    ["acquisition", EX + "acquisition_mechanism.toml"],
    ["reproduce", "--source", "002_b82d6ff4761a0a82.txt"],
]


@pytest.mark.parametrize("argv", CLI_CASES, ids=[" ".join(a[:2]) for a in CLI_CASES])
def test_latex_on_every_subcommand(argv, capsys):
    assert main([*argv, "--latex"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("% exactgame") and "\\begin{table}" in out and "\\toprule" in out
    if argv[0] == "reproduce":      # rows of texts as the papers print them, with the readable citation
        assert "Aköz and Samsonov (2025), Introduction" in out
    else:
        assert re.search(r"\\frac\{\d+\}\{\d+\}|\$\d+\$", out), "no exact number typeset"


def test_latex_on_verify(tmp_path, capsys):
    assert main(["persuade", EX + "efficiency_example1.toml", "--json"]) == 0
    path = tmp_path / "p.json"
    path.write_text(capsys.readouterr().out)
    assert main(["verify", str(path), "--latex"]) == 0
    assert "verified & yes" in capsys.readouterr().out


def test_json_and_latex_together_are_refused(capsys):
    assert main(["bargain", EX + "bargaining_election.toml", "--json", "--latex"]) == 2
    assert "--json and --latex" in capsys.readouterr().err


def test_plain_text_and_json_are_unchanged_by_the_new_option(capsys):
    assert main(["bargain", EX + "bargaining_election.toml"]) == 0
    text = capsys.readouterr().out
    assert "\\" not in text and "claims:" in text
    assert main(["bargain", EX + "bargaining_election.toml", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert {"disagreement", "beneficial", "ideal", "egalitarian", "kalai_smorodinsky", "nash"} <= set(doc)


# -- figures -----------------------------------------------------------------------------------

def _run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_plots_return_figures_and_never_touch_the_backend_or_pyplot():
    """A notebook's backend stays what it was: no matplotlib.use, no pyplot import."""
    out = _run("""
import sys, matplotlib
matplotlib.use("svg")
import exactgame
from exactgame import plots
from exactgame.catalogue import load
g = load("efficiency_example1")
figs = [plots.plot_value_and_envelope(g, result=exactgame.persuade(g)), plots.plot_quasiconcave(g, prior=g.prior),
        plots.plot_efficiency(exactgame.efficiency(g, {"w0": {"a1": 1}, "w1": {"a1": 1}}))]
print(matplotlib.get_backend(), "matplotlib.pyplot" in sys.modules, [type(f).__name__ for f in figs])
""")
    assert out.split() == ["svg", "False", "['Figure',", "'Figure',", "'Figure']"]


def test_plots_draw_into_the_callers_axes():
    from matplotlib.figure import Figure

    g = _judge()
    fig = Figure()
    left, right = fig.subplots(1, 2)
    out = exactgame.plots.plot_value_and_envelope(g, result=RESULTS["BPResult"], ax=right)
    assert out is fig and len(fig.axes) == 2 and right.lines and not left.lines


def test_persuasion_figure_marks_posteriors_weights_and_value():
    fig = exactgame.plots.plot_value_and_envelope(_judge(), result=RESULTS["BPResult"])
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "acquit: weight $\\frac{2}{5}$" in texts and "convict: weight $\\frac{3}{5}$" in texts
    assert "Cav V(p) = $\\frac{3}{5}$" in texts
    star = [ln for ln in fig.axes[0].lines if ln.get_marker() == "*"][0]
    assert list(star.get_xdata()) == [0.3] and list(star.get_ydata()) == [0.6]   # float-ok: comparing a drawing


def test_simplex_figure_marks_weights_and_value():
    g = _three_states()
    r = exactgame.persuade(g)
    fig = exactgame.plots.plot_simplex(g, result=r)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert len(r.posteriors) == 3 and r.value == Fraction(3, 5)
    for a, (w, _) in r.posteriors.items():
        assert f"{a}: weight ${exactgame.numbers.latex(w)}$" in texts
    assert exactgame.numbers.latex(r.value) in fig.axes[0].get_title()


def test_bargaining_figure_marks_the_ideal_point():
    from exactgame.bargaining.examples import election

    prob = election()
    res = exactgame.solve_bargaining(prob)
    fig = exactgame.plots.plot_bargaining(res, prob)
    labels = fig.axes[0].get_legend_handles_labels()[1]
    ideal = [lab for lab in labels if lab.startswith("ideal point")]
    assert ideal == ["ideal point = $(\\frac{8}{5}, \\frac{8}{5})$"]
    assert any(lab.startswith("Nash = ") for lab in labels)


def test_dialogue_figure_takes_one_axes_per_panel():
    from matplotlib.figure import Figure

    alt = exactgame.alternate(exactgame.spy_game(), 1)
    fig = Figure()
    axes = fig.subplots(1, 3)
    assert exactgame.plots.plot_dialogue(alt, ax=axes) is fig
    with pytest.raises(exactgame.InputError, match="3 panels to draw, ax= has 1"):
        exactgame.plots.plot_dialogue(alt, ax=[axes[0]])


@pytest.mark.parametrize("suffix,magic", [(".svg", b"<?xml"), (".pdf", b"%PDF"), (".png", b"\x89PNG")])
def test_cli_plot_formats_by_suffix(tmp_path, suffix, magic, capsys):
    path = tmp_path / f"figure{suffix}"
    assert main(["persuade", EX + "efficiency_example1.toml", "--plot", str(path)]) == 0
    assert path.read_bytes()[:len(magic)] == magic


# -- namespace and citations ---------------------------------------------------------------------

def test_top_level_namespace_exposes_the_solvers_lazily():
    for name in ("persuade", "efficiency", "best_equilibrium", "solve_bargaining", "dialogue", "acquisition",
                 "bargain", "persuasion_report", "BargainingProblem", "AcquisitionGame"):
        assert name in exactgame.__all__ and callable(getattr(exactgame, name)), name
    assert exactgame.efficiency.EfficiencyResult.__name__ == "EfficiencyResult"   # the module, callable
    out = _run("import sys, exactgame; print(sorted(m for m in sys.modules if m.split('.')[1:2] and "
               "m.split('.')[1] in {'persuasion', 'cheaptalk', 'bargaining', 'dialogue', 'acquisition', 'efficiency', 'plots'}))")
    assert out.strip() == "[]", "import exactgame imported a solver"


def test_unknown_top_level_name():
    with pytest.raises(AttributeError, match="no attribute 'persuadee'"):
        exactgame.persuadee  # noqa: B018


def test_every_catalogue_source_has_a_readable_citation(capsys):
    from exactgame.reproduce import entries

    sources = {e.source for e in entries()}
    assert sources <= set(SOURCES)
    assert cite("000_2cf035f6c25283ea.txt", "Example 1") == "Arieli, Babichenko, Jain and Smorodinsky (2025), Example 1"
    assert main(["reproduce", "--source", "000_2cf035f6c25283ea.txt", "--json"]) in (0, 1)
    rows = json.loads(capsys.readouterr().out)
    assert all(r["source"] == "000_2cf035f6c25283ea.txt" for r in rows)            # the contract key stays
    assert all(r["citation"] == cite(r["source"], r["item"]) for r in rows)
    assert main(["reproduce", "--source", "004_2686c8b5ad6ec5f0.txt"]) in (0, 1)
    assert capsys.readouterr().out.startswith(reference("004_2686c8b5ad6ec5f0.txt"))


def test_the_package_docstring_points_to_the_shipped_guide():
    import os

    assert "exactgame/docs/guide.md" in exactgame.__doc__ and os.path.isfile(exactgame.guide())


def test_results_added_with_the_reach_issues_read_as_sentences():
    """The result classes added beside the display layer (issues 20, 21, 24) mix it in too."""
    from exactgame.cheaptalk_payoffs import equilibrium_payoff_set
    from exactgame.persuasion.adversarial import persuade_adversarial
    from exactgame.reproduce.communication_efficiency import example1_game

    for r in (equilibrium_payoff_set(example1_game(), ["1/2", "1/2"]), persuade_adversarial(example1_game(), ["1/2", "1/2"])):
        text = repr(r)
        assert "Fraction(" not in text and text.startswith(type(r).__name__ + ":")
        assert "<table" in r._repr_html_() and "\\frac" in r.to_latex() + r._repr_latex_() or "\\begin" in r.to_latex()
