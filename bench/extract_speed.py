"""Extraction throughput and peak memory: our pipeline against the bare spaCy pipe.

    python bench/extract_speed.py [--corpus PATH] [--limit N]

- bare: ``nlp.pipe`` over the document texts (the same model, same batch size), nothing else;
- ours: ``pipeline.extract_batch`` (parse + events, commitments, claims) in ``Config.batch_size``
  batches, the single-process local path.

Prints documents/s, words/s, the ratio ours/bare (target >= 0.6) and the peak resident memory of
the process (``ru_maxrss``, target < 1.5 GB). A last table times broad-mode claims (the
attribution measure, not what the pipeline runs) on up to 200 parsed documents: rules with the
cue model, then with the learned source tagger too, against the parse itself. The model is
loaded and warmed up before timing.
Uses ../shared/data/corpus/ukraine_war_news.jsonl when present, else a synthetic corpus.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from corpus import DEFAULT_CORPUS, corpus_or_synthetic

from ceasewatch.config import Config
from ceasewatch.extract.nlp import load_nlp
from ceasewatch.ingest import read_inputs
from ceasewatch.model import Document
from ceasewatch.pipeline import extract_batch


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    corpus = corpus_or_synthetic(args.corpus, Path(tempfile.mkdtemp(prefix="cw-bench-")))
    config = Config()
    docs = [d for d in read_inputs([str(corpus)], config) if isinstance(d, Document)]
    docs = docs[: args.limit] if args.limit else docs
    words = sum(len(d.text.split()) for d in docs)
    print(f"corpus: {corpus} ({len(docs)} documents, {words} words)")
    print(f"peak memory before the model: {peak_mb():.0f} MB")

    nlp = load_nlp()
    extract_batch(docs[:8], config)  # warm-up: model, place index, lexicons
    texts = [d.text for d in docs]

    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=config.batch_size):
        pass
    bare = time.perf_counter() - start

    start = time.perf_counter()
    events = 0
    for i in range(0, len(docs), config.batch_size):
        for result in extract_batch(docs[i : i + config.batch_size], config):
            events += len(getattr(result, "events", ()))
    ours = time.perf_counter() - start

    n = len(docs)
    print(f"\n{'path':<34}{'seconds':>9}{'docs/s':>9}{'words/s':>10}{'ratio':>8}")
    print(f"{'bare nlp.pipe':<34}{bare:>9.2f}{n / bare:>9.1f}{words / bare:>10.0f}{1:>8.2f}")
    print(
        f"{'ours: pipeline.extract_batch':<34}{ours:>9.2f}{n / ours:>9.1f}{words / ours:>10.0f}"
        f"{bare / ours:>8.2f}"
    )
    print(f"\nratio ours/bare throughput: {bare / ours:.2f} (target >= 0.6)")
    print(f"events extracted: {events}")
    print(f"peak memory (ru_maxrss): {peak_mb():.0f} MB (target < 1536 MB)")
    broad_claims(nlp, docs[:200], config.batch_size)


def broad_claims(nlp, docs: list[Document], batch_size: int) -> None:
    from ceasewatch.extract.claims import extract_claims

    start = time.perf_counter()
    parsed = list(nlp.pipe([d.text for d in docs], batch_size=batch_size))
    parse = time.perf_counter() - start
    extract_claims(parsed[0], docs[0], broad=True)  # loads the cue model and the tagger
    timings = {}
    for label, tagger in (("rules + cue model", False), ("rules + cue model + tagger", True)):
        start = time.perf_counter()
        for doc, document in zip(parsed, docs, strict=True):
            extract_claims(doc, document, broad=True, tagger=tagger)
        timings[label] = time.perf_counter() - start
    print(f"\nbroad claims on {len(docs)} parsed documents (parse: {parse:.2f} s)")
    for label, seconds in timings.items():
        print(f"{label:<34}{seconds:>9.2f} s{seconds / parse:>8.2f} x parse time")


if __name__ == "__main__":
    main()
