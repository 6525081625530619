"""The YAML architecture language: a spec text, file or mapping → a :class:`Graph`.

Loading is safe (PyYAML's composer only; nothing is constructed or evaluated), and every mistake
is a located :class:`~nnviz_core.errors.SpecError` whose message starts with ``file:line:col:``.
The language is documented in ``docs/language.md``; ``nnviz_core.schema`` gives its JSON Schema.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from nnviz_core.collector import collector_paused
from nnviz_core.errors import LimitError, SourceError, SourceLocation, excerpt_text
from nnviz_core.ir import Graph
from nnviz_core.limits import MAX_SPEC_CHARACTERS
from nnviz_core.sources.yaml_spec.build import build_graph
from nnviz_core.sources.yaml_spec.expand import MAX_NESTING, MAX_NODES, Expander
from nnviz_core.sources.yaml_spec.spec import parse_spec
from nnviz_core.sources.yaml_spec.tree import Val, from_python, parse_text

__all__ = ["MAX_NESTING", "MAX_NODES", "load_mapping", "load_path", "load_text"]


def _graph(root: Val | None, filename: str, default_name: str) -> Graph:
    spec = parse_spec(root, filename, default_name)
    expansion = Expander(spec).run()
    return build_graph(expansion, spec.name, spec.layout, filename)


def load_text(text: str, filename: str = "<string>") -> Graph:
    """A Graph from spec text; errors are located in ``filename``."""
    if len(text) > MAX_SPEC_CHARACTERS:
        raise LimitError(
            f"the spec is longer than {MAX_SPEC_CHARACTERS:,} characters, the most nnviz "
            "reads; write repeated layers once with `repeat` or `blocks`",
            _position(text, MAX_SPEC_CHARACTERS, filename),
        )
    default = Path(filename).stem if not filename.startswith("<") else "Network"
    with collector_paused():
        return _graph(parse_text(text, filename), filename, default)


def _position(text: str, index: int, filename: str) -> SourceLocation:
    """The line and column of ``text[index]``."""
    line_start = text.rfind("\n", 0, index) + 1
    return SourceLocation(filename, text.count("\n", 0, index) + 1, index - line_start + 1)


def load_path(path: str | os.PathLike[str]) -> Graph:
    """A Graph from a ``.yaml`` spec file; errors name the path as given."""
    target = Path(path)
    try:
        with target.open(encoding="utf-8") as handle:  # at most one character past the limit
            text = handle.read(MAX_SPEC_CHARACTERS + 1)
    except OSError as error:
        raise SourceError(
            f"{excerpt_text(target)}: cannot read the spec ({error.strerror})"
        ) from None
    except UnicodeDecodeError as error:
        raise SourceError(f"{excerpt_text(target)}: not UTF-8 text ({error.reason})") from None
    return load_text(text, str(path))


def load_mapping(data: Mapping[str, Any], filename: str = "<dict>") -> Graph:
    """A Graph from an already parsed spec (a dict as YAML would give)."""
    with collector_paused():
        return _graph(from_python(data, filename), filename, "Network")
