"""A fast slice of each evaluation, with floors that only go up (eval/floors.json).

Skips when the development corpora (../shared/data or $CEASEWATCH_DATA) are absent.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("CEASEWATCH_DATA", ROOT.parent / "shared" / "data"))
FLOORS = json.loads((ROOT / "eval" / "floors.json").read_text())

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not DATA.exists(), reason=f"no evaluation data at {DATA}"),
]


def run_eval(script: str, args: list[str], tmp_path: Path) -> dict[str, float]:
    out = tmp_path / f"{script}.json"
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "eval" / script),
            "--data",
            str(DATA),
            *args,
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return json.loads(out.read_text())


@pytest.mark.parametrize("script", sorted(FLOORS))
def test_fast_slice_stays_above_its_floors(script, tmp_path):
    spec = FLOORS[script]
    figures = run_eval(script, spec["args"], tmp_path)
    below = {
        name: (figures.get(name), floor)
        for name, floor in spec["floors"].items()
        if figures.get(name) is None or figures[name] < floor
    }
    assert not below, f"{script}: figures below their floors (measured, floor): {below}"
