"""Every builder gets a diagram it can show: inline SVG, <img>, vector PDF, PNG, or alt text."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Build = Callable[..., Any]


def _page(app: Any, name: str = "index.html") -> str:
    return (app.outdir / name).read_text(encoding="utf-8")


def test_html_inlines_svg_in_a_numbered_figure(build: Build) -> None:
    app = build("basic")
    html = _page(app)
    assert app.warning.getvalue() == ""
    assert html.count('<div class="nnviz') == 2
    assert "<?xml" not in html
    assert re.search(r'<figure class="align-center" id="fig-lenet">\s*<div class="nnviz">', html)
    assert "Fig. 1 </span>" in html and "LeNet-5 as used in <em>chapter 2</em>." in html
    assert '<div class="nnviz wide" style="width: 100%">' in html
    assert 'aria-label="LeNet once more"' in html and "width: 100%; height: auto" in html
    assert 'href="_static/nnviz.css' in html and (app.outdir / "_static/nnviz.css").is_file()
    chapter = _page(app, "chapter/model.html")
    assert '<title id="nnviz-' in chapter and ">Tiny MLP</title>" in chapter
    assert '<span class="std std-numref">Fig. 1</span>' in chapter
    assert '<div id="mlp-from-file" class="nnviz">' in chapter
    assert 'href="#mlp-from-file"' in chapter


def test_html_ids_stay_unique_when_a_diagram_repeats(build: Build) -> None:
    for builder in ("html", "singlehtml"):
        ids = re.findall(r'\bid="([^"]+)"', _page(build("basic", builder)))
        assert len(ids) == len(set(ids)), builder


def test_html_img_mode_writes_svg_files(build: Build) -> None:
    app = build("basic", confoverrides={"nnviz_html_format": "img"})
    html = _page(app)
    images = re.findall(
        r'<img alt="([^"]*)" class="nnviz[^"]*" src="(_images/nnviz-\w+\.svg)"', html
    )
    assert len(images) >= 1, html
    assert all((app.outdir / src).read_text().lstrip().startswith("<") for _, src in images)
    assert "<svg" not in html


def test_dirhtml_and_singlehtml_inline_svg(build: Build) -> None:
    dirhtml = build("basic", "dirhtml")
    assert "<svg" in _page(dirhtml, "chapter/model/index.html")
    single = build("basic", "singlehtml")
    assert len(re.findall(r'<div (?:id="[^"]+" )?class="nnviz', _page(single))) == 3
    assert single.warning.getvalue() == ""


def test_latex_gets_a_vector_pdf_per_diagram(build: Build) -> None:
    app = build("basic", "latex")
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    names = set(re.findall(r"\\sphinxincludegraphics(?:\[[^\]]*\])?\{\{(nnviz-\w+)\}\.pdf\}", tex))
    assert len(names) == 2, tex
    for name in names:
        assert (app.outdir / f"{name}.pdf").read_bytes().startswith(b"%PDF")
    assert r"\caption{LeNet\sphinxhyphen{}5 as used in \sphinxstyleemphasis{chapter 2}.}" in tex
    assert app.warning.getvalue() == ""


def test_epub_ships_svg_files(build: Build) -> None:
    app = build("basic", "epub")
    assert list((app.outdir / "_images").glob("nnviz-*.svg"))
    assert re.search(
        r'<img alt="[^"]+" class="nnviz" src="_images/nnviz-\w+\.svg"', _page(app, "index.xhtml")
    )
    assert app.warning.getvalue() == ""


def test_text_and_man_show_the_alt_text(build: Build) -> None:
    text = build("basic", "text")
    body = (text.outdir / "index.txt").read_text(encoding="utf-8")
    assert "[image: LeNet once more]" in body
    assert "[image: LeNet-5: neural-network diagram," in body
    man = build("basic", "man")
    page = next(man.outdir.glob("*.1")).read_text(encoding="utf-8")
    assert "[image: LeNet once more]" in page
    assert text.warning.getvalue() == "" and man.warning.getvalue() == ""


def test_text_builder_sets_the_placeholder_apart_from_the_caption(build: Build) -> None:
    """Sphinx's own image placeholder reads ``[image: alt][image]LeNet-5 as used…``."""
    text = build("basic", "text")
    body = (text.outdir / "index.txt").read_text(encoding="utf-8")
    placeholder = body.index("[image: LeNet-5: neural-network diagram,")
    end = body.index("]", placeholder)
    assert body[end + 1] in " \n" and body[end + 1 :].lstrip().startswith("LeNet-5 as used")
    assert "[image]" not in body


def test_texinfo_gets_png_and_other_builders_do_not_fail(build: Build) -> None:
    texinfo = build("basic", "texinfo")
    pngs = list(texinfo.outdir.glob("*.png")) + list(texinfo.outdir.glob("*/*.png"))
    assert pngs and all(p.read_bytes().startswith(b"\x89PNG") for p in pngs)
    assert texinfo.warning.getvalue() == ""
    for name in ("xml", "pseudoxml", "dummy"):
        assert build("basic", name).warning.getvalue() == "", name
