"""Option declarations drive every host's table, so their parsing must be exact."""

from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Literal

import pytest

from nnviz_core.errors import OptionError
from nnviz_core.options import (
    RenderOptions,
    StyleOptions,
    build,
    coerce,
    declared,
    json_schema,
    option,
)


@dataclass(frozen=True)
class Sample(StyleOptions):
    rankdir: Literal["TB", "LR"] = option("TB", "Direction.")
    spacing: float = option(1.0, "Gap.", minimum=0.5, maximum=4)
    wrap: int | Literal["auto"] | None = option(None, "Wrap.")


def info(name: str):
    return {item.name: item for item in declared(Sample)}[name]


def test_declared_keeps_order_types_and_descriptions():
    names = [item.name for item in declared(Sample)]
    assert names[:4] == ["title", "legend", "fold_repeats", "depth"]
    assert "detail" in names
    assert names[-3:] == ["rankdir", "spacing", "wrap"]
    assert info("rankdir").choices == ("TB", "LR")
    assert info("legend").is_flag
    assert info("fold_repeats").is_flag  # unset (None) lets `detail` decide; bare means true
    assert not info("depth").is_flag
    assert info("detail").choices == ("auto", "full")
    assert info("wrap").type_text == "auto | int | none"
    assert info("fold_repeats").kebab == "fold-repeats"


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("legend", "false", False),
        ("legend", "Yes", True),
        ("rankdir", "lr", "LR"),
        ("spacing", "2.5", 2.5),
        ("spacing", 2, 2.0),
        ("wrap", "auto", "auto"),
        ("wrap", "3", 3),
        ("wrap", "none", None),
        ("depth", None, None),
        ("fold_repeats", "none", None),
        ("fold_repeats", "false", False),
        ("detail", "FULL", "full"),
    ],
)
def test_coerce_accepts_host_text_and_python_values(name, text, expected):
    assert coerce(info(name), text) == expected


def test_coerce_rejects_with_the_accepted_values():
    with pytest.raises(OptionError, match=r"^option 'rankdir' expects TB \| LR, got 'XY'$"):
        coerce(info("rankdir"), "XY")
    with pytest.raises(OptionError, match=r"^option 'legend' expects bool, got 'maybe'$"):
        coerce(info("legend"), "maybe")


def test_coerce_checks_bounds():
    with pytest.raises(OptionError, match=r"^option 'spacing' must be at most 4, got 9.0$"):
        coerce(info("spacing"), "9")
    with pytest.raises(OptionError, match=r"^option 'spacing' must be at least 0.5, got 0.1$"):
        coerce(info("spacing"), 0.1)


def test_build_accepts_kebab_case_and_suggests_names():
    built = build(Sample, {"fold-repeats": "true", "rankdir": "LR"})
    assert built.fold_repeats is True and built.rankdir == "LR"
    with pytest.raises(OptionError) as caught:
        build(Sample, {"rankdr": "LR"}, owner="style 'graph'")
    assert str(caught.value).startswith(
        "unknown option 'rankdr' for style 'graph' (did you mean 'rankdir'?); known options: title,"
    )


def test_json_schema_lists_every_option_with_choices_and_bounds():
    schema = json_schema(Sample)
    assert schema["additionalProperties"] is False
    assert schema["properties"]["rankdir"]["enum"] == ["TB", "LR"]
    assert schema["properties"]["spacing"]["maximum"] == 4
    assert schema["properties"]["wrap"]["anyOf"][0] == {"enum": ["auto"]}
    render = json_schema(RenderOptions)
    assert render["properties"]["theme"]["default"] == "auto"


def test_options_name_the_formats_they_matter_for():
    render = {item.name: item for item in declared(RenderOptions)}
    assert render["theme"].applies_to("svg") and render["theme"].applies_to("pptx")
    assert render["slide_size"].applies_to("pptx") and not render["slide_size"].applies_to("svg")
    assert render["dpi"].applies_to("png") and not render["dpi"].applies_to("svg")


@pytest.mark.parametrize("text", ["nan", "NaN", "inf", "-inf", "Infinity", "1e400", "9" * 400])
def test_coerce_refuses_nan_infinities_and_overflow_as_text(text):
    shown = repr(text) if len(text) < 80 else "'" + "9" * 77 + "…'"
    message = f"option 'spacing' must be a number from 0.5 to 4, got {shown}"
    with pytest.raises(OptionError) as caught:
        coerce(info("spacing"), text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (float("nan"), "nan"),
        (float("inf"), "inf"),
        (-float("inf"), "-inf"),
        (10**400, "an integer of about 401 digits"),
    ],
)
def test_coerce_refuses_nan_infinities_and_overflow_as_python_values(value, shown):
    with pytest.raises(OptionError) as caught:
        coerce(info("spacing"), value)
    assert str(caught.value) == f"option 'spacing' must be a number from 0.5 to 4, got {shown}"


def test_an_unbounded_float_option_still_refuses_nan():
    @dataclass(frozen=True)
    class Loose:
        scale: float = option(1.0, "Scale.")

    loose = declared(Loose)[0]
    with pytest.raises(OptionError, match=r"^option 'scale' must be a finite number, got 'nan'$"):
        coerce(loose, "nan")
    with pytest.raises(OptionError) as caught:
        coerce(loose, 10**400)
    assert str(caught.value) == (
        "option 'scale' must be a finite number, got an integer of about 401 digits"
    )


def test_integer_options_refuse_huge_and_non_integer_values():
    with pytest.raises(OptionError) as caught:
        coerce(info("depth"), 10**400)
    assert str(caught.value) == (
        "option 'depth' must be at most 1000, got an integer of about 401 digits"
    )
    with pytest.raises(OptionError, match=r"^option 'depth' expects int \| none, got 'nan'$"):
        coerce(info("depth"), "nan")
    with pytest.raises(OptionError, match=r"^option 'depth' expects int \| none, got inf$"):
        coerce(info("depth"), float("inf"))
    assert coerce(info("depth"), 3.0) == 3


def _every_numeric_option():
    from nnviz_core import registry
    from nnviz_core.history.options import HistoryOptions

    classes = [RenderOptions, HistoryOptions]
    classes += [registry.style(name).options for name in registry.names("nnviz.styles")]
    for cls in classes:
        for item in declared(cls):
            if set(item.kinds) & {int, float}:
                yield pytest.param(item, id=f"{cls.__name__}.{item.name}")


@pytest.mark.parametrize("item", list(_every_numeric_option()))
def test_every_numeric_option_is_bounded_and_refuses_nan(item):
    assert item.maximum is not None, f"{item.name} needs a declared maximum"
    with pytest.raises(OptionError, match=r"must be|expects"):
        coerce(item, "nan")
    with pytest.raises(OptionError, match="must be"):
        coerce(item, item.maximum * 2 + 1)


def test_declared_resolves_each_class_once(monkeypatch):
    @dataclass(frozen=True)
    class Fresh(StyleOptions):
        size: float = option(1.0, "Size.", minimum=0, maximum=9)

    calls = []
    real = typing.get_type_hints
    monkeypatch.setattr(typing, "get_type_hints", lambda cls: calls.append(cls) or real(cls))
    first = declared(Fresh)
    assert declared(Fresh) is first
    assert build(Fresh, {"size": "2"}).size == 2.0
    assert calls == [Fresh]
