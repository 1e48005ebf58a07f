"""Cross-article event clustering against UCDP GED (Ukraine dev split).

Usage: ``python eval/clustering.py [--data DIR] [--limit N] [--mode pipeline|gold|both]
[--markdown OUT]``

Every UCDP event lists the headlines of the reports it was coded from (``source_headline``,
``;``-separated, aligned with ``source_date``). Each headline is a *mention* whose gold cluster is
its UCDP event id. Two runs:

1. ``pipeline``: events are extracted from each headline text by the pipeline
   (``pipeline.extract_batch``, published = the headline's source date); the first event of each
   headline is its mention. Headlines where no event is found cannot be clustered: recall is
   reported over all gold pairs and over the pairs of the headlines with an event.
2. ``gold`` (an UPPER BOUND, not a pipeline figure): each mention gets its event's gold fields
   (type from ``type_of_violence``, actor ``side_a``, place and precision from
   ``where_prec``/coordinates, dates, deaths as counts). Mentions of one event are then
   identical, so this measures how often *distinct* events are wrongly merged (pair precision),
   next to two blunt baselines: one cluster per day and type, one per day and admin1 region.

Pair precision / recall / F1: a pair of mentions is positive when both share a cluster.
Exits 0 with a message when the data is absent.
"""

from __future__ import annotations

import argparse
import csv
import logging
import os
import sys
import time
from collections import Counter
from collections.abc import Hashable, Sequence
from pathlib import Path

from ceasewatch.link.clustering import Mention, cluster_mentions
from ceasewatch.model import (
    Actor,
    CountRange,
    Counts,
    DateRange,
    Document,
    DocumentResult,
    Event,
    Place,
    content_id,
)

log = logging.getLogger("eval.clustering")

UCDP = "events/ucdp_ged_ukraine_dev.csv"
WHERE_PRECISION = {
    "1": "settlement",
    "2": "near",
    "3": "admin2",
    "4": "admin1",
    "5": "admin1",
    "6": "country",
    "7": "country",
}


def default_data_dir() -> Path:
    env = os.environ.get("CEASEWATCH_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "shared" / "data"


def _iso(value: str, *, day_first: bool = False) -> str | None:
    """ISO date from ``2014-01-22``, ``1/22/2014 12:00:00 AM`` (event dates, month first) or
    ``22/01/2014`` (source dates, day first)."""
    value = (value or "").strip().split(" ")[0]
    if len(value) >= 10 and value[4] == "-":
        return value[:10]
    parts = value.split("/")
    if len(parts) == 3 and len(parts[2]) == 4 and parts[0].isdigit() and parts[1].isdigit():
        day, month = (parts[0], parts[1]) if day_first else (parts[1], parts[0])
        return f"{parts[2]}-{int(month):02d}-{int(day):02d}"
    return None


def headline_mentions(row: dict[str, str]) -> list[tuple[str, str | None]]:
    """(headline, publication date) pairs of one UCDP event."""
    headlines = [h.strip() for h in (row.get("source_headline") or "").split(";")]
    dates = [d.strip() for d in (row.get("source_date") or "").split(";")]
    out = []
    for i, headline in enumerate(headlines):
        if not headline:
            continue
        date = _iso(dates[i], day_first=True) if i < len(dates) else None
        out.append((headline, date or _iso(row.get("date_start", ""))))
    return out


def _side_country(side: str) -> str | None:
    if "Ukraine" in side:
        return "UKR"
    if "Russia" in side:
        return "RUS"
    return None


def gold_event(row: dict[str, str], event_id: str) -> Event:
    precision = WHERE_PRECISION.get(row.get("where_prec", ""), "admin1")
    try:
        lat, lon = float(row["latitude"]), float(row["longitude"])
    except (KeyError, ValueError):
        lat = lon = None
    place = Place(
        row.get("where_description") or "",
        lat,
        lon,
        "UKR",
        row.get("adm_1") or None,
        precision=precision,
    )
    side = row.get("side_a") or ""
    best = int(row["best"]) if (row.get("best") or "").isdigit() else None
    start, end = _iso(row.get("date_start", "")), _iso(row.get("date_end", ""))
    return Event(
        id=event_id,
        type="ASSAULT" if row.get("type_of_violence") == "3" else "FIGHT",
        actor=Actor(side, _side_country(side)) if side else None,
        place=place,
        date=DateRange(start, end or start, "day"),
        counts=Counts(killed=CountRange(best, best)) if best is not None else Counts(),
    )


def _day(value: str | None) -> int | None:
    import datetime as dt

    return dt.date.fromisoformat(value).toordinal() if value else None


def pair_scores(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    """Pair precision, recall and F1 of a clustering (labels per mention) against gold labels."""

    def pairs(counts: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    tp = pairs(Counter(zip(predicted, gold, strict=True)))
    pred, true = pairs(Counter(predicted)), pairs(Counter(gold))
    p = tp / pred if pred else 0.0
    r = tp / true if true else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "pred_pairs": pred, "gold_pairs": true}


def labels_of(mentions: Sequence[Mention]) -> tuple[list[int], int]:
    """Predicted cluster label per mention, and the number of possible-duplicate clusters."""
    labels = [0] * len(mentions)
    flagged = 0
    for k, (members, thin) in enumerate(cluster_mentions(mentions)):
        flagged += thin
        for i in members:
            labels[i] = k
    return labels, flagged


def run_gold(rows: list[dict[str, str]]) -> dict[str, object]:
    mentions, gold, day_type, day_region = [], [], [], []
    for row in rows:
        for n, (_headline, published) in enumerate(headline_mentions(row)):
            event = gold_event(row, content_id(row["id"], str(n)))
            first = _day(event.date.start) if event.date else None
            last = _day(event.date.end) if event.date else None
            mentions.append(Mention(event, f"{row['id']}-{n}", None, first, last))
            gold.append(row["id"])
            day_type.append((event.date.start if event.date else published, event.type))
            day_region.append((event.date.start if event.date else published, row.get("adm_1")))
    labels, flagged = labels_of(mentions)
    return {
        "mentions": len(mentions),
        "events": len(set(gold)),
        "ours": pair_scores(labels, gold),
        "clusters": len(set(labels)),
        "possible_duplicates": flagged,
        "baseline one per day+type": pair_scores(day_type, gold),
        "baseline one per day+admin1": pair_scores(day_region, gold),
    }


def run_pipeline(rows: list[dict[str, str]]) -> dict[str, object]:
    from ceasewatch.config import Config
    from ceasewatch.link.clustering import mentions_of
    from ceasewatch.pipeline import extract_batch

    documents, gold_all = [], []
    for row in rows:
        for n, (headline, published) in enumerate(headline_mentions(row)):
            doc_id = content_id(row["id"], str(n), headline)
            documents.append(
                Document(
                    id=doc_id,
                    text=headline,
                    title=headline,
                    published=published,
                    source=f"headline-{n}",
                )
            )
            gold_all.append(row["id"])
    config = Config()
    mentions, gold = [], []
    for i in range(0, len(documents), 256):
        batch = documents[i : i + 256]
        for k, result in enumerate(extract_batch(batch, config)):
            if not isinstance(result, DocumentResult) or not result.events:
                continue
            first = DocumentResult(result.document, events=result.events[:1])
            mentions.extend(mentions_of([first]))
            gold.append(gold_all[i + k])
    labels, flagged = labels_of(mentions)
    scores = pair_scores(labels, gold)
    all_gold_pairs = sum(n * (n - 1) // 2 for n in Counter(gold_all).values())
    return {
        "mentions": len(documents),
        "with_event": len(mentions),
        "ours (headlines with an event)": scores,
        "recall over all gold pairs": scores["tp"] / all_gold_pairs if all_gold_pairs else 0.0,
        "clusters": len(set(labels)),
        "possible_duplicates": flagged,
    }


def _line(name: str, s: dict[str, float]) -> str:
    return (
        f"| {name} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | "
        f"{s['pred_pairs']} | {s['gold_pairs']} |"
    )


def render(results: dict[str, dict[str, object]], rows: int, seconds: float) -> str:
    out = [
        f"Event clustering on UCDP GED Ukraine dev ({rows} events), {seconds:.1f} s",
        "",
        "| run | pair P | pair R | pair F1 | predicted pairs | gold pairs |",
        "|---|---|---|---|---|---|",
    ]
    notes = []
    if "pipeline" in results:
        r = results["pipeline"]
        out.append(
            _line("pipeline (extracted from headlines)", r["ours (headlines with an event)"])
        )  # type: ignore[arg-type]
        notes.append(
            f"pipeline: {r['with_event']} of {r['mentions']} headlines gave an event; "
            f"recall over all gold pairs {r['recall over all gold pairs']:.3f}; "
            f"{r['clusters']} clusters, {r['possible_duplicates']} possible duplicates"
        )
    if "gold" in results:
        g = results["gold"]
        out.append(_line("UPPER BOUND: gold event fields", g["ours"]))  # type: ignore[arg-type]
        for name in ("baseline one per day+type", "baseline one per day+admin1"):
            out.append(_line(f"gold fields, {name}", g[name]))  # type: ignore[arg-type]
        notes.append(
            f"gold: {g['mentions']} mentions of {g['events']} events; "
            f"{g['clusters']} clusters, {g['possible_duplicates']} possible duplicates"
        )
    return "\n".join(out + [""] + [f"- {n}" for n in notes]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None, help="UCDP events to use")
    parser.add_argument("--mode", choices=("pipeline", "gold", "both"), default="both")
    parser.add_argument("--markdown", type=Path, default=None)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    path = (args.data or default_data_dir()) / UCDP
    if not path.exists():
        print(f"skipped: {path} not found")
        return 0
    csv.field_size_limit(sys.maxsize)
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if args.limit:
        rows = rows[: args.limit]
    started = time.perf_counter()
    results: dict[str, dict[str, object]] = {}
    if args.mode in ("pipeline", "both"):
        results["pipeline"] = run_pipeline(rows)
    if args.mode in ("gold", "both"):
        results["gold"] = run_gold(rows)
    text = render(results, len(rows), time.perf_counter() - started)
    print(text)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
