"""Generate the fence attribute reference from the option declarations (never written by hand).

One table for the figure attributes, then one per style: every option a fence of that style
accepts, with its accepted values, default and description, exactly as the core declares them.
"""

from __future__ import annotations

import html

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from nnviz_core import registry
from nnviz_core.hosting import FIGURE_ATTRIBUTES, option_table


def _cell(text: object) -> str:
    return html.escape(str(text), quote=False).replace("|", "\\|").replace("\n", " ")


def _default(value: object) -> str:
    """A default as a fence author writes it: ``true``, ``none``, ``40.0``."""
    if value is None:
        return "none"
    return str(value).lower() if isinstance(value, bool) else str(value)


def _style_table(style: str) -> list[str]:
    described = registry.style(style).description
    rows = [f"## `{style}`\n", f"{described}\n", "| attribute | values | default | meaning |"]
    rows.append("|---|---|---|---|")
    for name, info in sorted(option_table(style).items()):
        rows.append(
            f"| `{name}` | {_cell(info.type_text)} | `{_cell(_default(info.default))}` | "
            f"{_cell(info.description)} |"
        )
    return rows


def reference() -> str:
    lines = [
        "# Attribute reference\n",
        "Generated from the option declarations. Write attributes on the fence line, quoted: "
        '```` ```nnviz style="graph" show_shapes="true" ````.\n',
        "## Figure and source\n",
        "| attribute | meaning |",
        "|---|---|",
    ]
    lines += [f"| `{name}` | {_cell(text)} |" for name, text in FIGURE_ATTRIBUTES.items()]
    for style in registry.names("nnviz.styles"):
        lines += ["", *_style_table(style)]
    return "\n".join(lines) + "\n"


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    files.append(File.generated(config, "reference.md", content=reference()))
    return files
