"""A Content-Security-Policy and a Referrer-Policy on every built page, as <meta> tags.

GitHub Pages sets no response headers, so the policy travels in the page. It allows only the
site's own files: scripts from 'self' plus the exact inline scripts the theme writes (each
allowed by its SHA-256, computed here from the final HTML, so editing one without rebuilding
cannot run), no plugins, no <base> tricks, no form posts elsewhere. Styles keep
'unsafe-inline' because KaTeX and mermaid set style attributes on what they draw; a style
cannot run code. This hook must be the last one: it hashes what every other hook wrote.

Links that open a new window get rel="noopener noreferrer", so the opened page cannot reach
back through window.opener.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

REFERRER_POLICY = "strict-origin-when-cross-origin"
_POLICY_META = re.compile(r'\n?<meta http-equiv="Content-Security-Policy"[^>]*>')
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S)
_DATA_TYPES = ("application/json", "application/ld+json", "text/template")
_TARGET_LINK = re.compile(r"<a\s[^>]*\btarget=\"[^\"]*\"[^>]*>")
_CHARSET = re.compile(r"<meta charset=\"utf-8\">", re.I)


def _executes(attrs: str) -> bool:
    """True for an inline script the browser would run (not JSON data, not external)."""
    if re.search(r"\ssrc=", attrs):
        return False
    kind = re.search(r'\stype="([^"]*)"', attrs)
    return not (kind and kind.group(1).strip().lower() in _DATA_TYPES)


def inline_script_hashes(html: str) -> list[str]:
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        if _executes(match.group("attrs")):
            digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
            token = f"'sha256-{base64.b64encode(digest).decode()}'"
            if token not in hashes:
                hashes.append(token)
    return hashes


def policy(html: str) -> str:
    scripts = " ".join(["'self'", *inline_script_hashes(html)])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def _safe_target(match: re.Match[str]) -> str:
    tag = match.group(0)
    rel = re.search(r'\srel="([^"]*)"', tag)
    values = rel.group(1).split() if rel else []
    values += [v for v in ("noopener", "noreferrer") if v not in values]
    if rel:
        return tag[:rel.start()] + f' rel="{" ".join(values)}"' + tag[rel.end():]
    return tag[:-1] + f' rel="{" ".join(values)}">'


def secure(html: str, where: str) -> str:
    """The page with its policies in <head> (replacing earlier ones: safe to run twice)."""
    html = _POLICY_META.sub("", html)
    html = re.sub(r'\n?<meta name="referrer"[^>]*>', "", html)
    html = _TARGET_LINK.sub(_safe_target, html)
    if not _CHARSET.search(html):
        raise PluginError(f"security: {where} has no <meta charset=\"utf-8\"> to put the "
                          "Content-Security-Policy after (it must precede every script)")
    tags = (f'\n<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
            f'\n<meta name="referrer" content="{REFERRER_POLICY}">')
    return _CHARSET.sub(lambda m: m.group(0) + tags, html, count=1)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return secure(output, page.file.src_uri)


def on_post_build(*, config: MkDocsConfig) -> None:
    # Pages other hooks rewrite after on_post_page (the print edition) and the theme's 404.
    site = Path(config.site_dir)
    for path in (site / "print" / "index.html", site / "404.html"):
        if path.is_file():
            html = path.read_text(encoding="utf-8")
            path.write_text(secure(html, str(path.relative_to(site))), encoding="utf-8")
