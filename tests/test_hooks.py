"""Unit behaviour of the build hooks that the browser tests only see indirectly."""

from __future__ import annotations

import importlib.util

import pytest
from conftest import ROOT


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "overrides" / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


page_assets = load("page_assets")


def test_mermaid2_stand_in_counts_blocks_and_appends_one_script():
    html = ('<html><body><pre  class="mermaid"><code>graph TD\nA-->B</code></pre>'
            '<pre class="mermaid"><code>x</code></pre></body></html>')
    soup = page_assets._PageHtml(html, "html.parser")
    assert len(soup.select("pre.mermaid code")) == 2
    tag = soup.new_tag("script")
    tag["type"] = "module"
    tag.string = 'import mermaid from "assets/m.mjs";'
    soup.body.append(tag)
    out = str(soup)
    assert out.endswith('<script type="module">import mermaid from "assets/m.mjs";</script>'
                        "</body></html>")
    lazy = page_assets._lazy_mermaid(out, "../")
    assert "import mermaid" not in lazy and 'class="mermaid"' not in lazy
    assert lazy.count('<pre class="guide-diagram"><code>') == 2
    assert lazy.endswith('<script defer src="../assets/javascripts/diagrams.js" '
                         'data-mermaid="./assets/m.mjs"></script>\n</body></html>')


def test_diagrams_without_the_mermaid2_script_fail_the_build_clearly():
    from mkdocs.exceptions import PluginError

    with pytest.raises(PluginError, match="no mermaid2 script"):
        page_assets._lazy_mermaid('<pre class="mermaid"><code>x</code></pre></body>', "")


def test_mermaid2_stand_in_refuses_what_it_does_not_implement():
    soup = page_assets._PageHtml("<body></body>")
    with pytest.raises(NotImplementedError, match="fence_mermaid_custom"):
        soup.select("div.mermaid")
    with pytest.raises(NotImplementedError):
        soup.new_tag("div")
