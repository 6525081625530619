"""Theme tokens: every colour a style may ask for, with its light and dark value, and the theme
that gives them values.

Styles paint with token names (``"fg"``, ``"edge"``, ``"cat.convolution"``), never raw colours, so
one Scene renders in a light page, a dark page, or (``theme: auto``) follows the page it lands in.
A :class:`Theme` is data (``nnviz_core/themes/*.yaml``, or a user's file read by
:mod:`nnviz_core.theming`): a value for every token in both modes, a font, line and corner
scales. :data:`TOKENS` and :func:`resolve` are the default theme's, or those of the theme a
render made active with :func:`using`, so every backend that resolves paints honours it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Literal

import yaml

from nnviz_core.ir.graph import CATEGORIES

ThemeMode = Literal["light", "dark"]
#: The parts of a category token other than its fill.
FACES = ("stroke", "top", "side")


def mix(colour: str, other: str, amount: float) -> str:
    """``colour`` moved ``amount`` (0–1) of the way towards ``other``; both ``#rrggbb``."""
    channels = []
    for index in (1, 3, 5):
        start, end = int(colour[index : index + 2], 16), int(other[index : index + 2], 16)
        channels.append(round(start + (end - start) * amount))
    return "#" + "".join(f"{value:02x}" for value in channels)


def _derived(fill: str, dark: bool) -> dict[str, str]:
    """Shaded faces of 3D blocks, lit from the top left: a lighter top, a darker side."""
    if dark:
        return {"top": mix(fill, "#ffffff", 0.14), "side": mix(fill, "#000000", 0.32)}
    return {"top": mix(fill, "#ffffff", 0.5), "side": mix(fill, "#000000", 0.16)}


def build_tokens(light: Mapping[str, str], dark: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """Every token's (light, dark) value: the base tokens as given, then per category its fill,
    stroke, top and side (the faces derived from the fill unless given)."""
    tokens = {name: (light[name], dark[name]) for name in light if not name.startswith("cat.")}
    for category in CATEGORIES:
        fill = f"cat.{category}"
        tokens[fill] = (light[fill], dark[fill])
        faces = (_derived(light[fill], False), _derived(dark[fill], True))
        for face in FACES:
            name = f"{fill}.{face}"
            tokens[name] = (
                light.get(name) or faces[0][face],
                dark.get(name) or faces[1][face],
            )
    return tokens


def _default_file() -> dict[str, Any]:
    """The shipped default theme (checked by the theme tests; read here without the checks,
    which need this module's tokens)."""
    text = resources.files("nnviz_core").joinpath("themes/default.yaml").read_text("utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


_DEFAULT_FILE = _default_file()
#: Every token a Scene may use, in a stable order, with the default theme's values.
TOKENS: Mapping[str, tuple[str, str]] = build_tokens(
    _DEFAULT_FILE["colors"]["light"], _DEFAULT_FILE["colors"]["dark"]
)


@dataclass(frozen=True)
class Fonts:
    """The font text is measured and drawn with.

    ``files`` are the normal and bold font files whose metrics size the text (``None``: the
    bundled DejaVu Sans table); ``size`` scales every text (and the drawing with it);
    ``weights`` are the CSS weights of normal and bold text.
    """

    family: str = "DejaVu Sans"
    fallback: tuple[str, ...] = ("Verdana", "Bitstream Vera Sans", "sans-serif")
    size: float = 1.0
    weights: tuple[int, int] = (400, 700)
    files: tuple[str, str] | None = None

    @property
    def stack(self) -> str:
        """The CSS font stack: ``'DejaVu Sans', Verdana, 'Bitstream Vera Sans', sans-serif``."""
        return ", ".join(_css_family(name) for name in (self.family, *self.fallback))


_GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}


def _css_family(name: str) -> str:
    if name in _GENERIC or name.replace("-", "").isalnum():
        return name
    return "'" + name.replace("\\", "\\\\").replace("'", "\\'") + "'"


@dataclass(frozen=True)
class Theme:
    """A whole look: token colours for both modes, the font, line and corner scales, and the
    hatch pattern of each fill token (the dashes of each line token) that print must tell
    apart without colour."""

    name: str
    tokens: Mapping[str, tuple[str, str]] = field(default_factory=lambda: TOKENS, repr=False)
    fonts: Fonts = Fonts()
    lines: float = 1.0
    corners: float = 1.0
    hatching: tuple[tuple[str, str], ...] = ()
    dashes: tuple[tuple[str, tuple[float, ...]], ...] = ()
    description: str = ""
    digest: str = ""
    """A hash of the theme's text and of every file it extends (cache keys include it)."""

    def resolve(self, paint: str, mode: ThemeMode) -> str:
        """The concrete colour of a paint in one mode; literal colours pass through unchanged."""
        pair = self.tokens.get(paint)
        if pair is None:
            return paint
        return pair[0] if mode == "light" else pair[1]


#: The built-in default theme, as the shipped ``default.yaml`` defines it.
DEFAULT = Theme("default", TOKENS, description=str(_DEFAULT_FILE["description"]))
_ACTIVE: ContextVar[Theme] = ContextVar("nnviz_theme", default=DEFAULT)


def active() -> Theme:
    """The theme of the render under way (the default outside :func:`using`)."""
    return _ACTIVE.get()


@contextmanager
def using(theme: Theme) -> Iterator[Theme]:
    """Make ``theme`` the one text is measured with and paints resolve to, inside the block."""
    token = _ACTIVE.set(theme)
    try:
        yield theme
    finally:
        _ACTIVE.reset(token)


def fixed_mode(theme: str) -> ThemeMode:
    """The one mode a file that cannot follow its page is drawn in: ``auto`` means light."""
    return "dark" if theme == "dark" else "light"


def is_token(paint: str) -> bool:
    return paint in TOKENS


def resolve(paint: str, mode: ThemeMode) -> str:
    """The concrete colour of a paint in one mode, in the active theme; literals pass through."""
    return _ACTIVE.get().resolve(paint, mode)


def css_name(token: str) -> str:
    """The CSS custom property of a token: ``cat.dense.stroke`` → ``--nnviz-cat-dense-stroke``."""
    return "--nnviz-" + token.replace(".", "-")
