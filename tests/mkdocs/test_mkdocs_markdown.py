"""The Python-Markdown extension and the superfences custom fence, with real rendering."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from markdown import Markdown

from mkdocs_nnviz import NnvizExtension, fence_format, fence_validator

SPEC = """name: Tiny
input: [1, 28, 28]
layers:
  - conv2d: {filters: 4, kernel: 3, activation: relu}
  - flatten
  - dense: {units: 10, activation: softmax}"""

BAD_SPEC = """name: Broken
input: [1, 28, 28]
layers:
  - conv2: {filters: 4, kernel: 3}"""

SUPERFENCES = {
    "pymdownx.superfences": {
        "custom_fences": [
            {
                "name": "nnviz",
                "class": "nnviz",
                "format": fence_format,
                "validator": fence_validator,
            }
        ]
    }
}


def plain(text: str, **config: str) -> str:
    return Markdown(extensions=[NnvizExtension(**config)]).convert(text)


def superfenced(text: str) -> str:
    return Markdown(
        extensions=["admonition", "pymdownx.superfences", "pymdownx.tabbed", "attr_list"],
        extension_configs=SUPERFENCES,
    ).convert(text)


def fence(spec: str, header: str = "", indent: str = "") -> str:
    lines = [f"```nnviz {header}".rstrip(), *spec.split("\n"), "```"]
    return "\n".join(indent + line if line else line for line in lines)


def test_extension_by_name_draws_an_inline_svg() -> None:
    html = Markdown(extensions=["mkdocs_nnviz"]).convert("# Net\n\n" + fence(SPEC))
    assert html.startswith('<h1>Net</h1>\n<div class="nnviz-figure nnviz-figure--graph')
    assert html.count("<svg ") == 1
    assert "<?xml" not in html
    assert "Tiny" in html


def test_caption_id_class_width_align_and_alt() -> None:
    header = (
        'caption="A tiny net" id="fig-tiny" class="wide" width="300" align="left" alt="Tiny CNN"'
    )
    html = plain(fence(SPEC, header))
    assert html.startswith(
        '<figure class="nnviz-figure nnviz-figure--graph nnviz-align-left wide" id="fig-tiny">\n'
        '<div class="nnviz-diagram nnviz-sized" role="img" aria-label="Tiny CNN" '
        'style="width: 300px">\n<svg '
    )
    assert html.endswith("</div>\n<figcaption>A tiny net</figcaption>\n</figure>")


def test_style_options_are_typed_from_the_declarations() -> None:
    with_legend = plain(fence(SPEC, 'legend="true"'))
    without = plain(fence(SPEC, 'legend="false"'))
    assert with_legend != without
    assert "nnviz-error" not in with_legend + without


def test_default_style_and_theme_come_from_the_config() -> None:
    html = plain(fence(SPEC), default_style="fcnn", theme="dark")
    assert 'class="nnviz-figure nnviz-figure--fcnn' in html
    assert "nnviz-dark" in html


def test_unknown_attribute_is_a_warning_and_an_error_box(caplog: pytest.LogCaptureFixture) -> None:
    text = "Intro\n\n" + fence(SPEC, 'legnd="false"') + "\n\n" + fence(SPEC)
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.nnviz"):
        html = plain(text)
    message = (
        "<markdown>:3: unknown attribute 'legnd' for style 'graph' (did you mean 'legend'?); "
        "known attributes: "
    )
    (record,) = caplog.records
    assert record.getMessage().startswith("nnviz: " + message)
    assert "legend" in record.getMessage()[len(message) :]
    assert '<div class="nnviz-figure nnviz-error" role="alert">' in html
    assert html.count("<svg ") == 1  # the good fence after the bad one still renders


def test_spec_error_points_at_the_page_line(caplog: pytest.LogCaptureFixture) -> None:
    text = "# Title\n\nSome text.\n\n" + fence(BAD_SPEC)
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.nnviz"):
        html = plain(text)
    (record,) = caplog.records
    # fence opens on line 5, the bad op is line 4 of the body: line 9 of the page
    assert record.getMessage() == (
        "nnviz: <markdown>:9:5: unknown op 'conv2' (did you mean 'conv2d'?)"
    )
    assert "nnviz could not draw this diagram" in html


@pytest.mark.parametrize(
    ("header", "body", "expected"),
    [
        ("", "", 'this nnviz fence is empty; write a YAML spec in it, or name one with file="..."'),
        (
            'file="x.yaml"',
            SPEC,
            "give the spec either in the fence body or with file='x.yaml', not both",
        ),
        ('align="middle"', SPEC, "align must be one of left, center, right, got 'middle'"),
        ('width="wide"', SPEC, "width 'wide' is not a length; write a number of pixels (400)"),
        ('style="blok"', SPEC, "unknown style 'blok' (did you mean 'block'?)"),
        ('legend="maybe"', SPEC, "option 'legend' expects bool, got 'maybe'"),
        ("caption", SPEC, """attribute 'caption' needs a value, e.g. caption="...\""""),
        (
            'model="torchvision.models:resnet18"',
            "",
            "<markdown>:1: model 'torchvision.models:resnet18': no module named 'torchvision'",
        ),
    ],
)
def test_fence_mistakes_say_what_to_do(
    header: str, body: str, expected: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.nnviz"):
        plain(fence(body, header) if body else f"```nnviz {header}\n```")
    (record,) = caplog.records
    assert expected in record.getMessage()
    assert record.getMessage().startswith("nnviz: <markdown>:1: ")


def test_file_is_read_relative_to_base_dir(tmp_path: Path) -> None:
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "tiny.yaml").write_text(SPEC, encoding="utf-8")
    html = plain('```nnviz file="models/tiny.yaml"\n```', base_dir=str(tmp_path))
    assert html.count("<svg ") == 1


def test_missing_file_names_the_path(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.nnviz"):
        plain('```nnviz file="nope.yaml"\n```', base_dir=str(tmp_path))
    assert caplog.records[0].getMessage() == (
        f"nnviz: <markdown>:1: file='nope.yaml': no such file ({tmp_path / 'nope.yaml'})"
    )


def test_fences_shown_as_code_are_left_alone() -> None:
    html = plain("````markdown\n" + fence(SPEC) + "\n````")
    assert "<svg" not in html


def test_superfences_draws_fences_in_admonitions_and_tabs() -> None:
    text = "\n\n".join(
        [
            fence(SPEC, 'caption="top"'),
            '!!! note "Inside"\n\n' + fence(SPEC, 'caption="admonition"', "    "),
            '=== "One"\n\n' + fence(SPEC, 'caption="tab one"', "    "),
            '=== "Two"\n\n' + fence(SPEC, 'style="fcnn" caption="tab two"', "    "),
        ]
    )
    html = superfenced(text)
    assert html.count("<svg ") == 4
    for caption in ("top", "admonition", "tab one", "tab two"):
        assert f"<figcaption>{caption}</figcaption>" in html
    admonition = html[html.index('<div class="admonition note">') :]
    assert admonition.index("<figcaption>admonition</figcaption>") < admonition.index(
        '</div>\n<div class="tabbed-set'
    )


def test_superfences_brace_form_classes_and_id() -> None:
    html = superfenced('```{.nnviz .wide #fig-a style="graph"}\n' + SPEC + "\n```")
    assert html.startswith(
        '<div class="nnviz-figure nnviz-figure--graph nnviz-align-center wide" id="fig-a">'
    )


def test_superfences_flag_attribute(caplog: pytest.LogCaptureFixture) -> None:
    html = superfenced(fence(SPEC, "fold_repeats"))
    assert html.count("<svg ") == 1 and not caplog.records


def test_superfences_error_box_instead_of_silent_code_block(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.nnviz"):
        html = superfenced("!!! note\n\n" + fence(SPEC, 'colour="red"', "    "))
    assert "nnviz could not draw this diagram" in html
    assert "unknown attribute 'colour' for style 'graph'" in caplog.records[0].getMessage()
    # without a page, a superfences formatter cannot know the line
    assert caplog.records[0].getMessage().startswith("nnviz: <markdown>: unknown attribute")


def test_a_repeated_diagram_gets_ids_of_its_own() -> None:
    html = plain(fence(SPEC) + "\n\n" + fence(SPEC))
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) >= 4 and len(ids) == len(set(ids))
    for labels in re.findall(r'aria-labelledby="([^"]+)"', html):
        assert all(label in ids for label in labels.split())
