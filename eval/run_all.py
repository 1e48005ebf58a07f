"""Run every evaluation and write docs/evaluation.md from their Markdown fragments.

    python eval/run_all.py [--data DIR] [--out docs/evaluation.md]

Each script reads the development corpora in ../shared/data (or --data / $CEASEWATCH_DATA) and
skips with a message when they are absent; so does this one, leaving the document untouched.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = Path(os.environ.get("CEASEWATCH_DATA", ROOT.parent / "shared" / "data"))

SECTIONS = [
    ("events.py", "Events"),
    ("places.py", "Places"),
    ("quotes.py", "Claims (quote attribution)"),
    ("clustering.py", "Cross-article event clustering"),
]

HEADER = """# Evaluation

Measured accuracy of ceasewatch on the development splits of real, human-labelled corpora
(`../shared/data`, see its README). These are development figures: held-out splits of the same
corpora are used to judge the project. Regenerate this page with `python eval/run_all.py`
(each section also runs on its own: `python eval/<name>.py --help`). CI runs a fast slice of each
with floors that only go up (`eval/floors.json`, `tests/test_eval_floors.py`).

Generated {date} in {seconds:.0f} s on a 2-core machine.
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "evaluation.md")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"skip: no evaluation data at {args.data}")
        return 0
    started = time.perf_counter()
    parts = []
    with tempfile.TemporaryDirectory() as tmp:
        for script, title in SECTIONS:
            path = ROOT / "eval" / script
            if not path.exists():
                continue
            fragment = Path(tmp) / f"{script}.md"
            print(f"running {script} ...", flush=True)
            proc = subprocess.run(
                [sys.executable, str(path), "--data", str(args.data), "--markdown", str(fragment)],
                capture_output=True,
                text=True,
            )
            if proc.returncode != 0 or not fragment.exists():
                print(proc.stdout[-2000:], proc.stderr[-2000:])
                parts.append(f"## {title}\n\nThe evaluation failed to run; see `eval/{script}`.\n")
                continue
            text = fragment.read_text().strip()
            if not text.startswith("#"):
                text = f"## {title}\n\n{text}"
            parts.append(text + "\n")
    header = HEADER.format(date=dt.date.today().isoformat(), seconds=time.perf_counter() - started)
    args.out.write_text(header + "\n" + "\n".join(parts))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
