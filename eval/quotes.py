"""Quote and attribution accuracy against PolNeAR (BRAT standoff).

Usage::

    /work/venv/bin/python eval/quotes.py [--data DIR] [--split dev] [--limit N] [--markdown OUT]
        [--json OUT] [--errors {speech,broad}]

``--errors MODE`` adds a breakdown for one mode: each gold attribution against the claim whose
content overlaps it most (missed; content exact, too long, too short, shifted; speaker exact,
wrong, too long, too short), by cue class (verb lemma, noun, preposition), and the claims that
overlap no gold content, by cue word.

Data: ``DIR/quotes/polnear/{train,dev}/text/*.txt`` and ``.../attributions/*.ann`` where DIR is
``--data``, else ``$CEASEWATCH_DATA``, else ``../shared/data`` relative to the repository. Some
texts were annotated by several annotators (``<name>_<annotator>.ann``); the first annotation
file in sorted order is used, so every text counts once.

Gold: every ``E`` line of type ``Attribution`` gives one attribution with a Content span, a Cue
and, for most, a Source span (``Attribution-no-source`` relations and a few others have none).
Discontinuous spans (``start end;start end``) are reduced to their extent (first start, last
end). ``Discuss`` and ``Discard`` annotations are ignored.

Scoring is per span type (speaker = Source, content = Content), over the set of distinct spans
of each document:

* **overlap**: a predicted span matches a gold span if they share at least one character; each
  gold span and each predicted span is matched at most once (greedy, largest overlap first).
* **exact**: the spans are equal after trimming whitespace, punctuation and quote marks at both
  ends.

Attributions with no Source span contribute their Content to the content score only. A
predicted speaker span is not counted as a false positive when its claim's content matches
(overlap) the content of a gold attribution that has no Source: the gold says there is an
attribution but marks no speaker span to compare with.

Both the default extractor (speech cues) and ``broad=True`` (attitudes, plans, findings too) are
scored. A last line gives lenient recall on the gold attributions whose cue is a speech verb of
the default lexicon, the part of PolNeAR the default extractor is meant to cover.

PolNeAR annotates more than speech (polls "showing", people "wanting", "believing", and also
acts such as "voted against", "approved a bill"), so recall on it is a lower bound for speech
attribution. The broad rows are the attribution measure: broad mode follows PolNeAR's
definition (attitudes, plans and stances; outermost attributions only, as PolNeAR annotates
almost no attribution nested in another's content; a relative pronoun as the source of a cue in
a relative clause; a transcript turn as the outer attribution of what is said in it; a quote
after a colon with a name right before it, "- Jane Smith: “...”") and adds the cues of the model
that ``eval/train_cues.py`` learns from the train split (never from dev), and the sources of the
tagger ``eval/train_sources.py`` learns there, where no rule found them. ``--split train``
with ``--limit`` scores a slice of train, where rules are decided before dev confirms them (the
learned parts have seen those texts: ``extract_claims(..., learned=False, tagger=False)`` scores
the rules alone).
The pipeline calls ``extract_claims(doc, document)``, i.e. the speech rows, because broad mode
also turns plans, votes and stances into claims, which a ledger of who said what does not want;
precision is the figure to read there.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TRIM = " \t\n\r.,;:!?\"'“”‘’«»()[]—–-"


@dataclass(frozen=True)
class GoldAttribution:
    content: tuple[int, int]
    source: tuple[int, int] | None
    cue: tuple[int, int] | None = None


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def data_dir(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    env = os.environ.get("CEASEWATCH_DATA")
    if env:
        return Path(env)
    return REPO.parent / "shared" / "data"


def parse_span(field: str) -> tuple[int, int]:
    parts = [p.split() for p in field.split(";")]
    return int(parts[0][0]), int(parts[-1][1])


def read_ann(path: Path) -> list[GoldAttribution]:
    spans: dict[str, tuple[str, tuple[int, int]]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            label, _, offsets = cols[1].partition(" ")
            spans[cols[0]] = (label, parse_span(offsets))
        elif line.startswith("E") and len(cols) >= 2:
            args = dict(a.split(":", 1) for a in cols[1].split() if ":" in a)
            relations.append(args)
    out = []
    for args in relations:
        kind = next(iter(args), "")
        if not kind.startswith("Attribution"):
            continue
        content = args.get("Content")
        if content not in spans:
            continue
        source = args.get("Source")
        cue = args.get("Cue")
        out.append(
            GoldAttribution(
                content=spans[content][1],
                source=spans[source][1] if source in spans else None,
                cue=spans[cue][1] if cue in spans else None,
            )
        )
    return out


def load_split(root: Path, split: str, limit: int | None) -> list[tuple[str, str, list]]:
    base = root / "quotes" / "polnear" / split
    anns: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        anns.setdefault(stem, ann)
    rows = []
    for txt in sorted((base / "text").glob("*.txt")):
        if txt.stem not in anns:
            continue
        rows.append((txt.stem, txt.read_text(encoding="utf-8"), read_ann(anns[txt.stem])))
        if limit and len(rows) >= limit:
            break
    return rows


def trimmed(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def match(
    text: str, pred: list[tuple[int, int]], gold: list[tuple[int, int]], exact: bool
) -> tuple[int, list[int]]:
    """Number of one-to-one matches and, per prediction, the gold index it matched (-1)."""
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if exact:
                if trimmed(text, p) == trimmed(text, g):
                    pairs.append((1, i, j))
            else:
                overlap = min(p[1], g[1]) - max(p[0], g[0])
                if overlap > 0:
                    pairs.append((overlap, i, j))
    pairs.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    assigned = [-1] * len(pred)
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        assigned[i] = j
    return len(used_p), assigned


def score_document(text: str, gold: list[GoldAttribution], claims: list, scores: dict) -> None:
    gold_content = sorted({g.content for g in gold})
    gold_source = sorted({g.source for g in gold if g.source is not None})
    no_source_content = [g.content for g in gold if g.source is None]
    pred_content = sorted({(c.content_span.start, c.content_span.end) for c in claims})
    speakers: dict[tuple[int, int], bool] = {}
    for c in claims:
        if c.speaker_span is None:
            continue
        key = (c.speaker_span.start, c.speaker_span.end)
        content = (c.content_span.start, c.content_span.end)
        unscorable = any(min(content[1], g[1]) > max(content[0], g[0]) for g in no_source_content)
        speakers[key] = speakers.get(key, True) and unscorable
    for exact in (False, True):
        mode = "exact" if exact else "overlap"
        n, _ = match(text, pred_content, gold_content, exact)
        scores[("content", mode)].add(n, len(pred_content) - n, len(gold_content) - n)
        pred_source = sorted(speakers)
        n, assigned = match(text, pred_source, gold_source, exact)
        ignored = sum(
            1 for k, j in zip(pred_source, assigned, strict=True) if j < 0 and speakers[k]
        )
        scores[("speaker", mode)].add(n, len(pred_source) - n - ignored, len(gold_source) - n)


def speech_recall(doc, gold: list[GoldAttribution], claims: list, counts: list[int]) -> None:
    """Lenient recall on gold attributions whose cue is a speech verb of the default lexicon.

    A gold attribution counts as found when some claim's content overlaps its content; its
    speaker counts as found when that claim's speaker span also overlaps the gold Source.
    """
    from ceasewatch.extract.claims import SPEECH_CUES

    for g in gold:
        if g.cue is None:
            continue
        cue = doc.char_span(g.cue[0], g.cue[1], alignment_mode="expand")
        words = {t.lemma_.lower() for t in cue} if cue is not None else set()
        if not words & SPEECH_CUES and "according" not in words:
            continue
        counts[0] += 1
        found = [
            c
            for c in claims
            if min(c.content_span.end, g.content[1]) > max(c.content_span.start, g.content[0])
        ]
        counts[1] += bool(found)
        if g.source is not None:
            counts[2] += 1
            counts[3] += any(
                c.speaker_span is not None
                and min(c.speaker_span.end, g.source[1]) > max(c.speaker_span.start, g.source[0])
                for c in found
            )


def cue_class(doc, cue: tuple[int, int] | None) -> str:
    """'verb:say', 'noun:statement', 'prep:according to', 'none' for a gold cue span."""
    if cue is None:
        return "none"
    span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if span is None or not len(span):
        return "other:?"
    words = " ".join(t.lower_ for t in span)
    if "according" in words:
        return "prep:according to"
    content = [t for t in span if t.pos_ in ("VERB", "NOUN", "ADJ", "ADP", "PROPN")]
    verbs = [t for t in content if t.pos_ == "VERB"]
    head = (verbs or content or list(span))[-1 if not verbs else 0]
    kind = {"VERB": "verb", "NOUN": "noun", "ADP": "prep", "ADJ": "adj"}.get(head.pos_, "other")
    return f"{kind}:{head.lemma_.lower()}"


def span_error(text: str, pred: tuple[int, int], gold: tuple[int, int]) -> str:
    """How an overlapping prediction differs from its gold span."""
    p, g = trimmed(text, pred), trimmed(text, gold)
    if p == g:
        return "exact"
    if p[0] <= g[0] and p[1] >= g[1]:
        return "too long"
    if p[0] >= g[0] and p[1] <= g[1]:
        return "too short"
    return "shifted"


def error_rows(doc, text: str, gold: list[GoldAttribution], claims: list, errors: dict) -> None:
    """Per gold attribution: cue class, content error and speaker error (best content overlap).

    Also counts predicted claims whose content overlaps no gold content, by cue word.
    """

    def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
        return min(a[1], b[1]) - max(a[0], b[0])

    rows = errors.setdefault("rows", [])
    for g in gold:
        cls = cue_class(doc, g.cue)
        found = [
            (overlap((c.content_span.start, c.content_span.end), g.content), c) for c in claims
        ]
        found = [(o, c) for o, c in found if o > 0]
        if not found:
            rows.append((cls, "missed", "missed"))
            continue
        best = max(found, key=lambda oc: oc[0])[1]
        content = span_error(text, (best.content_span.start, best.content_span.end), g.content)
        if g.source is None:
            speaker = "no gold source"
        elif best.speaker_span is None:
            speaker = "no speaker"
        else:
            s = (best.speaker_span.start, best.speaker_span.end)
            speaker = span_error(text, s, g.source) if overlap(s, g.source) > 0 else "wrong"
        rows.append((cls, content, speaker))
    fps = errors.setdefault("false_positives", {})
    for c in claims:
        span = (c.content_span.start, c.content_span.end)
        if not any(overlap(span, g.content) > 0 for g in gold):
            key = (c.cue or "").split()[-1].lower() if c.cue else "?"
            fps[key] = fps.get(key, 0) + 1


def error_report(errors: dict, top: int = 40) -> list[str]:
    """Markdown lines: error kinds overall and by cue class, false positives by cue."""
    from collections import Counter

    rows = errors.get("rows", [])
    lines = ["", "Errors by kind (each gold attribution against its best-overlapping claim):", ""]
    for column, name in ((1, "content"), (2, "speaker")):
        counts = Counter(r[column] for r in rows)
        lines.append(f"- {name}: " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
    by_kind = Counter(r[0].split(":")[0] for r in rows)
    missed_kind = Counter(r[0].split(":")[0] for r in rows if r[1] == "missed")
    lines.append(
        "- cue kinds (gold / missed): "
        + ", ".join(f"{k} {v}/{missed_kind[k]}" for k, v in by_kind.most_common())
    )
    lines += [
        "",
        "| cue | gold | missed | content exact | content long/short/shifted | speaker ok "
        "| speaker wrong/none | speaker long/short/shifted |",
        "|---|---|---|---|---|---|---|---|",
    ]
    by_cue: dict[str, list[tuple[str, str, str]]] = {}
    for r in rows:
        by_cue.setdefault(r[0], []).append(r)
    for cue, group in sorted(by_cue.items(), key=lambda kv: -len(kv[1]))[:top]:
        c = Counter(r[1] for r in group)
        s = Counter(r[2] for r in group)
        lines.append(
            f"| {cue} | {len(group)} | {c['missed']} | {c['exact']} | "
            f"{c['too long']}/{c['too short']}/{c['shifted']} | {s['exact']} | "
            f"{s['wrong']}/{s['no speaker']} | {s['too long']}/{s['too short']}/{s['shifted']} |"
        )
    fps = errors.get("false_positives", {})
    lines += [
        "",
        "False positives (claims overlapping no gold content) by cue word: "
        + ", ".join(f"{k} {v}" for k, v in sorted(fps.items(), key=lambda kv: -kv[1])[:top]),
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="data root (default $CEASEWATCH_DATA or ../shared/data)")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N texts")
    parser.add_argument("--markdown", help="write a markdown fragment to this file")
    parser.add_argument("--json", help="write the figures as a flat JSON object to this file")
    parser.add_argument(
        "--errors",
        choices=("speech", "broad"),
        help="also print an error breakdown (by cue class and error kind) for this mode",
    )
    args = parser.parse_args(argv)

    root = data_dir(args.data)
    if not (root / "quotes" / "polnear" / args.split).is_dir():
        print(f"skip: no PolNeAR {args.split} split under {root / 'quotes' / 'polnear'}")
        return 0

    from ceasewatch.extract.claims import extract_claims
    from ceasewatch.extract.nlp import load_nlp
    from ceasewatch.model import Document

    rows = load_split(root, args.split, args.limit)
    if not rows:
        print(f"skip: no annotated texts in {args.split}")
        return 0
    nlp = load_nlp()
    modes = {"speech": False, "broad": True}
    scores = {
        (cues, kind, match): Score()
        for cues in modes
        for kind in ("speaker", "content")
        for match in ("overlap", "exact")
    }
    started = time.perf_counter()
    n_gold = 0
    n_pred = dict.fromkeys(modes, 0)
    speech = [0, 0, 0, 0]  # gold, content found, gold with source, speaker found
    errors: dict = {}
    texts = [text for _, text, _ in rows]
    for (name, text, gold), doc in zip(rows, nlp.pipe(texts, batch_size=16), strict=True):
        n_gold += len(gold)
        for cues, broad in modes.items():
            claims = extract_claims(doc, Document(id=name, text=text), broad=broad)
            n_pred[cues] += len(claims)
            part = {(k, m): s for (c, k, m), s in scores.items() if c == cues}
            score_document(text, gold, claims, part)
            if not broad:
                speech_recall(doc, gold, claims, speech)
            if args.errors == cues:
                error_rows(doc, text, gold, claims, errors)
    elapsed = time.perf_counter() - started

    lines = [
        f"PolNeAR {args.split}: {len(rows)} texts, {n_gold} gold attributions; predicted claims "
        f"{n_pred['speech']} (speech cues, the default) and {n_pred['broad']} (broad=True); "
        f"{elapsed:.1f} s",
        "",
        "| cues | span | match | precision | recall | F1 |",
        "|---|---|---|---|---|---|",
    ]
    for (cues, kind, mode), s in scores.items():
        lines.append(
            f"| {cues} | {kind} | {mode} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} |"
        )
    lines += [
        "",
        f"Gold attributions with a speech cue (said, told, according to, ...): {speech[0]}; "
        f"content found (overlap) {speech[1] / max(1, speech[0]):.3f}, speaker found "
        f"{speech[3] / max(1, speech[2]):.3f} of {speech[2]} with a Source span.",
    ]
    print("\n".join(lines))
    if args.errors:
        print(f"\n{args.errors} mode" + "\n".join(error_report(errors)))
    if args.json:
        figures: dict[str, float] = {"n_texts": len(rows), "n_gold": n_gold}
        for (cues, kind, mode), s in scores.items():
            figures[f"{cues}_{kind}_{mode}_f1"] = s.f1
            figures[f"{cues}_{kind}_{mode}_precision"] = s.precision
        Path(args.json).write_text(json.dumps(figures, indent=1), encoding="utf-8")
    if args.markdown:
        command = "python eval/quotes.py --split " + args.split
        if args.limit:
            command += f" --limit {args.limit}"
        fragment = [
            "### Claims: quote and statement attribution (PolNeAR)",
            "",
            f"`{command}`",
            "",
            *lines,
            "",
            "Overlap: spans share at least one character, one-to-one. Exact: equal after trimming "
            "punctuation and quote marks. Speakers of claims whose gold attribution has no Source "
            "span are not counted as false positives.",
            "",
            "The broad rows (`broad=True`: attitudes, plans, findings, stances; outermost "
            "attributions only) follow PolNeAR's definition of attribution and are the "
            "attribution measure. The pipeline uses the speech rows (`extract_claims(doc, "
            "document)`, the default), where precision is the figure to read: a ledger of who "
            "said what wants speech and statements, not every stance.",
            "",
        ]
        Path(args.markdown).write_text("\n".join(fragment), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
