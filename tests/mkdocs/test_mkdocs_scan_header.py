"""Fence finding and header reading: the parts that need no rendering."""

from __future__ import annotations

import pytest

from mkdocs_nnviz.html import error_html, inline_svg
from nnviz_core.errors import OptionError
from nnviz_core.hosting import FLAG, find_fences, parse_header, same_body

PAGE = """# Title

```nnviz style="block"
name: a
input: [3]
```

````markdown
```nnviz
name: shown as code
```
````

!!! note
    ```nnviz caption='in a box'
    name: b
      nested: 1
    ```

```python
print("not ours")
```
"""


def test_finds_top_level_and_indented_fences_in_order() -> None:
    sites = find_fences(PAGE)
    assert [(site.line, site.header) for site in sites] == [
        (3, 'style="block"'),
        (15, "caption='in a box'"),
    ]
    assert sites[0].body == "name: a\ninput: [3]"
    assert sites[1].body == "name: b\n  nested: 1"
    assert sites[1].indent == "    "


def test_top_level_only_skips_indented_fences() -> None:
    assert [site.line for site in find_fences(PAGE, max_indent=3)] == [3]


def test_fence_inside_another_fence_is_code() -> None:
    assert all("shown as code" not in site.body for site in find_fences(PAGE))


def test_unclosed_fence_is_ignored() -> None:
    assert find_fences("```nnviz\nname: x\n") == []


def test_brace_form_language() -> None:
    (site,) = find_fences('``` {.nnviz style="lenet" #fig}\nname: x\n```')
    assert site.header == '{ style="lenet" #fig}'


def test_same_body_ignores_trailing_blanks() -> None:
    assert same_body("a: 1  \nb: 2\n\n", "a: 1\nb: 2")
    assert not same_body("a: 1", "a: 2")


def test_header_values_quotes_flags_classes_and_id() -> None:
    header = parse_header("""style="block" caption='A "quoted" one' width=400 show_shapes""")
    assert header.values == {
        "style": "block",
        "caption": 'A "quoted" one',
        "width": "400",
        "show_shapes": FLAG,
    }
    braced = parse_header('{style="graph" .wide .dark #fig-1 show-shapes="true"}')
    assert braced.classes == ("wide", "dark")
    assert braced.anchor == "fig-1"
    assert braced.values == {"style": "graph", "show_shapes": "true"}


def test_unreadable_header_says_how_to_write_it() -> None:
    with pytest.raises(OptionError, match=r"cannot read the fence header at '=oops'; write"):
        parse_header('style="block" =oops')


def test_inline_svg_drops_the_xml_prolog() -> None:
    svg = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE svg>\n<svg class="nnviz"></svg>\n'
    assert inline_svg(svg) == '<svg class="nnviz"></svg>'


def test_error_box_escapes_the_message() -> None:
    html = error_html("index.md:3: unknown op '<script>'")
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert html.startswith('<div class="nnviz-figure nnviz-error" role="alert">')
