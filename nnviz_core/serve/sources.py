"""What the server was pointed at, and the text each openable name shows in the editor.

A ``.yaml`` spec opens read-write, and so does an inline spec of a docs page (named
``page.rst:LINE``, written back into its page by :mod:`~nnviz_core.serve.inline`); a model file
(``.onnx``, ``.keras``, ``.prototxt``) and the import path given on the command line open
read-only, as the YAML :func:`export_spec` writes, from which "export to YAML" starts an
editable spec beside them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nnviz_core import api
from nnviz_core.errors import NnvizError
from nnviz_core.export_spec import export_spec
from nnviz_core.files import write_atomic
from nnviz_core.serve.diagrams import site_at
from nnviz_core.serve.files import MODEL_SUFFIXES, SPEC_SUFFIXES, create_atomic, inside
from nnviz_core.serve.inline import write_back

__all__ = ["SCRATCH", "Opened", "Served"]

#: The name a scratch spec (``nnviz serve`` with no PATH) is drawn as until it is saved.
SCRATCH = "untitled.yaml"


@dataclass(frozen=True)
class Opened:
    """One name opened in the editor: its text and whether edits are saved."""

    name: str
    text: str
    readonly: bool


@dataclass
class Served:
    """The served directory, the name the page opens first (``None``: the list of diagrams,
    or a scratch spec), and an import path's model."""

    root: Path
    start: str | None
    model: str | None = None
    scratch: bool = False
    """No PATH was given: the page starts a spec from a template, kept until saved as a file."""
    loading: dict[str, Any] = field(default_factory=dict)
    """Model source options (``input_shape``...) for model files and the import path."""
    _exported: dict[str, str] = field(default_factory=dict)

    def open(self, name: str) -> Opened | None:
        """The editor's text for ``name``; ``None`` when it is not a file this server serves."""
        if self.model is not None and name == self.model:
            return Opened(name, self._export(name, self.model), True)
        inline = _inline(name)
        if inline is not None:  # a diagram of a docs page: its inline spec, edited in place
            site = site_at(self.root, *inline)
            if site is not None and site.text is not None:
                return Opened(name, site.text, False)
            if site is not None and site.file is not None and site.file.suffix in SPEC_SUFFIXES:
                return Opened(name, site.file.read_text(encoding="utf-8"), True)
            return None
        path = inside(self.root, name)
        if path is None or not path.is_file():
            return None
        suffix = path.suffix.lower()
        if suffix in SPEC_SUFFIXES:
            return Opened(name, path.read_text(encoding="utf-8"), False)
        if suffix in MODEL_SUFFIXES:
            return Opened(name, self._export(name, path), True)
        return None

    def watched(self, name: str) -> str | None:
        """The file whose changes on disk change ``name``'s text: a spec, or an inline spec's
        page (``None`` for what cannot change under the editor)."""
        opened = self.open(name)
        if opened is None or opened.readonly:
            return None
        inline = _inline(name)
        return inline[0] if inline else name

    def editable(self, name: str) -> bool:
        """Whether saves to ``name`` are taken: a served spec file, or a docs page's inline
        spec (whose page may since have changed: :meth:`save` then says why it refuses)."""
        inline = _inline(name)
        if inline is not None:
            return inside(self.root, inline[0]) is not None
        opened = self.open(name)
        return opened is not None and not opened.readonly

    def save(self, name: str, text: str, base: str | None = None) -> str | None:
        """Write a spec's new text atomically (an inline spec into its page, where it was
        ``base``); why it was not written, or ``None``."""
        inline = _inline(name)
        if inline is not None:
            return write_back(self.root, *inline, base if base is not None else text, text)
        path = inside(self.root, name)
        if path is None or path.suffix.lower() not in SPEC_SUFFIXES or not path.parent.is_dir():
            return f"{name}: not a spec file of the served folder; not saved"
        write_atomic(path, text.encode("utf-8"))
        return None

    def save_as(self, name: str, text: str) -> str | None:
        """Create the spec ``name`` with ``text`` (never over a file); why not, or ``None``."""
        path = inside(self.root, name)
        if path is None or path.suffix.lower() not in SPEC_SUFFIXES:
            return (
                f"{name or '(no name)'}: cannot save as this; give a name ending in .yaml, "
                f"inside the served folder {self.root.name or self.root}/ (no '..', not absolute)"
            )
        if not path.parent.is_dir():
            return f"{name}: there is no folder {path.parent.name}/ to save in"
        if not create_atomic(path, text.encode("utf-8")):
            return f"{name} already exists; choose another name"
        return None

    def to_yaml(self, name: str) -> str | None:
        """Write a read-only model's YAML beside it (never over a file); the new spec's name."""
        opened = self.open(name)
        if opened is None or not opened.readonly:
            return None
        stem, folder = self._stem(name)
        for number in range(1000):
            candidate = f"{stem}.yaml" if number == 0 else f"{stem}-{number}.yaml"
            relative = candidate if folder in ("", ".") else f"{folder}/{candidate}"
            path = inside(self.root, relative)
            if path is not None and create_atomic(path, opened.text.encode("utf-8")):
                return relative
        return None

    def _stem(self, name: str) -> tuple[str, str]:
        """The new spec's name stem and folder: beside the model file or the docs page."""
        if name == self.model:
            return name.rpartition(":")[2] or "model", ""
        inline = _inline(name)
        if inline is not None:
            return f"{Path(inline[0]).stem}-{inline[1]}", str(Path(inline[0]).parent)
        return Path(name).stem, str(Path(name).parent)

    def _export(self, name: str, source: object) -> str:
        if name not in self._exported:
            try:
                self._exported[name] = export_spec(api.load(source, **self.loading))
            except NnvizError as error:
                self._exported[name] = f"# {name} could not be loaded:\n# {error}\n"
        return self._exported[name]


def _inline(name: str) -> tuple[str, int] | None:
    """``page.rst:12`` as the page and the line a diagram opens on (``None``: not such a name)."""
    page, _, line = name.rpartition(":")
    return (page, int(line)) if page and line.isdigit() else None
