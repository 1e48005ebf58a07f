"""PLOVER sentence coding against the PLOVER gold-standard records (GSR, CAMEO examples).

Usage: ``python eval/plover.py [--data DIR] [--limit N] [--markdown OUT] [--json OUT]``

Each record (``events/plover_gsr_cameo.json``, the ``DOCUMENT`` header left out) is one edited
sentence with its PLOVER event type, sometimes a mode, and source/target actors coded by country
(ISO3-like, or ``IGO``/``NGO``...). The sentence is coded by
:func:`ceasewatch.extract.plover.code_sentence` and compared with:

- type accuracy over all records (an abstention counts as wrong), coverage (share answered),
  accuracy where answered, macro-F1 over the 18 types (abstentions are misses);
- source country accuracy: the first predicted source country is one of the gold source codes,
  over records whose gold source has a country code (abstentions and no country count as wrong);
  target country accuracy likewise; mode agreement where the gold has a mode and the type is
  right (the GSR uses PLOVER 0.5 mode names: compared on the part before the first hyphen);
- the pipeline's events: ``extract_document`` on the sentence as a one-sentence document (the
  cue extractor's events with the coder's diplomatic and strategic acts added after them): its
  first event's ``type``, an abstention when it has none;
- two baselines in the same run: the majority type of the evaluated records, and the cue
  extractor alone (``extract_events(..., coder=False)``, the event extractor before the coder was
  added to it), read the same way.

A few GSR codes are CAMEO spellings rather than ISO3 (``JAP``, ``ITL``, ``VTN``); they are read
as their ISO3 codes. ``--limit N`` takes N records round-robin over the event types in file
order (the file is sorted by type, so its first rows would be a few types only).

Exits 0 with a message when the data is absent.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ceasewatch.extract.plover import PLOVER_TYPES, PloverCode, code_sentence

log = logging.getLogger("eval.plover")

GSR = "events/plover_gsr_cameo.json"
CAMEO_SPELLINGS = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


def default_data_dir() -> Path:
    env = os.environ.get("CEASEWATCH_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "shared" / "data"


def _countries(actors: Any) -> set[str]:
    """ISO3 codes of a GSR actor list (IGO, NGO and other non-country codes left out)."""
    import pycountry

    out = set()
    if not isinstance(actors, list):
        return out
    for a in actors:
        code = CAMEO_SPELLINGS.get(str(a.get("code") or ""), str(a.get("code") or ""))
        if len(code) == 3 and pycountry.countries.get(alpha_3=code):
            out.add(code)
    return out


def load_records(path: Path, limit: int | None) -> list[dict[str, Any]]:
    rows = [r for r in json.loads(path.read_text("utf-8")) if r.get("text") and r.get("event")]
    rows = [r for r in rows if r["event"] in PLOVER_TYPES]
    if not limit or limit >= len(rows):
        return rows
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_type[r["event"]].append(r)
    queues = list(by_type.values())
    out: list[dict[str, Any]] = []
    depth = 0
    while len(out) < limit:
        for q in queues:
            if depth < len(q) and len(out) < limit:
                out.append(q[depth])
        depth += 1
    return out


def macro_f1(gold: Sequence[str], pred: Sequence[str | None]) -> float:
    scores = []
    for t in PLOVER_TYPES:
        tp = sum(g == t and p == t for g, p in zip(gold, pred, strict=True))
        fp = sum(g != t and p == t for g, p in zip(gold, pred, strict=True))
        fn = sum(g == t and p != t for g, p in zip(gold, pred, strict=True))
        if tp + fp + fn == 0:
            continue
        scores.append(2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores) if scores else 0.0


def type_scores(gold: Sequence[str], pred: Sequence[str | None]) -> dict[str, float]:
    n = len(gold)
    answered = [(g, p) for g, p in zip(gold, pred, strict=True) if p is not None]
    right = sum(g == p for g, p in answered)
    return {
        "accuracy": right / n if n else 0.0,
        "coverage": len(answered) / n if n else 0.0,
        "answered_accuracy": right / len(answered) if answered else 0.0,
        "macro_f1": macro_f1(gold, pred),
    }


def country_accuracy(golds: Sequence[set[str]], preds: Sequence[str | None]) -> tuple[float, int]:
    pairs = [(g, p) for g, p in zip(golds, preds, strict=True) if g]
    if not pairs:
        return 0.0, 0
    return sum(p in g for g, p in pairs) / len(pairs), len(pairs)


def _mode_family(mode: str | None) -> str:
    return (mode or "").split("-")[0].strip()


Row = tuple[str | None, str | None, str | None]


def _first_event(events: Sequence[Any]) -> Row:
    if not events:
        return (None, None, None)
    e = events[0]
    return (e.type, e.actor.country if e.actor else None, e.target.country if e.target else None)


def pipeline_events(texts: Sequence[str]) -> list[Row]:
    """(type, actor country, target country) of the pipeline's first event per sentence."""
    from ceasewatch.config import Config
    from ceasewatch.model import Document, DocumentResult
    from ceasewatch.pipeline import extract_batch

    documents = [Document(id=Document.make_id(t), text=t) for t in texts]
    return [
        _first_event(r.events) if isinstance(r, DocumentResult) else (None, None, None)
        for r in extract_batch(documents, Config())
    ]


def baseline_extractor(texts: Sequence[str]) -> list[Row]:
    """The same for the cue extractor alone (no PLOVER coder)."""
    from ceasewatch.extract.events import extract_events
    from ceasewatch.extract.nlp import load_nlp
    from ceasewatch.model import Document

    out = []
    for text, doc in zip(texts, load_nlp().pipe(texts, batch_size=64), strict=True):
        document = Document(id=Document.make_id(text), text=text)
        out.append(_first_event(extract_events(doc, document, None, coder=False)))
    return out


def _row_scores(
    gold: Sequence[str],
    gold_src: Sequence[set[str]],
    gold_tgt: Sequence[set[str]],
    rows: Sequence[Row],
) -> dict[str, float]:
    scores = type_scores(gold, [b[0] for b in rows])
    scores["source_country"], _ = country_accuracy(gold_src, [b[1] for b in rows])
    scores["target_country"], _ = country_accuracy(gold_tgt, [b[2] for b in rows])
    return scores


def run(rows: list[dict[str, Any]]) -> dict[str, Any]:
    from ceasewatch.extract.nlp import load_nlp

    texts = [" ".join(r["text"].split()) for r in rows]
    gold = [r["event"] for r in rows]
    started = time.perf_counter()
    codes: list[PloverCode | None] = [
        code_sentence(doc) for doc in load_nlp().pipe(texts, batch_size=64)
    ]
    ours_seconds = time.perf_counter() - started
    pred = [c.type if c else None for c in codes]
    gold_src = [_countries(r.get("source")) for r in rows]
    gold_tgt = [_countries(r.get("target")) for r in rows]
    ours = type_scores(gold, pred)
    ours["source_country"], n_src = country_accuracy(
        gold_src, [c.source_country if c else None for c in codes]
    )
    ours["target_country"], n_tgt = country_accuracy(
        gold_tgt, [c.target_country if c else None for c in codes]
    )
    moded = [
        (r.get("mode"), c.mode)
        for r, c in zip(rows, codes, strict=True)
        if r.get("mode") and c is not None and c.type == r["event"]
    ]
    ours["mode_agreement"] = (
        sum(_mode_family(g) == _mode_family(p) for g, p in moded) / len(moded) if moded else 0.0
    )
    majority_type = Counter(gold).most_common(1)[0][0]
    majority = type_scores(gold, [majority_type] * len(gold))
    extractor = _row_scores(gold, gold_src, gold_tgt, baseline_extractor(texts))
    pipeline = _row_scores(gold, gold_src, gold_tgt, pipeline_events(texts))
    confusions = Counter((g, p or "(abstain)") for g, p in zip(gold, pred, strict=True) if g != p)
    per_type = {}
    for t in PLOVER_TYPES:
        n = gold.count(t)
        if n:
            per_type[t] = (n, sum(g == p == t for g, p in zip(gold, pred, strict=True)))
    return {
        "n": len(rows),
        "ours": ours,
        "majority": majority,
        "majority_type": majority_type,
        "extractor": extractor,
        "pipeline": pipeline,
        "n_source": n_src,
        "n_target": n_tgt,
        "n_mode": len(moded),
        "confusions": confusions.most_common(12),
        "per_type": per_type,
        "ours_seconds": ours_seconds,
    }


def render(r: dict[str, Any], seconds: float) -> str:
    o, m, e, p = r["ours"], r["majority"], r["extractor"], r["pipeline"]
    out = [
        f"PLOVER GSR (CAMEO examples), n={r['n']}, {seconds:.1f} s "
        f"(coder {r['ours_seconds']:.1f} s incl. parsing)",
        "",
        "| run | type acc | coverage | acc answered | macro-F1 | source country | target country |",
        "|---|---|---|---|---|---|---|",
        f"| plover coder | {o['accuracy']:.3f} | {o['coverage']:.3f} | "
        f"{o['answered_accuracy']:.3f} | {o['macro_f1']:.3f} | {o['source_country']:.3f} | "
        f"{o['target_country']:.3f} |",
        f"| pipeline events | {p['accuracy']:.3f} | {p['coverage']:.3f} | "
        f"{p['answered_accuracy']:.3f} | {p['macro_f1']:.3f} | {p['source_country']:.3f} | "
        f"{p['target_country']:.3f} |",
        f"| baseline: cue extractor alone | {e['accuracy']:.3f} | {e['coverage']:.3f} | "
        f"{e['answered_accuracy']:.3f} | {e['macro_f1']:.3f} | {e['source_country']:.3f} | "
        f"{e['target_country']:.3f} |",
        f"| baseline: majority ({r['majority_type']}) | {m['accuracy']:.3f} | 1.000 | "
        f"{m['answered_accuracy']:.3f} | {m['macro_f1']:.3f} | | |",
        "",
        f"- source country over {r['n_source']} records with a country-coded gold source, "
        f"target country over {r['n_target']}; mode agreement {o['mode_agreement']:.3f} "
        f"over {r['n_mode']} right-typed records with a gold mode",
        "- per type (right/n): " + ", ".join(f"{t} {k}/{n}" for t, (n, k) in r["per_type"].items()),
        "- top confusions (gold -> predicted): "
        + ", ".join(f"{g} -> {p} ({k})" for (g, p), k in r["confusions"]),
        "",
    ]
    return "\n".join(out)


def flat(r: dict[str, Any], seconds: float) -> dict[str, Any]:
    o, m, e, p = r["ours"], r["majority"], r["extractor"], r["pipeline"]
    return {
        "rows": r["n"],
        "seconds": round(seconds, 2),
        "type_accuracy": o["accuracy"],
        "coverage": o["coverage"],
        "answered_accuracy": o["answered_accuracy"],
        "macro_f1": o["macro_f1"],
        "source_country_acc": o["source_country"],
        "target_country_acc": o["target_country"],
        "mode_agreement": o["mode_agreement"],
        "n_source": r["n_source"],
        "n_target": r["n_target"],
        "baseline_majority_accuracy": m["accuracy"],
        "baseline_majority_macro_f1": m["macro_f1"],
        "baseline_extractor_accuracy": e["accuracy"],
        "baseline_extractor_coverage": e["coverage"],
        "baseline_extractor_answered_accuracy": e["answered_accuracy"],
        "baseline_extractor_macro_f1": e["macro_f1"],
        "baseline_extractor_source_country_acc": e["source_country"],
        "baseline_extractor_target_country_acc": e["target_country"],
        "pipeline_accuracy": p["accuracy"],
        "pipeline_coverage": p["coverage"],
        "pipeline_answered_accuracy": p["answered_accuracy"],
        "pipeline_macro_f1": p["macro_f1"],
        "pipeline_source_country_acc": p["source_country"],
        "pipeline_target_country_acc": p["target_country"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None, help="N records, round-robin by type")
    parser.add_argument("--markdown", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None, help="write a flat dict of figures")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    path = (args.data or default_data_dir()) / GSR
    if not path.exists():
        print(f"skipped: {path} not found")
        return 0
    rows = load_records(path, args.limit)
    started = time.perf_counter()
    results = run(rows)
    seconds = time.perf_counter() - started
    text = render(results, seconds)
    print(text)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(flat(results, seconds), indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
