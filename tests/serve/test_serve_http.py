"""The server without a browser: it answers only as itself (DNS-rebinding guard), serves only
its directory, saves atomically and reports located errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from serving import LENET, Server


@pytest.mark.parametrize(
    "path",
    [
        "/api/file/../lenet5.yaml",
        "/api/file/%2e%2e/%2e%2e/etc/passwd",
        "/api/file/..%2f..%2fetc%2fpasswd",
        "/api/file//etc/passwd",
        "/api/file/%2Fetc%2Fpasswd",
        "/api/file/C:%5Cwindows%5Cwin.ini",
        "/?file=../lenet5.yaml",
        "/?file=/etc/passwd",
    ],
)
def test_paths_that_leave_the_directory_are_not_found(server: Server, path: str) -> None:
    status, body = server.request("GET", path)
    assert status == 404, body
    assert b"root:" not in body


def test_a_symlink_out_of_the_directory_is_not_found(server: Server, tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text(LENET, encoding="utf-8")
    link = server.folder / "link.yaml"
    link.unlink(missing_ok=True)
    os.symlink(outside, link)
    assert server.request("GET", "/api/file/link.yaml")[0] == 404
    assert server.request("PUT", "/api/file/link.yaml", body=b"name: x\n")[0] == 404
    assert outside.read_text(encoding="utf-8") == LENET


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Host": "evil.example"},
        {"Host": "evil.example:8000", "Origin": "http://evil.example:8000"},
        {"Origin": "null"},
    ],
)
def test_a_foreign_host_or_origin_is_forbidden(server: Server, headers: dict[str, str]) -> None:
    status, body = server.request("GET", "/api/file/lenet5.yaml", headers)
    assert status == 403
    assert body == b"forbidden: foreign host or origin\n"


def test_the_servers_own_origin_and_localhost_are_allowed(server: Server) -> None:
    own = {"Origin": f"http://127.0.0.1:{server.port}"}
    assert server.request("GET", "/api/file/lenet5.yaml", own)[0] == 200
    local = {"Host": f"localhost:{server.port}"}
    assert server.request("GET", "/api/file/lenet5.yaml", local)[0] == 200


def test_a_save_replaces_the_file_and_only_spec_files_are_written(server: Server) -> None:
    target = server.folder / "saved.yaml"
    target.write_text(LENET, encoding="utf-8")
    status, _ = server.request("PUT", "/api/file/saved.yaml", body=b"name: broken [\n")
    assert status == 200
    assert target.read_text(encoding="utf-8") == "name: broken [\n"  # kept, even with errors
    assert not [p for p in server.folder.iterdir() if p.name.endswith(".tmp")]
    assert server.request("PUT", "/api/file/notes.txt", body=b"x")[0] == 404
    assert not (server.folder / "notes.txt").exists()


def _render(server: Server, text: str, edit: int = 1) -> dict[str, object]:
    body = {"page": "t", "edit": edit, "text": text, "name": "x.yaml", "style": "graph"}
    status, answer = server.request(
        "POST", "/api/render", {"Content-Type": "application/json"}, json.dumps(body).encode()
    )
    assert status == 200
    result: dict[str, object] = json.loads(answer)
    return result


def test_render_answers_the_diagram_or_located_errors(server: Server) -> None:
    drawn = _render(server, LENET)
    assert drawn["errors"] == []
    assert str(drawn["html"]).startswith("<svg ") and 'class="nnviz' in str(drawn["html"])
    wrong = _render(server, LENET.replace("avgpool2d", "avgpool2x", 1), edit=2)
    assert wrong["errors"] == [
        {
            "line": 6,
            "column": 5,
            "located": True,
            "message": "unknown op 'avgpool2x' (did you mean 'avgpool2d'?)",
        }
    ]


def test_an_export_of_a_broken_spec_says_why(server: Server) -> None:
    body = {"text": "layers: [conv9]\n", "name": "x.yaml", "style": "graph", "options": {}}
    status, answer = server.request(
        "POST", "/api/export/png", {"Content-Type": "application/json"}, json.dumps(body).encode()
    )
    assert status == 422
    assert "conv9" in json.loads(answer)["errors"][0]["message"]


def _save_as(server: Server, name: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    body = json.dumps({"name": name, "text": LENET}).encode()
    return server.request(
        "POST", "/api/save-as", {"Content-Type": "application/json", **(headers or {})}, body
    )


@pytest.mark.parametrize("name", ["../escaped.yaml", "/tmp/escaped.yaml", "out/escaped.yaml"])
def test_save_as_never_writes_outside_the_directory(
    server: Server, tmp_path: Path, name: str
) -> None:
    link = server.folder / "out"
    link.unlink(missing_ok=True)
    os.symlink(tmp_path, link)  # a folder that leads out
    status, answer = _save_as(server, name)
    assert status == 409
    assert json.loads(answer)["error"].startswith(f"{name}: cannot save as this")
    assert not (server.folder.parent / "escaped.yaml").exists()
    assert not list(tmp_path.iterdir()) and not Path("/tmp/escaped.yaml").exists()


def test_save_as_from_a_foreign_origin_is_forbidden(server: Server) -> None:
    status, _ = _save_as(server, "foreign.yaml", {"Origin": "http://evil.example"})
    assert status == 403
    assert not (server.folder / "foreign.yaml").exists()
