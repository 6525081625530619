"""Edit-to-diagram latency of ``nnviz serve`` (issue 16), measured as a user meets it.

.venv/bin/python benchmarks/bench_serve.py [--repeat 5]

Starts ``nnviz serve`` on a free loopback port and drives its page in headless chromium
(playwright and Debian's ``chromium``, as the browser tests do). For each spec, it pastes the
spec with one more layer and times the edit until the new diagram is on screen
(this includes the page's 250 ms pause after typing), and reads what the page says the server
took ("drawn in N ms": request, render in the render process, answer). Rows: ResNet-18
(``examples/resnet18.yaml``) and a chain of 1,000 dense layers; then a superseded render: a
9,500-layer spec is being drawn when a quick edit arrives, and the quick edit's diagram is timed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHAIN = "input: [64]\nlayers:\n" + "".join(f"  - dense: {i % 50 + 1}\n" for i in range(1000))
SLOW = "input: [64]\nlayers:\n" + "".join(f"  - dense: {i % 50 + 1}\n" for i in range(9500))
_EDITED = """edit => Number(document.querySelector('.nnviz-serve').dataset.edit) >= edit"""


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(folder: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "nnviz_core", "serve", str(folder), "--port", str(port)]
    process = subprocess.Popen([*command, "--no-browser"], env=env)
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("nnviz serve did not start")


def _edit(page: Any, text: str) -> float:
    """Replace the editor's text with ``text`` (as a paste does); the seconds until its diagram
    is on screen."""
    edit = int(page.get_attribute(".nnviz-serve", "data-edit")) + 1
    started = time.perf_counter()
    page.evaluate(_REPLACE, text)
    page.wait_for_function(_EDITED, arg=edit, timeout=60000)
    return time.perf_counter() - started


_REPLACE = """text => { const view = window.nnvizServe.view;
  view.dispatch({changes: {from: 0, to: view.state.doc.length, insert: text}}); }"""


def _drawn_ms(page: Any) -> int:
    status = str(page.inner_text(".nnviz-serve-status"))
    return int(status.removeprefix("drawn in ").split(" ")[0])


def _measure(page: Any, url: str, name: str, repeat: int) -> tuple[float, float]:
    """Median seconds from an edit (one more layer, of a new width each time) to its diagram,
    and of the server's part of it."""
    page.goto(f"{url}?file={name}")
    page.wait_for_selector(".nnviz-figure svg.nnviz", timeout=60000)
    text = page.evaluate("window.nnvizServe.view.state.doc.toString()")
    times = []
    for units in range(repeat + 1):  # the first edit warms the page's own code
        times.append((_edit(page, f"{text.rstrip()}\n  - dense: {units + 2}\n"), _drawn_ms(page)))
    times = sorted(times[1:])
    middle = times[len(times) // 2]
    return middle[0], middle[1] / 1000


def _superseded(page: Any, url: str) -> float:
    """Seconds from a quick edit to its diagram while a 9,500-layer spec is being drawn."""
    page.goto(f"{url}?file=chain.yaml")
    page.wait_for_selector(".nnviz-figure svg.nnviz", timeout=60000)
    page.evaluate(_REPLACE, SLOW)
    time.sleep(1.0)  # the slow spec is being drawn
    return _edit(page, CHAIN)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed edits per spec (median)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("chromium is missing: sudo apt-get install chromium")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        shutil.copy(ROOT / "examples" / "resnet18.yaml", folder / "resnet18.yaml")
        (folder / "chain.yaml").write_text(CHAIN, encoding="utf-8")
        port = _port()
        server = _serve(folder, port)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=chromium, args=["--no-sandbox"]
                )
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                url = f"http://127.0.0.1:{port}/"
                print(f"{'spec (graph style)':<28}{'edit → diagram':>16}{'server drew':>13}")
                print("-" * 57)
                for label, name in (
                    ("resnet18.yaml", "resnet18.yaml"),
                    ("1,000 dense layers", "chain.yaml"),
                ):
                    total, drawn = _measure(page, url, name, args.repeat)
                    print(f"{label:<28}{total:>14.2f} s{drawn:>11.2f} s")
                quick = _superseded(page, url)
                drawn = _drawn_ms(page) / 1000
                print(f"{'1,000 layers over 9,500':<28}{quick:>14.2f} s{drawn:>11.2f} s")
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
