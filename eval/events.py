"""Event extraction accuracy against ACLED notes, CASE 2021 snippets and UCDP headlines.

Usage: python eval/events.py [--data DIR] [--limit N] [--markdown OUT] [--json OUT]

The data directory defaults to $CEASEWATCH_DATA or ../shared/data next to the repository; the
script exits 0 with a message when the files are missing.

- ACLED (``events/acled_ukraine_dev.csv``): the main event of each note (the first violent event,
  else the first event) against sub_event_type, event_type, actor1's country, the location
  (within 25 km) and fatalities (killed, 0 when none reported).
- CASE 2021 task 2 (``events/case2021_task2_dev.jsonl``): the lexicon classifier's label for the
  whole snippet against SubType; micro and macro F1 with abstentions counted as misses.
- UCDP GED (``events/ucdp_ged_ukraine_dev.csv``): deaths against ``best``; place within 50 km
  where the headlines give one (the ``;``-joined headlines read as one text, as before).
  Deaths: each source headline is read on its own (the field joins one headline per source with
  ``;``); a headline's figure is the death count of its first violent event that has one
  ('up to 20' -> 20), and the event's figure is the first headline's that has one; no figure
  counts as 0. ``deaths_exact`` is over all rows, but most headlines give no figure (place
  names, unrelated titles) and UCDP splits one report into several events (by place and side),
  so it is capped far below 1. The ``one_report_*`` lines are the fairer test of extraction:
  events with a single source headline cited by no other event in the split; ``toll_found`` is
  the share where a figure was read, and exact / within 1 / within 20% / within UCDP's
  [low, high] are over those. UCDP codes unverified military claims of enemy losses ("destroyed
  up to 40 soldiers") with a low ``best`` (often 2), so a correct reading of such a claim counts
  as wrong here.
  Why ``deaths_exact`` is low (dev, measured with a keyword check): the headlines of about 58%
  of the events name no death at all (a village name, a date, an unrelated title), so no figure
  can be read and the 0 that stands in counts as wrong against a ``best`` that is almost never 0;
  where a headline gives a toll, UCDP often splits it over several events (by place, day and
  side: "five killed in the east" may be three events of 1, 2 and 2) and codes unverified
  claims low. Two further figures, added beside the others and not replacing them:
  ``deaths_toll_read`` / ``deaths_exact_where_read``: over all events, the share where a figure
  was read and the exact share of those. ``report_deaths_exact``: per distinct headline that
  gives a figure, that figure against the sum of ``best`` over every event of the split that
  cites the headline (one report, all the events UCDP made of it); events of the same report in
  other splits are missing, so this sum can fall short of the report's toll.
  Places: the event's place is often only the country ("Ukraine", the whole east), whose point
  lies hundreds of km from any front-line village, so ``place_50km_below_country`` repeats the
  50 km test over the events placed at a settlement, district or province.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import logging
import math
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from ceasewatch.extract.event_types import classify_doc, load_lexicon
from ceasewatch.extract.events import extract_events
from ceasewatch.extract.nlp import load_nlp
from ceasewatch.model import Document, DocumentResult, Event
from ceasewatch.resolve.context import localize_parties

log = logging.getLogger("eval.events")

REPO = Path(__file__).resolve().parent.parent
ACLED_COUNTRY = {
    "russia": "RUS",
    "ukraine": "UKR",
    "belarus": "BLR",
    "united states": "USA",
    "georgia": "GEO",
    "moldova": "MDA",
}


def data_dir(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    if os.environ.get("CEASEWATCH_DATA"):
        return Path(os.environ["CEASEWATCH_DATA"])
    return REPO.parent / "shared" / "data"


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def acled_actor_country(name: str) -> str | None:
    """'Military Forces of Russia (2000-)' -> RUS; 'Protesters (Ukraine)' -> UKR; else None."""
    low = name.lower()
    for pattern in (r"\bof ([a-z ]+?)(?: \(|$)", r"\(([a-z ]+)\)"):
        m = re.search(pattern, low)
        if m and m.group(1).strip() in ACLED_COUNTRY:
            return ACLED_COUNTRY[m.group(1).strip()]
    return None


def main_event(events: list[Event]) -> Event | None:
    violent = {load_lexicon().labels[c].acled_sub_event_type for c in load_lexicon().violent}
    for e in events:
        if e.acled_sub_event_type in violent:
            return e
    return events[0] if events else None


def killed(e: Event | None) -> int:
    if e is None or e.counts.killed is None:
        return 0
    return e.counts.killed.min or 0


def death_toll(events: list[Event]) -> int | None:
    """Deaths a headline reports: the first event with a death count (violent events first);
    'up to 20' counts as 20. None when no event gives a count."""
    violent = {load_lexicon().labels[c].acled_sub_event_type for c in load_lexicon().violent}
    ordered = [e for e in events if e.acled_sub_event_type in violent]
    ordered += [e for e in events if e.acled_sub_event_type not in violent]
    for e in ordered:
        k = e.counts.killed
        if k is not None and (k.min is not None or k.max is not None):
            return k.min if k.min is not None else k.max
    return None


def run_docs(texts: Iterable[tuple[str, str | None]]) -> list[list[Event]]:
    nlp = load_nlp()
    pairs = list(texts)
    out: list[list[Event]] = []
    for (text, published), doc in zip(
        pairs, nlp.pipe((t for t, _ in pairs), batch_size=64), strict=True
    ):
        anchor = _parse_date(published)
        document = Document(id=Document.make_id(text), text=text, published=published)
        events = tuple(extract_events(doc, document, anchor))
        # the pipeline's own step: "the army" takes the country the document gives it
        out.append(list(localize_parties(DocumentResult(document=document, events=events)).events))
    return out


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d %B %Y"):
        try:
            return dt.datetime.strptime(value.split(";")[0].strip(), fmt).date()
        except ValueError:
            continue
    return None


def eval_acled(path: Path, limit: int | None) -> dict[str, object]:
    rows = list(csv.DictReader(path.open(encoding="utf-8")))[:limit]
    t0 = time.perf_counter()
    results = run_docs((r["notes"], r["event_date"]) for r in rows)
    elapsed = time.perf_counter() - t0
    sub = etype = fat = 0
    actor_ok = actor_n = loc_ok = loc_n = placed = 0
    confusion: Counter[tuple[str, str]] = Counter()
    for row, events in zip(rows, results, strict=True):
        ev = main_event(events)
        pred_sub = ev.acled_sub_event_type if ev else None
        sub += pred_sub == row["sub_event_type"]
        etype += (ev.acled_event_type if ev else None) == row["event_type"]
        if pred_sub != row["sub_event_type"]:
            confusion[(row["sub_event_type"], str(pred_sub))] += 1
        gold_country = acled_actor_country(row["actor1"])
        if gold_country:
            actor_n += 1
            actor_ok += bool(ev and ev.actor and ev.actor.country == gold_country)
        if row["latitude"] and row["longitude"]:
            loc_n += 1
            if ev and ev.place and ev.place.lat is not None and ev.place.lon is not None:
                placed += 1
                d = km(float(row["latitude"]), float(row["longitude"]), ev.place.lat, ev.place.lon)
                loc_ok += d <= 25.0
        fat += killed(ev) == int(row["fatalities"] or 0)
    n = len(rows)
    return {
        "n": n,
        "sub_event_accuracy": sub / n,
        "event_type_accuracy": etype / n,
        "actor_country_accuracy": actor_ok / max(actor_n, 1),
        "actor_rows": actor_n,
        "location_25km": loc_ok / max(loc_n, 1),
        "location_placed": placed / max(loc_n, 1),
        "fatalities_exact": fat / n,
        "seconds": elapsed,
        "top_confusions": confusion.most_common(8),
    }


def eval_case(path: Path, limit: int | None) -> dict[str, object]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()][:limit]
    nlp = load_nlp()
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    abstained = 0
    docs = nlp.pipe((r["EventSnippet"] for r in rows), batch_size=64)
    for row, doc in zip(rows, docs, strict=True):
        gold = row["SubType"]
        pred = classify_doc(doc)
        if pred is None:
            abstained += 1
            fn[gold] += 1
        elif pred == gold:
            tp[gold] += 1
        else:
            fp[pred] += 1
            fn[gold] += 1
    p = sum(tp.values()) / max(sum(tp.values()) + sum(fp.values()), 1)
    r = sum(tp.values()) / max(sum(tp.values()) + sum(fn.values()), 1)
    micro = 2 * p * r / (p + r) if p + r else 0.0
    labels = {row["SubType"] for row in rows}
    f1s = []
    for label in labels:
        lp = tp[label] / max(tp[label] + fp[label], 1)
        lr = tp[label] / max(tp[label] + fn[label], 1)
        f1s.append(2 * lp * lr / (lp + lr) if lp + lr else 0.0)
    return {
        "n": len(rows),
        "micro_f1": micro,
        "macro_f1": sum(f1s) / max(len(f1s), 1),
        "precision": p,
        "recall": r,
        "abstained": abstained,
    }


def headlines(row: dict[str, str]) -> list[tuple[str, str | None]]:
    """The row's source headlines (``;``-separated, one per source) with their dates."""
    texts = [t.strip() for t in row["source_headline"].split(";")]
    dates = [d.strip() for d in row["source_date"].split(";")]
    if len(dates) != len(texts):
        dates = [dates[0]] * len(texts)
    return [(t, d) for t, d in zip(texts, dates, strict=True) if t and t != "-"]


def row_toll(tolls: list[int | None]) -> int | None:
    """One figure for a UCDP event from its headlines' figures: the first headline that gives
    one (several sources of one event mostly repeat or update the same figure)."""
    return next((t for t in tolls if t is not None), None)


def eval_ucdp(path: Path, limit: int | None) -> dict[str, object]:
    rows = list(csv.DictReader(path.open(encoding="utf-8")))[:limit]
    # places: the headlines as one text, as UCDP gives them (a source that is only a place name
    # places the event reported by the others)
    joined = run_docs((r["source_headline"], r["source_date"]) for r in rows)
    # deaths: each headline on its own, so one source's figure is not read across another's
    per_row = [headlines(r) for r in rows]
    results = iter(run_docs(h for hs in per_row for h in hs))
    cited: Counter[str] = Counter(t for hs in per_row for t, _ in hs)
    exact = loc_ok = loc_n = read = read_exact = sub_ok = sub_n = 0
    one = found = one_exact = one_pm1 = one_20 = one_band = 0
    report_toll: dict[str, int | None] = {}
    report_best: Counter[str] = Counter()
    for row, hs, whole in zip(rows, per_row, joined, strict=True):
        docs = [next(results) for _ in hs]
        tolls = [death_toll(events) for events in docs]
        toll = row_toll(tolls)
        best = int(row["best"] or 0)
        exact += (toll or 0) == best
        if toll is not None:
            read += 1
            read_exact += toll == best
        for (text, _), headline_toll in zip(hs, tolls, strict=True):
            report_toll[text] = headline_toll
        for text in {t for t, _ in hs}:
            report_best[text] += best
        if len(hs) == 1 and cited[hs[0][0]] == 1:
            one += 1
            if toll is not None:
                found += 1
                one_exact += toll == best
                one_pm1 += abs(toll - best) <= 1
                one_20 += abs(toll - best) <= 0.2 * best
                one_band += int(row["low"] or 0) <= toll <= int(row["high"] or 0)
        ev = main_event(whole)
        if ev and ev.place and ev.place.lat is not None and ev.place.lon is not None:
            loc_n += 1
            d = km(float(row["latitude"]), float(row["longitude"]), ev.place.lat, ev.place.lon)
            loc_ok += d <= 50.0
            if ev.place.precision != "country":
                sub_n += 1
                sub_ok += d <= 50.0
    reports = [(t, report_best[t]) for t, v in report_toll.items() if v is not None]
    report_exact = sum(report_toll[t] == gold for t, gold in reports)
    return {
        "n": len(rows),
        "deaths_exact": exact / max(len(rows), 1),
        "deaths_toll_read": read / max(len(rows), 1),
        "deaths_exact_where_read": read_exact / max(read, 1),
        "reports_with_toll": len(reports),
        "report_deaths_exact": report_exact / max(len(reports), 1),
        "place_50km_where_placed": loc_ok / max(loc_n, 1),
        "placed": loc_n / max(len(rows), 1),
        "place_50km_below_country": sub_ok / max(sub_n, 1),
        "placed_below_country": sub_n / max(len(rows), 1),
        "one_report_events": one,
        "one_report_toll_found": found / max(one, 1),
        "one_report_deaths_exact": one_exact / max(found, 1),
        "one_report_deaths_pm1": one_pm1 / max(found, 1),
        "one_report_deaths_20pct": one_20 / max(found, 1),
        "one_report_deaths_in_low_high": one_band / max(found, 1),
    }


def flat_figures(acled: dict | None, case: dict | None, ucdp: dict | None) -> dict[str, float]:
    """The headline figures as one flat dict (for CI gates); corpora that were skipped are left
    out."""
    out: dict[str, float] = {}
    if acled:
        out.update(
            n_acled=acled["n"],
            acled_sub_event_acc=round(acled["sub_event_accuracy"], 4),
            acled_event_type_acc=round(acled["event_type_accuracy"], 4),
            acled_actor_country_acc=round(acled["actor_country_accuracy"], 4),
            acled_location_25km=round(acled["location_25km"], 4),
            acled_location_placed=round(acled["location_placed"], 4),
            acled_fatalities_exact=round(acled["fatalities_exact"], 4),
        )
    if case:
        out.update(
            n_case=case["n"],
            case_micro_f1=round(case["micro_f1"], 4),
            case_macro_f1=round(case["macro_f1"], 4),
            case_precision=round(case["precision"], 4),
            case_recall=round(case["recall"], 4),
        )
    if ucdp:
        out.update(
            n_ucdp=ucdp["n"],
            ucdp_deaths_exact=round(ucdp["deaths_exact"], 4),
            ucdp_deaths_toll_read=round(ucdp["deaths_toll_read"], 4),
            ucdp_deaths_exact_where_read=round(ucdp["deaths_exact_where_read"], 4),
            ucdp_report_deaths_exact=round(ucdp["report_deaths_exact"], 4),
            ucdp_place_50km=round(ucdp["place_50km_where_placed"], 4),
            ucdp_placed=round(ucdp["placed"], 4),
            ucdp_place_50km_below_country=round(ucdp["place_50km_below_country"], 4),
            ucdp_one_report_toll_found=round(ucdp["one_report_toll_found"], 4),
            ucdp_one_report_deaths_exact=round(ucdp["one_report_deaths_exact"], 4),
            ucdp_one_report_deaths_pm1=round(ucdp["one_report_deaths_pm1"], 4),
            ucdp_one_report_deaths_20pct=round(ucdp["one_report_deaths_20pct"], 4),
            ucdp_one_report_deaths_in_low_high=round(ucdp["one_report_deaths_in_low_high"], 4),
        )
    return out


def to_markdown(acled: dict | None, case: dict | None, ucdp: dict | None) -> str:
    lines = ["## Events", ""]
    if acled:
        lines += [
            f"ACLED Ukraine notes (dev, n={acled['n']}): main event of each note.",
            "",
            "| measure | value | target |",
            "| --- | --- | --- |",
            f"| sub-event type accuracy | {acled['sub_event_accuracy']:.3f} | 0.85 |",
            f"| event type accuracy | {acled['event_type_accuracy']:.3f} | |",
            f"| actor1 country accuracy (n={acled['actor_rows']}) "
            f"| {acled['actor_country_accuracy']:.3f} | 0.92 |",
            f"| location within 25 km | {acled['location_25km']:.3f} | 0.85 |",
            f"| fatalities exact | {acled['fatalities_exact']:.3f} | 0.90 |",
            "",
        ]
    if case:
        lines += [
            f"CASE 2021 task 2 (dev, n={case['n']}): lexicon classifier on the snippet, "
            f"{case['abstained']} abstentions.",
            "",
            "| measure | value | target |",
            "| --- | --- | --- |",
            f"| micro-F1 | {case['micro_f1']:.3f} | 0.75 |",
            f"| macro-F1 | {case['macro_f1']:.3f} | |",
            "",
        ]
    if ucdp:
        lines += [
            f"UCDP GED Ukraine headlines (dev, n={ucdp['n']}).",
            "",
            "| measure | value |",
            "| --- | --- |",
            f"| deaths exact | {ucdp['deaths_exact']:.3f} |",
            f"| toll read (any headline of the event) | {ucdp['deaths_toll_read']:.3f} |",
            f"| ... deaths exact where read | {ucdp['deaths_exact_where_read']:.3f} |",
            f"| per report (n={ucdp['reports_with_toll']}): toll vs summed best of its events "
            f"| {ucdp['report_deaths_exact']:.3f} |",
            f"| one-report events (n={ucdp['one_report_events']}): toll read "
            f"| {ucdp['one_report_toll_found']:.3f} |",
            f"| ... deaths exact where read | {ucdp['one_report_deaths_exact']:.3f} |",
            f"| ... within 1 / within 20% | {ucdp['one_report_deaths_pm1']:.3f} / "
            f"{ucdp['one_report_deaths_20pct']:.3f} |",
            f"| ... within UCDP low-high | {ucdp['one_report_deaths_in_low_high']:.3f} |",
            f"| place within 50 km (where placed) | {ucdp['place_50km_where_placed']:.3f} |",
            f"| headlines with a place | {ucdp['placed']:.3f} |",
            f"| place within 50 km where placed below country level "
            f"| {ucdp['place_50km_below_country']:.3f} |",
            f"| headlines with a place below country level | {ucdp['placed_below_country']:.3f} |",
            "",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", help="data directory (default $CEASEWATCH_DATA or ../shared/data)")
    ap.add_argument("--limit", type=int, default=None, help="rows per corpus")
    ap.add_argument("--markdown", help="write a markdown fragment here")
    ap.add_argument("--json", help="write the figures here as one flat JSON object")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    base = data_dir(args.data) / "events"
    files = {
        "acled": base / "acled_ukraine_dev.csv",
        "case": base / "case2021_task2_dev.jsonl",
        "ucdp": base / "ucdp_ged_ukraine_dev.csv",
    }
    if not any(f.exists() for f in files.values()):
        print(f"skip: no event data under {base}")
        return 0
    acled = eval_acled(files["acled"], args.limit) if files["acled"].exists() else None
    case = eval_case(files["case"], args.limit) if files["case"].exists() else None
    ucdp = eval_ucdp(files["ucdp"], args.limit) if files["ucdp"].exists() else None
    for name, res in (("ACLED", acled), ("CASE 2021", case), ("UCDP", ucdp)):
        if res is None:
            print(f"{name}: skipped (file missing)")
            continue
        print(f"== {name}")
        for key, value in res.items():
            shown = f"{value:.3f}" if isinstance(value, float) else value
            print(f"  {key:28s} {shown}")
    if args.json:
        Path(args.json).write_text(
            json.dumps(flat_figures(acled, case, ucdp), indent=1, sort_keys=True) + "\n",
            encoding="utf-8",
        )
        print(f"wrote {args.json}")
    md = to_markdown(acled, case, ucdp)
    if args.markdown:
        Path(args.markdown).write_text(md + "\n", encoding="utf-8")
        print(f"wrote {args.markdown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
