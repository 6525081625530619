"""Errors quote at most a one-line excerpt of a user's value or file, never the whole of it."""

from __future__ import annotations

import pytest

from nnviz_core.errors import EXCERPT_LENGTH, NnvizError, did_you_mean, excerpt
from nnviz_core.ir.ops import fmt
from nnviz_core.options import RenderOptions, build
from nnviz_core.sources.caffe import load_prototxt_text
from nnviz_core.sources.yaml_spec import load_path, load_text

LONG = "x" * 10_000
#: A file that parses as one YAML scalar: every line is a plain word run, like /etc/passwd.
PASSWD_LIKE = "\n".join(f"user{i}:x:{i}:{i}:secret{i}:/home/user{i}:/bin/sh" for i in range(200))


def _message(action, *args) -> str:
    with pytest.raises(NnvizError) as caught:
        action(*args)
    return str(caught.value)


def _assert_short(message: str) -> None:
    """One line of under 200 characters after the location (temporary paths are long)."""
    assert "\n" not in message
    assert len(message.split(": ", 1)[1]) < 200, message


def test_excerpt_keeps_short_values_as_repr():
    assert excerpt("conv2") == "'conv2'"
    assert excerpt("a  b") == "'a  b'"
    assert excerpt(12345) == "12345"
    assert excerpt(None) == "None"
    assert excerpt([1, "a"]) == "[1, 'a']"


def test_excerpt_cuts_long_strings_inside_their_quotes():
    shown = excerpt(LONG)
    assert shown == "'" + "x" * (EXCERPT_LENGTH - 3) + "…'"
    assert len(excerpt("\\" * 500)) <= EXCERPT_LENGTH
    assert excerpt("\\" * 500).endswith("\\\\…'")  # whole escapes only
    assert excerpt("\n" * 500).startswith("'\\n\\n")


def test_excerpt_describes_huge_integers_by_their_size():
    assert excerpt(10**400) == "an integer of about 401 digits"
    assert excerpt(-(10**5000)) == "a negative integer of about 5,001 digits"


def test_excerpt_keeps_other_values_on_one_line():
    class Multiline:
        def __repr__(self) -> str:
            return "first\n  second"

    assert excerpt(Multiline()) == "first second"
    assert excerpt(list(range(10_000))).endswith("…")
    assert len(excerpt(list(range(10_000)))) == EXCERPT_LENGTH


def test_did_you_mean_ignores_values_no_name_is_a_typo_of():
    assert did_you_mean(LONG, ["conv2d"]) == ""


def test_fmt_shortens_shapes_with_many_dimensions():
    assert fmt((1, None, 3)) == "[1, ?, 3]"
    assert fmt((1,) * 5000) == "[1, 1, 1, 1, 1, 1, 1, 1, … 5,000 dimensions]"


def test_a_one_line_10kb_spec_is_quoted_as_an_excerpt(tmp_path):
    path = tmp_path / "long.yaml"
    path.write_text(LONG + "\n")
    message = _message(load_path, path)
    assert message == (
        f"{path}:1:1: a spec (the top level) must be a mapping, got '" + "x" * 77 + "…'"
    )


def test_a_multi_line_text_file_is_quoted_as_one_short_line(tmp_path):
    path = tmp_path / "passwd.yaml"
    path.write_text(PASSWD_LIKE)
    message = _message(load_path, path)
    _assert_short(message)
    assert message.startswith(
        f"{path}:1:1: a spec (the top level) must be a mapping, got 'user0:x:0:0:secret0:"
    )
    assert "user3" not in message


def test_a_literal_block_spec_is_quoted_as_one_short_line():
    text = "|\n" + "".join(f"  line {i} of a private key\n" for i in range(100))
    message = _message(load_text, text, "key.yaml")
    _assert_short(message)
    assert "line 0 of a private key\\nline 1" in message


@pytest.mark.parametrize(
    ("text", "start"),
    [
        (f"input: [1]\nlayers:\n  - dense: {{units: {LONG}}}\n", "net.yaml:3:20: dense: 'units'"),
        (f"input: [1]\nlayers:\n  - {{dense: 3, inputs: [{LONG}]}}\n", "net.yaml:3:25: unknown"),
        (f"input: [1]\nlayers:\n  - {{dense: 3, color: '{LONG}'}}\n", "net.yaml:3:23: color"),
        (f"input: [1]\nlayers:\n  - {{dense: 3, weights: '{LONG}'}}\n", "net.yaml:3:25: wei"),
        (f"input: [1]\nlayers:\n  - {{dense: 3, id: {LONG}.a}}\n", "net.yaml:3:20: id 'x"),
        (f"input: [1]\nlayers:\n  - custom: '{LONG}'\n", "net.yaml:3:5: custom: custom op"),
        (f"layout: {LONG}\ninput: [1]\nlayers: []\n", "net.yaml:1:9: layout must be"),
        (f"a: !{LONG} 1\n", "net.yaml:1:4: unsupported YAML tag '!xxx"),
        (
            "input: [" + ", ".join(["1"] * 20) + "]\nlayers:\n"
            "  - conv2d: {filters: 3, kernel: 3}\n",
            "net.yaml:3:5: conv2d: expects a [channels, height, width] input, got [1, 1, 1, 1, "
            "1, 1, 1, 1, … 20 dimensions]",
        ),
    ],
)
def test_spec_errors_quote_values_as_excerpts(text, start):
    message = _message(load_text, text, "net.yaml")
    assert message.startswith(start)
    assert "x" * 100 not in message
    assert "\n" not in message


def test_caffe_errors_and_warnings_quote_values_as_excerpts():
    head = 'input: "data"\ninput_shape { dim: 1 dim: 3 }\n'
    text = head + f'layer {{ name: "a" type: "ReLU" bottom: "{LONG}" }}\n'
    message = _message(load_prototxt_text, text, "net.prototxt")
    assert message.startswith("net.prototxt:3:1: layer 'a': bottom 'xxxx")
    _assert_short(message)
    with pytest.warns(UserWarning) as caught:
        load_prototxt_text(head + f'layer {{ name: "a" type: "{LONG}" }}\n', "net.prototxt")
    warning = str(caught[0].message)
    assert warning.startswith("net.prototxt:3:1: layer type 'xxxx")
    assert "x" * 100 not in warning


def test_option_errors_quote_values_as_excerpts():
    message = _message(build, RenderOptions, {"dpi": LONG})
    assert message == "option 'dpi' expects float, got '" + "x" * 77 + "…'"
    message = _message(build, RenderOptions, {LONG: 1})
    assert message.startswith("unknown option 'xxx")
    assert "x" * 100 not in message


def test_model_import_path_errors_quote_the_path_as_an_excerpt():
    import nnviz_core

    message = _message(nnviz_core.load, "no_such_package_xyz.module:" + LONG)
    assert message.startswith("model 'no_such_package_xyz.module:" + "x" * 50 + "…': no module")
    assert "x" * 100 not in message
    assert "\n" not in message


def test_excerpt_path_keeps_short_paths_as_written():
    from nnviz_core.errors import excerpt_text

    assert excerpt_text("docs/models/net.yaml") == "docs/models/net.yaml"
    assert excerpt_text("a\x00b.onnx") == "a\\x00b.onnx"
    assert excerpt_text("x" * 1000) == "x" * 79 + "…"


@pytest.mark.parametrize("suffix", [".yaml", ".onnx"])
def test_a_path_too_long_for_the_system_is_no_such_file(suffix):
    import nnviz_core

    message = _message(nnviz_core.load, "x" * 10_000 + suffix)
    assert message == "x" * 79 + "…: no such file"
