"""The MkDocs plugin ``nnviz``: ``plugins: [nnviz]`` is all a site needs.

It installs the fence handling itself (adding the nnviz custom fence to the user's
``pymdownx.superfences`` when that is loaded, so fences inside admonitions, tabs and lists render,
or the plain preprocessor otherwise), adds the theme and layout CSS, keeps one content-hash cache
across builds and ``mkdocs serve`` rebuilds, tells each fence which page and line it is on, and
asks ``mkdocs serve`` to watch the spec files fences read with ``file=``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from mkdocs_nnviz import assets
from mkdocs_nnviz.extension import NnvizExtension
from mkdocs_nnviz.fences import fence_format, fence_validator
from mkdocs_nnviz.renderer import FenceRenderer, Settings, log
from nnviz_core.errors import NnvizError
from nnviz_core.hosting import (
    LANGUAGE,
    LANGUAGES,
    DiagramCache,
    HostSettings,
    Setting,
    for_host,
    viewer_script,
)

SUPERFENCES = "pymdownx.superfences"
#: Why a fence the page has was never drawn, with or without superfences.
UNDRAWN_HINTS = {
    True: 'superfences did not accept its header; quote every value, e.g. style="block"',
    False: "fences inside admonitions, tabs or lists need pymdownx.superfences in "
    "markdown_extensions",
}


def config_option(setting: Setting) -> Any:
    """The MkDocs config option of one declared setting."""
    if setting.choices:
        return c.Choice(setting.choices, default=setting.default)
    kinds = tuple(kind for kind in setting.kinds if kind is not type(None))
    if len(kinds) < len(setting.kinds):
        return c.Optional(c.Type(kinds[0]))
    return c.Type(kinds if len(kinds) > 1 else kinds[0], default=setting.default)


#: The plugin's settings in ``mkdocs.yml``, generated from the hosting declarations.
NnvizConfig: Any = type(
    "NnvizConfig",
    (Config,),
    {
        "__doc__": "The plugin's settings in ``mkdocs.yml``.",
        **{setting.name: config_option(setting) for setting in for_host("mkdocs")},
    },
)


class NnvizPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]  # generated config
    """Draws ```` ```nnviz ```` fences at build time."""

    config_class = NnvizConfig
    config: Any

    def __init__(self) -> None:
        self.renderer: FenceRenderer | None = None
        self._cache: DiagramCache | None = None
        self._wanted: Path | None = None
        self._server: LiveReloadServer | None = None
        self._watching: set[Path] = set()
        self._undrawn_hint = UNDRAWN_HINTS[False]
        self._prune = False
        self._with_diagrams: set[str] = set()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Keeps one plugin (and its memory cache) across serve rebuilds; notes the command.

        Only a full ``mkdocs build`` or ``gh-deploy`` sees every page, so only they may prune.
        """
        self._prune = command in {"build", "gh-deploy"} and not dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:  # checks the default style and options before any page
            self.renderer = FenceRenderer(self._settings(config), self._cache_for(config))
        except NnvizError as error:
            raise PluginError(f"nnviz plugin: {error}") from None
        uses_superfences = SUPERFENCES in config.markdown_extensions
        self._undrawn_hint = UNDRAWN_HINTS[uses_superfences]
        if uses_superfences:
            for name in FORMATTERS:
                add_custom_fence(config.mdx_configs, name)
        fences = "no" if uses_superfences else "yes"
        # MkDocs types the list as names, but hands instances to Markdown as they are.
        extension = NnvizExtension(renderer=self.renderer, fences=fences)
        config.markdown_extensions.append(extension)  # type: ignore[arg-type]
        if assets.CSS_PATH not in config.extra_css:
            config.extra_css.insert(0, assets.CSS_PATH)
        return config

    def _settings(self, config: MkDocsConfig) -> Settings:
        config_dir = Path(config.config_file_path or ".").resolve().parent
        shared = HostSettings(
            default_style=self.config.default_style,
            default_options=dict(self.config.default_options),
            theme=self.config.theme,
            mode=self._mode(config),
            width=self.config.width,
            readability_warnings=self.config.readability_warnings,
            graphviz_engine=self.config.graphviz_engine,
            allowed_roots=tuple(config_dir / str(root) for root in self.config.allowed_roots),
            theme_base=config_dir,
        )
        return Settings(shared, base_dir=Path(config.docs_dir), config_dir=config_dir)

    def _mode(self, config: MkDocsConfig) -> str | None:
        """``auto`` becomes ``light`` on a site theme that is always light and marks nothing.

        Material without a ``palette`` and Read the Docs have no dark mode and set no attribute
        the theme CSS could follow, so ``auto`` would turn dark with the reader's system alone.
        """
        theme = config.theme
        always_light = theme.name == "readthedocs" or (
            theme.name == "material" and not theme.get("palette")
        )
        mode = self.config.mode
        following = (mode or "auto") == "auto" and self.config.theme not in ("light", "dark")
        return "light" if always_light and following else mode

    def _cache_for(self, config: MkDocsConfig) -> DiagramCache:
        directory = None
        if self.config.cache:
            root = Path(config.config_file_path or ".").resolve().parent
            directory = root / self.config.cache_dir
        if self._cache is None or self._wanted != directory:
            self._wanted = directory
            self._cache = DiagramCache(directory, inform=lambda message: log.info(message))
        return self._cache

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if files.get_file_from_path(assets.CSS_PATH) is None:
            files.append(File.generated(config, assets.CSS_PATH, content=assets.css_text()))
        if files.get_file_from_path(assets.SCRIPT_PATH) is None:
            files.append(File.generated(config, assets.SCRIPT_PATH, content=viewer_script()))
        return files

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self._cache is not None:
            self._cache.reset_counts()

    @event_priority(-100)  # after other plugins have rewritten the Markdown
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        assert self.renderer is not None
        self.renderer.begin_page(page.file.src_uri, markdown, _line_offset(page, markdown))
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.renderer is not None
        drawn = self.renderer.end_page()
        if drawn is None:
            return html
        if page.present_anchor_ids is not None:
            page.present_anchor_ids.update(drawn.anchors)  # stashed HTML is invisible to MkDocs
        self.renderer.report_undrawn(drawn, self._undrawn_hint)
        if drawn.drawn:
            self._with_diagrams.add(page.file.src_uri)
        else:
            self._with_diagrams.discard(page.file.src_uri)
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Load the viewer's script on pages that show a diagram, and only there; on every page
        under Material's instant navigation, which swaps pages in without loading their head."""
        instant = "navigation.instant" in (config.theme.get("features") or ())
        if page.file.src_uri not in self._with_diagrams and not instant:
            return output
        url = get_relative_url(assets.SCRIPT_PATH, page.url)
        tag = f'<script src="{url}" defer></script>'
        head = output.find("</head>")
        if head < 0:
            return output + tag
        return output[:head] + tag + output[head:]

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        cache = self._cache
        if cache is not None and cache.rendered + cache.reused:
            log.info(
                "nnviz: drew %d diagrams, took %d from the cache", cache.rendered, cache.reused
            )
        if cache is not None and self._prune:
            removed = cache.prune()
            if removed:
                log.info("nnviz: removed %d diagrams no page uses from the cache", removed)
        self._watch_new_files()

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        self._server = server
        self._watch_new_files()
        return server

    def _watch_new_files(self) -> None:
        if self._server is None or self.renderer is None:
            return
        for path in sorted(self.renderer.watched - self._watching):
            if path.exists():
                self._server.watch(str(path))
                self._watching.add(path)


#: The superfences formatter of each fence language the plugin draws (one for all of them).
FORMATTERS = dict.fromkeys(LANGUAGES, fence_format)


def add_custom_fence(mdx_configs: dict[str, Any], name: str = LANGUAGE) -> None:
    """Register the fence ``name`` with superfences, unless the user already configured one."""
    options = mdx_configs.setdefault(SUPERFENCES, {})
    fences = list(options.get("custom_fences") or [])
    if any(entry.get("name") == name for entry in fences):
        return
    fences.append(
        {"name": name, "class": name, "format": FORMATTERS[name], "validator": fence_validator}
    )
    options["custom_fences"] = fences


def _line_offset(page: Page, markdown: str) -> int:
    """Lines before the Markdown MkDocs converts (the front matter it strips)."""
    try:
        original = page.file.content_string.replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError, TypeError):
        return 0
    markdown = markdown.replace("\r\n", "\n")
    if markdown and original.endswith(markdown):
        return original[: len(original) - len(markdown)].count("\n")
    return 0
