"""The content-hash cache: keys follow what changes the picture, entries survive a new process."""

from __future__ import annotations

from pathlib import Path

from mkdocs_nnviz.cache import DiagramCache, cache_key


def test_key_changes_with_source_style_and_options() -> None:
    base = cache_key("name: a", "graph", (("legend", True),))
    assert base == cache_key("name: a", "graph", (("legend", True),))
    assert base != cache_key("name: b", "graph", (("legend", True),))
    assert base != cache_key("name: a", "block", (("legend", True),))
    assert base != cache_key("name: a", "graph", (("legend", False),))


def test_entries_are_read_back_from_disk_by_a_fresh_cache(tmp_path: Path) -> None:
    first = DiagramCache(tmp_path / "cache")
    first.put("k1", "<svg>one</svg>")
    assert (first.rendered, first.reused) == (1, 0)
    second = DiagramCache(tmp_path / "cache")
    assert second.get("k1") == "<svg>one</svg>"
    assert second.get("missing") is None
    assert (second.rendered, second.reused) == (0, 1)
    assert [path.name for path in (tmp_path / "cache").iterdir()] == ["k1.svg"]


def test_memory_only_cache_and_unwritable_directory(tmp_path: Path) -> None:
    memory = DiagramCache()
    memory.put("k", "<svg/>")
    assert memory.get("k") == "<svg/>"
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    broken = DiagramCache(blocker / "cache")
    broken.put("k", "<svg/>")  # cannot be written: still served from memory
    assert broken.get("k") == "<svg/>"


def test_prune_keeps_only_what_was_used(tmp_path: Path) -> None:
    cache = DiagramCache(tmp_path)
    cache.put("old", "<svg>old</svg>")
    cache.reset_counts()
    cache.put("new", "<svg>new</svg>")
    assert DiagramCache(tmp_path).get("old") == "<svg>old</svg>"
    assert cache.prune() == 1
    assert sorted(path.name for path in tmp_path.iterdir()) == ["new.svg"]
