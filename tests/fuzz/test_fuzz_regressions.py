"""Crashes and property failures the fuzz suite found, each kept as a named regression test."""

from __future__ import annotations

import pytest

from nnviz_core.errors import OptionError, SourceError
from nnviz_core.export_spec import export_spec
from nnviz_core.history import plot_history
from nnviz_core.ir import Graph
from nnviz_core.sources.yaml_spec import load_text


def _round_trip(text: str, filename: str = "<string>") -> tuple[str, list[tuple[str, str]]]:
    graph = load_text(text, filename=filename)
    exported = export_spec(graph)
    again = load_text(exported)
    assert [(n.op, n.name, n.outputs) for n in again.nodes] == [
        (n.op, n.name, n.outputs) for n in graph.nodes
    ]
    assert again.name == graph.name
    return exported, [(n.op, n.name) for n in again.nodes]


def test_export_writes_equal_3d_padding_pairs_as_one_number() -> None:
    """``zero_padding3d: 0`` was written as the pair ``(0, 0)``, which did not load, so the
    exporter fell back to a ``custom`` op."""
    exported, ops = _round_trip("input: [4, 8, 8, 8]\nlayers:\n- zero_padding3d: 0\n")
    assert "zero_padding3d: {padding: 0}" in exported
    assert ops[1][0] == "zero_padding3d"
    unequal = "input: [4, 8, 8]\nlayers:\n- zero_padding2d: [[1, 2], [3, 3]]\n"
    assert "padding: [[1, 2], [3, 3]]" in _round_trip(unequal)[0]


def test_export_keeps_an_op_whose_shape_the_spec_states() -> None:
    """A layer the loader accepts only thanks to its ``output_shape`` (upsampling3d after a
    1D tensor) was exported as a ``custom`` op, since inference alone refuses it."""
    text = (
        "input: [4, 8, 8, 8]\nlayers:\n- {upsampling3d: 3, output_shape: [3]}\n"
        "- {upsampling3d: 3, output_shape: [3]}\n"
    )
    exported, ops = _round_trip(text)
    assert [op for op, _ in ops] == ["input", "upsampling3d", "upsampling3d"]
    assert exported.splitlines()[-1] == (
        "  - {id: upsampling3d_2, upsampling3d: {size: 3}, output_shape: [3]}"
    )


def test_export_keeps_a_name_every_iteration_of_a_repeat_shares() -> None:
    """Names in a folded repeat's body were always dropped (an imported model names each
    iteration apart); a name the spec gave the body, which all iterations share, was lost."""
    text = "input: [32]\nlayers:\n- {label: g, repeat: 2, layers: [{softmax: {}, name: x}, relu]}\n"
    exported, ops = _round_trip(text)
    assert [name for _, name in ops] == ["input", "x", "relu_1", "x", "relu_1"]
    assert "      - {id: softmax_1, softmax: {}, name: x}" in exported.splitlines()


def test_export_keeps_names_with_line_breaks_and_control_characters() -> None:
    """YAML folds a line break (``\\n``, U+2028, U+0085) in plain or single-quoted text into a
    space; names holding one came back changed."""
    name = "a\\nb\\Lc\\Nd\\x07e"
    exported, ops = _round_trip(f'input: [4]\nlayers:\n- {{dense: 2, name: "{name}"}}\n')
    assert ops[1] == ("dense", "a\nb\u2028c\x85d\x07e")
    assert 'name: "a\\nb\\Lc\\Nd\\ae"' in exported


def test_export_comment_naming_the_source_stays_one_line() -> None:
    """A file name with a line break ended the ``# Exported by nnviz from …`` comment early,
    and the rest of the name became YAML that did not load."""
    exported, _ = _round_trip("input: [4]\nlayers:\n- dense: 2\n", "odd\nlayers: 3\u2028.yaml")
    assert exported.splitlines()[0] == "# Exported by nnviz from odd?layers: 3?.yaml."


@pytest.mark.parametrize("text", ["epoch\r\n", "/etc/passwd"])
def test_history_text_given_with_a_filename_is_never_opened_as_a_path(text: str) -> None:
    """One line of inline log text (a host's block, stdin) was taken for a path: the message
    quoted it with its line break, and a host could be made to open any file."""
    with pytest.raises(SourceError) as caught:
        plot_history(text, filename="log.csv")
    assert str(caught.value) == (
        f"log.csv:1:1: the training log has a header ({text.strip()}) but no rows"
    )


def test_history_metric_name_with_a_line_break_stays_on_one_line_in_messages() -> None:
    with pytest.raises(SourceError) as caught:
        plot_history('{"a\\nb": ["x"]}', filename="x.json")
    assert str(caught.value) == (
        "x.json: 'a\\nb'[0] is 'x', which is not a number; every metric holds one number per epoch"
    )


def test_history_with_only_an_x_column_is_a_source_error() -> None:
    """``{"epoch": [0, 1]}`` (or JSON records with only an epoch) crashed with ``max()``."""
    with pytest.raises(SourceError) as caught:
        plot_history({"epoch": [0, 1]})
    assert str(caught.value) == (
        "history: the training history has no metrics besides epoch; expected keys such as "
        "loss and val_loss"
    )


@pytest.mark.parametrize("name", ["", "\x00"])
def test_history_pptx_with_an_empty_metric_name(name: str) -> None:
    """A metric named "" (or only characters XML cannot carry) left its chart title without a
    text run, and the PPTX export crashed with an IndexError styling it."""
    deck = plot_history({name: [0.5, 1.0], "val_accuracy": [0.5, 1.0]}).to_bytes("pptx")
    assert deck.startswith(b"PK")


@pytest.mark.parametrize("values", [[0.0, 5e-324], [5e-324, 1e-323], [0.0, -0.0]])
def test_history_with_a_span_too_small_to_divide_draws_a_flat_line(values: list[float]) -> None:
    """0 and 5e-324 (a denormal) made a tick step of 0.0 and ``log10`` raised a ValueError."""
    svg = plot_history({"loss": values}).to_bytes("svg")
    assert svg.startswith(b"<svg")


def test_history_log_axis_leaves_subnormal_values_as_gaps() -> None:
    """With ``log_y``, 5e-324 (a subnormal) put the axis's first decade at 10**-324, which is
    0.0, and ``log10`` raised a ValueError; such values are gaps, like zero and negatives."""
    log = {"loss": [4.9, 2.2250738585072014e-308, 5e-324, 0.7], "val_loss": [1.0, 2.0, 3.0, 4.0]}
    svg = plot_history(log, log_y=True, smooth=0.5).to_bytes("svg")
    assert svg.startswith(b"<svg")


def test_history_csv_with_a_lone_carriage_return_in_a_name_is_located() -> None:
    """A bare ``\\r`` inside a header cell escaped as the csv module's own ``_csv.Error``."""
    with pytest.raises(SourceError) as caught:
        plot_history("epoch,lo\rss,val\n0,1,2\n1,2,3\n", filename="x.csv")
    assert str(caught.value).startswith("x.csv:3:1: this row has 3 values but the header names 2")


def test_pooling_a_caffe_input_without_channels_is_a_located_error() -> None:
    """A Caffe ``Pooling`` layer after an input of one dimension (the batch) indexed its
    missing channel dimension (``IndexError``)."""
    from nnviz_core.errors import ShapeError
    from nnviz_core.sources.caffe import load_prototxt_text

    text = (
        'name: "p"\n'
        'layer { name: "data" type: "Input" top: "data" input_param { shape { dim: 13 } } }\n'
        'layer { name: "pool" type: "Pooling" bottom: "data" top: "p" '
        "pooling_param { pool: MAX kernel_size: 2 } }\n"
    )
    with pytest.raises(ShapeError) as raised:
        load_prototxt_text(text, filename="net.prototxt")
    assert str(raised.value) == (
        "net.prototxt:3:1: layer 'pool': pooling needs channels to pool, and its input has no "
        "dimension besides the batch"
    )


def test_history_names_with_line_breaks_stay_on_one_line_in_messages() -> None:
    """``choose one of`` and ``its metrics are`` listed metric names as written, so a name with
    a line break split the message over several lines."""
    log = {"epoch": [0, 1], "lo\nss": [1.0, 0.5]}
    for options in ({"mark_best": "loss"}, {"metrics": "loss"}):
        with pytest.raises(OptionError) as raised:
            plot_history(log, **options)
        assert "\n" not in str(raised.value)
        assert "'lo\\nss'" in str(raised.value)


def test_a_pptx_title_with_characters_xml_cannot_carry_is_cleaned() -> None:
    """A ``title`` option with control characters or a lone surrogate crashed the PPTX writer
    (lxml refuses them in the slide's XML)."""
    import io

    import pptx

    from nnviz_core import render

    title = "a\x19b\x02c\ud800 d"
    data = render("input: [8]\nlayers: [dense: 4]\n", "graph", title=title).to_bytes("pptx")
    titles = [s.shapes.title.text for s in pptx.Presentation(io.BytesIO(data)).slides]
    assert titles == ["abc d"]


def test_an_input_after_other_layers_is_exported_in_place() -> None:
    """An ``input`` layer after other layers was exported into the top-level ``inputs:``, so
    the spec loaded its nodes in another order (the drawing's order)."""
    spec = "input: [8, 16, 16]\nlayers:\n- relu\n- {input: {shape: [1], dtype: int64}, id: l3}\n"
    exported, nodes = _round_trip(spec)
    assert exported.splitlines()[3:] == [
        "input: [8, 16, 16]",
        "layers:",
        "  - {id: relu_1, relu: {}}",
        "  - {id: l3, input: {shape: [1], dtype: int64}}",
    ]
    assert nodes == [("input", "input"), ("relu", "relu_1"), ("input", "l3")]


def test_inputs_inside_a_group_or_restyled_stay_layers_and_so_do_those_after() -> None:
    """An input in a group lost its group and its name; one with a label lost the label; and
    a plain input declared after such a one would be loaded before it."""
    spec = """
inputs: {a: [4], b: [4]}
blocks:
  blk:
    layers:
      - relu
      - {input: [2], id: z}
layers:
  - {relu: {}, inputs: [a]}
  - {blk: {}, label: Block}
  - {input: [3], id: c, label: Tokens}
  - {input: [5], id: d}
  - {add: [b, a]}
"""
    graph = load_text(spec)
    exported, nodes = _round_trip(spec)
    assert "inputs:\n  a: [4]\n  b: [4]\nlayers:\n" in exported
    assert "  - {id: c, input: {shape: [3]}, label: Tokens}" in exported
    assert "  - {id: d, input: {shape: [5]}}" in exported
    assert "      - {id: blk_1_z, input: {shape: [2]}, name: z}" in exported
    again = load_text(exported)
    assert _group_labels(again) == _group_labels(graph) == [None] * 3 + ["Block"] * 2 + [None] * 3
    assert [n.display for n in again.nodes] == [n.display for n in graph.nodes]
    assert nodes[-1] == ("add", "add_1")


def _group_labels(graph: Graph) -> list[str | None]:
    labels = {group.id: group.label for group in graph.groups}
    return [labels[node.group] if node.group else None for node in graph.nodes]


def test_a_graph_of_inputs_alone_exports_an_empty_layer_list_that_loads() -> None:
    """``layers:`` with nothing under it is null in YAML, which the loader refuses."""
    exported, nodes = _round_trip("inputs: {input: [3, 32, 32], input_1: [1]}\nlayers: []\n")
    assert exported.endswith("inputs:\n  input: [3, 32, 32]\n  input_1: [1]\nlayers: []\n")
    assert nodes == [("input", "input"), ("input", "input_1")]
    exported, nodes = _round_trip("layers:\n- {input: [2], id: x, note: only}\n")
    assert exported.endswith("layers:\n  - {id: x, input: {shape: [2]}, note: only}\n")
    assert nodes == [("input", "x")]


def test_a_channels_last_input_layer_is_written_channels_last() -> None:
    """An input layer's shape was written channels-first in a channels-last spec, which then
    failed to load and made export-spec raise."""
    spec = (
        "layout: channels_last\ninput: [8, 8, 3]\nlayers:\n"
        "- {conv2d: {filters: 4, kernel: 3}, id: c}\n- {input: [6, 6, 2], id: side}\n"
        "- {concat: {axis: -1}, inputs: [c, side]}\n"
    )
    exported, nodes = _round_trip(spec)
    assert "layout: channels_last\ninput: [8, 8, 3]\n" in exported
    assert "  - {id: side, input: {shape: [6, 6, 2]}}\n" in exported
    assert nodes == [("input", "input"), ("conv2d", "c"), ("input", "side"), ("concat", "concat_1")]


def test_a_shape_of_equal_dims_is_written_whole() -> None:
    """Equal entries are written as one number (``kernel: [3, 3]`` as ``3``), which made an
    input of shape [1, 1] an input of shape [1] and the exporter fall back to a ``custom`` op."""
    spec = "input: [8]\nlayers:\n- {relu: {}, id: r}\n- {input: [1, 1], id: x}\n"
    spec += "- {reshape: [2, 2, 2], inputs: [r]}\n"
    exported, nodes = _round_trip(spec)
    assert "  - {id: x, input: {shape: [1, 1]}}\n" in exported
    assert "reshape: {target_shape: [2, 2, 2]}" in exported and "output_shape" not in exported
    assert [op for op, _ in nodes] == ["input", "relu", "input", "reshape"]


def test_concatenating_caffe_inputs_without_the_axis_is_a_located_error() -> None:
    """A Caffe ``Concat`` of inputs of one dimension (the batch) indexed the missing axis
    (``IndexError``, found by a 100,000-input fuzz run)."""
    from nnviz_core.errors import ShapeError
    from nnviz_core.sources.caffe import load_prototxt_text

    text = (
        'name: "c"\n'
        'layer { name: "data" type: "Input" top: "data" input_param { shape { dim: 13 } } }\n'
        'layer { name: "cat" type: "Concat" bottom: "data" bottom: "data" top: "c" }\n'
    )
    with pytest.raises(ShapeError) as raised:
        load_prototxt_text(text, filename="net.prototxt")
    assert str(raised.value) == (
        "net.prototxt:3:1: layer 'cat': concat axis 1 is not an axis of its inputs (they have "
        "no dimension besides the batch); set concat_param { axis: N } to one they have"
    )


def test_history_pptx_with_a_title_starting_on_a_new_line() -> None:
    """A title of "\\nInf" left the first paragraph of the slide title without a run, and the
    PPTX export crashed with an IndexError styling it (found by a 100,000-input fuzz run)."""
    import io

    from pptx import Presentation

    deck = plot_history({"loss": [0.5, 1.0]}, title="\nInf#\x1e").to_bytes("pptx")
    titles = [slide.shapes.title.text_frame.text for slide in Presentation(io.BytesIO(deck)).slides]
    assert titles == ["\nInf#"]
