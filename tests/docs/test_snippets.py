"""Every Python block of the guides runs against the simulator, or says why it cannot."""

from __future__ import annotations

from pathlib import Path

import pytest

from freepik_kling.testing import FreepikServer
from tests.docs.conftest import DOCS, blocks

GUIDES = sorted(page for page in DOCS.rglob("*.md") if "models" not in page.relative_to(DOCS).parts)


def test_the_guides_have_python_to_run() -> None:
    runnable = [code for page in GUIDES for code, reason in blocks(page, "python") if reason is None]
    assert len(runnable) >= 12


@pytest.mark.parametrize("page", GUIDES, ids=lambda page: page.relative_to(DOCS).as_posix())
def test_python_blocks_run(page: Path, reader: FreepikServer, capsys: pytest.CaptureFixture[str]) -> None:
    """A page's blocks run in order in one namespace, as a reader pastes them one after another."""
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for number, (code, reason) in enumerate(blocks(page, "python"), start=1):
        if reason is not None:
            compile(code, f"{page.name} block {number}", "exec")  # not run, but still Python
            continue
        exec(compile(code, f"{page.name} block {number}", "exec"), namespace)  # noqa: S102 - the docs' own code
    invalid = [f"{r.method} {r.path}: {r.contract_errors}" for r in reader.requests if r.contract_errors]
    assert not invalid
    assert reader.api_key not in capsys.readouterr().out


def test_a_block_marked_not_run_gives_its_reason(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("<!-- not run: it needs a public URL -->\n```python\nx = 1\n```\n\n```python\ny = 2\n```\n")
    assert blocks(page, "python") == [("x = 1\n", "it needs a public URL"), ("y = 2\n", None)]
