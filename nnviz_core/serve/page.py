"""The HTML of ``nnviz serve``'s pages, their assets and the configuration the editor reads.

The editor page is a shell: the bundled script (``nnviz-serve.js``, built from ``serve-ui/``
with CodeMirror) fills it from :func:`config` and ``/api/file``; the diagram pane is an
``.nnviz-figure`` the viewer's script (``nnviz-viewer.js``) makes explorable.
"""

from __future__ import annotations

import json
from functools import cache
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from nnviz_core import registry
from nnviz_core.options import RenderOptions, json_schema
from nnviz_core.schema import spec_schema
from nnviz_core.serve.sources import SCRATCH, Opened
from nnviz_core.serve.templates import DEFAULT, templates

__all__ = ["asset", "config", "editor", "listing", "scratch"]

#: The page's own assets, and the viewer's, by the name the page asks for.
_ASSETS = {
    "nnviz-serve.js": ("nnviz_core.serve", "text/javascript; charset=utf-8"),
    "nnviz-serve.css": ("nnviz_core.serve", "text/css; charset=utf-8"),
    "nnviz-viewer.js": ("nnviz_core.viewer", "text/javascript; charset=utf-8"),
    "nnviz-viewer.css": ("nnviz_core.viewer", "text/css; charset=utf-8"),
}
#: Styles that draw a network from a spec (``history`` draws training logs).
_SPEC_STYLES = ("graph", "block", "lenet", "fcnn")


def asset(name: str) -> tuple[str, bytes] | None:
    """The media type and bytes of one of the page's assets."""
    if name not in _ASSETS:
        return None
    package, media = _ASSETS[name]
    return media, resources.files(package).joinpath(name).read_bytes()


@cache
def config() -> dict[str, Any]:
    """Styles with their option declarations (JSON Schema), the output options, the spec schema."""
    styles = [name for name in _SPEC_STYLES if name in registry.names("nnviz.styles")]
    return {
        "styles": {
            name: {
                "description": registry.style(name).description,
                "options": json_schema(registry.style(name).options),
            }
            for name in styles
        },
        "output": json_schema(RenderOptions),
        "spec": spec_schema(),
    }


def _shell(title: str, body: str, script: str = "") -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)} · nnviz serve</title>",
            '<link rel="icon" href="data:,">',
            '<link rel="stylesheet" href="/assets/nnviz-viewer.css">',
            '<link rel="stylesheet" href="/assets/nnviz-serve.css">',
            "</head>",
            f"<body>\n{body}\n{script}</body>",
            "</html>",
            "",
        ]
    )


def _editor(title: str, file: dict[str, Any]) -> str:
    """The editor page, told what it edits by a JSON island (``file``)."""
    data = json.dumps(file).replace("<", "\\u003c")
    body = f'<div id="nnviz-serve" data-file="{escape(file["name"])}"></div>'
    script = (
        f'<script id="nnviz-serve-file" type="application/json">{data}</script>\n'
        '<script src="/assets/nnviz-viewer.js"></script>\n'
        '<script src="/assets/nnviz-serve.js"></script>\n'
    )
    return _shell(title, body, script)


def editor(opened: Opened) -> str:
    """The editor page for one spec (or a read-only model's exported YAML)."""
    return _editor(opened.name, {"name": opened.name, "readonly": opened.readonly})


def scratch(chosen: str | None) -> str:
    """The editor page for a new spec, started from the example ``chosen`` (or the default):
    it stays in the page until it is saved as a file."""
    found = templates()
    key = chosen if any(t.key == chosen for t in found) else DEFAULT
    listed = [{"key": t.key, "title": t.title, "text": t.text} for t in found]
    file = {"name": SCRATCH, "readonly": False, "scratch": True, "template": key}
    return _editor("new spec", {**file, "templates": listed})


def listing(root: Path) -> str:
    """Every diagram in a docs tree, each a link to open its spec file in the editor."""
    from nnviz_core.serve.diagrams import diagrams

    rows = []
    for found in diagrams(root):
        where = escape(f"{found.page}:{found.line}")
        style = f"&style={quote(found.style)}" if found.file != found.page else ""
        if found.file is not None:
            target = escape(f"{quote(found.file)}{style}", quote=True)
            link = f'<a href="/?file={target}">{escape(found.file)}</a>'
        else:
            target = escape(f"{quote(found.page)}:{found.line}{style}", quote=True)
            named = f": {escape(found.title)}" if found.title else ""
            link = f'<a href="/?file={target}">inline spec{named}</a>'
        rows.append(f"<li><code>{where}</code> {escape(found.style)} — {link}</li>")
    items = "\n".join(rows) or "<li>no nnviz diagrams found</li>"
    body = (
        '<main class="nnviz-serve-list">'
        f"<h1>Diagrams in {escape(root.name or str(root))}</h1>\n<ul>\n{items}\n</ul></main>"
    )
    return _shell(root.name or "diagrams", body)
