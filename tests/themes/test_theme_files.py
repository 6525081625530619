"""Theme files: the shape users write, located errors with did-you-mean, and the JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

import nnviz_core
from nnviz_core.errors import OptionError, SpecError
from nnviz_core.theme import DEFAULT, TOKENS
from nnviz_core.theming import BUILTINS, chosen, load
from nnviz_core.theming.schema import theme_schema

SPEC = "name: t\ninput: [1, 8, 8]\nlayers:\n  - conv2d: {filters: 2, kernel: 3}\n  - dense: 4\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_documented_shape_extends_default_and_changes_one_token(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "mine.yaml",
        "name: mine\nextends: default\nfonts: {family: DejaVu Serif}\ncolors:\n"
        '  light: {cat.convolution: "#ff99cc"}\n  dark: {cat.convolution: "#7a2d55"}\n',
    )
    theme = load(str(path))
    assert theme.name == "mine"
    assert theme.tokens["cat.convolution"] == ("#ff99cc", "#7a2d55")
    assert theme.tokens["cat.dense"] == TOKENS["cat.dense"]
    # The shaded faces of 3D blocks follow the new fill.
    assert theme.tokens["cat.convolution.top"] != TOKENS["cat.convolution.top"]
    assert theme.fonts.family == "DejaVu Serif" and theme.fonts.files is not None
    svg = nnviz_core.render(SPEC, "block", theme=str(path), mode="light").svg
    assert 'fill="#ff99cc"' in svg
    assert "font-family=\"'DejaVu Serif', Verdana" in svg


def test_a_file_extends_another_file_relative_to_itself(tmp_path: Path) -> None:
    (tmp_path / "base").mkdir()
    write(tmp_path / "base", "brand.yaml", 'extends: print\ncolors:\n  light: {fg: "#102030"}\n')
    child = write(tmp_path, "child.yaml", "extends: base/brand.yaml\nlines: {scale: 2}\n")
    theme = load(str(child))
    assert theme.name == "child" and theme.lines == 2.0
    assert theme.tokens["fg"][0] == "#102030"
    assert theme.hatching == load("print").hatching  # from print, two files up


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'colors:\n  light:\n    cat.convolutoin: "#ff0000"\n',
            "mine.yaml:3:5: unknown token 'cat.convolutoin' in colors.light (did you mean "
            "'cat.convolution'?); `nnviz schema --theme` lists every token",
        ),
        (
            'colours:\n  light: {fg: "#000000"}\n',
            "mine.yaml:1:1: unknown key 'colours' in a theme file (did you mean 'colors'?); "
            "allowed: name, description, extends, fonts, lines, corners, colors, hatching, dashes",
        ),
        (
            "colors:\n  light: {fg: '#12345'}\n",
            "mine.yaml:2:15: colors.light.fg must be a colour written '#rrggbb' (quote it: '#' "
            "starts a YAML comment), got '#12345'",
        ),
        (
            "colors:\n  light:\n    fg: #123456\n",
            "mine.yaml:3:8: colors.light.fg must be a colour written '#rrggbb' (quote it: '#' "
            "starts a YAML comment), got None",
        ),
        (
            "colors:\n  dusk: {fg: '#123456'}\n",
            "mine.yaml:2:3: unknown key 'dusk' in colors; allowed: light, dark",
        ),
        (
            "fonts: {famly: DejaVu Serif}\n",
            "mine.yaml:1:9: unknown key 'famly' in fonts (did you mean 'family'?); allowed: "
            "family, fallback, path, bold_path, size, weights",
        ),
        (
            "fonts: {size: 9}\n",
            "mine.yaml:1:15: fonts.size must be a number from 0.5 to 3, got 9",
        ),
        (
            "fonts: {weights: {bold: 650}}\n",
            "mine.yaml:1:25: fonts.weights.bold must be a CSS weight: 100, 200, … 900, got 650",
        ),
        (
            "lines: 2\n",
            "mine.yaml:1:8: lines must be a mapping, got 2",
        ),
        (
            "extends: prnt\n",
            "mine.yaml:1:10: unknown theme 'prnt' (did you mean 'print'?) in extends; built-in "
            "themes: colorblind, default, pastel, print, slides, or a theme file's path",
        ),
        (
            "hatching: {cat.dense: zigzag}\n",
            "mine.yaml:1:23: hatching.cat.dense must be one of none, diagonal, back-diagonal, "
            "cross, horizontal, vertical, grid, got 'zigzag'",
        ),
        (
            "hatching: {edge: cross}\n",
            "mine.yaml:1:12: unknown token 'edge' in hatching",
        ),
        (
            "dashes: {series.val: [6, 3, 2]}\n",
            "mine.yaml:1:22: dashes.series.val must be a list of dash and gap lengths (an even "
            "number, at most 8), e.g. [6, 3], or [] for none; got a list",
        ),
        (
            "dashes: {series.vall: [6, 3]}\n",
            "mine.yaml:1:10: unknown token 'series.vall' in dashes (did you mean 'series.val'?)",
        ),
        (
            "colors: [\n",
            "mine.yaml:2:1: invalid YAML",
        ),
    ],
)
def test_mistakes_are_located_in_the_theme_file(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, "mine.yaml", text)
    with pytest.raises(SpecError) as caught:
        load(str(path))
    shown = str(caught.value).replace(str(tmp_path) + "/", "")
    assert shown.startswith(message)


def test_themes_extending_each_other_in_a_loop_fail_at_the_extends(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "extends: b.yaml\n")
    write(tmp_path, "b.yaml", "extends: a.yaml\n")
    with pytest.raises(SpecError) as caught:
        load(str(tmp_path / "a.yaml"))
    shown = str(caught.value).replace(str(tmp_path) + "/", "")
    assert shown == "b.yaml:1:10: themes extend each other in a loop: a.yaml → b.yaml → a.yaml"


def test_the_theme_option_names_builtins_and_files() -> None:
    with pytest.raises(OptionError) as caught:
        nnviz_core.render(SPEC, "graph", theme="pastle")
    assert str(caught.value) == (
        "unknown theme 'pastle' (did you mean 'pastel'?); built-in themes: colorblind, "
        "default, pastel, print, slides, or the path of a theme file (.yaml, .yml, .json)"
    )
    with pytest.raises(OptionError, match=r"^theme file /.*/nope\.yaml: no such file$"):
        nnviz_core.render(SPEC, "graph", theme="nope.yaml")


def test_theme_and_mode_combine_and_a_given_mode_picks_the_half() -> None:
    assert chosen("auto") == (DEFAULT, "auto")
    assert chosen("dark") == (DEFAULT, "dark")
    assert chosen("auto", "dark") == (DEFAULT, "dark")
    assert chosen("dark", "light") == (DEFAULT, "light")  # a diagram's mode, a site's theme
    assert chosen("print")[1] == "auto" and chosen("print", "dark")[1] == "dark"
    with pytest.raises(OptionError) as caught:
        chosen("print", "dusk")
    assert str(caught.value) == "mode must be one of auto, light, dark, got 'dusk'"


def test_the_default_theme_by_name_draws_the_same_bytes_as_before() -> None:
    plain = nnviz_core.render(SPEC, "graph").svg
    assert nnviz_core.render(SPEC, "graph", theme="default").svg == plain
    assert nnviz_core.render(SPEC, "graph", theme="auto", mode="auto").svg == plain
    dark = nnviz_core.render(SPEC, "graph", theme="dark").svg
    assert nnviz_core.render(SPEC, "graph", theme="default", mode="dark").svg == dark


def test_every_builtin_validates_against_the_schema() -> None:
    schema = theme_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    folder = Path(nnviz_core.__file__).parent / "themes"
    assert sorted(path.stem for path in folder.glob("*.yaml")) == list(BUILTINS)
    for name in BUILTINS:
        jsonschema.validate(yaml.safe_load((folder / f"{name}.yaml").read_text("utf-8")), schema)


def test_the_schema_refuses_what_the_loader_refuses() -> None:
    validator = jsonschema.Draft202012Validator(theme_schema())
    for bad in (
        {"colors": {"light": {"cat.convolutoin": "#ffffff"}}},
        {"colors": {"light": {"fg": "red"}}},
        {"fonts": {"size": 9}},
        {"hatching": {"cat.dense": "zigzag"}},
        {"colour": {}},
    ):
        assert not validator.is_valid(bad), bad
    assert validator.is_valid(
        {"name": "x", "extends": "print", "colors": {"dark": {"cat.dense.top": "#abc"}}}
    )


def test_the_cli_prints_the_theme_schema(capsys: pytest.CaptureFixture[str]) -> None:
    from nnviz_core.cli import main

    assert main(["schema", "--theme"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["$id"] == "urn:nnviz-docs:theme:v1"
    assert set(printed["properties"]["colors"]["properties"]["light"]["properties"]) == set(TOKENS)


def test_the_default_file_holds_the_defaults_the_code_draws_with() -> None:
    folder = Path(nnviz_core.__file__).parent / "themes"
    shipped = yaml.safe_load((folder / "default.yaml").read_text("utf-8"))
    assert shipped["fonts"] == {
        "family": DEFAULT.fonts.family,
        "fallback": list(DEFAULT.fonts.fallback),
        "size": DEFAULT.fonts.size,
    }
    assert shipped["lines"] == {"scale": DEFAULT.lines}
    assert shipped["corners"] == {"scale": DEFAULT.corners}
    assert set(shipped["colors"]["light"]) == set(shipped["colors"]["dark"])
    assert DEFAULT.fonts.stack == "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', sans-serif"


def test_the_cli_lists_the_builtin_themes(capsys: pytest.CaptureFixture[str]) -> None:
    from nnviz_core.cli import main

    assert main(["themes"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert (
        lines[0]
        == "colorblind: The Okabe–Ito palette, distinct for every common colour-vision deficiency."
    )
    assert [line.split(":")[0] for line in lines[:-1]] == list(BUILTINS)
    assert lines[-1] == "or the path of a theme file; `nnviz schema --theme` prints its JSON Schema"


def test_the_example_theme_file_draws() -> None:
    path = Path(__file__).resolve().parents[2] / "examples" / "themes" / "paper.yaml"
    theme = load(str(path))
    assert (theme.name, theme.corners, theme.fonts.family) == ("paper", 0.5, "DejaVu Serif")
    assert theme.hatching == load("print").hatching
    svg = nnviz_core.render(SPEC, "graph", theme=str(path)).svg
    assert "'DejaVu Serif', Georgia, serif" in svg
