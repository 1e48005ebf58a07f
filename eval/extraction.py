"""Article text extraction against the article-extraction benchmark pages (dev split).

Usage: ``python eval/extraction.py [--data DIR] [--limit N] [--markdown OUT] [--json OUT]``

Each page (``html/article_extraction/html/<sha256>.html.gz``) goes through ceasewatch's own HTML
path (``ingest.decode.decode_bytes`` then ``ingest.htmltext.extract_html``: trafilatura for the
main text, then the plain-text cleaner's line filter) and is compared with the human-corrected
``articleBody`` of ``ground-truth.json``.

Metric, as the benchmark's README describes it: both texts are lower-cased and cut into word
tokens (``\\w+``); each text becomes the multiset of its 4-token shingles; per page, true
positives are the shingles the two multisets share, false positives the extracted ones the gold
lacks, false negatives the gold ones the extraction lacks. Precision/recall/F1 are given summed
over pages (micro) and as the mean of per-page F1. A page the pipeline skips scores as an empty
extraction (all its gold shingles are false negatives), and is counted.

Baseline, measured in the same run on the same pages: ``trafilatura.extract`` with its default
settings (what a user gets without ceasewatch's cleaning).
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

PAGES = Path("html") / "article_extraction"
TOKEN = re.compile(r"\w+")


def default_data_dir() -> Path:
    env = os.environ.get("CEASEWATCH_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "shared" / "data"


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = TOKEN.findall(text.lower())
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def compare(gold: str, predicted: str) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of 4-token shingles."""
    g, p = shingles(gold), shingles(predicted)
    tp = sum((g & p).values())
    return tp, sum(p.values()) - tp, sum(g.values()) - tp


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def ceasewatch_text(html: str, url: str | None) -> str:
    from ceasewatch.ingest.errors import SkipInput
    from ceasewatch.ingest.htmltext import extract_html

    try:
        return extract_html(html, url).text
    except SkipInput:
        return ""


def trafilatura_text(html: str, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def score(
    pages: list[tuple[str, str, str | None]], extract: Callable[[str, str | None], str]
) -> dict[str, Any]:
    totals = [0, 0, 0]
    per_page, empty = [], 0
    started = time.perf_counter()
    for gold, html, url in pages:
        text = extract(html, url)
        if not text.strip():
            empty += 1
        tp, fp, fn = compare(gold, text)
        totals = [totals[0] + tp, totals[1] + fp, totals[2] + fn]
        per_page.append(prf(tp, fp, fn)[2])
    precision, recall, f1 = prf(*totals)
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "mean_page_f1": statistics.fmean(per_page) if per_page else 0.0,
        "empty": empty,
        "seconds": time.perf_counter() - started,
    }


def load_pages(root: Path, limit: int | None) -> list[tuple[str, str, str | None]]:
    from ceasewatch.ingest.decode import decode_bytes

    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for sha in sorted(truth)[:limit]:
        path = root / "html" / f"{sha}.html.gz"
        if not path.exists():
            continue
        html = decode_bytes(gzip.decompress(path.read_bytes()))
        pages.append((truth[sha].get("articleBody") or "", html, truth[sha].get("url")))
    return pages


def render(results: dict[str, dict[str, Any]], n: int) -> str:
    ours, base = results["ceasewatch"], results["trafilatura"]
    lines = [
        "## Article text extraction",
        "",
        f"Article-extraction benchmark pages (dev, n={n}): extracted main text against the "
        "human-corrected article body, 4-token shingles (`python eval/extraction.py`).",
        "",
        "| extractor | precision | recall | F1 | mean page F1 | empty pages | seconds |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, r in (("ceasewatch (trafilatura + cleaner)", ours), ("trafilatura default", base)):
        lines.append(
            f"| {name} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | "
            f"{r['mean_page_f1']:.3f} | {r['empty']} | {r['seconds']:.1f} |"
        )
    ratio = ours["f1"] / base["f1"] if base["f1"] else float("nan")
    lines += ["", f"F1 ratio ceasewatch / trafilatura default, same run: {ratio:.3f}.", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None, help="first N pages (by hash)")
    parser.add_argument("--markdown", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None, help="write a flat dict of figures")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    root = (args.data or default_data_dir()) / PAGES
    if not (root / "ground-truth.json").exists():
        print(f"skipped: {root / 'ground-truth.json'} not found")
        return 0
    pages = load_pages(root, args.limit)
    results = {
        "ceasewatch": score(pages, ceasewatch_text),
        "trafilatura": score(pages, trafilatura_text),
    }
    text = render(results, len(pages))
    print(text)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    if args.json:
        flat = {f"{name}_{k}": v for name, r in results.items() for k, v in r.items()}
        flat["pages"] = len(pages)
        args.json.write_text(json.dumps(flat, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
