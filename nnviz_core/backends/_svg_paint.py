"""Paints in SVG: theme tokens become CSS classes over presentation colours.

Every painted element carries the concrete colour of the fixed (or, for ``auto``, light) theme as a
presentation attribute, and for a token a class such as ``nv-f-cat-dense`` whose rule, scoped to
the diagram's hash class, paints it with ``var(--nnviz-cat-dense)``. Those rules sit inside
:data:`THEMED_ONLY`, an ``@supports`` test for custom properties: browsers use them and follow the
page's theme; cairosvg, librsvg, Inkscape and LibreOffice skip the block and draw the attributes,
so a file looks the same in every program. Literal colours are validated before they are written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from nnviz_core.errors import NnvizError, did_you_mean
from nnviz_core.theme import DEFAULT, TOKENS, Theme, ThemeMode, css_name
from nnviz_core.themes import ThemeChoice, theme_css

Channel = Literal["fill", "stroke"]
#: The condition around every themed rule. An author rule beats a presentation attribute, so a
#: ``fill:var(...)`` that a renderer without custom properties reads turns the drawing black
#: (cairosvg reads a ``var()`` it cannot resolve as black). Renderers that know custom
#: properties (browsers) pass the test; cairosvg, librsvg, Inkscape and LibreOffice skip the
#: whole block, unknown at-rules being ignored, and keep the plain colours.
THEMED_ONLY = "@supports (fill:var(--nnviz-fg))"
_LITERAL = re.compile(r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})")


def check_paint(paint: str) -> str:
    """The paint if it is a token; a ``#rrggbb``/``#rgb`` colour as lower-case ``#rrggbb``."""
    if paint in TOKENS:
        return paint
    if _LITERAL.fullmatch(paint):
        digits = paint[1:].lower()
        return "#" + (digits if len(digits) == 6 else "".join(d * 2 for d in digits))
    raise NnvizError(
        f"colour {paint!r} is neither a theme token{did_you_mean(paint, TOKENS)} nor a hex "
        "colour; write colours as '#rrggbb', e.g. '#1f77b4'"
    )


@dataclass
class Painter:
    """Turns paints into colours and classes and collects the tokens a diagram uses, for its CSS.

    ``themed=False`` is the plain form for converters: concrete colours only, no classes.
    """

    mode: ThemeMode
    themed: bool
    theme: Theme = DEFAULT
    used: dict[tuple[Channel, str], None] = field(default_factory=dict)
    #: Each paint is checked and resolved once per diagram: a few paints colour thousands of items.
    _seen: dict[tuple[Channel, str], tuple[str, str]] = field(
        default_factory=dict, init=False, repr=False
    )

    def colour(self, channel: Channel, paint: str) -> tuple[str, str]:
        """The presentation colour for ``paint`` and the class to add (empty for literals)."""
        key = (channel, paint)
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = self._resolve(channel, paint)
        return found

    def _resolve(self, channel: Channel, paint: str) -> tuple[str, str]:
        """Checks a paint the first time the diagram uses it and records its token for the CSS."""
        paint = check_paint(paint)
        colour = self.theme.resolve(paint, self.mode)
        if not self.themed or paint not in TOKENS:
            return colour, ""
        self.used[(channel, paint)] = None
        return colour, paint_class(channel, paint)

    def css(self, scope: str, theme: ThemeChoice, font_stack: str) -> str:
        """The diagram's style sheet: its font, then, for renderers with custom properties only,
        token values for its theme and one rule per paint class."""
        tokens = sorted({token for _, token in self.used})
        lines = [f"{scope} text{{font-family:{font_stack}}}\n", f"{THEMED_ONLY}{{\n"]
        lines.append(theme_css(scope, theme, tokens, palette=self.theme.tokens))
        for channel, token in sorted(self.used):
            lines.append(
                f"{scope} .{paint_class(channel, token)}{{{channel}:var({css_name(token)})}}\n"
            )
        lines.append("}\n")
        return "".join(lines)


def paint_class(channel: Channel, token: str) -> str:
    """``nv-f-cat-dense`` for a fill, ``nv-s-edge`` for a stroke."""
    return f"nv-{channel[0]}-{token.replace('.', '-')}"
