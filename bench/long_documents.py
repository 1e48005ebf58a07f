"""Extraction time against document length: does each stage grow linearly?

    python bench/long_documents.py [--sizes 20000,40000,80000,160000] [--stages parse,places,...]

Builds one synthetic news text per size from paragraphs written for this benchmark (strikes,
interceptions, talks, statements; place names and numbers vary from paragraph to paragraph),
parses it once with the project model and times each extraction stage on it:

- parse: ``nlp(text)``
- places: ``resolve.places.find_places(text, doc)``
- events: ``extract.events.extract_events``
- commitments: ``extract.commitments.extract_commitments``
- claims: ``extract.claims.extract_claims``
- dates: ``resolve.dates.find_dates`` over the whole text (the extractors call it per sentence;
  the whole text shows how it grows with the span it is given)
- dates_runon: the same over the text run on as one clause (no full stop, semicolon or line
  break), the worst case for the clause read around each date
- sentence_dates: ``resolve.dates.resolve_event_date`` on every sentence, as events do
- about: ``link.about.attach_claims`` on the events, commitments and claims of the text (those
  are extracted untimed when their own stages are not asked for)

Prints seconds per stage and size, the growth from each size to the next (1 size step is 2x the
text: about 2 for a linear stage, about 4 for a quadratic one) and the growth from the smallest to
the largest size next to the growth of the text.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from collections.abc import Callable

from ceasewatch.extract.nlp import load_nlp
from ceasewatch.model import Document

PLACES = [
    "Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Kherson", "Sumy", "Poltava", "Mykolaiv",
    "Chernihiv", "Kramatorsk", "Sloviansk", "Pokrovsk", "Izium", "Lviv", "Vinnytsia", "Belgorod",
    "Kursk", "Bryansk", "Ryazan", "Kyiv",
]  # fmt: skip
REGIONS = ["Donetsk", "Kharkiv", "Sumy", "Kherson", "Zaporizhzhia", "Dnipropetrovsk"]
PARAGRAPHS = [
    "Russian forces launched {n} drones at {a} overnight, the regional governor said on "
    "Telegram. Air defence units shot down {m} of them, officials said.",
    "Ukrainian drones struck an oil depot near {a} on {day}, causing a large fire, local "
    "authorities said. Two workers were injured.",
    "Shelling of {a} in the {r} region killed {m} civilians and wounded {n} more, the "
    "prosecutor's office said in a statement.",
    "Fighting continued around {a}, where Ukrainian troops repelled {m} assaults, the general "
    "staff said. A separate missile attack hit a warehouse in {b}.",
    "The Kremlin said it would consider a proposal to halt strikes on energy facilities in {a} "
    "for 30 days. Kyiv said it was ready to agree to the pause if Moscow did the same.",
    "\u201cWe will not allow attacks on {a} to go unanswered,\u201d the mayor of {a} said on "
    "{day}, adding that {n} homes had been damaged.",
    "Officials in {b} reported that a guided bomb hit an apartment block, killing {m} people. "
    "Rescue teams were still searching the rubble, according to the emergency service.",
    "Delegations from both sides met in Istanbul to discuss an exchange of prisoners, and "
    "agreed to swap {n} prisoners of war, the mediators said.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
STAGES = (
    "parse", "places", "events", "commitments", "claims", "dates", "dates_runon",
    "sentence_dates", "about",
)  # fmt: skip
ANCHOR = dt.date(2025, 3, 19)


def synthetic_text(chars: int, seed: int = 0) -> str:
    """About ``chars`` characters of paragraphs from ``PARAGRAPHS`` with varied fillers."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < chars:
        para = rng.choice(PARAGRAPHS).format(
            a=rng.choice(PLACES),
            b=rng.choice(PLACES),
            r=rng.choice(REGIONS),
            n=rng.randint(5, 90),
            m=rng.randint(2, 12),
            day=rng.choice(DAYS),
        )
        parts.append(para)
        size += len(para) + 2
    return "\n\n".join(parts)


def _stage_calls(stages: list[str]) -> dict[str, Callable[..., object]]:
    """One call per stage, each over the parsed doc, the Document and the results of the stages
    run before it on the same text (about reads the events, commitments and claims)."""
    from ceasewatch.extract.claims import extract_claims
    from ceasewatch.extract.commitments import extract_commitments
    from ceasewatch.extract.events import extract_events
    from ceasewatch.link.about import attach_claims
    from ceasewatch.model import DocumentResult
    from ceasewatch.resolve.dates import find_dates, resolve_event_date
    from ceasewatch.resolve.places import find_places

    calls: dict[str, Callable[..., object]] = {
        "places": lambda doc, d, done: find_places(d.text, doc),
        "events": lambda doc, d, done: extract_events(doc, d, None),
        "commitments": lambda doc, d, done: extract_commitments(doc, d, None),
        "claims": lambda doc, d, done: extract_claims(doc, d),
        "dates": lambda doc, d, done: find_dates(d.text, ANCHOR),
        "dates_runon": lambda doc, d, done: find_dates(_run_on(d.text), ANCHOR),
        "sentence_dates": lambda doc, d, done: [
            resolve_event_date(sent.text, ANCHOR) for sent in doc.sents
        ],
        "about": lambda doc, d, done: attach_claims(
            DocumentResult(d, done["events"], done["commitments"], done["claims"])
        ),
    }
    return {name: call for name, call in calls.items() if name in stages}


def _about_inputs(stages: list[str]) -> list[str]:
    """The extraction stages whose records the about stage needs and that are not timed."""
    if "about" not in stages:
        return []
    return [s for s in ("events", "commitments", "claims") if s not in stages]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20000,40000,80000,160000")
    parser.add_argument("--stages", default=",".join(STAGES))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    stages = [s for s in args.stages.split(",") if s]
    unknown = set(stages) - set(STAGES)
    if unknown:
        parser.error(f"unknown stages: {', '.join(sorted(unknown))}")

    nlp = load_nlp()
    nlp.max_length = max(nlp.max_length, max(sizes) * 2)
    untimed = _about_inputs(stages)
    calls = _stage_calls(untimed + stages)
    warm_text = synthetic_text(2000, seed=1)
    warm_doc = nlp(warm_text)
    warm_document = Document(id="warm", text=warm_text, origin="bench")
    warm: dict[str, object] = {}
    for name, call in calls.items():  # place index, lexicons, caches
        warm[name] = _as_tuple(call(warm_doc, warm_document, warm))

    times: dict[str, list[float]] = {s: [] for s in stages}
    lengths = []
    for size in sizes:
        text = synthetic_text(size)
        lengths.append(len(text))
        document = Document(id=Document.make_id(text), text=text, origin="bench")
        start = time.perf_counter()
        doc = nlp(text)
        if "parse" in stages:
            times["parse"].append(time.perf_counter() - start)
        done: dict[str, object] = {}
        for name, call in calls.items():
            start = time.perf_counter()
            done[name] = _as_tuple(call(doc, document, done))
            if name in times:
                times[name].append(time.perf_counter() - start)
        print(f"{len(text)} chars: " + ", ".join(f"{s} {times[s][-1]:.2f}s" for s in stages))

    print(f"\n{'stage':<15}" + "".join(f"{n:>10}" for n in lengths) + "   growth per 2x text")
    for name in stages:
        row = "".join(f"{t:>10.2f}" for t in times[name])
        pairs = zip(times[name], times[name][1:], strict=False)
        steps = [b / a if a > 0 else float("nan") for a, b in pairs]
        print(f"{name:<15}{row}   " + " ".join(f"{g:.1f}" for g in steps))
    text_growth = lengths[-1] / lengths[0]
    print(f"\nfrom {lengths[0]} to {lengths[-1]} chars (x{text_growth:.1f}):")
    for name in stages:
        first, last = times[name][0], times[name][-1]
        growth = last / first if first > 0 else float("nan")
        print(f"  {name:<15} x{growth:.1f}  ({growth / text_growth:.2f} of linear)")


def _run_on(text: str) -> str:
    return text.replace("\n\n", " ").replace(".", ",").replace(";", ",")


def _as_tuple(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


if __name__ == "__main__":
    main()
