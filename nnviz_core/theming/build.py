"""A theme by name or path: its file, the files it extends, merged into one :class:`Theme`.

Every theme starts from the built-in ``default`` (the one file that defines every token) unless it
``extends`` another built-in or file; a file's values win over those it extends, token by token.
Built-ins are the ``*.yaml`` files shipped in ``nnviz_core/themes``.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from nnviz_core.errors import (
    NnvizError,
    OptionError,
    SourceLocation,
    SpecValueError,
    UnknownNameError,
    did_you_mean,
    excerpt,
    excerpt_text,
)
from nnviz_core.files import is_file
from nnviz_core.theme import DEFAULT, Fonts, Theme, build_tokens
from nnviz_core.theming import files
from nnviz_core.theming.fonts import locate

__all__ = ["BUILTINS", "digest", "is_path", "load"]

#: The suffixes a theme file may have.
SUFFIXES = (".yaml", ".yml", ".json")
#: How many files one theme may extend in a chain (a cycle is reported before this).
MAX_EXTENDS = 16
#: The most characters of a theme file nnviz reads.
MAX_CHARACTERS = 200_000


def _builtin_names() -> tuple[str, ...]:
    folder = resources.files("nnviz_core").joinpath("themes")
    return tuple(sorted(item.name[:-5] for item in folder.iterdir() if item.name.endswith(".yaml")))


#: The built-in themes' names.
BUILTINS: tuple[str, ...] = _builtin_names()


def is_path(reference: str) -> bool:
    """Whether a ``theme`` value names a file rather than a built-in."""
    return reference.lower().endswith(SUFFIXES) or "/" in reference or os.sep in reference


@dataclass
class _Merged:
    """The values of a chain of files, the later winning."""

    name: str = "default"
    description: str = ""
    fonts: dict[str, Any] = field(default_factory=dict)
    lines: float = 1.0
    corners: float = 1.0
    colors: dict[str, dict[str, str]] = field(default_factory=lambda: {"light": {}, "dark": {}})
    hatching: dict[str, str] = field(default_factory=dict)
    dashes: dict[str, tuple[float, ...]] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)


def load(reference: str, base: Path | None = None) -> Theme:
    """The theme a ``theme`` option names: a built-in, or a file (relative to ``base``, by
    default the working folder). The default theme is :data:`~nnviz_core.theme.DEFAULT` itself."""
    if reference == "default":
        return DEFAULT
    if not is_path(reference) and reference not in BUILTINS:
        raise OptionError(
            f"unknown theme {excerpt(reference)}{did_you_mean(reference, BUILTINS)}; built-in "
            f"themes: {', '.join(BUILTINS)}, or the path of a theme file ({', '.join(SUFFIXES)})"
        )
    merged = _chain(reference, base or Path.cwd(), (), None)
    return _theme(merged, reference)


def digest(
    reference: str, base: Path | None = None, allow: Callable[[Path, str], Path] | None = None
) -> str:
    """A hash of a theme's text and of every file it extends: what a cache key needs, without
    finding fonts. ``allow`` checks each file before it is read (a host's file policy)."""
    return _hash(_chain(reference, base or Path.cwd(), (), None, allow).texts)


def _hash(texts: list[str]) -> str:
    return hashlib.sha256("\0".join(texts).encode("utf-8")).hexdigest()


def _chain(
    reference: str,
    base: Path,
    seen: tuple[str, ...],
    at: SourceLocation | None,
    allow: Callable[[Path, str], Path] | None = None,
) -> _Merged:
    """The merged values of ``reference`` and everything it extends."""
    text, filename, folder = _source(reference, base, at, allow)
    if filename in seen:
        loop = " → ".join((*seen, filename))
        raise SpecValueError(f"themes extend each other in a loop: {loop}", at)
    if len(seen) >= MAX_EXTENDS:
        raise SpecValueError(f"a theme may extend at most {MAX_EXTENDS} files in a chain", at)
    parsed = _parsed(text, filename)
    if parsed.extends is not None:
        parent_reference, val = parsed.extends
        parent = _chain(parent_reference, folder, (*seen, filename), val.loc, allow)
    elif reference == "default":
        parent = _Merged()
    else:
        parent = _chain("default", folder, (*seen, filename), None)
    return _merge(parent, parsed, folder, text, Path(filename).stem)


def _source(
    reference: str, base: Path, at: SourceLocation | None, allow: Callable[[Path, str], Path] | None
) -> tuple[str, str, Path]:
    """A theme's text, the name its errors give, and the folder its relative paths start at."""
    if not is_path(reference):
        if reference not in BUILTINS:
            raise UnknownNameError(
                f"unknown theme {excerpt(reference)}{did_you_mean(reference, BUILTINS)} in "
                f"extends; built-in themes: {', '.join(BUILTINS)}, or a theme file's path",
                at,
            )
        shipped = resources.files("nnviz_core").joinpath(f"themes/{reference}.yaml")
        return shipped.read_text("utf-8"), f"nnviz_core/themes/{reference}.yaml", base
    path = base / reference
    if allow is not None:
        path = _allowed(allow, path, reference, at)
    try:
        text = _read(path)
    except ValueError as problem:
        error = SpecValueError if at else OptionError
        raise error(f"theme file {excerpt_text(path)}: {problem}", at) from None
    return text, str(path), path.parent


def _allowed(
    allow: Callable[[Path, str], Path], path: Path, shown: str, at: SourceLocation | None
) -> Path:
    """``path`` through a host's file policy; a refusal in an ``extends`` points at it."""
    try:
        return allow(path, shown)
    except NnvizError as error:
        if at is None:
            raise
        raise SpecValueError(error.message, at) from None


def _read(path: Path) -> str:
    """A theme file's text; ``ValueError`` says why it cannot be read."""
    if not is_file(path):
        raise ValueError("no such file")
    try:
        with path.open(encoding="utf-8") as handle:
            text = handle.read(MAX_CHARACTERS + 1)
    except OSError as error:
        raise ValueError(f"cannot be read ({error.strerror})") from None
    except UnicodeDecodeError as error:
        raise ValueError(f"not UTF-8 text ({error.reason})") from None
    if len(text) > MAX_CHARACTERS:
        raise ValueError(f"longer than the {MAX_CHARACTERS:,} characters nnviz reads")
    return text


@lru_cache(maxsize=64)
def _parsed(text: str, filename: str) -> files.ThemeFile:
    """A file's checked values; a theme is read for every diagram, parsed once per text."""
    return files.parse(text, filename)


def _merge(parent: _Merged, parsed: files.ThemeFile, folder: Path, text: str, stem: str) -> _Merged:
    fonts = dict(parent.fonts)
    given = dict(parsed.fonts)
    if "family" in given:  # another family: the files of the one before do not apply
        fonts.pop("path", None)
        fonts.pop("bold_path", None)
    for key in ("path", "bold_path"):
        if key in given:
            given[key] = str(folder / given[key])
    fonts.update(given)
    colors = {mode: {**parent.colors[mode], **parsed.colors[mode]} for mode in files.MODES}
    hatching = {**parent.hatching, **parsed.hatching}
    dashes = {**parent.dashes, **parsed.dashes}
    return _Merged(
        name=parsed.name or stem,
        description=parsed.description or parent.description,
        fonts=fonts,
        lines=parent.lines if parsed.lines is None else parsed.lines,
        corners=parent.corners if parsed.corners is None else parsed.corners,
        colors=colors,
        hatching={token: name for token, name in hatching.items() if name != "none"},
        dashes={token: pattern for token, pattern in dashes.items() if pattern},
        texts=[*parent.texts, text],
    )


def _theme(merged: _Merged, reference: str) -> Theme:
    try:
        tokens = build_tokens(merged.colors["light"], merged.colors["dark"])
    except KeyError as missing:  # only a broken built-in chain can lack a token
        raise NnvizError(f"theme {reference!r} gives no colour to {missing}") from None
    return Theme(
        name=merged.name,
        tokens=tokens,
        fonts=_fonts(merged.fonts, f"theme {merged.name!r}"),
        lines=merged.lines,
        corners=merged.corners,
        hatching=tuple(sorted(merged.hatching.items())),
        dashes=tuple(sorted(merged.dashes.items())),
        description=merged.description,
        digest=_hash(merged.texts),
    )


def _fonts(values: dict[str, Any], where: str) -> Fonts:
    """The theme's font with its files found; the default font (with a warning) when the
    family is not installed."""
    weights = values.get("weights", {})
    fonts = Fonts(
        family=values.get("family", DEFAULT.fonts.family),
        fallback=values.get("fallback", DEFAULT.fonts.fallback),
        size=values.get("size", 1.0),
        weights=(weights.get("normal", 400), weights.get("bold", 700)),
    )
    paths = (values["path"], values.get("bold_path", values["path"])) if "path" in values else None
    if paths is None and (fonts.family, fonts.weights) == (DEFAULT.fonts.family, (400, 700)):
        return fonts  # the bundled table measures the default font
    return _found(fonts, paths, where)


@lru_cache(maxsize=64)
def _found(fonts: Fonts, paths: tuple[str, str] | None, where: str) -> Fonts:
    """``fonts`` with its files, looked up once per process: a theme is loaded for the layout
    and again for every format written, and a missing font is reported once, not each time."""
    found = locate(fonts.family, paths, where, fonts.weights)
    if found is None:
        return replace(DEFAULT.fonts, size=fonts.size)
    return replace(fonts, files=found)
