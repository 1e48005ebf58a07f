"""The learned source and cue tagger: the packaged model, how broad mode combines its tags with
the rules, and its trainer's span preparation."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from ceasewatch.extract.attribution_tagger import (
    TAGGER_FILE,
    AttributionTags,
    NerAttributionTagger,
    load_attribution_tagger,
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


def test_packaged_tagger_reads_a_plain_report_and_leaves_the_doc_alone(nlp):
    tagger = load_attribution_tagger()
    assert tagger is not None and TAGGER_FILE.exists()
    text = (
        "The regional governor said on Tuesday that the water plant in Kherson had lost power. "
        "Engineers expect repairs to take a week."
    )
    doc = nlp(text)
    before = [(e.start, e.end, e.label_) for e in doc.ents]
    tags = tagger.tag(doc)
    assert [(e.start, e.end, e.label_) for e in doc.ents] == before
    governor = _token_span(doc, "The regional governor")
    assert any(a < governor[1] and governor[0] < b for a, b in tags.sources)
    said = _token_span(doc, "said")
    assert any(a <= said[0] < b for a, b in tags.cues)
    again = NerAttributionTagger.from_bytes(tagger.to_bytes())
    assert again.tag(doc) == tags


def test_packaged_tagger_file_holds_no_vocabulary():
    import srsly

    raw = srsly.msgpack_loads(TAGGER_FILE.read_bytes())
    assert set(raw) == {"format", "config", "component"}
    component = srsly.msgpack_loads(raw["component"])
    assert "vocab" not in component
    assert TAGGER_FILE.stat().st_size < 5_000_000  # float16 weights


def test_weights_are_stored_half_width_and_used_full_width():
    from ceasewatch.extract.attribution_tagger import _weights

    tagger = load_attribution_tagger()
    assert tagger is not None
    loaded = _weights(tagger.ner.model)
    assert loaded and all(w.dtype == "float32" for _, _, w in loaded)
    again = NerAttributionTagger.from_bytes(tagger.to_bytes())
    assert again.to_bytes() == tagger.to_bytes()
    assert all(w.dtype == "float32" for _, _, w in _weights(tagger.ner.model))  # restored


def test_a_file_of_another_kind_is_refused():
    import srsly

    with pytest.raises(ValueError, match="not an attribution tagger"):
        NerAttributionTagger.from_bytes(srsly.msgpack_dumps({"format": "something-else"}))


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
    # where the parse starts a sentence inside a span, its last part is kept
    words = ["Sen.", "Ana", "Ruiz", "spoke", "."]
    split = Doc(nlp.vocab, words=words, sent_starts=[True, True, False, False, False])
    end = split.text.index(" spoke")
    found = trainer.gold_spans(split, [GoldAttribution(content=(0, 1), source=(0, end))])
    assert [s.text for s in found] == ["Ana Ruiz"]


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


def test_trainer_skips_without_data(tmp_path, capsys):
    assert _trainer().main(["--data", str(tmp_path)]) == 0
    assert "skip" in capsys.readouterr().out
