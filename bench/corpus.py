"""The corpus every benchmark reads: the shared war-news corpus, or a synthetic stand-in."""

from __future__ import annotations

import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("CEASEWATCH_DATA", ROOT.parent / "shared" / "data"))
DEFAULT_CORPUS = DATA / "corpus" / "ukraine_war_news.jsonl"

PARAGRAPH = (
    "Russian forces launched {n} drones at Kharkiv overnight, the regional governor said on "
    "Telegram. Air defence units shot down most of them, officials said. The Kremlin said it "
    "would consider a proposal to halt strikes on energy facilities for 30 days. "
)


def synthetic_corpus(path: Path, n: int = 300) -> Path:
    """``n`` JSONL articles of varied length written by us, for machines without the data."""
    with path.open("w") as fh:
        for i in range(n):
            text = f"Report {i}. " + PARAGRAPH.format(n=10 + i) * (2 + i % 6)
            fh.write(json.dumps({"id": str(i), "published": "2025-03-20", "text": text}) + "\n")
    return path


def corpus_or_synthetic(path: Path, tmp: Path, n: int = 300) -> Path:
    if path.exists():
        return path
    print(f"{path} not found: using a synthetic corpus of {n} articles")
    return synthetic_corpus(tmp / "synthetic.jsonl", n)
