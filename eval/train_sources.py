"""Learn the broad-mode attribution source and cue tagger from PolNeAR's train split.

Usage::

    /work/venv/bin/python eval/train_sources.py [--data DIR] [--out PATH] [--epochs 14]
        [--window 2] [--hold 84] [--cache FILE] [--seed 0]

Each train text, parsed by the main pipeline (``--cache`` keeps the parses in a DocBin, the same
file ``eval/train_cues.py`` uses), is one example for a spaCy entity recogniser with two labels:
``SOURCE`` (the gold Source spans) and ``CUE`` (the gold Cue spans). A span is trimmed of
whitespace and punctuation at both ends; where the parse put a sentence start inside it (an
entity cannot cross one), the part from the last sentence start is kept ("Gen. | Ana Ruiz");
of overlapping spans the earlier, then the longer, is kept.

Every tenth train text (in name order, so every outlet), ``--hold`` of them, is held out: after
each epoch the tagger is scored on them (source spans, overlap match, one to one), and the first
epoch whose source F1 is within ``TOLERANCE`` of the best is written (the curve is flat once
trained; fewer epochs are cheaper and overfit less). ``--hold 0`` trains on every train text
for ``--epochs`` epochs and writes the last one: the packaged tagger is trained so, for the
number of epochs the held-out run chose (7: its source F1 on the 84 held-out texts was 0.731
after the 7th epoch, then between 0.714 and 0.735 up to the 14th). To reproduce::

    python eval/train_sources.py --out /tmp/held.bin --cache /tmp/train.spacy
    python eval/train_sources.py --hold 0 --epochs 7 --cache /tmp/train.spacy

Dev is never read. The model (:func:`ceasewatch.extract.attribution_tagger.tagger_config`)
hashes the word's norm, prefix, suffix and shape with the tag and dependency label the main
pipeline gave it (not its entity type: the doc's entities are cleared, as the recogniser would
keep them); the file holds the configuration and weights, no vocabulary. spaCy
trains with a fixed seed. Without the data it skips.
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quotes import GoldAttribution, Score, data_dir, load_split, match  # noqa: E402
from train_cues import parsed  # noqa: E402

log = logging.getLogger("train_sources")

ATTRS = ["NORM", "PREFIX", "SUFFIX", "SHAPE", "TAG", "DEP"]
ROWS = [5000, 1000, 2500, 2500, 200, 200]
TOLERANCE = 0.005  # the first epoch this close to the best held-out F1 is taken
HOLD_EVERY = 10  # every tenth text (in name order, so every outlet) is held out
DROPOUT = 0.2


def gold_spans(doc, gold: list[GoldAttribution]) -> list:
    """The SOURCE and CUE entity spans of one parsed text (see the module docstring)."""
    from spacy.tokens import Span

    found = []
    for g in gold:
        for label, chars in (("SOURCE", g.source), ("CUE", g.cue)):
            if chars is None:
                continue
            span = doc.char_span(*chars, alignment_mode="expand")
            if span is None:
                continue
            start, end = span.start, span.end
            while start < end and (doc[start].is_space or doc[start].is_punct):
                start += 1
            while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct):
                end -= 1
            for i in range(end - 1, start, -1):
                if doc[i].is_sent_start:
                    start = i
                    break
            while start < end and (doc[start].is_space or doc[start].is_punct):
                start += 1
            if end > start:
                found.append(Span(doc, start, end, label=label))
    found.sort(key=lambda s: (s.start, -len(s)))
    kept, last_end = [], -1
    for span in found:
        if span.start >= last_end:
            kept.append(span)
            last_end = span.end
    return kept


def split(examples: list, hold: int) -> tuple[list, list]:
    """(train, held out): every ``HOLD_EVERY``-th example is held out, up to ``hold`` of them."""
    held_at = set(range(HOLD_EVERY - 1, len(examples), HOLD_EVERY)[:hold]) if hold else set()
    train = [ex for i, ex in enumerate(examples) if i not in held_at]
    return train, [examples[i] for i in sorted(held_at)]


def overlap_score(pairs: list[tuple[list[tuple[int, int]], list[tuple[int, int]]]]) -> Score:
    """(predicted, gold) span lists scored as ``eval/quotes.py`` scores dev: overlap, one to
    one, largest overlap first."""
    score = Score()
    for predicted, gold in pairs:
        n, _ = match("", predicted, gold, exact=False)
        score.add(n, len(predicted) - n, len(gold) - n)
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="data root (default $CEASEWATCH_DATA or ../shared/data)")
    parser.add_argument("--out", help="tagger file (default: the packaged one)")
    parser.add_argument("--epochs", type=int, default=14)
    parser.add_argument("--window", type=int, default=2)
    parser.add_argument(
        "--hold", type=int, default=84, help="train texts held out to choose the epoch (0: none)"
    )
    parser.add_argument("--cache", help="DocBin file caching the parsed train texts")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N texts")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    if args.limit and not args.out:
        print("error: --limit trains a trial tagger; give --out so the packaged one is kept")
        return 2
    root = data_dir(args.data)
    if not (root / "quotes" / "polnear" / "train").is_dir():
        print(f"skip: no PolNeAR train split under {root / 'quotes' / 'polnear'}")
        return 0

    import spacy
    from spacy.training import Example
    from spacy.util import compounding, minibatch

    from ceasewatch.extract.attribution_tagger import (
        TAGGER_FILE,
        NerAttributionTagger,
        tagger_config,
    )

    rows = load_split(root, "train", args.limit)
    docs = parsed(rows, args.cache)
    examples = []
    for doc, (_, _, gold) in zip(docs, rows, strict=True):
        predicted = doc.copy()
        predicted.ents = []
        reference = doc.copy()
        reference.ents = gold_spans(reference, gold)
        examples.append(Example(predicted, reference))
    train, held = split(examples, args.hold)
    if not train:
        print(f"error: {len(examples)} texts leave nothing to train on with --hold {args.hold}")
        return 2
    log.info("%d texts to train on, %d held out", len(train), len(held))

    spacy.util.fix_random_seed(args.seed)
    rng = random.Random(args.seed)
    tagger = NerAttributionTagger(tagger_config(ATTRS, ROWS, args.window))
    nlp = tagger._nlp
    optimizer = nlp.initialize(lambda: train)
    out = Path(args.out) if args.out else TAGGER_FILE
    kept: list[tuple[float, bytes]] = []  # per epoch: held-out source F1, the tagger
    for epoch in range(args.epochs):
        started = time.perf_counter()
        rng.shuffle(train)
        losses: dict[str, float] = {}
        for batch in minibatch(train, size=compounding(4.0, 16.0, 1.001)):
            nlp.update(batch, drop=DROPOUT, sgd=optimizer, losses=losses)
        if not held:
            log.info(
                "epoch %d: loss %.0f (%.0f s)",
                epoch,
                losses.get("attribution_tagger", 0.0),
                time.perf_counter() - started,
            )
            continue
        pairs = []
        for ex in held:
            tags = tagger.tag(ex.predicted)
            gold = [(e.start_char, e.end_char) for e in ex.reference.ents if e.label_ == "SOURCE"]
            doc = ex.predicted
            pairs.append(
                ([(doc[a].idx, doc[b - 1].idx + len(doc[b - 1])) for a, b in tags.sources], gold)
            )
        score = overlap_score(pairs)
        log.info(
            "epoch %d: loss %.0f, held-out sources P %.3f R %.3f F1 %.3f (%.0f s)",
            epoch,
            losses.get("attribution_tagger", 0.0),
            score.precision,
            score.recall,
            score.f1,
            time.perf_counter() - started,
        )
        kept.append((score.f1, tagger.to_bytes()))
    if not held:
        out.write_bytes(tagger.to_bytes())
        log.info("wrote %s (all %d texts, %d epochs)", out, len(train), args.epochs)
        return 0
    best = max(f1 for f1, _ in kept)
    epoch = next(i for i, (f1, _) in enumerate(kept) if f1 >= best - TOLERANCE)
    out.write_bytes(kept[epoch][1])
    log.info(
        "wrote %s: epoch %d, held-out source F1 %.3f (best %.3f); to train on every text: "
        "--hold 0 --epochs %d",
        out,
        epoch,
        kept[epoch][0],
        best,
        epoch + 1,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
