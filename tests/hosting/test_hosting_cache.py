"""The one content-hash cache: keys follow what changes the picture, entries survive a new
process, damaged entries are deleted and drawn again, an unwritable folder falls back to memory."""

from __future__ import annotations

from pathlib import Path

import pytest

import nnviz_core.hosting.cache as hosting_cache
from nnviz_core.hosting import DiagramCache, Drawn, Note, cache_key

SVG = '<svg id="nnviz-ab"><title id="nnviz-ab-t">one</title><use href="#nnviz-ab-t"/></svg>'


def _drawn(key: str, svg: str = SVG) -> Drawn:
    return Drawn.of(key, svg, f"alt of {key}")


def test_key_changes_with_source_style_and_options() -> None:
    base = cache_key("name: a", "graph", (("legend", True),))
    assert base == cache_key("name: a", "graph", (("legend", True),))
    assert base != cache_key("name: b", "graph", (("legend", True),))
    assert base != cache_key("name: a", "block", (("legend", True),))
    assert base != cache_key("name: a", "graph", (("legend", False),))


def test_entries_are_read_back_from_disk_by_a_fresh_cache(tmp_path: Path) -> None:
    first = DiagramCache(tmp_path / "cache")
    first.put(_drawn("k1"))
    assert (first.rendered, first.reused) == (1, 0)
    second = DiagramCache(tmp_path / "cache")
    found = second.get("k1")
    assert found is not None and (found.svg, found.alt) == (SVG, "alt of k1")
    assert found.marks == _drawn("k1").marks and found.inline(2).count("-2") == 3
    assert second.get("missing") is None
    assert (second.rendered, second.reused) == (0, 1)
    names = sorted(path.name for path in (tmp_path / "cache").iterdir())
    assert names == ["nnviz-k1.svg", "nnviz-k1.svg.json"]


def test_memory_only_cache_and_unwritable_directory(tmp_path: Path) -> None:
    memory = DiagramCache()
    memory.put(_drawn("k"))
    assert memory.get("k") == _drawn("k")
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    said: list[str] = []
    broken = DiagramCache(blocker / "cache", inform=said.append)
    broken.put(_drawn("k"))  # cannot be written: still served from memory
    broken.put(_drawn("k2"))
    assert broken.get("k") == _drawn("k") and broken.directory is None
    assert len(said) == 1 and "keeping diagrams in memory" in said[0]
    assert "bug" not in said[0]
    filed = broken.file("k", "pdf", lambda: (b"%PDF-1.4 data", ()))  # builders still get a file
    assert filed.path.read_bytes() == b"%PDF-1.4 data" and filed.notes == ()


@pytest.mark.parametrize(
    "damage",
    [
        lambda svg, meta: svg.write_bytes(svg.read_bytes()[:20]),  # truncated SVG
        lambda svg, meta: meta.write_text('{"alt": '),  # truncated check file
        lambda svg, meta: meta.unlink(),  # check file gone
        lambda svg, meta: svg.write_bytes(svg.read_bytes().replace(b"one", b"two")),  # changed
    ],
)
def test_a_damaged_entry_is_deleted_and_drawn_again(tmp_path: Path, damage: object) -> None:
    DiagramCache(tmp_path).put(_drawn("k"))
    svg, meta = tmp_path / "nnviz-k.svg", tmp_path / "nnviz-k.svg.json"
    damage(svg, meta)  # type: ignore[operator]
    said: list[str] = []
    cache = DiagramCache(tmp_path, inform=said.append)
    assert cache.get("k") is None
    assert not svg.exists() and not meta.exists()
    assert said == [f"nnviz: cached diagram nnviz-k in {tmp_path} was damaged; drawing it again"]
    assert cache.get_or_draw("k", lambda: _drawn("k")).svg == SVG
    assert DiagramCache(tmp_path).get("k") == _drawn("k")


def test_a_damaged_file_of_another_format_is_made_again(tmp_path: Path) -> None:
    cache = DiagramCache(tmp_path)
    path = cache.file("k", "pdf", lambda: (b"%PDF complete", ())).path
    path.write_bytes(b"%PDF")
    again = cache.file("k", "pdf", lambda: (b"%PDF complete", ()))
    assert again.path.read_bytes() == b"%PDF complete"


SCALED = Note("png-scaled", "drawn scaled to 0.73×", "drawn scaled to 0.73×")


def _made(made: list[str]) -> tuple[bytes, tuple[Note, ...]]:
    made.append("png")
    return b"\x89PNG data", (SCALED,)


def test_a_file_keeps_the_remarks_its_conversion_made(tmp_path: Path) -> None:
    made: list[str] = []
    first = DiagramCache(tmp_path).file("k", "png", lambda: _made(made))
    assert first.notes == (SCALED,) and first.path == tmp_path / "nnviz-k.png"
    again = DiagramCache(tmp_path).file("k", "png", lambda: _made(made))  # a later build
    assert again == first and made == ["png"]


def test_a_check_file_with_malformed_remarks_is_damaged(tmp_path: Path) -> None:
    made: list[str] = []
    DiagramCache(tmp_path).file("k", "png", lambda: _made(made))
    check = tmp_path / "nnviz-k.png.json"
    check.write_text(check.read_text().replace('"notes": [[', '"notes": [[1, '))
    said: list[str] = []
    again = DiagramCache(tmp_path, inform=said.append).file("k", "png", lambda: _made(made))
    assert again.notes == (SCALED,) and made == ["png", "png"]
    assert said == [f"nnviz: cached diagram nnviz-k in {tmp_path} was damaged; drawing it again"]


def test_a_memory_cache_serves_its_temporary_file_and_remarks_again() -> None:
    made: list[str] = []
    said: list[str] = []
    cache = DiagramCache(inform=said.append)
    first = cache.file("k", "png", lambda: _made(made))
    assert cache.file("k", "png", lambda: _made(made)) == first
    assert made == ["png"] and said == [] and first.path.read_bytes() == b"\x89PNG data"


def test_a_read_only_folder_is_read_but_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    DiagramCache(tmp_path).put(_drawn("old"))

    def refuse(path: Path, data: bytes) -> None:  # as on a read-only disk (root ignores chmod)
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(hosting_cache, "write_atomic", refuse)
    said: list[str] = []
    cache = DiagramCache(tmp_path, inform=said.append)
    assert cache.get("old") == _drawn("old")
    cache.put(_drawn("new"))
    cache.put(_drawn("newer"))
    assert cache.get("new") == _drawn("new") and cache.directory is None
    assert said == [
        f"nnviz: cannot write the diagram cache {tmp_path} (Permission denied); "
        "keeping diagrams in memory for this build"
    ]


def test_prune_keeps_only_what_was_used(tmp_path: Path) -> None:
    cache = DiagramCache(tmp_path)
    cache.put(_drawn("old"))
    cache.reset_counts()
    cache.put(_drawn("new"))
    assert DiagramCache(tmp_path).get("old") == _drawn("old")
    assert cache.prune() == 1
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "nnviz-new.svg",
        "nnviz-new.svg.json",
    ]
