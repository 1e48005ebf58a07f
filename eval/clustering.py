"""Cross-article event clustering against UCDP GED (Ukraine dev split).

Usage: ``python eval/clustering.py [--data DIR] [--limit N] [--mode pipeline|fields|all]
[--markdown OUT] [--json OUT]``

How the gold is built
---------------------
Every UCDP event lists the reports it was coded from in ``source_article``: quoted
``outlet,date,headline`` items separated by ``;`` (``source_headline`` alone cannot be split
safely: headlines themselves contain ``;``). Each distinct (outlet, date, headline) item is one
*report*, i.e. one document. Two corrections make the pair counts meaningful:

1. identical items inside one event (a memorial database cites the same place line once per
   victim) are one document, not several "easy" gold pairs;
2. an item cited by several UCDP events (a daily round-up) reports several events at once; a
   single cluster label cannot be right for it, so it is left out of the scored set (the number
   left out is printed).

Each remaining report is a *mention* whose gold cluster is its UCDP event id. Most UCDP events
have one report, so most mentions are singletons and the gold pairs are few.

Runs
----
``pipeline`` (the figure that counts): the pipeline extracts events from each headline
(``published`` = the report's date, ``source`` = the outlet); the first event of a headline is its
mention; ``cluster_mentions`` clusters them. Scored over the headlines that gave an event; recall
is also given over all gold pairs (headlines without an event cannot be clustered).

Baselines on the very same mentions: every mention alone (pair P/R undefined, B-cubed precision
1), one cluster per publication day, per day and type family, per day and extracted admin1.

``fields`` (a diagnostic, not a pipeline figure): every report gets its event's gold fields
(type, side, place and precision, dates, deaths) and its real headline. Mentions of one event then
agree on every field, so recall is near 1 by construction; what it shows is precision: how often
*distinct* UCDP events (same day, same region, same side) are indistinguishable from fields alone.

Metrics: pair precision/recall/F1 (a pair is positive when both mentions share a cluster) and
B-cubed precision/recall/F1 (per-mention overlap of predicted and gold cluster, averaged), which
does not let a few large clusters dominate. ``date-reachable`` counts the gold pairs whose report
dates lie within one day of each other (the date blocking of the clusterer cannot join the rest
without a date in the headline).

Exits 0 with a message when the data is absent.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import logging
import os
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ceasewatch.link.clustering import KINETIC, Mention, cluster_mentions
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
ITEM = re.compile(r"^(.*?),(\d{4}-\d{2}-\d{2}),(.*)$", re.S)


@dataclass(frozen=True)
class Report:
    """One distinct source item: the events citing it, its outlet, date and headline."""

    event_ids: tuple[str, ...]
    outlet: str
    published: str | None
    headline: str

    @property
    def key(self) -> str:
        return content_id(self.outlet, self.published or "", self.headline)


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


def source_items(row: dict[str, str]) -> list[tuple[str, str | None, str]]:
    """(outlet, date, headline) of each source of one UCDP event, from ``source_article``;
    falls back to splitting ``source_headline``/``source_date`` when that field does not parse."""
    article = (row.get("source_article") or "").strip()
    if article.startswith('"') and article.endswith('"'):
        parts = article[1:-1].split('";"')
        items = [ITEM.match(p) for p in parts]
        if all(items):
            return [(m.group(1).strip(), m.group(2), m.group(3).strip()) for m in items if m]
    headlines = (row.get("source_headline") or "").split(";")
    dates = (row.get("source_date") or "").split(";")
    fallback = _iso(row.get("date_start", ""))
    return [
        ("", (_iso(dates[i], day_first=True) if i < len(dates) else None) or fallback, h.strip())
        for i, h in enumerate(headlines)
    ]


def headline_reports(rows: Sequence[dict[str, str]]) -> list[Report]:
    """Distinct reports in first-seen order, each with every UCDP event that cites it."""
    cited: dict[tuple[str, str | None, str], list[str]] = {}
    for row in rows:
        for outlet, date, headline in source_items(row):
            if not headline:
                continue
            events = cited.setdefault((outlet, date, headline), [])
            if row["id"] not in events:
                events.append(row["id"])
    return [Report(tuple(ev), o, d, h) for (o, d, h), ev in cited.items()]


def _side_country(side: str) -> str | None:
    if "Ukraine" in side:
        return "UKR"
    if "Russia" in side:
        return "RUS"
    return None


def gold_event(row: dict[str, str], event_id: str) -> Event:
    precision = WHERE_PRECISION.get(row.get("where_prec", ""), "admin1")
    lat: float | None
    lon: float | None
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
    return dt.date.fromisoformat(value).toordinal() if value else None


def _pairs(counts: Counter[Any]) -> int:
    return sum(n * (n - 1) // 2 for n in counts.values())


def pair_scores(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    """Pair precision, recall and F1 of a clustering (labels per mention) against gold labels."""
    tp = _pairs(Counter(zip(predicted, gold, strict=True)))
    pred, true = _pairs(Counter(predicted)), _pairs(Counter(gold))
    p = tp / pred if pred else 0.0
    r = tp / true if true else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "pred_pairs": pred, "gold_pairs": true}


def bcubed_scores(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    """B-cubed precision, recall and F1: per mention, the share of its predicted cluster that is
    in its gold cluster (precision) and the share of its gold cluster found with it (recall)."""
    both = Counter(zip(predicted, gold, strict=True))
    pred, true = Counter(predicted), Counter(gold)
    n = len(gold)
    if not n:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    p = sum(both[(a, b)] / pred[a] for a, b in zip(predicted, gold, strict=True)) / n
    r = sum(both[(a, b)] / true[b] for a, b in zip(predicted, gold, strict=True)) / n
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


def scores(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    pair = pair_scores(predicted, gold)
    b3 = bcubed_scores(predicted, gold)
    return {**pair, **{f"b3_{k}": v for k, v in b3.items()}}


def labels_of(mentions: Sequence[Mention]) -> tuple[list[int], int]:
    """Predicted cluster label per mention, and the number of possible-duplicate clusters."""
    labels = [0] * len(mentions)
    flagged = 0
    for k, (members, thin) in enumerate(cluster_mentions(mentions)):
        flagged += thin
        for i in members:
            labels[i] = k
    return labels, flagged


def baselines(mentions: Sequence[Mention], gold: Sequence[str]) -> dict[str, dict[str, float]]:
    def family(m: Mention) -> str:
        return "KINETIC" if m.event.type in KINETIC else m.event.type

    admin1 = [(m.event.place.admin1 if m.event.place else None) for m in mentions]
    return {
        "each mention alone": scores(list(range(len(mentions))), gold),
        "one per day": scores([m.first_day for m in mentions], gold),
        "one per day+type": scores([(m.first_day, family(m)) for m in mentions], gold),
        "one per day+admin1": scores(
            [
                (m.first_day, a or f"none-{i}")
                for i, (m, a) in enumerate(zip(mentions, admin1, strict=True))
            ],
            gold,
        ),
    }


def date_reachable(mentions: Sequence[Mention], gold: Sequence[str], slack: int = 1) -> int:
    """Gold pairs whose mentions' date ranges lie within ``slack`` days of each other."""
    by_event: dict[str, list[Mention]] = defaultdict(list)
    for m, g in zip(mentions, gold, strict=True):
        by_event[g].append(m)
    n = 0
    for group in by_event.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if None in (a.first_day, a.last_day, b.first_day, b.last_day):
                    continue
                assert a.first_day is not None and a.last_day is not None
                assert b.first_day is not None and b.last_day is not None
                n += a.first_day <= b.last_day + slack and b.first_day <= a.last_day + slack
    return n


def single_event_reports(rows: Sequence[dict[str, str]]) -> tuple[list[Report], int]:
    reports = headline_reports(rows)
    kept = [r for r in reports if len(r.event_ids) == 1]
    return kept, len(reports) - len(kept)


def extract_reports(reports: Sequence[Report]) -> list[DocumentResult | None]:
    """The pipeline's result for each report's headline (None when extraction failed)."""
    from ceasewatch.config import Config
    from ceasewatch.pipeline import extract_batch

    documents = [
        Document(
            id=r.key,
            text=r.headline,
            title=r.headline,
            published=r.published,
            source=r.outlet or None,
        )
        for r in reports
    ]
    config = Config()
    out: list[DocumentResult | None] = []
    for i in range(0, len(documents), 256):
        for result in extract_batch(documents[i : i + 256], config):
            out.append(result if isinstance(result, DocumentResult) else None)
    return out


def run_pipeline(rows: Sequence[dict[str, str]]) -> dict[str, Any]:
    from ceasewatch.link.clustering import mentions_of

    reports, shared = single_event_reports(rows)
    results = extract_reports(reports)
    mentions: list[Mention] = []
    gold: list[str] = []
    for report, result in zip(reports, results, strict=True):
        if result is None or not result.events:
            continue
        mentions.extend(mentions_of([DocumentResult(result.document, events=result.events[:1])]))
        gold.append(report.event_ids[0])
    started = time.perf_counter()
    labels, flagged = labels_of(mentions)
    cluster_seconds = time.perf_counter() - started
    ours = scores(labels, gold)
    all_gold_pairs = _pairs(Counter(r.event_ids[0] for r in reports))
    return {
        "reports": len(reports),
        "shared_reports": shared,
        "with_event": len(mentions),
        "ours": ours,
        "recall_all": ours["tp"] / all_gold_pairs if all_gold_pairs else 0.0,
        "all_gold_pairs": all_gold_pairs,
        "date_reachable": date_reachable(mentions, gold),
        "clusters": len(set(labels)),
        "possible_duplicates": flagged,
        "cluster_seconds": cluster_seconds,
        "baselines": baselines(mentions, gold),
    }


def run_fields(rows: Sequence[dict[str, str]]) -> dict[str, Any]:
    reports, _shared = single_event_reports(rows)
    by_id = {row["id"]: row for row in rows}
    mentions, gold = [], []
    for report in reports:
        row = by_id[report.event_ids[0]]
        event = gold_event(row, content_id(report.key, "gold"))
        first = _day(event.date.start) if event.date else None
        last = _day(event.date.end) if event.date else None
        published = _day(report.published)
        mentions.append(
            Mention(event, report.key, report.outlet, first, last, report.headline, published)
        )
        gold.append(row["id"])
    labels, flagged = labels_of(mentions)
    return {
        "mentions": len(mentions),
        "ours": scores(labels, gold),
        "clusters": len(set(labels)),
        "possible_duplicates": flagged,
        "baselines": baselines(mentions, gold),
    }


def _line(name: str, s: dict[str, float]) -> str:
    return (
        f"| {name} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | "
        f"{s['b3_precision']:.3f} | {s['b3_recall']:.3f} | {s['b3_f1']:.3f} | "
        f"{s['pred_pairs']} | {s['gold_pairs']} |"
    )


HEADER = [
    "| run | pair P | pair R | pair F1 | B3 P | B3 R | B3 F1 | predicted pairs | gold pairs |",
    "|---|---|---|---|---|---|---|---|---|",
]


def render(results: dict[str, dict[str, Any]], rows: int, seconds: float) -> str:
    out = [f"Event clustering on UCDP GED Ukraine dev ({rows} events), {seconds:.1f} s", ""]
    if "pipeline" in results:
        r = results["pipeline"]
        out += ["Pipeline-extracted mentions (the figure that counts):", "", *HEADER]
        out.append(_line("ours", r["ours"]))
        for name, s in r["baselines"].items():
            out.append(_line(f"baseline: {name}", s))
        out += [
            "",
            f"- {r['reports']} single-event reports ({r['shared_reports']} reports cited by "
            f"several UCDP events left out); {r['with_event']} gave an event",
            f"- recall over all {r['all_gold_pairs']} gold pairs: {r['recall_all']:.3f}; "
            f"gold pairs among mentions within one day of each other: {r['date_reachable']}",
            f"- {r['clusters']} clusters, {r['possible_duplicates']} possible duplicates; "
            f"clustering took {r['cluster_seconds']:.2f} s",
            "",
        ]
    if "fields" in results:
        g = results["fields"]
        out += ["Diagnostic: gold fields + real headline per report (not a pipeline figure):", ""]
        out += HEADER
        out.append(_line("ours on gold fields", g["ours"]))
        for name, s in g["baselines"].items():
            out.append(_line(f"gold fields, baseline: {name}", s))
        out += ["", f"- {g['mentions']} mentions; {g['clusters']} clusters", ""]
    return "\n".join(out)


def flat(results: dict[str, dict[str, Any]], rows: int, seconds: float) -> dict[str, Any]:
    """A flat dict of the figures for ``--json``."""
    out: dict[str, Any] = {"rows": rows, "seconds": round(seconds, 2)}
    if "pipeline" in results:
        r = results["pipeline"]
        s = r["ours"]
        out.update(
            pair_precision=s["precision"],
            pair_recall=s["recall"],
            pair_f1=s["f1"],
            pair_recall_all=r["recall_all"],
            bcubed_precision=s["b3_precision"],
            bcubed_recall=s["b3_recall"],
            bcubed_f1=s["b3_f1"],
            n_reports=r["reports"],
            n_shared_reports=r["shared_reports"],
            n_mentions=r["with_event"],
            gold_pairs=s["gold_pairs"],
            predicted_pairs=s["pred_pairs"],
            date_reachable_pairs=r["date_reachable"],
            clusters=r["clusters"],
            possible_duplicates=r["possible_duplicates"],
            cluster_seconds=round(r["cluster_seconds"], 3),
        )
        for name, b in r["baselines"].items():
            key = "baseline_" + re.sub(r"\W+", "_", name).strip("_")
            out[f"{key}_pair_f1"] = b["f1"]
            out[f"{key}_bcubed_f1"] = b["b3_f1"]
    if "fields" in results:
        g = results["fields"]["ours"]
        out.update(
            fields_pair_precision=g["precision"],
            fields_pair_recall=g["recall"],
            fields_bcubed_f1=g["b3_f1"],
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None, help="first N UCDP events only")
    parser.add_argument("--mode", choices=("pipeline", "fields", "all"), default="all")
    parser.add_argument("--markdown", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None, help="write a flat dict of figures")
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
    results: dict[str, dict[str, Any]] = {}
    if args.mode in ("pipeline", "all"):
        results["pipeline"] = run_pipeline(rows)
    if args.mode in ("fields", "all"):
        results["fields"] = run_fields(rows)
    seconds = time.perf_counter() - started
    text = render(results, len(rows), seconds)
    print(text)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(flat(results, len(rows), seconds), indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
