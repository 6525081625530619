"""Hypothesis strategies for option values, per style, from the option declarations.

Each option's declaration (``nnviz_core.options.declared``: kinds, choices, minimum, maximum)
says what is plausible. Two thirds of the option sets are plausible throughout (values inside
the declared range, typed as Python callers pass them or as text as the CLI ``-O key=value``,
Sphinx and MkDocs pass them); the rest may hold anything: the edges of the range and past them,
NaN and infinities, other types, upper-cased choices, a name no style declares.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from values import ANY_SCALAR, EXTREME_FLOATS, EXTREME_INTS, ODD_TEXT, small_ints

from nnviz_core import registry
from nnviz_core.options import OptionInfo, RenderOptions, declared
from nnviz_core.theming import BUILTINS

STYLES = list(registry.names("nnviz.styles"))
#: ``engine`` names a program to run: the fuzzer only ever names these.
SAFE_ENGINES = ["", "dot", "graphviz-pure", "no-such-engine-nnviz"]
NOT_FINITE = [float("nan"), float("inf"), float("-inf")]
#: Plausible text for the options whose text means something.
TEXT = {
    "engine": st.sampled_from(SAFE_ENGINES[:3]),
    "slide_size": st.sampled_from(["16:9", "4:3", "16:10", "10x5.625", "25.4x14.29cm"]),
    "edge_color": st.sampled_from(["edge", "#336699", "#abc"]),
    "node_color": st.sampled_from(["category", "mono", "#336699"]),
    "weights": st.sampled_from(["random", "random:7"]),
    "metrics": st.sampled_from(["loss", "loss, accuracy", "val_loss"]),
    "mark_best": st.sampled_from(["loss", "val_loss", "val_accuracy"]),
    "theme": st.sampled_from([*BUILTINS, "no-such-theme", "missing/theme.yaml"]),
}


def style_options(style: str) -> tuple[OptionInfo, ...]:
    """Every option a render in ``style`` takes: the style's own and the output's."""
    return (*declared(registry.style(style).options), *declared(RenderOptions))


def _plausible(info: OptionInfo) -> st.SearchStrategy[Any]:
    choices: list[st.SearchStrategy[Any]] = []
    if info.choices:
        choices.append(st.sampled_from(list(info.choices)))
    for kind in info.kinds:
        if kind is bool:
            choices.append(st.booleans())
        elif kind is int:
            low = int(info.minimum) if info.minimum is not None else 1
            choices.append(st.integers(low, int(info.maximum) if info.maximum is not None else 12))
        elif kind is float:
            low = info.minimum if info.minimum is not None else 0.0
            choices.append(st.floats(low, info.maximum if info.maximum is not None else 100.0))
        elif kind is str:
            choices.append(TEXT.get(info.name, ODD_TEXT))
        elif kind is type(None):
            choices.append(st.none())
    return st.one_of(*choices) if choices else st.none()


def _typed(info: OptionInfo) -> st.SearchStrategy[Any]:
    if info.name == "engine":
        return st.sampled_from(SAFE_ENGINES)
    choices: list[st.SearchStrategy[Any]] = []
    if info.choices:
        choices.append(st.sampled_from(list(info.choices)))
        choices.append(st.sampled_from([choice.upper() for choice in info.choices]))
    for kind in info.kinds:
        if kind is bool:
            choices.append(st.booleans())
        elif kind is int:
            choices.append(small_ints(0, 40) | EXTREME_INTS | st.integers())
        elif kind is float:
            low = info.minimum if info.minimum is not None else -10.0
            high = info.maximum if info.maximum is not None else 1000.0
            edges = [low, high, low - 1, high + 1, (low + high) / 2, *NOT_FINITE]
            not_finite = st.sampled_from(NOT_FINITE)  # issue 19 item 3: as often as the rest
            choices.append(
                not_finite | st.floats(low, high) | st.sampled_from(edges) | EXTREME_FLOATS
            )
        elif kind is str:
            choices.append(ODD_TEXT)
        elif kind is type(None):
            choices.append(st.none())
    return st.one_of(*choices) if choices else ANY_SCALAR


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return "" if value is None else str(value)


def option_value(info: OptionInfo, odd: bool = True) -> st.SearchStrategy[Any]:
    """A value for ``info``: plausible (typed or as text), or with ``odd`` anything at all."""
    plausible = _plausible(info)
    if not odd:
        return plausible | plausible.map(_as_text)
    typed = _typed(info)
    if info.name == "engine":
        return typed
    return st.one_of(typed, typed.map(_as_text), ANY_SCALAR)


@st.composite
def options_for(draw: st.DrawFn, style: str) -> dict[str, Any]:
    """Zero to four options of ``style`` (and the output's), plausible or, a third of the time,
    odd: strange values, and now and then a name no style declares."""
    odd = draw(st.sampled_from([False, False, True]))
    infos = list(style_options(style))
    picked = draw(st.lists(st.sampled_from(infos), max_size=4, unique_by=lambda info: info.name))
    values = {info.name: draw(option_value(info, odd and draw(st.booleans()))) for info in picked}
    if odd and draw(st.booleans()) and draw(st.booleans()):
        values[draw(st.sampled_from(["rankdr", "Theme", "node-radius", "dpi ", "x"]))] = 1
    return values
