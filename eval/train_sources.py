"""Learn the broad-mode attribution source and cue tagger from PolNeAR's train split.

Usage::

    /work/venv/bin/python eval/train_sources.py [--data DIR] [--out PATH] [--epochs 10]
        [--hidden 128] [--lr 2e-3] [--weight 1] [--hold 84] [--cache FILE] [--seed 0]
        [--limit N]

Each train text, parsed by the main pipeline (``--cache`` keeps the parses in a DocBin, the same
file ``eval/train_cues.py`` uses), gives every token one of the tagger's five tags
(:data:`ceasewatch.extract.attribution_tagger.TAGS`) from its gold Source and Cue spans. A span
is trimmed of whitespace and punctuation at both ends; where the parse put a sentence start
inside it, the part from the last sentence start is kept ("Gen. | Ana Ruiz"); of overlapping
spans the earlier, then the longer, is kept. The text is cut into windows of whole sentences
(:func:`ceasewatch.extract.attribution_tagger.windows`) and the frozen encoder's word vectors
are computed once; the LSTM head is trained on them: cross-entropy (tags other than ``O``
weighted ``--weight``), AdamW, batches of 8 windows, the learning rate falling linearly to a
twentieth of ``--lr`` at the last epoch.

Every tenth train text (in name order, so every outlet), ``--hold`` of them, is held out: after
each epoch the tagger is scored on them (source spans, overlap match, one to one, as
``eval/quotes.py`` matches), and the first epoch whose source F1 is within ``TOLERANCE`` of the
best is written. ``--hold 0`` trains on every train text for ``--epochs`` epochs and writes the
last one. The packaged tagger is the held-out run's choice: trained on the other 756 texts,
which keeps its held-out figure honest and spares a second run. To reproduce::

    python eval/train_sources.py --epochs 10 --cache /tmp/train.spacy

Dev is never read. Training is seeded (``--seed``); torch on CPU. Without the data it skips.
"""

from __future__ import annotations

import argparse
import copy
import logging
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quotes import GoldAttribution, Score, data_dir, load_split, match  # noqa: E402
from train_cues import parsed  # noqa: E402

log = logging.getLogger("train_sources")

TOLERANCE = 0.005  # the first epoch this close to the best held-out F1 is taken
HOLD_EVERY = 10  # every tenth text (in name order, so every outlet) is held out
BATCH = 8  # windows per step
FLOOR = 0.05  # the learning rate's last factor


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


def token_tags(doc, spans: list) -> list[int]:
    """Each token's tag id (an index into ``TAGS``) from the gold spans of one text."""
    from ceasewatch.extract.attribution_tagger import TAGS

    tags = [0] * len(doc)
    for span in spans:
        tags[span.start] = TAGS.index(f"B-{span.label_}")
        for i in range(span.start + 1, span.end):
            tags[i] = TAGS.index(f"I-{span.label_}")
    return tags


def schedule(step: int, steps: int) -> float:
    """The learning rate's factor at ``step`` of ``steps``: from 1 down to ``FLOOR``."""
    return max(FLOOR, 1.0 - step / max(1, steps))


def held_out_score(tagger, held: list) -> Score:
    """Source spans the tagger finds in the held-out texts, scored against their gold."""
    from ceasewatch.extract.attribution_tagger import decode

    pairs = []
    for doc, tags, features in held:
        found = tagger.tag(doc, features).sources
        gold = decode(tags).sources
        chars = [[(doc[a:b].start_char, doc[a:b].end_char) for a, b in s] for s in (found, gold)]
        pairs.append((chars[0], chars[1]))
    return overlap_score(pairs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="data root (default $CEASEWATCH_DATA or ../shared/data)")
    parser.add_argument("--out", help="tagger file (default: the packaged one)")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--hidden", type=int, default=128, help="LSTM width, each direction")
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--weight", type=float, default=1.0, help="loss weight of tags not O")
    parser.add_argument(
        "--hold", type=int, default=84, help="train texts held out to choose the epoch (0: none)"
    )
    parser.add_argument("--cache", help="DocBin file caching the parsed train texts")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N texts")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    if args.epochs < 1:
        print("error: --epochs must be at least 1")
        return 2
    if args.limit and not args.out:
        print("error: --limit trains a trial tagger; give --out so the packaged one is kept")
        return 2
    root = data_dir(args.data)
    if not (root / "quotes" / "polnear" / "train").is_dir():
        print(f"skip: no PolNeAR train split under {root / 'quotes' / 'polnear'}")
        return 0

    import torch

    from ceasewatch.extract.attribution_tagger import (
        TAGGER_FILE,
        TAGS,
        EncoderAttributionTagger,
    )

    rows = load_split(root, "train", args.limit)
    docs = parsed(rows, args.cache)
    texts = [
        (doc, token_tags(doc, gold_spans(doc, gold)))
        for doc, (_, _, gold) in zip(docs, rows, strict=True)
    ]
    train, held = split(texts, args.hold)
    if not train:
        print(f"error: {len(texts)} texts leave nothing to train on with --hold {args.hold}")
        return 2
    log.info("%d texts to train on, %d held out", len(train), len(held))

    random.seed(args.seed)
    tagger = EncoderAttributionTagger.fresh(hidden=args.hidden, seed=args.seed)
    examples = []
    for doc, tags in train:
        for part, vectors in tagger.features(doc):
            examples.append((vectors.half(), torch.tensor([tags[i] for i in part])))
    held = [(doc, tags, tagger.features(doc)) for doc, tags in held]
    log.info("%d windows to train on", len(examples))
    optimizer = torch.optim.AdamW(tagger.head.parameters(), lr=args.lr, weight_decay=1e-4)
    steps = args.epochs * -(-len(examples) // BATCH)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: schedule(s, steps))
    weight = torch.tensor([1.0] + [args.weight] * (len(TAGS) - 1))
    out = Path(args.out) if args.out else TAGGER_FILE
    kept: list[tuple[float, dict]] = []  # per epoch: held-out source F1, the head's weights
    for epoch in range(args.epochs):
        started = time.perf_counter()
        total = _epoch(tagger, examples, optimizer, scheduler, weight)
        if not held:
            log.info("epoch %d: loss %.1f (%.0f s)", epoch, total, time.perf_counter() - started)
            continue
        score = held_out_score(tagger, held)
        log.info(
            "epoch %d: loss %.1f, held-out sources P %.3f R %.3f F1 %.3f (%.0f s)",
            epoch,
            total,
            score.precision,
            score.recall,
            score.f1,
            time.perf_counter() - started,
        )
        kept.append((score.f1, copy.deepcopy(tagger.head.state_dict())))
    if not held:
        tagger.save(out)
        log.info("wrote %s (all %d texts, %d epochs)", out, len(train), args.epochs)
        return 0
    best = max(f1 for f1, _ in kept)
    epoch = next(i for i, (f1, _) in enumerate(kept) if f1 >= best - TOLERANCE)
    tagger.head.load_state_dict(kept[epoch][1])
    tagger.save(out)
    log.info(
        "wrote %s: epoch %d, held-out source F1 %.3f (best %.3f)", out, epoch, kept[epoch][0], best
    )
    return 0


def _epoch(tagger, examples: list, optimizer, scheduler, weight) -> float:
    """One pass over the windows in shuffled batches; the summed loss."""
    import torch

    order = list(range(len(examples)))
    random.shuffle(order)
    tagger.head.train()
    total = 0.0
    for at in range(0, len(order), BATCH):
        batch = [examples[i] for i in order[at : at + BATCH]]
        vectors = torch.nn.utils.rnn.pad_sequence([v.float() for v, _ in batch], batch_first=True)
        targets = torch.nn.utils.rnn.pad_sequence(
            [t for _, t in batch], batch_first=True, padding_value=-100
        )
        lengths = torch.tensor([len(t) for _, t in batch])
        logits = tagger.head(vectors, lengths)
        loss = torch.nn.functional.cross_entropy(
            logits.reshape(-1, logits.shape[-1]),
            targets.reshape(-1),
            weight=weight,
            ignore_index=-100,
        )
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        scheduler.step()
        total += loss.item()
    return total


if __name__ == "__main__":
    sys.exit(main())
