"""Card content and sizing: what each option adds or removes, and that every line fits."""

from __future__ import annotations

from dataclasses import replace

import pytest
from graph_style_samples import lenet, node, tiny_resnet
from scene_checks import bbox

from nnviz_core.ir import Display
from nnviz_core.options import build
from nnviz_core.scene import Circle, Text, walk
from nnviz_core.styles.graph.cards import PAD_X, draw, measure, placed
from nnviz_core.styles.graph.labels import args_text, card_content, op_title, params_text
from nnviz_core.styles.graph.options import GraphOptions
from nnviz_core.text import text_width

TOTAL = lenet().total_params


def content(target, **options):
    return card_content(target, build(GraphOptions, options), TOTAL, "channels_first")


def rows(target, **options) -> dict[str, str]:
    return {row.key: row.value for row in content(target, **options).rows}


def conv1():
    return lenet().node("conv1")


@pytest.mark.parametrize(
    ("op", "title"),
    [
        ("conv2d", "Conv2D"),
        ("conv2d_transpose", "Conv2DTranspose"),
        ("global_avgpool2d", "GlobalAvgPool2D"),
        ("multi_head_attention", "MultiHeadAttention"),
        ("batchnorm", "BatchNorm"),
        ("lstm", "LSTM"),
        ("upsampling2d", "UpSampling2D"),
        ("dense", "Dense"),
    ],
)
def test_op_titles(op: str, title: str) -> None:
    assert op_title(op) == title


def test_default_card_is_a_spec_sheet() -> None:
    card = content(conv1())
    assert (card.title, card.subtitle) == ("Conv2D", "conv1")
    assert rows(conv1()) == {
        "shape": "1×32×32 → 6×28×28",
        "args": "6 filters, 5×5",
        "activation": "tanh",
        "params": "156 · 0.3%",
    }


@pytest.mark.parametrize(
    ("option", "key"),
    [
        ("show_shapes", "shape"),
        ("show_args", "args"),
        ("show_layer_activations", "activation"),
        ("show_params", "params"),
    ],
)
def test_switching_an_option_off_removes_its_row(option: str, key: str) -> None:
    assert key in rows(conv1())
    assert key not in rows(conv1(), **{option: False})


def test_dtype_and_trainable_rows_are_opt_in() -> None:
    assert "dtype" not in rows(conv1()) and "weights" not in rows(conv1())
    shown = rows(conv1(), show_dtype=True, show_trainable=True)
    assert shown["dtype"] == "float32" and shown["weights"] == "trainable"
    frozen = replace(conv1(), trainable=False)
    row = next(r for r in content(frozen, show_trainable=True).rows if r.key == "weights")
    assert (row.value, row.paint) == ("frozen", "frozen")


def test_layer_names_hide_when_off_or_generated() -> None:
    assert content(conv1(), show_layer_names=False).subtitle == ""
    generated = replace(conv1(), name="conv2d_3")
    assert content(generated).subtitle == ""


def test_args_text_skips_defaults_and_compacts_strides() -> None:
    pool = node(
        "p",
        "maxpool2d",
        "pooling",
        (8, 8, 8),
        (8, 4, 4),
        pool_size=(3, 3),
        strides=(2, 2),
        padding="same",
    )
    assert args_text(pool) == "3×3, stride 2, same"
    dense = node("d", "dense", "dense", (8,), (4,), units=4)
    assert args_text(dense) == "4 units"
    attention = node("a", "multi_head_attention", "attention", (16, 64), (16, 64), num_heads=8)
    assert args_text(attention) == "8 heads"


def test_params_share_of_total() -> None:
    assert params_text(156, 61706) == "156 · 0.3%"
    assert params_text(3, 61706) == "3 · <0.1%"
    assert params_text(23_500_000, 25_000_000) == "23.5M · 94.0%"


def test_author_overrides_label_colour_and_note() -> None:
    custom = replace(
        conv1(), display=Display(label="Feature extractor", color="#123456", note="frozen backbone")
    )
    card = content(custom)
    assert card.title == "Feature extractor"
    assert card.rows[-1].value == "frozen backbone" and card.rows[-1].italic
    group = draw(measure(custom, card))
    band = group.items[1]
    assert band.fill is not None and band.fill.paint == "#123456"
    title = next(item for item in walk(group.items) if isinstance(item, Text))
    assert title.paint == "#ffffff"  # light ink on a dark author colour


def test_element_wise_merges_are_compact_circles() -> None:
    add = tiny_resnet().node("b0_add")
    card = content(add)
    assert card.symbol == "+"
    group = draw(measure(add, card))
    assert isinstance(group.items[0], Circle)
    assert content(add, compact_merges=False).symbol is None


def test_cards_are_drawn_at_the_origin_and_placed_by_their_group() -> None:
    card = measure(conv1(), content(conv1()))
    drawn = draw(card)
    box = bbox(drawn, ink=False)
    assert box == (0.0, 0.0, card.width, card.height)
    moved = placed(drawn, card, (200.5, 80.25))
    assert moved.items is drawn.items  # placing copies nothing
    assert moved.offset == (200.5 - card.width / 2, 80.25 - card.height / 2)
    left, top, right, bottom = bbox(moved, ink=False)
    assert ((left + right) / 2, (top + bottom) / 2) == pytest.approx((200.5, 80.25))


def test_card_width_holds_its_longest_line() -> None:
    for target in lenet().nodes:
        card = measure(target, content(target, show_dtype=True, show_trainable=True))
        longest = max(
            text_width(row.value, 11.0) + (card.key_width + 8.0 if row.key else 0.0)
            for row in card.content.rows
        )
        assert card.width >= longest + 2 * PAD_X
        assert card.width == int(card.width) and card.height == int(card.height)


def test_more_rows_make_taller_cards() -> None:
    short = measure(conv1(), content(conv1(), show_params=False))
    tall = measure(conv1(), content(conv1(), show_dtype=True))
    assert tall.height - short.height == 32.0


def test_counts_are_pluralised() -> None:
    one = node("d", "dense", "dense", (8,), (1,), units=1)
    assert args_text(one) == "1 unit"
    lstm = node("l", "lstm", "recurrent", (8, 4), (8, 64), units=64, return_sequences=True)
    assert args_text(lstm) == "64 units, returns sequences"


def test_long_notes_wrap_into_rows() -> None:
    note = "pretrained on ImageNet and frozen for the first ten epochs\nthen fine-tuned"
    custom = replace(conv1(), display=Display(note=note))
    notes = [row.value for row in content(custom).rows if not row.key]
    assert notes == [
        "pretrained on ImageNet and frozen",
        "for the first ten epochs",
        "then fine-tuned",
    ]


def test_custom_ops_are_titled_by_their_type() -> None:
    custom = node("custom_1", "custom", "custom", (3, 8, 8), (4, 8, 8), type="MyBlock")
    assert (content(custom).title, content(custom).subtitle) == ("MyBlock", "")


def test_lighter_cards_keep_ever_less_and_then_fold_their_rows_into_one() -> None:
    """Terse cards keep the output shape and activation; one-row cards put both on one line
    (for a box where terse cards still stack too tall), each card shorter than the last."""
    from nnviz_core.styles.graph.cards import compact, one_row, terse

    full = measure(conv1(), content(conv1()))
    lighter = [compact(full), terse(full), one_row(full)]
    assert [row.value for row in lighter[1].content.rows] == ["6×28×28", "activation tanh"]
    assert [row.value for row in lighter[2].content.rows] == ["6×28×28 · tanh"]
    heights = [card.height for card in (full, *lighter)]
    assert heights[1] == heights[0] and heights[3] < heights[2] < heights[1]
    pool = lenet().node("pool1")
    single = measure(pool, content(pool))
    assert one_row(single) == terse(single)  # nothing to fold: the terse card as it is
