"""The specs ``nnviz serve`` with no PATH offers to start from: the project's examples.

They have one home, ``examples/*.yaml`` in the repository. A built package carries them as
``nnviz_core/examples/``, copied at build time by ``setup.py``; a source checkout (an editable
install, or ``PYTHONPATH``) has no such copy and reads the repository's folder instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

import yaml

__all__ = ["DEFAULT", "Template", "templates"]

#: The template a scratch spec starts from.
DEFAULT = "lenet5"


@dataclass(frozen=True)
class Template:
    """One example spec: its file stem (``resnet18``), its network's name and its text."""

    key: str
    title: str
    text: str


def _folder() -> Traversable | None:
    """The packaged examples, else a source checkout's ``examples/`` (``None`` if neither)."""
    packaged = resources.files("nnviz_core").joinpath("examples")
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "examples"
    return checkout if (checkout / f"{DEFAULT}.yaml").is_file() else None


def _title(key: str, text: str) -> str:
    loaded = yaml.safe_load(text)
    name = loaded.get("name") if isinstance(loaded, dict) else None
    return str(name) if name else key


@cache
def templates() -> tuple[Template, ...]:
    """Every example spec, the default first, then by title."""
    folder = _folder()
    if folder is None:
        return ()
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".yaml") and entry.is_file():
            key, text = entry.name.removesuffix(".yaml"), entry.read_text(encoding="utf-8")
            found.append(Template(key, _title(key, text), text))
    return tuple(sorted(found, key=lambda t: (t.key != DEFAULT, t.title.lower())))
