"""A test-only hook into the imaging pipeline: analyses that wait at a gate.

A process that calls `hold_analyses_at_gate()` before it starts the real service or worker runs
the real analysis code, except that each analysis, once its input is loaded, writes its job id to
`$TEST_GATE.<pid>` and waits until the file `$TEST_GATE` exists. The test then knows which
process holds which job, and can kill or stop it right there.
"""

import os
import time
from pathlib import Path


def hold_analyses_at_gate() -> None:
    from services.imaging import pipeline

    gate = Path(os.environ["TEST_GATE"])
    original = pipeline.AnalysisWork.run

    def run(self, job, progress):
        def gated(stage: str, percent: int) -> None:
            progress(stage, percent)
            if percent >= 15 and not gate.exists():
                Path(f"{gate}.{os.getpid()}").write_text(job.id)
                while not gate.exists():
                    time.sleep(0.02)

        return original(self, job, gated)

    pipeline.AnalysisWork.run = run


def holder(gate: Path, pids: list[int], seconds: float = 60) -> tuple[int, str] | None:
    """The process (of `pids`) waiting at the gate, and the job it holds; None if none gets there."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for pid in pids:
            marker = Path(f"{gate}.{pid}")
            if marker.exists() and marker.read_text():
                return pid, marker.read_text()
        time.sleep(0.05)
    return None
