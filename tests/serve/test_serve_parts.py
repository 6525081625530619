"""The server's parts in-process: the path guard, the render worker and its processes, what
PATH opens, the missing-extra message and the docs-tree listing."""

from __future__ import annotations

import argparse
import io
import os
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from serving import LENET, ROOT

from nnviz_core.errors import MissingDependencyError, NnvizError
from nnviz_core.serve import command, require_server
from nnviz_core.serve.diagrams import diagrams
from nnviz_core.serve.files import inside
from nnviz_core.serve.guard import own_hosts
from nnviz_core.serve.sources import Served
from nnviz_core.serve.worker import Worker


@pytest.mark.parametrize(
    "name", ["", "../x.yaml", "a/../../x.yaml", "/etc/passwd", "./x.yaml", "C:x.yaml", "a\\b.yaml"]
)
def test_inside_refuses_names_that_could_leave_the_root(tmp_path: Path, name: str) -> None:
    assert inside(tmp_path, name) is None


def test_inside_accepts_nested_names(tmp_path: Path) -> None:
    assert inside(tmp_path, "docs/net.yaml") == tmp_path.resolve() / "docs" / "net.yaml"


def _wait_for(predicate: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 20
    while not predicate() and time.monotonic() < deadline:
        time.sleep(0.01)


#: A spec that takes seconds to draw (a chain of 6,000 layers), to be superseded.
SLOW = "input: [64]\nlayers:\n" + "".join(f"  - dense: {i % 50 + 1}\n" for i in range(6000))


@pytest.fixture(scope="module")
def worker() -> Iterator[Worker]:
    started = Worker()
    yield started
    started.close()


def test_an_edit_waiting_behind_a_newer_one_is_superseded(worker: Worker) -> None:
    answers: dict[int, dict[str, object]] = {}

    def edit(number: int) -> threading.Thread:
        def run() -> None:
            answers[number] = worker.draw("wait", number, LENET, "x.yaml", "graph", {})

        thread = threading.Thread(target=run)
        thread.start()
        _wait_for(lambda: worker._newest.get("wait") == number)  # asked, now waiting
        return thread

    with worker._turn:  # a render is running: both edits wait behind it
        waiting = [edit(1), edit(2)]
    for thread in waiting:
        thread.join()
    assert answers[1] == {"edit": 1, "superseded": True}
    assert answers[2]["errors"] == [] and "html" in answers[2]


def test_a_render_in_progress_is_stopped_by_a_newer_edit(worker: Worker) -> None:
    answers: dict[int, dict[str, object]] = {}
    slow = threading.Thread(
        target=lambda: answers.setdefault(1, worker.draw("stop", 1, SLOW, "x.yaml", "graph", {}))
    )
    slow.start()
    _wait_for(lambda: worker._running is not None and worker._running.edit == 1)
    drawing = worker._process
    time.sleep(0.3)  # well into the slow render
    quick = worker.draw("stop", 2, LENET, "x.yaml", "graph", {})
    slow.join()
    assert answers[1] == {"edit": 1, "superseded": True}
    assert quick["edit"] == 2 and quick["errors"] == [] and "LeNet-5" in str(quick["html"])
    assert not drawing.alive  # killed, not left to finish
    assert worker._process is not drawing and worker._process.alive and worker._spare.alive


def test_another_pages_edits_do_not_supersede(worker: Worker) -> None:
    worker.draw("a", 5, LENET, "x.yaml", "graph", {})
    assert worker.draw("b", 1, LENET, "x.yaml", "fcnn", {})["errors"] == []


def test_a_render_process_that_dies_is_reported_and_replaced(worker: Worker) -> None:
    worker._process.run((LENET, "x.yaml", "graph", {}))  # warm and idle
    os.kill(worker._process.pid, signal.SIGKILL)
    [error] = worker.draw("die", 1, LENET, "x.yaml", "graph", {})["errors"]
    assert error["message"] == (
        "the render process stopped unexpectedly (out of memory?); edit to try again"
    )
    assert worker.draw("die", 2, LENET, "x.yaml", "graph", {})["errors"] == []


def test_an_option_error_is_reported_not_raised(worker: Worker) -> None:
    answer = worker.draw("p", 1, LENET, "x.yaml", "graph", {"rankdir": "sideways"})
    [error] = answer["errors"]
    assert "rankdir" in error["message"] and error["located"] is False


def test_a_model_file_opens_read_only_and_exports_to_yaml_beside_it(tmp_path: Path) -> None:
    shutil.copy(ROOT / "tests/sources/resolve/models/net.prototxt", tmp_path / "net.prototxt")
    served = Served(tmp_path, "net.prototxt")
    opened = served.open("net.prototxt")
    assert opened is not None and opened.readonly and "layers:" in opened.text
    refused = served.save("net.prototxt", "x")
    assert refused == "net.prototxt: not a spec file of the served folder; not saved"
    assert served.to_yaml("net.prototxt") == "net.yaml"
    assert (tmp_path / "net.yaml").read_text(encoding="utf-8") == opened.text
    assert served.to_yaml("net.prototxt") == "net-1.yaml"  # never over a file


def test_plan_opens_a_spec_a_directory_or_a_scratch_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = tmp_path / "net.yaml"
    spec.write_text(LENET, encoding="utf-8")
    assert command.plan(str(spec)).start == "net.yaml"
    assert command.plan(str(tmp_path)).start is None
    monkeypatch.chdir(tmp_path)
    scratch = command.plan(None)
    assert scratch.scratch and scratch.start is None and scratch.root == tmp_path
    assert sorted(p.name for p in tmp_path.iterdir()) == ["net.yaml"]  # nothing written yet
    with pytest.raises(NnvizError, match=r"nope\.yaml: no such file or directory"):
        command.plan(str(tmp_path / "nope.yaml"))
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(NnvizError, match=r"cannot open this file; give a \.yaml spec"):
        command.plan(str(tmp_path / "notes.txt"))


def test_a_missing_server_stack_names_the_pip_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name: None if name == "uvicorn" else real(name)
    )
    with pytest.raises(MissingDependencyError, match=r'pip install "nnviz-docs\[serve\]"'):
        require_server()
    args = argparse.Namespace(path=None, host="127.0.0.1", port=0, no_browser=True)
    with pytest.raises(MissingDependencyError, match="'uvicorn'"):
        command.run(args, io.StringIO(), {})


def test_own_hosts_are_the_bound_name_and_loopback() -> None:
    assert own_hosts("0.0.0.0", 8000) == {"127.0.0.1:8000", "localhost:8000", "[::1]:8000"}
    assert "box.lan:9000" in own_hosts("box.lan", 9000)


def test_a_docs_tree_lists_its_diagrams_and_its_spec_files(tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text("", encoding="utf-8")
    (tmp_path / "net.yaml").write_text(LENET, encoding="utf-8")
    (tmp_path / "index.rst").write_text(
        "Nets\n====\n\n.. nnviz:: net.yaml\n   :style: block\n\n"
        ".. nnviz::\n\n   layers: [flatten]\n   input: [4, 4]\n",
        encoding="utf-8",
    )
    found = [(d.page, d.line, d.style, d.file) for d in diagrams(tmp_path)]
    assert found == [("index.rst", 4, "block", "net.yaml"), ("index.rst", 7, "graph", None)]
    assert [d.title for d in diagrams(tmp_path)] == [None, None]  # a file; an unnamed spec
    served = Served(tmp_path, None)
    inline = served.open("index.rst:7")
    assert inline is not None and not inline.readonly
    assert inline.text == "layers: [flatten]\ninput: [4, 4]"
    from_file = served.open("index.rst:4")
    assert from_file is not None and from_file.readonly and from_file.text == LENET


def test_the_listing_page_links_each_diagram_to_the_editor(tmp_path: Path) -> None:
    from nnviz_core.serve.page import listing

    (tmp_path / "conf.py").write_text("", encoding="utf-8")
    (tmp_path / "a b.yaml").write_text(LENET, encoding="utf-8")
    (tmp_path / "index.rst").write_text(
        "T\n=\n\n.. nnviz:: a b.yaml\n\n.. nnviz::\n\n   name: <Tiny>\n   layers: [flatten]\n",
        encoding="utf-8",
    )
    html = listing(tmp_path)
    assert '<a href="/?file=a%20b.yaml&amp;style=graph">a b.yaml</a>' in html
    assert '<a href="/?file=index.rst:6&amp;style=graph">inline spec: &lt;Tiny&gt;</a>' in html
    assert html.count("a b.yaml</a>") == 1  # listed once, from its page


def test_an_import_path_opens_read_only_with_its_source_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "tests/sources/resolve/models"))
    given = "nnviz_testmodels.broken:graph_factory"
    served = Served(tmp_path, given, model=given, loading={"model_args": {"units": 7}})
    opened = served.open(given)
    assert opened is not None and opened.readonly
    assert "7" in opened.text and "layers:" in opened.text
    assert served.to_yaml(given) == "graph_factory.yaml"
    assert (tmp_path / "graph_factory.yaml").read_text(encoding="utf-8") == opened.text


def test_the_page_script_ships_with_the_licence_of_every_bundled_package() -> None:
    import json

    from nnviz_core.serve.page import asset

    found = asset("nnviz-serve.js")
    assert found is not None and found[1].startswith(b"/*! nnviz serve page | MIT licence")
    licences = (ROOT / "nnviz_core/serve/nnviz-serve.LICENSES.txt").read_text(encoding="utf-8")
    lock = json.loads((ROOT / "serve-ui/package-lock.json").read_text(encoding="utf-8"))
    for key in ("codemirror", "@codemirror/view", "@codemirror/lang-yaml", "@lezer/yaml"):
        version = lock["packages"][f"node_modules/{key}"]["version"]
        assert f"{key} {version} (MIT)\n\nMIT License" in licences
    assert asset("../app.py") is None and asset("nnviz-serve.LICENSES.txt") is None
