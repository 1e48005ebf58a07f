"""The code stays ruff- and mypy-clean (the tools are dev dependencies)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> list[str]:
    exe = Path(sys.executable).parent / name
    if exe.exists():
        return [str(exe)]
    found = shutil.which(name)
    if not found:
        pytest.skip(f"{name} is not installed")
    return [found]


def test_ruff_is_clean():
    proc = subprocess.run(
        [*_tool("ruff"), "check", "--output-format", "concise", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout[-3000:]


@pytest.mark.slow
def test_mypy_is_clean():
    proc = subprocess.run(_tool("mypy"), cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:]
