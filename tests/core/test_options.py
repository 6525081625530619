"""Option declarations drive every host's table, so their parsing must be exact."""

from __future__ import annotations

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
    assert names == ["title", "legend", "fold_repeats", "depth", "rankdir", "spacing", "wrap"]
    assert info("rankdir").choices == ("TB", "LR")
    assert info("legend").is_flag
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
