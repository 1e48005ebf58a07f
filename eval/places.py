"""Geoparsing accuracy against the shared gold corpora.

Usage: ``python eval/places.py [--data DIR] [--limit N] [--no-ner] [--markdown OUT]
[--min-acc X] [--min-cir X]``

``--min-acc``/``--min-cir`` make it a CI floor: exit 1 when Acc@161 given gold spans (all corpora)
or the CIR share within 25 km (of titles with a place found) is below the given value.

1. Resolution given gold spans (LGL, TR-News, GeoVirus, GeoWebNews): Acc@161 km, median and mean
   error in km, per corpus and overall.
2. End to end (``find_places``): span precision, recall and F1 with overlap matching, and Acc@161
   over the matched spans.
3. CIR Ukraine event titles: ``main_place`` of the places found in each title against the gold
   point; share within 25 km among titles where a place was found, and coverage.

Exits 0 with a message when the data is absent.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from ceasewatch.model import Place
from ceasewatch.resolve.gazetteer import distance_km
from ceasewatch.resolve.places import find_places, main_place, resolve_spans

log = logging.getLogger("eval.places")

GEOPARSING = "places/geoparsing_dev.jsonl"
CIR = "events/cir_ukraine_events_dev.csv"


def default_data_dir() -> Path:
    env = os.environ.get("CEASEWATCH_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "shared" / "data"


def _error(place: Place | None, gold: dict[str, Any]) -> float | None:
    if gold.get("lat") is None or gold.get("lon") is None:
        return None
    if place is None or place.lat is None or place.lon is None:
        return 20_038.0  # half the earth's circumference: an unresolved toponym
    return distance_km(place.lat, place.lon, float(gold["lat"]), float(gold["lon"]))


def _summary(errors: list[float]) -> dict[str, float]:
    if not errors:
        return {"n": 0, "acc161": 0.0, "median_km": 0.0, "mean_km": 0.0}
    return {
        "n": len(errors),
        "acc161": sum(e <= 161 for e in errors) / len(errors),
        "median_km": statistics.median(errors),
        "mean_km": statistics.fmean(errors),
    }


def _match(pred: list[Place], gold: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one overlap matching, greedy by position."""
    pairs, used = [], set()
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi in used or p.start is None or p.end is None:
                continue
            if p.start < g["end"] and g["start"] < p.end:
                pairs.append((gi, pi))
                used.add(pi)
                break
    return pairs


def eval_geoparsing(rows: list[dict[str, Any]], nlp: Any | None) -> dict[str, Any]:
    given: dict[str, list[float]] = defaultdict(list)
    e2e: dict[str, dict[str, Any]] = defaultdict(lambda: {"tp": 0, "pred": 0, "gold": 0, "err": []})
    for row in rows:
        corpus, text, gold = row["corpus"], row["text"], row["toponyms"]
        spans = [(g["start"], g["end"]) for g in gold]
        for g, place in zip(gold, resolve_spans(text, spans), strict=True):
            err = _error(place, g)
            if err is not None:
                given[corpus].append(err)
                given["all"].append(err)
        doc = nlp(text) if nlp is not None else None
        pred = find_places(text, doc=doc)
        pairs = _match(pred, gold)
        for name in (corpus, "all"):
            stats = e2e[name]
            stats["tp"] += len(pairs)
            stats["pred"] += len(pred)
            stats["gold"] += len(gold)
            for gi, pi in pairs:
                err = _error(pred[pi], gold[gi])
                if err is not None:
                    stats["err"].append(err)
    result: dict[str, Any] = {"given": {}, "e2e": {}}
    for name, errors in given.items():
        result["given"][name] = _summary(errors)
    for name, stats in e2e.items():
        p = stats["tp"] / stats["pred"] if stats["pred"] else 0.0
        r = stats["tp"] / stats["gold"] if stats["gold"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        acc = _summary(stats["err"])["acc161"]
        result["e2e"][name] = {"precision": p, "recall": r, "f1": f, "acc161": acc}
    return result


def _aligned(text: str, gold: dict[str, Any]) -> dict[str, Any]:
    """Some corpora's offsets are shifted by a character or two: re-anchor on the gold text."""
    start, end, surface = gold["start"], gold["end"], gold.get("text")
    if not surface or text[start:end] == surface:
        return gold
    for shift in (-1, 1, -2, 2, -3, 3):
        if text[start + shift : end + shift] == surface:
            return {**gold, "start": start + shift, "end": end + shift}
    return gold


def _title_text(title: str) -> str:
    return re.sub(r"^\s*\d{1,2}/\d{1,2}/\d{2,4}\s*", "", title)


def eval_cir(path: Path, limit: int | None) -> dict[str, float]:
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    if limit:
        rows = rows[:: max(1, len(rows) // (limit * 5))][: limit * 5]
    found = within = total = 0
    for row in rows:
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except (TypeError, ValueError):
            continue
        total += 1
        title = _title_text(row["title"])
        best = main_place(find_places(title), title)
        if best is None:
            continue
        found += 1
        assert best.lat is not None and best.lon is not None
        if distance_km(best.lat, best.lon, lat, lon) <= 25:
            within += 1
    return {
        "titles": total,
        "coverage": found / total if total else 0.0,
        "within25_found": within / found if found else 0.0,
        "within25_all": within / total if total else 0.0,
    }


def _table(res: dict[str, Any], cir: dict[str, float] | None) -> str:
    lines = [
        "| corpus | toponyms | Acc@161 (gold spans) | median km | mean km |"
        " e2e P | e2e R | e2e F1 | e2e Acc@161 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name in sorted(res["given"], key=lambda n: (n == "all", n)):
        g, e = res["given"][name], res["e2e"].get(name, {})
        lines.append(
            f"| {name} | {g['n']} | {g['acc161']:.3f} | {g['median_km']:.1f} | {g['mean_km']:.0f} |"
            f" {e.get('precision', 0):.3f} | {e.get('recall', 0):.3f} | {e.get('f1', 0):.3f} |"
            f" {e.get('acc161', 0):.3f} |"
        )
    if cir:
        lines += [
            "",
            f"CIR Ukraine titles: {cir['titles']:.0f}; a place found in {cir['coverage']:.3f};"
            f" best place within 25 km of gold: {cir['within25_found']:.3f} of those"
            f" ({cir['within25_all']:.3f} of all titles).",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None, help="articles to use (fast slice)")
    parser.add_argument("--no-ner", action="store_true", help="do not load spaCy for find_places")
    parser.add_argument("--markdown", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None, help="write the figures as JSON")
    parser.add_argument("--min-acc", type=float, default=None, help="exit 1 below this Acc@161")
    parser.add_argument(
        "--min-cir", type=float, default=None, help="exit 1 below this CIR within-25-km share"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    data = args.data or default_data_dir()
    path = data / GEOPARSING
    if not path.exists():
        print(f"skipped: {path} not found")
        return 0
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    for row in rows:
        row["toponyms"] = [_aligned(row["text"], g) for g in row["toponyms"]]
    if args.limit:
        # every corpus is represented in a fast slice
        rows = rows[:: max(1, len(rows) // args.limit)][: args.limit]
    nlp = None
    if not args.no_ner:
        from ceasewatch.extract.nlp import load_nlp

        nlp = load_nlp()
    t0 = time.time()
    res = eval_geoparsing(rows, nlp)
    cir_path = data / CIR
    cir = eval_cir(cir_path, args.limit) if cir_path.exists() else None
    table = _table(res, cir)
    print(table)
    print(
        f"\n{len(rows)} articles in {time.time() - t0:.0f} s (ner={'off' if nlp is None else 'on'})"
    )
    if args.markdown:
        command = "python eval/places.py" + (f" --limit {args.limit}" if args.limit else "")
        args.markdown.write_text(
            f"### Places\n\n{table}\n\n{len(rows)} articles; `{command}`"
            f" (ner={'off' if nlp is None else 'on'}).\n",
            encoding="utf-8",
        )
    if args.json:
        figures = {
            "acc161_given": res["given"]["all"]["acc161"],
            "e2e_precision": res["e2e"]["all"]["precision"],
            "e2e_recall": res["e2e"]["all"]["recall"],
            "cir_within25_found": cir["within25_found"] if cir else None,
            "n_articles": len(rows),
        }
        args.json.write_text(json.dumps(figures, indent=1))
    failed = False
    if args.min_acc is not None and res["given"]["all"]["acc161"] < args.min_acc:
        print(f"FAIL: Acc@161 {res['given']['all']['acc161']:.3f} < {args.min_acc}")
        failed = True
    if args.min_cir is not None:
        share = cir["within25_found"] if cir else None
        if share is None:
            print("CIR data absent: --min-cir not checked")
        elif share < args.min_cir:
            print(f"FAIL: CIR within 25 km {share:.3f} < {args.min_cir}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
