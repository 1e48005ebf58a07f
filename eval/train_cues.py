"""Learn the broad-mode attribution cue model from PolNeAR's train split.

Usage::

    /work/venv/bin/python eval/train_cues.py [--data DIR] [--out PATH] [--folds 5] [--l2 X]
        [--cache FILE] [--limit N]

Every verb, noun and predicative adjective of the train texts is an example, described by
:func:`ceasewatch.extract.cue_model.token_features` (built on
:func:`ceasewatch.extract.claims.cue_features`: kind, lemma, context class, plus the words and
relations around it, names and numbers only as their tags; any feature holding a word the texts
capitalise inside sentences at least four times in five is dropped, see :func:`name_words`).
It is a cue when it heads a gold Cue span (the token of the span whose head lies outside it, or
hangs on an auxiliary of the span: "was *worried* about"). Tokens inside a gold Content span or
inside quote marks are left out: PolNeAR annotates almost no attribution nested in another's
content, and the extractor reads no cue inside quotes.

The model is :class:`ceasewatch.extract.cue_model.LogisticCueModel`, fitted with numpy
(L2-regularised log loss, full-batch Adam from zero weights for a fixed number of steps:
deterministic) and written to ``data/attribution_cues.json``; weights under ``PRUNE`` in
magnitude are dropped. Broad mode takes a token as a cue when its probability reaches the
threshold, and drops a verb or adjective of the hand lexicons (speech verbs excepted) whose
probability is under the veto. Everything is chosen on train alone: the L2 strength by the
pooled held-out log loss of the folds (texts split into folds by position), then the threshold
and veto by scoring each fold end to end (broad mode, speaker and content overlap, as
``eval/quotes.py`` scores dev) with the model learned on the other folds, keeping the setting
with the best mean F1 over the pooled folds; by default only among settings whose pooled speaker
and content precision are not below those of the hand lexicons alone (``--objective f1`` drops
that condition). The output is deterministic for a given train split and spaCy model. Without
the data it skips.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quotes import GoldAttribution, Score, data_dir, load_split, score_document  # noqa: E402

log = logging.getLogger("train_cues")

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "ceasewatch" / "data" / "attribution_cues.json"
LR_THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
LR_VETOES = (0.0, 0.05, 0.1, 0.2, 0.3)
L2S = (1.0, 3.0, 6.0)
MIN_FEATURE = 2  # features seen in fewer training examples get no weight
STEPS = 300
PRUNE = 0.05  # smaller weights change no decision measurably; the file stays under 1 MB

FeatureExample = tuple[list[str], bool]
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


def feature_examples(doc, gold: list[GoldAttribution]) -> list[FeatureExample]:
    """(token_features, is_cue) for each candidate token outside contents and quotes."""
    from ceasewatch.extract import claims
    from ceasewatch.extract.cue_model import token_features

    blocked, heads = _blocked_and_heads(doc, gold)
    claims._INDEXES[id(doc)] = claims._DocIndex(doc)
    try:
        out = []
        for token in doc:
            if blocked[token.idx]:
                continue
            features = token_features(token)
            if features is not None:
                out.append((features, token.i in heads))
        return out
    finally:
        claims._INDEXES.pop(id(doc), None)


def name_words(docs: list) -> set[str]:
    """Lower-cased words and lemmas the texts capitalise inside sentences at least four times
    in five: names, which no feature of the packaged model may carry (the tagger does not
    always tag a surname as a proper noun)."""
    upper: Counter = Counter()
    lower: Counter = Counter()
    for doc in docs:
        for t in doc:
            if not t.is_alpha or t.is_sent_start:
                continue
            counts = upper if t.text[:1].isupper() else lower
            counts[t.lower_] += 1
            counts[t.lemma_.lower()] += 1
    return {w for w, n in upper.items() if n >= 4 * lower[w]}


def scrub(features: list[str], names: set[str]) -> list[str]:
    """The features none of whose word parts is one of ``names`` (the structural parts of
    feature names, ``cue_model.MARKERS``, and the pronoun "i" are no names)."""
    from ceasewatch.extract.cue_model import MARKERS

    names = names - MARKERS - {"i"}
    return [f for f in features if not any(part in names for part in f.split("|"))]


def _blocked_and_heads(doc, gold: list[GoldAttribution]) -> tuple[bytearray, set[int]]:
    """Characters inside gold contents or quotes, and the token indexes heading a gold cue."""
    from ceasewatch.extract.claims import find_quotes

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
    return blocked, heads


def fit_logistic(
    rows: list[list[FeatureExample]],
    l2: float = 3.0,
    threshold: float = 0.5,
    veto: float = 0.0,
    prune: float = 0.0,
):
    """A LogisticCueModel from the feature examples of some documents (numpy, deterministic).

    Minimises the summed log loss plus ``l2 / 2 * |w|^2`` (the bias included) by full-batch Adam
    from zero weights for ``STEPS`` steps; features seen in fewer than ``MIN_FEATURE`` examples
    are left out, and weights under ``prune`` in magnitude are dropped.
    """
    import numpy as np

    from ceasewatch.extract.cue_model import LogisticCueModel

    seen: Counter = Counter(f for doc in rows for features, _ in doc for f in set(features))
    names = sorted(f for f, n in seen.items() if n >= MIN_FEATURE)
    vocab = {f: i for i, f in enumerate(names)}
    idx: list[int] = []
    ptr = [0]
    labels: list[float] = []
    for doc in rows:
        for features, cue in doc:
            idx.extend(sorted({vocab[f] for f in features if f in vocab}))
            ptr.append(len(idx))
            labels.append(float(cue))
    cols = np.array(idx, dtype=np.int64)
    y = np.array(labels)
    example = np.repeat(np.arange(len(y)), np.diff(np.array(ptr)))
    w = np.zeros(len(vocab))
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    rate, beta1, beta2 = 0.1, 0.9, 0.999
    for step in range(1, STEPS + 1):
        z = np.bincount(example, weights=w[cols], minlength=len(y))
        p = 1.0 / (1.0 + np.exp(-z))
        g = np.bincount(cols, weights=(p - y)[example], minlength=len(w)) + l2 * w
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        w -= rate * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + 1e-8)
    weights = {f: round(float(w[i]), 4) for f, i in vocab.items() if abs(w[i]) >= max(prune, 1e-9)}
    return LogisticCueModel(weights=weights, threshold=threshold, veto=veto)


def choose_l2(per_doc: list[list[FeatureExample]], folds: int) -> tuple[float, dict[float, float]]:
    """The L2 strength of ``L2S`` with the least pooled held-out log loss over the folds."""
    losses: dict[float, float] = {}
    for l2 in L2S:
        total, count = 0.0, 0
        for fold in range(folds):
            model = fit_logistic([ex for i, ex in enumerate(per_doc) if i % folds != fold], l2)
            for i, doc in enumerate(per_doc):
                if i % folds != fold:
                    continue
                for features, cue in doc:
                    p = min(max(model.probability(features), 1e-9), 1 - 1e-9)
                    total -= math.log(p if cue else 1 - p)
                    count += 1
        losses[l2] = total / max(count, 1)
        log.info("l2 %s: held-out log loss %.4f", l2, losses[l2])
    return min(losses, key=lambda k: (losses[k], k)), losses


class _CachedScores:
    """A cue model whose scores of one document's tokens were computed once (CV speed-up)."""

    def __init__(self, scores: dict[int, float], threshold: float, veto: float) -> None:
        self.scores = scores
        self.threshold = threshold
        self.veto = veto

    def score(self, token) -> float:
        return self.scores.get(token.i, 0.0)


def _token_scores(model, doc) -> dict[int, float]:
    from ceasewatch.extract import claims

    claims._INDEXES[id(doc)] = claims._DocIndex(doc)
    try:
        return {t.i: s for t in doc if (s := model.score(t)) > 0.0}
    finally:
        claims._INDEXES.pop(id(doc), None)


def cross_validate(
    rows: list[tuple[str, str, list]],
    docs: list,
    featured: list[list[FeatureExample]],
    folds: int,
    l2: float,
    settings: list[Setting],
) -> dict[Setting | None, dict[str, Score]]:
    """Broad-mode scores pooled over folds, per (threshold, veto); None: no learned cues."""
    from ceasewatch.extract.claims import extract_claims
    from ceasewatch.model import Document

    results: dict[Setting | None, dict[str, Score]] = {}
    all_settings: list[Setting | None] = [None, *settings]
    for fold in range(folds):
        model = fit_logistic([ex for i, ex in enumerate(featured) if i % folds != fold], l2)
        cached = {i: _token_scores(model, doc) for i, doc in enumerate(docs) if i % folds == fold}
        for setting in all_settings:
            scores = results.setdefault(
                setting, {f"{k}_overlap": Score() for k in ("speaker", "content")}
            )
            for i, ((name, text, gold), doc) in enumerate(zip(rows, docs, strict=True)):
                if i % folds != fold:
                    continue
                learned = (
                    False if setting is None else _CachedScores(cached[i], setting[0], setting[1])
                )
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
    """JSON with one weight a line: diffs show which weights changed."""
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
    parser.add_argument("--out", default=str(OUT), help="where to write the model")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (0: none)")
    parser.add_argument("--threshold", type=float, help="skip cross-validation, use this")
    parser.add_argument("--veto", type=float, default=0.0, help="veto with --threshold")
    parser.add_argument("--l2", type=float, help="this L2 strength, not chosen by CV")
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
    names = name_words(docs)
    featured = [
        [(scrub(features, names), cue) for features, cue in feature_examples(doc, gold)]
        for doc, (_, _, gold) in zip(docs, rows, strict=True)
    ]
    n_examples = sum(len(e) for e in featured)
    n_cues = sum(c for e in featured for _, c in e)
    print(f"train: {len(rows)} texts, {n_examples} candidate tokens, {n_cues} gold cue heads")
    l2 = args.l2 if args.l2 is not None else 3.0
    if args.l2 is None and args.folds > 1:
        l2, losses = choose_l2(featured, args.folds)
        print(f"\n{args.folds}-fold held-out log loss by L2 strength:\n")
        print("| L2 | log loss |\n|---|---|")
        for key, loss in losses.items():
            print(f"| {key} | {loss:.4f} |")
        print(f"\nchosen: L2 {l2}")

    setting: Setting = (args.threshold, args.veto) if args.threshold is not None else (0.5, 0.0)
    if args.threshold is None and args.folds > 1:
        grid = [(t, v) for t in LR_THRESHOLDS for v in LR_VETOES if v < t]
        results = cross_validate(rows, docs, featured, args.folds, l2, grid)
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
    model = fit_logistic(featured, l2, threshold=setting[0], veto=setting[1], prune=PRUNE)
    out = Path(args.out)
    out.write_text(dumps(model.to_json()), encoding="utf-8")
    detail = f"{len(model.weights)} weights, L2 {l2}"
    print(
        f"wrote {out} ({out.stat().st_size} bytes; {detail}) "
        f"in {time.perf_counter() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
