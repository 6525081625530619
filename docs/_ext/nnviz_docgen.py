"""Reference pages generated at build time from the code, so they never drift from it.

* ``.. nnviz-style-options::`` - one section per registered style with its option table, from the
  options dataclasses (the same declarations that make the directive, fence and CLI options);
* ``.. nnviz-directive-options::`` and ``.. nnviz-config-values::`` - the Sphinx extension's tables;
* ``.. nnviz-cli-help::`` - the ``--help`` text of ``nnviz`` and each of its commands;
* ``.. nnviz-themes::`` and ``.. nnviz-theme-tokens::`` - the built-in themes and every colour
  token with its default values, from the shipped theme files;
* the gallery: ``gallery/<example>.rst`` pages written on ``builder-inited`` (only when their text
  changes, so incremental builds stay incremental), every example in every style that draws it,
  and ``gallery/themes.rst``: every built-in theme on the same two networks, light and dark.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from nnviz_core import registry
from nnviz_core.errors import NnvizError
from nnviz_core.hosting import Request, network_styles
from nnviz_core.options import OptionInfo, RenderOptions, declared
from nnviz_core.sources.resolve.options import SourceOptions
from nnviz_core.theme import TOKENS
from nnviz_core.theming import BUILTINS, load
from sphinx_nnviz.config import CONFIG_VALUES, PREFIX, host_for
from sphinx_nnviz.options import FIGURE_OPTIONS, OPTION_HELP, SOURCE_OPTIONS

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _literal(value: Any) -> str:
    return "—" if value is None else f"``{value!r}``"


def _table(header: Iterable[str], rows: Iterable[Iterable[str]], widths: str) -> list[str]:
    """A ``list-table`` in rST lines."""
    lines = [".. list-table::", "   :header-rows: 1", f"   :widths: {widths}", ""]
    for row in [list(header), *map(list, rows)]:
        lines.append(f"   * - {row[0]}")
        lines += [f"     - {cell}" for cell in row[1:]]
    return [*lines, ""]


def _option_rows(infos: Iterable[OptionInfo]) -> Iterator[list[str]]:
    for info in infos:
        flag = " (flag)" if info.is_flag else ""
        yield [
            f"``:{info.kebab}:``{flag}",
            info.type_text,
            _literal(info.default),
            info.description,
        ]


class _Generated(SphinxDirective):
    """A directive whose body is rST text made from the code."""

    def lines(self) -> list[str]:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        container = nodes.section() if self.sections else nodes.container()
        self.state.nested_parse(
            StringList(self.lines(), source=self.get_source_info()[0]),
            self.content_offset,
            container,
            match_titles=self.sections,
        )
        return list(container.children)

    sections = False


class StyleOptions(_Generated):
    """Every registered style with its option table, then the output options."""

    sections = True

    def lines(self) -> list[str]:
        sections: list[tuple[str, type]] = []
        for name in registry.names("nnviz.styles"):
            style = registry.style(name)
            sections.append((f"``{name}``: {style.description}", style.options))
        sections += [
            ("Output options (every style)", RenderOptions),
            ("Model source options", SourceOptions),
        ]
        out: list[str] = []
        header = ["Option", "Values", "Default", "Meaning"]
        for title, options in sections:
            out += [title, "-" * len(title), ""]
            out += _table(header, _option_rows(declared(options)), "20 20 12 48")
        return out


class DirectiveOptions(_Generated):
    """The directive's own source and figure options."""

    def lines(self) -> list[str]:
        names = [*SOURCE_OPTIONS, *FIGURE_OPTIONS]
        return _table(
            ["Option", "Meaning"], ([f"``:{n}:``", OPTION_HELP[n]] for n in names), "25 75"
        )


class ConfigValues(_Generated):
    """The ``conf.py`` settings with types, defaults and rebuild flags."""

    def lines(self) -> list[str]:
        rows = (
            [
                f"``{PREFIX}{v.name}``",
                v.type_text,
                _literal(v.default),
                f"``{v.rebuild}``",
                v.description,
            ]
            for v in CONFIG_VALUES
        )
        return _table(["Setting", "Type", "Default", "Rebuilds", "Meaning"], rows, "22 14 10 8 46")


def _default_first() -> list[str]:
    return sorted(BUILTINS, key=lambda name: (name != "default", name))


class Themes(_Generated):
    """The built-in themes with what each is for."""

    def lines(self) -> list[str]:
        rows = ([f"``{name}``", load(name).description] for name in _default_first())
        return _table(["Theme", "What it is for"], rows, "20 80")


class ThemeTokens(_Generated):
    """Every token with the default theme's light and dark value."""

    def lines(self) -> list[str]:
        rows = (
            [f"``{name}``", f"``{light}``", f"``{dark}``"] for name, (light, dark) in TOKENS.items()
        )
        return _table(["Token", "Light", "Dark"], rows, "50 25 25")


#: The second network of the theme gallery: most layer categories, a skip and a merge.
SAMPLER = """name: Theme sampler
input: [3, 64, 64]
layers:
  - {id: stem, conv2d: {filters: 32, kernel: 3, padding: same}}
  - batchnorm
  - relu
  - maxpool2d: 2
  - {id: a, conv2d: {filters: 32, kernel: 3, padding: same}}
  - {id: b, conv2d: {filters: 32, kernel: 3, padding: same}}
  - {add: [a, b]}
  - upsample2d: 2
  - dropout: 0.2
  - flatten
  - dense: {units: 10, activation: softmax}
"""


def _theme_gallery() -> str:
    """Every built-in theme on LeNet-5 (graph style) and the sampler (block style, laid out for
    half a page column, in print too), the light and the dark half side by side, each on its
    own background so both read on any page."""
    lines = ["Themes", "======", ""]
    lines += ["Every built-in theme (:doc:`../themes`) on the same two networks, its light half"]
    lines += [
        "beside its dark half, drawn by the ``nnviz`` directive while this site was built.",
        "",
    ]
    for name in _default_first():
        lines += [f"``{name}``", "-" * (len(name) + 4), "", load(name).description, ""]
        lines += _pair(
            name,
            ["../../examples/lenet5.yaml", "   :style: graph"],
            ["   :show-args: false", "   :show-params: false"],
            [],
        )
        lines += _pair(
            name,
            ["", "   :style: block"],
            ["   :fit: page", "   :width: 350"],
            SAMPLER.splitlines(),
        )
    return "\n".join(lines)


def _pair(name: str, head: list[str], options: list[str], body: list[str]) -> list[str]:
    """One network in a theme's light and dark half, in a two-column ``theme-pair`` box."""
    lines = [".. container:: theme-pair", ""]
    for mode in ("light", "dark"):
        directive = [f".. nnviz:: {head[0]}".rstrip(), *head[1:]]
        directive += [f"   :theme: {name}", f"   :mode: {mode}", "   :background: solid"]
        directive += [*options, "", *("   " + line for line in body)]
        lines += ["   " + line if line else "" for line in directive] + [""]
    return lines


@contextmanager
def _columns(width: int) -> Iterator[None]:
    """argparse wraps help to the terminal; pin the width so the page is the same everywhere."""
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(width)
    try:
        yield
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved


class CliHelp(_Generated):
    """``nnviz --help`` and ``nnviz COMMAND --help``, from the parser itself."""

    sections = True

    def lines(self) -> list[str]:
        import argparse

        from nnviz_core.cli import build_parser

        parser = build_parser()
        out: list[str] = []
        with _columns(88):
            pages = [("nnviz", parser.format_help())]
            for action in parser._actions:
                if isinstance(action, argparse._SubParsersAction):
                    for name, sub in action.choices.items():
                        pages.append((f"nnviz {name}", sub.format_help()))
        for title, text in pages:
            heading = f"``{title}``"
            out += [heading, "-" * len(heading), "", ".. code-block:: text", ""]
            out += [f"   {line}".rstrip() for line in text.splitlines()] + [""]
        return out


def _applies(app: Sphinx, path: Path, style: str) -> str | None:
    """``None`` when the style draws the example, else the reason it does not.

    The drawing goes through the extension's cache with the options the directive will use,
    so the directive finds it there and the check costs nothing on later builds.
    """
    host = host_for(app.env)
    try:
        host.draw(Request(style, file=str(path), name=path.as_posix(), shown=path.name))
    except NnvizError as error:
        return error.message
    return None


def _title(path: Path) -> str:
    return str(yaml.safe_load(path.read_text(encoding="utf-8")).get("name", path.stem))


def _example_page(path: Path, reasons: dict[str, str | None]) -> str:
    """One example in every style; ``reasons`` holds why a style does not draw it (or None)."""
    name = _title(path)
    lines = [name, "=" * len(name), "", f"``examples/{path.name}``:", ""]
    lines += [f".. literalinclude:: ../../examples/{path.name}", "   :language: yaml", ""]
    skipped = []
    for style, reason in reasons.items():
        if reason is not None:
            skipped.append(f"* ``{style}``: {reason}")
            continue
        lines += [f"``{style}`` style", "-" * (len(style) + 10), ""]
        lines += [f".. nnviz:: ../../examples/{path.name}", f"   :style: {style}", ""]
    if skipped:
        lines += ["Not drawn", "---------", "", *skipped, ""]
    return "\n".join(lines)


def _gallery_index(examples: dict[Path, dict[str, str | None]], styles: tuple[str, ...]) -> str:
    """The gallery's front page: each example once, in the block style, linking to its page."""
    lines = ["Gallery", "=======", ""]
    lines += [f"Every example in ``examples/`` drawn in every style ({', '.join(styles)}),"]
    lines += ["rendered by the ``nnviz`` directive while this site was built.", ""]
    lines += ["The built-in themes are in :doc:`themes`.", ""]
    pages = ["themes", *(path.stem for path in examples)]
    lines += [".. toctree::", "   :hidden:", "", *(f"   {page}" for page in pages), ""]
    for path in examples:
        title = _title(path)
        lines += [title, "-" * len(title), "", f":doc:`All styles of {title} <{path.stem}>`", ""]
        if "block" in styles and examples[path]["block"] is None:
            lines += [f".. nnviz:: ../../examples/{path.name}", "   :style: block", ""]
    return "\n".join(lines)


def _write_if_changed(path: Path, text: str) -> None:
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def write_gallery(app: Sphinx) -> None:
    """``gallery/index.rst`` and one page per example, each example in every style."""
    folder = Path(app.srcdir) / "gallery"
    styles = network_styles()  # the styles that draw networks, not training logs
    examples = {
        path: {style: _applies(app, path, style) for style in styles}
        for path in sorted(EXAMPLES.glob("*.yaml"))
    }
    for path, reasons in examples.items():
        _write_if_changed(folder / f"{path.stem}.rst", _example_page(path, reasons))
    _write_if_changed(folder / "index.rst", _gallery_index(examples, styles))
    _write_if_changed(folder / "themes.rst", _theme_gallery())


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("nnviz-style-options", StyleOptions)
    app.add_directive("nnviz-directive-options", DirectiveOptions)
    app.add_directive("nnviz-config-values", ConfigValues)
    app.add_directive("nnviz-cli-help", CliHelp)
    app.add_directive("nnviz-themes", Themes)
    app.add_directive("nnviz-theme-tokens", ThemeTokens)
    app.connect("builder-inited", write_gallery)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
