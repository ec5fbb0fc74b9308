"""`mkdocs build --strict` makes the site; headless Chromium reads it as a visitor would."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from freepik_kling._catalog import models
from tests.docs.browser import dump_dom, serve
from tests.helpers import ROOT


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": str(Path(sys.executable).parent)},
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return folder


def headings(dom: str, level: int) -> list[str]:
    found = re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", dom, re.DOTALL)
    return [html.unescape(re.sub(r"<[^>]+>", "", text)).replace("¶", "").strip() for text in found]


def test_the_pages_render_their_headings_in_a_browser(site: Path) -> None:
    with serve(site) as url:
        home = dump_dom(f"{url}/")
        model = dump_dom(f"{url}/models/kling-v2-6-pro/")
        reference = dump_dom(f"{url}/reference/client/")
    assert headings(home, 1) == ["freepik-kling"]
    assert "Where to go" in headings(home, 2)
    assert headings(model, 1) == ["kling-v2-6-pro"]
    sections = headings(model, 2)
    assert {"Try it", "Required", "Routes"} <= set(sections)
    assert any(section.startswith("Fields") for section in sections)
    assert headings(reference, 1) == ["Clients and resources"]
    anchors = set(re.findall(r'<h[23] id="([^"]+)"', reference))
    assert {"freepik_kling.Freepik", "freepik_kling.AsyncFreepik", "model-resources"} <= anchors
    shared = ("download", "with_options", "model", "models", "kling_v2")  # model() from the base, under the stubs
    for name in [f"{client}.{method}" for client in ("Freepik", "AsyncFreepik") for method in shared]:
        assert f"freepik_kling.{name}" in anchors, anchors
    for method in ("create", "get", "list", "wait", "run"):
        assert f"freepik_kling._client._Resource.{method}" in anchors, anchors


def test_the_api_reference_renders_docstring_sections(site: Path) -> None:
    """One section style (Google), rendered as sections: no Sphinx role or raw section header left as text."""
    pages = [path.read_text(encoding="utf-8") for path in (site / "reference").rglob("index.html")]
    text = "\n".join(pages)
    titles = re.findall(r'<span class="doc-section-title">([^<]+)</span>', text)
    assert {"Parameters:", "Returns:", "Raises:"} <= set(titles)
    assert titles.count("Parameters:") >= 10
    prose = re.sub(r'<span class="doc-section-title">[^<]+</span>', "", text)
    for leftover in (":class:", ":meth:", ":func:", ":attr:", ":mod:", "Args:", "Returns:", "Raises:"):
        assert leftover not in prose, leftover


def test_the_package_lists_its_exports_literally() -> None:
    """griffe reads ``__all__`` from the source: it must be what the lazy loader serves."""
    import freepik_kling

    assert sorted(freepik_kling.__all__) == sorted([*freepik_kling._HOME_OF, "__version__", "errors", "webhooks"])
    for name in freepik_kling.__all__:
        assert getattr(freepik_kling, name) is not None


def test_the_search_index_holds_every_model(site: Path) -> None:
    with serve(site) as url:
        dom = dump_dom(f"{url}/search/search_index.json")
    shown = re.search(r"<pre[^>]*>(.*)</pre>", dom, re.DOTALL)
    assert shown is not None, dom[:500]
    index = json.loads(html.unescape(shown[1]))
    titles = {entry["title"] for entry in index["docs"]}
    assert set(models()) <= titles
    assert any(entry["location"].startswith("reference/client/") for entry in index["docs"])


def test_the_changelog_is_on_the_site(site: Path) -> None:
    page = (site / "changelog" / "index.html").read_text(encoding="utf-8")
    assert headings(page, 1) == ["Changelog"]
    released = [heading for heading in headings(page, 2) if heading != "[Unreleased]"]
    assert released == ["[0.3.0] - 2026-11-21", "[0.2.0] - 2026-11-21", "[0.1.0] - 2026-11-21"]
