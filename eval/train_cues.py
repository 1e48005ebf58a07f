"""Learn the broad-mode attribution cue table from PolNeAR's train split.

Usage::

    /work/venv/bin/python eval/train_cues.py [--data DIR] [--out PATH] [--folds 5]
        [--cache FILE] [--limit N]

Every verb, noun and predicative adjective of the train texts is an example, described by
:func:`ceasewatch.extract.claims.cue_features` (kind, lemma, context class: who stands as the
source, what follows as content, voice). It is a cue when it heads a gold Cue span (the token of
the span whose head lies outside it, or hangs on an auxiliary of the span: "was *worried*
about"). Tokens inside a gold Content span or inside quote marks are left out: PolNeAR annotates
almost no attribution nested in another's content, and the extractor reads no cue inside quotes.

The counts go into :class:`ceasewatch.extract.claims.CueModel`; only lemmas seen as a cue or seen
often are kept, with no text of the corpus (lemmas and numbers only). Broad mode takes a token
as a cue when its learned rate reaches the threshold, and drops a verb or adjective of the hand
lexicons (speech verbs excepted) whose rate is under the veto. Both are chosen by
cross-validation on train alone: the texts are split into folds by position, each fold is
scored (broad mode, speaker and content overlap, as ``eval/quotes.py`` scores dev) with the table
learned on the other folds, and the setting with the best mean F1 over the pooled folds is kept;
by default only among settings whose pooled speaker and content precision are not below those of
the hand lexicons alone (``--objective f1`` drops that condition). The output is deterministic
for a given train split and spaCy model. Without the data it skips.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quotes import GoldAttribution, Score, data_dir, load_split, score_document  # noqa: E402

log = logging.getLogger("train_cues")

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "ceasewatch" / "data" / "attribution_cues.json"
THRESHOLDS = (0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75)
VETOES = (0.25, 0.35, 0.45)
MIN_LEMMA = 5  # lemmas never seen as a cue are kept from this many occurrences on
MIN_CELL = 3

Example = tuple[str, str, str, bool]
Setting = tuple[float, float]  # threshold, veto


def parsed(rows: list[tuple[str, str, list]], cache: str | None) -> list:
    """spaCy docs of the texts, read from or written to a DocBin ``cache`` when given."""
    from spacy.tokens import DocBin

    from ceasewatch.extract.nlp import load_nlp

    nlp = load_nlp()
    if cache and Path(cache).exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) == len(rows) and all(d.text == r[1] for d, r in zip(docs, rows, strict=True)):
            return docs
        log.info("cache %s does not match the texts; parsing again", cache)
    docs = list(nlp.pipe([text for _, text, _ in rows], batch_size=16))
    if cache:
        bin_ = DocBin(docs=docs)
        bin_.to_disk(cache)
    return docs


def examples(doc, gold: list[GoldAttribution]) -> list[Example]:
    """(kind, lemma, context, is_cue) for each candidate token outside contents and quotes."""
    from ceasewatch.extract.claims import doc_cue_features, find_quotes

    text = doc.text
    blocked = bytearray(len(text) + 1)
    for a, b in [g.content for g in gold] + [(q.start, q.end) for q in find_quotes(text)]:
        blocked[a:b] = b"\x01" * (b - a)
    heads: set[int] = set()
    for g in gold:
        if g.cue is None:
            continue
        span = doc.char_span(g.cue[0], g.cue[1], alignment_mode="expand")
        if span is None:
            continue
        inside = {t.i for t in span}
        for t in span:
            if t.head.i == t.i or t.head.i not in inside or t.head.pos_ == "AUX":
                heads.add(t.i)
    return [
        (*features, token.i in heads)
        for token, features in doc_cue_features(doc)
        if not blocked[token.idx]
    ]


def fit(rows: list[list[Example]], threshold: float = 0.5, veto: float = 0.0, prune: bool = False):
    """A CueModel from the examples of some documents."""
    from ceasewatch.extract.claims import CueModel

    seen: Counter = Counter()
    cues: Counter = Counter()
    for doc_examples in rows:
        for kind, lemma, context, cue in doc_examples:
            for key in (
                ("kinds", kind),
                ("contexts", f"{kind}|{context}"),
                ("lemmas", f"{kind}|{lemma}"),
                ("cells", f"{kind}|{lemma}|{context}"),
            ):
                seen[key] += 1
                cues[key] += cue
    levels: dict[str, dict[str, tuple[int, int]]] = {
        "kinds": {},
        "contexts": {},
        "lemmas": {},
        "cells": {},
    }
    for (level, key), n in seen.items():
        levels[level][key] = (n, cues[(level, key)])
    if prune:
        lemmas = {
            key: (n, k) for key, (n, k) in levels["lemmas"].items() if k > 0 or n >= MIN_LEMMA
        }
        cells = {
            key: (n, k)
            for key, (n, k) in levels["cells"].items()
            if "|".join(key.split("|", 2)[:2]) in lemmas and (k > 0 or n >= MIN_CELL)
        }
        levels["lemmas"], levels["cells"] = lemmas, cells
    return CueModel(threshold=threshold, veto=veto, **levels)


def cross_validate(
    rows: list[tuple[str, str, list]], docs: list, per_doc: list[list[Example]], folds: int
) -> dict[Setting | None, dict[str, Score]]:
    """Broad-mode scores pooled over folds, per (threshold, veto); None: no learned cues."""
    import dataclasses

    from ceasewatch.extract.claims import extract_claims
    from ceasewatch.model import Document

    results: dict[Setting | None, dict[str, Score]] = {}
    settings: list[Setting | None] = [None, *((t, v) for t in THRESHOLDS for v in VETOES)]
    for fold in range(folds):
        model = fit([ex for i, ex in enumerate(per_doc) if i % folds != fold], prune=True)
        for setting in settings:
            learned = (
                False
                if setting is None
                else dataclasses.replace(model, threshold=setting[0], veto=setting[1])
            )
            scores = results.setdefault(
                setting, {f"{k}_overlap": Score() for k in ("speaker", "content")}
            )
            for i, ((name, text, gold), doc) in enumerate(zip(rows, docs, strict=True)):
                if i % folds != fold:
                    continue
                document = Document(id=name, text=text)
                claims = extract_claims(doc, document, broad=True, learned=learned)
                part = {
                    (k, m): Score() for k in ("speaker", "content") for m in ("overlap", "exact")
                }
                score_document(text, gold, claims, part)
                for kind in ("speaker", "content"):
                    got = part[(kind, "overlap")]
                    scores[f"{kind}_overlap"].add(got.tp, got.fp, got.fn)
        log.info("fold %d done", fold)
    return results


def dumps(raw: dict) -> str:
    """JSON with one table entry a line: small, and diffs show which counts changed."""
    lines = []
    for name, value in sorted(raw.items()):
        if isinstance(value, dict):
            entries = ",\n".join(
                f"{json.dumps(k)}:{json.dumps(v, separators=(',', ':'))}"
                for k, v in sorted(value.items())
            )
            lines.append(f"{json.dumps(name)}:{{\n{entries}}}")
        else:
            lines.append(f"{json.dumps(name)}:{json.dumps(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def kept(scores: dict[str, Score], base: dict[str, Score]) -> bool:
    """Speaker and content precision at least those of the hand lexicons alone."""
    return all(scores[k].precision >= base[k].precision for k in base)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="data root (default $CEASEWATCH_DATA or ../shared/data)")
    parser.add_argument("--out", default=str(OUT), help="where to write the cue table")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (0: none)")
    parser.add_argument("--threshold", type=float, help="skip cross-validation, use this")
    parser.add_argument("--veto", type=float, default=0.0, help="veto with --threshold")
    parser.add_argument(
        "--objective",
        choices=("f1-keep-precision", "f1"),
        default="f1-keep-precision",
        help="best mean F1 among settings whose precision is not below the lexicons' (default), "
        "or best mean F1",
    )
    parser.add_argument("--cache", help="DocBin file caching the parsed train texts")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N texts")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    root = data_dir(args.data)
    if not (root / "quotes" / "polnear" / "train").is_dir():
        print(f"skip: no PolNeAR train split under {root / 'quotes' / 'polnear'}")
        return 0
    rows = load_split(root, "train", args.limit)
    if not rows:
        print("skip: no annotated texts in train")
        return 0
    started = time.perf_counter()
    docs = parsed(rows, args.cache)
    per_doc = [examples(doc, gold) for doc, (_, _, gold) in zip(docs, rows, strict=True)]
    n_examples = sum(len(e) for e in per_doc)
    n_cues = sum(c for e in per_doc for *_, c in e)
    print(f"train: {len(rows)} texts, {n_examples} candidate tokens, {n_cues} gold cue heads")

    setting: Setting = (args.threshold, args.veto) if args.threshold is not None else (0.5, 0.0)
    if args.threshold is None and args.folds > 1:
        results = cross_validate(rows, docs, per_doc, args.folds)
        print(f"\n{args.folds}-fold cross-validation on train (broad mode, pooled):\n")
        print(
            "| threshold | veto | speaker P/R/F1 (overlap) | content P/R/F1 (overlap) | mean F1 |"
        )
        print("|---|---|---|---|---|")
        best: tuple[Setting, float] | None = None
        base = results[None]
        for key, scores in results.items():
            s, c = scores["speaker_overlap"], scores["content_overlap"]
            mean = (s.f1 + c.f1) / 2
            t, v = ("off", "-") if key is None else key
            print(
                f"| {t} | {v} | {s.precision:.3f}/{s.recall:.3f}/{s.f1:.3f} | "
                f"{c.precision:.3f}/{c.recall:.3f}/{c.f1:.3f} | {mean:.4f} |"
            )
            if key is None or (args.objective == "f1-keep-precision" and not kept(scores, base)):
                continue
            if best is None or mean > best[1] + 1e-9:
                best = (key, mean)
        if best is not None:
            setting = best[0]
        print(f"\nchosen: threshold {setting[0]}, veto {setting[1]}")
    model = fit(per_doc, threshold=setting[0], veto=setting[1], prune=True)
    out = Path(args.out)
    out.write_text(dumps(model.to_json()), encoding="utf-8")
    print(
        f"wrote {out} ({out.stat().st_size} bytes; {len(model.lemmas)} lemmas, "
        f"{len(model.cells)} cells) in {time.perf_counter() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
