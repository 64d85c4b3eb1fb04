"""The README's curl examples work as written, against the intake service running under uvicorn."""

import json
import re
import subprocess
from pathlib import Path

from tests.support.processes import uvicorn_service

ROOT = Path(__file__).resolve().parent.parent


def example_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    section = text.split("## Examples", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    commands, current = [], ""
    for line in block.splitlines():
        if line.startswith("#") and not current:
            continue
        current += line + "\n"
        if current.count("'") % 2 == 0 and not line.endswith("\\"):
            if current.strip():
                commands.append(current.strip())
            current = ""
    return commands


def test_readme_examples(tmp_path):
    commands = example_commands()
    assert len(commands) >= 10
    env = {"DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'readme.sqlite3'}"}
    with uvicorn_service("intake", env, tmp_path / "intake.log") as url, \
            uvicorn_service("classifier", {**env, "INTAKE_URL": f"{url}/fhir"}, tmp_path / "classifier.log") as classifier, \
            uvicorn_service("imaging", {**env, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'imaging.sqlite3'}"},
                            tmp_path / "imaging.log") as imaging:
        statuses = []
        for command in commands:
            live = command.replace("http://localhost:8001", url).replace("http://localhost:8002", classifier)
            live = live.replace("http://localhost:8003", imaging)
            if command.startswith("curl -i"):  # headers shown: the status line and the Location
                result = subprocess.run(["bash", "-c", live], capture_output=True, text=True, timeout=30, cwd=ROOT)
                assert result.returncode == 0, (command, result.stderr)
                answer = result.stdout.replace("\r", "")
                while answer.startswith("HTTP/1.1 100 Continue\n\n"):  # curl's Expect for a large upload
                    answer = answer.split("\n\n", 1)[1]
                head, _, body = answer.partition("\n\n")
                assert head.startswith("HTTP/1.1 202"), head
                [location] = re.findall(r"^location: (/analyses/\S+)$", head, re.I | re.M)
                assert json.loads(body)["id"] == location.rsplit("/", 1)[1]
                statuses.append(202)
                continue
            if "until " in command:  # the poll loop: it ends when the analysis has, with its report
                result = subprocess.run(["bash", "-c", live], capture_output=True, text=True, timeout=180, cwd=ROOT)
                assert result.returncode == 0, (command, result.stderr)
                first, _, last = result.stdout.partition("\n")
                assert re.fullmatch(r"polling /analyses/[0-9a-f-]{36}", first), first
                state = json.loads(last)
                assert state["status"] == "done" and state["report"]["resourceType"] == "Bundle", state
                statuses.append(202)
                continue
            live = live.replace("curl -s", "curl -s -o /dev/stderr -w '%{http_code}'", 1)
            result = subprocess.run(["bash", "-c", live], capture_output=True, text=True, timeout=30, cwd=ROOT)
            assert result.returncode == 0, (command, result.stderr)
            statuses.append(int(result.stdout))
            body = result.stderr
            if "$validate" in command:
                assert '"severity":"error"' in body and "required value set" in body
            if "_summary=count" in command:
                assert '"total":1' in body
            if "_include" in command:
                assert '"mode":"include"' in body and '"value":6.8' in body
            if "/classify/" in command:
                assert '"resourceType":"RiskAssessment"' in body and '"code":"calcinosis-typing"' in body
            if "/cds-services/" in command:
                assert '"cards":[{' in body
    assert statuses[:2] == [201, 200]
    assert statuses.count(400) == 1 and statuses[commands.index(next(c for c in commands if "{oops" in c))] == 400
    expected = [400 if "{oops" in c else 202 if "/analyses" in c else 200 for c in commands[2:]]
    assert statuses[2:] == expected, statuses

