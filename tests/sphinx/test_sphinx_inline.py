"""The inline-SVG HTML: prolog removed, sizes and labels applied, repeated ids made unique."""

from __future__ import annotations

from docutils import nodes

from sphinx_nnviz.html import inline_svg
from sphinx_nnviz.options import diagram_options, figure_options, option_spec
from sphinx_nnviz.transform import pick_format

SVG = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" id="nnviz-ab" '
    'class="nnviz nnviz-ab nnviz-auto" role="img" aria-labelledby="nnviz-ab-title">'
    '<title id="nnviz-ab-title">Net</title><style>.nnviz-ab{--nnviz-fg:#000}</style>'
    '<marker id="nnviz-ab-arrow"/><path marker-end="url(#nnviz-ab-arrow)"/></svg>'
)


def _node(**attributes: object) -> nodes.Element:
    node = nodes.Element(**{"alt": "Net: 3 layers", **attributes})
    node["classes"] = ["wide"]
    return node


def test_inline_svg_drops_the_prolog_and_keeps_the_svg_label() -> None:
    html = inline_svg(SVG, _node(align="center"))
    assert html.startswith('<div class="nnviz wide align-center">\n<svg xmlns=')
    assert "<?xml" not in html and html.count('role="img"') == 1
    assert 'aria-labelledby="nnviz-ab-title"' in html and "aria-label=" not in html


def test_explicit_alt_replaces_the_svg_title_as_label() -> None:
    html = inline_svg(SVG, _node(explicit_alt=True, alt='A "quoted" <net>'))
    assert 'aria-label="A &quot;quoted&quot; &lt;net>"' in html
    assert "aria-labelledby" not in html


def test_width_and_scale_size_the_wrapper_and_the_svg_fills_it() -> None:
    html = inline_svg(SVG, _node(width="300px"))
    assert '<div class="nnviz wide" style="width: 300px">' in html
    assert 'style="width: 100%; height: auto"' in html
    assert '<div class="nnviz wide" style="width: 50%">' in inline_svg(SVG, _node(width="50%"))
    html = inline_svg(SVG, _node(scale=50))
    assert 'style="width: 100px"' in html and 'style="width: 100%; height: 50px"' in html
    assert 'style="width: auto; height: 80px"' in inline_svg(SVG, _node(height="80px"))


def test_a_repeated_diagram_gets_its_own_ids_but_keeps_its_classes() -> None:
    html = inline_svg(SVG, _node(), occurrence=2)
    assert 'id="nnviz-ab-2"' in html and 'id="nnviz-ab-arrow-2"' in html
    assert "url(#nnviz-ab-arrow-2)" in html and 'aria-labelledby="nnviz-ab-title-2"' in html
    assert 'class="nnviz nnviz-ab nnviz-auto"' in html and ".nnviz-ab{" in html


def test_each_builder_gets_the_first_format_it_supports() -> None:
    assert pick_format(["image/svg+xml", "image/png"]) == "svg"
    assert pick_format(["application/pdf", "image/png", "image/jpeg"]) == "pdf"
    assert pick_format(["image/png", "image/jpeg", "image/gif"]) == "png"
    assert pick_format([]) == "svg"


def test_model_options_come_from_the_core_declarations_and_stay_text() -> None:
    spec = option_spec()
    assert spec["model-args"]('{"num_classes": 10}') == '{"num_classes": 10}'
    assert spec["input-shape"]("1, 3, 224, 224") == "1, 3, 224, 224"
    assert spec["show-plumbing"](None) is True and "example-inputs" in spec
    options = {"model": "pkg:net", "input-shape": "1,8", "legend": "false"}
    assert diagram_options(options) == {"legend": "false"}


def test_a_name_shared_by_figure_and_style_goes_where_its_value_fits() -> None:
    spec = option_spec()
    options = {"scale": spec["scale"]("50"), "width": spec["width"]("300px")}
    assert figure_options(options) == {"scale": 50, "width": "300px"}
    assert diagram_options(options) == {}
    options = {"scale": spec["scale"]("sqrt"), "show-shapes": spec["show-shapes"](None)}
    assert figure_options(options) == {}
    assert diagram_options(options) == {"scale": "sqrt", "show_shapes": True}
    assert spec["legend"]("false") == "false" and spec["depth"]("2") == "2"
