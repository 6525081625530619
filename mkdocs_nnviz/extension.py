"""The plain Python-Markdown extension: ```` ```nnviz ```` fences without MkDocs or superfences.

``Markdown(extensions=["mkdocs_nnviz"])`` draws top-level fences (like Python-Markdown's own
``fenced_code``). Its preprocessor runs just before the fenced-code ones (priority 25), so it
sees the fences first, and stores the HTML in the stash so later processors leave the SVG alone.
When ``pymdownx.superfences`` is loaded too, the extension leaves fences to it: superfences also
finds them inside admonitions and tabs, given the custom fence of :mod:`mkdocs_nnviz.fences`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from mkdocs_nnviz.fences import attach
from mkdocs_nnviz.renderer import FenceRenderer, Settings
from nnviz_core.hosting import SETTINGS, FenceSite, HostSettings, find_fences

PRIORITY = 28
#: The settings both hosts offer; the extension takes them too.
SHARED = tuple(setting for setting in SETTINGS if len(setting.hosts) > 1)


class NnvizPreprocessor(Preprocessor):
    """Replaces each top-level nnviz fence with a stashed diagram."""

    def __init__(self, md: Markdown, renderer: FenceRenderer) -> None:
        super().__init__(md)
        self.renderer = renderer

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        sites = find_fences(text, max_indent=3)
        standalone = self.renderer.page is None  # not inside an MkDocs page: one document
        if standalone:
            self.renderer.begin_page(self.renderer.settings.source_name, text)
        try:
            drawn = [self._render(site) for site in sites]
        finally:
            if standalone:
                self.renderer.end_page()
        for site, html in reversed(list(zip(sites, drawn, strict=True))):
            placeholder = self.md.htmlStash.store(html)
            lines[site.line - 1 : site.end] = ["", placeholder, ""]
        return lines

    def _render(self, site: FenceSite) -> str:
        return self.renderer.render(
            site.body, site.header, line=site.line, indent=site.indent, language=site.language
        )


class NnvizExtension(Extension):
    """```` ```nnviz ```` fences for Python-Markdown; configure like any extension."""

    def __init__(self, renderer: FenceRenderer | None = None, **kwargs: Any) -> None:
        self.config = {  # the settings every host offers, declared once in hosting
            **{setting.name: [setting.default, setting.description] for setting in SHARED},
            "base_dir": [".", "Directory that file= paths are relative to."],
            "fences": ["auto", "Draw fences itself: auto (unless superfences is loaded), yes, no."],
        }
        super().__init__(**kwargs)
        self._renderer = renderer

    def renderer(self) -> FenceRenderer:
        if self._renderer is None:
            values = {setting.name: self.getConfig(setting.name) for setting in SHARED}
            shared = HostSettings.from_values(values, Path.cwd())
            settings = Settings(shared, base_dir=Path(str(self.getConfig("base_dir"))))
            self._renderer = FenceRenderer(settings)
        return self._renderer

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        renderer = self.renderer()
        attach(md, renderer)
        if self._draws_fences(md):
            md.preprocessors.register(NnvizPreprocessor(md, renderer), "nnviz", PRIORITY)

    def _draws_fences(self, md: Markdown) -> bool:
        mode = str(self.getConfig("fences")).lower()
        if mode in {"auto", ""}:
            return not any(
                type(ext).__module__ == "pymdownx.superfences" for ext in md.registeredExtensions
            )
        return mode in {"yes", "true", "1", "on"}


def makeExtension(**kwargs: Any) -> NnvizExtension:
    return NnvizExtension(**kwargs)
