"""The expected deployment commands are the ones the tests run, and the image's default is one of them."""

import json
import subprocess
import sys

import pytest

from tests.deploy.expected import DOCKERFILE, PORTS, uvicorn_command
from tests.support import processes


class _Started(Exception):
    pass


@pytest.mark.parametrize("service", sorted(PORTS))
def test_deployed_uvicorn_command_is_the_one_the_tests_run(service, monkeypatch, tmp_path):
    """tests/support/processes.py starts each service; its command, with the container's host and
    the fixed port in place of the test's, must be expected.py's."""
    started = []

    def record(args, **kwargs):
        started.append(list(args))
        raise _Started

    monkeypatch.setattr(subprocess, "Popen", record)
    with pytest.raises(_Started):
        with processes.uvicorn_service(service, {}, tmp_path / "log"):
            pass

    [args] = started
    assert args[0] == sys.executable
    host = args[args.index("--host") + 1]
    port = int(args[args.index("--port") + 1])
    assert ["python", *args[1:]] == uvicorn_command(service, host=host, port=port)


def _instructions(dockerfile: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of a Dockerfile, continuation lines joined, comments left out."""
    lines, current = [], ""
    for line in dockerfile.splitlines():
        if not current and (not line.strip() or line.lstrip().startswith("#")):
            continue
        current += line.rstrip().removesuffix("\\") + " "
        if not line.rstrip().endswith("\\"):
            keyword, _, rest = current.strip().partition(" ")
            lines.append((keyword.upper(), rest.strip()))
            current = ""
    return lines


def test_image_runs_as_a_non_root_user_with_a_tested_default_command():
    instructions = _instructions(DOCKERFILE.read_text())
    final_stage = instructions[max(i for i, (keyword, _) in enumerate(instructions) if keyword == "FROM"):]
    users = [args for keyword, args in final_stage if keyword == "USER"]
    assert users, "the final stage sets no USER: the containers would run as root"
    user = users[-1].split(":")[0]
    assert user not in {"root", "0"}
    [cmd] = [args for keyword, args in final_stage if keyword == "CMD"]
    assert json.loads(cmd) == uvicorn_command("intake")
