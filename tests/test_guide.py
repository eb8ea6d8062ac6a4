"""The Python guide's code blocks run (issue 23): every ```python block of docs/*.md (the guide
ships in exactgame/docs/, docs/ links to it) is one doctest, in order, with shared names."""

import doctest
import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
PAGES = sorted({p.resolve() for p in (ROOT / "docs").glob("*.md")} | {p.resolve() for p in (ROOT / "exactgame" / "docs").glob("*.md")})
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def _blocks(page: pathlib.Path) -> str:
    return "\n".join(BLOCK.findall(page.read_text()))


def test_there_is_a_guide():
    assert any(p.name == "guide.md" for p in PAGES), PAGES
    assert (ROOT / "docs" / "guide.md").resolve() == (ROOT / "exactgame" / "docs" / "guide.md").resolve()


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_guide_code_runs(page, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = _blocks(page)
    assert text.count(">>>") > 20, f"{page.name}: too few examples"
    test = doctest.DocTestParser().get_doctest(text, {}, page.name, str(page), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0, f"{page.name}: {runner.failures} of {runner.tries} examples failed (see the output above)"


def test_every_block_is_tested():
    """A block with no >>> would be prose pretending to be tested."""
    for page in PAGES:
        for block in BLOCK.findall(page.read_text()):
            assert ">>>" in block, f"{page.name}: a python block without examples:\n{block[:200]}"
