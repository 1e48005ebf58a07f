"""The logistic cue scorer: features, scores, JSON, the packaged model and its trainer."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from ceasewatch.extract.claims import extract_claims
from ceasewatch.extract.cue_model import (
    LOGISTIC_CUE_FILE,
    LogisticCueModel,
    load_logistic_cue_model,
    read_logistic_cue_model,
    token_features,
)
from ceasewatch.model import Document


@pytest.fixture(scope="module")
def nlp():
    from ceasewatch.extract.nlp import load_nlp

    return load_nlp()


def _token(doc, word: str):
    return next(t for t in doc if t.text == word)


def _toy(threshold: float = 0.5, veto: float = 0.1, **weights: float) -> LogisticCueModel:
    """Verbs lean to no cue; keyword arguments name "kind|lemma" weights with "_" for "|"."""
    base = {"bias": -2.0, "v": -1.0}
    base.update({k.replace("_", "|"): w for k, w in weights.items()})
    return LogisticCueModel(weights=base, threshold=threshold, veto=veto)


def test_features_of_a_speech_verb_with_a_that_clause(nlp):
    doc = nlp("Senator Ana Ruiz warned that the truce would fail.")
    features = token_features(_token(doc, "warned"))
    assert features is not None
    for expected in (
        "bias",
        "v|warn",
        "v|agent|clause|act",
        "se|PERSON",
        "v|cl|subj|True",
        "v|cl|mark|that",
        "cl|modal",
        "lex|speech",
    ):
        assert expected in features, expected
    assert "headline" not in features
    assert "pv|NNP" in features  # a name next to the cue is its tag, never the name
    assert not any("ruiz" in f.lower() for f in features)
    assert token_features(_token(doc, "the")) is None


def test_features_mark_negation_headlines_and_pronoun_subjects(nlp):
    doc = nlp("We did not expect the vote")
    features = token_features(_token(doc, "expect"))
    assert features is not None
    assert {"neg", "headline", "sp|we", "v|expect"} <= set(features)


def test_score_rises_with_the_weight_of_a_feature(nlp):
    token = _token(nlp("The council rejected the plan."), "rejected")
    scores = [_toy(v_reject=w).score(token) for w in (-2.0, 0.0, 1.0, 3.0, 6.0)]
    assert scores == sorted(scores) and scores[0] < scores[-1]
    assert all(0.0 < s < 1.0 for s in scores)


def test_json_round_trip_and_wrong_format():
    model = _toy(threshold=0.45, veto=0.2, v_warn=2.5, n_pledge=1.25)
    raw = json.loads(json.dumps(model.to_json()))
    assert raw["format"].startswith("ceasewatch-logistic-cues")
    assert LogisticCueModel.from_json(raw) == model
    with pytest.raises(ValueError):
        LogisticCueModel.from_json({"format": "something-else", "weights": {}})


def test_read_from_a_file(tmp_path):
    model = _toy(v_vow=4.0)
    path = tmp_path / "cues.json"
    path.write_text(json.dumps(model.to_json()), encoding="utf-8")
    assert read_logistic_cue_model(path) == model


def test_toy_model_makes_an_unlisted_verb_a_broad_cue(nlp):
    text = "Senator Maria Lopez unveiled a plan to cut taxes for farmers."
    doc = nlp(text)
    document = Document(id="t", text=text)
    assert extract_claims(doc, document, broad=True, learned=_toy(), tagger=False) == []
    model = _toy(v_unveil=6.0)
    assert model.is_cue(_token(doc, "unveiled"))
    assert extract_claims(doc, document, learned=model) == []  # speech mode ignores it
    claims = extract_claims(doc, document, broad=True, learned=model, tagger=False)
    assert len(claims) == 1
    assert claims[0].cue == "unveiled"
    assert claims[0].speaker_span is not None
    assert claims[0].speaker_span.text == "Senator Maria Lopez"


def test_toy_model_vetoes_a_listed_attitude_verb(nlp):
    text = "Analysts see a risk of a wider war in the region."
    doc = nlp(text)
    document = Document(id="t", text=text)
    assert extract_claims(doc, document, broad=True, learned=False, tagger=False)
    model = _toy(veto=0.1, v_see=-4.0)
    assert extract_claims(doc, document, broad=True, learned=model, tagger=False) == []


def test_packaged_model_holds_feature_names_and_weights_only(nlp):
    model = load_logistic_cue_model()
    assert model is not None and LOGISTIC_CUE_FILE.exists()
    assert 0 < model.veto < model.threshold < 1
    assert LOGISTIC_CUE_FILE.stat().st_size < 1_500_000
    for key, weight in model.weights.items():
        assert isinstance(weight, float)
        for part in key.split("|"):
            assert not any(c.isdigit() for c in part), key
            assert part == part.lower() or part.isupper() or part in ("True", "False"), key
    # no name of the corpus's people leaks into a feature (surnames tagged as common words)
    names = {"trump", "sanders", "sander", "clinton", "obama", "cruz", "rubio", "kasich"}
    names |= {"hillary", "bernie", "hannity", "earnest", "biden", "romney", "pence", "kaine"}
    leaked = {k for k in model.weights if names & set(k.split("|"))}
    assert not leaked, sorted(leaked)[:10]
    said = _token(nlp("The minister said that talks would resume."), "said")
    built = _token(nlp("The company built a new bridge over the river."), "built")
    assert model.score(said) > 0.9
    assert model.score(built) < model.threshold


def _train_cues():
    path = Path(__file__).resolve().parents[2] / "eval" / "train_cues.py"
    spec = importlib.util.spec_from_file_location("train_cues_eval", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_trainer_learns_a_cue_feature_deterministically():
    train = _train_cues()
    docs = [
        [(["bias", "v", "v|vow"], True), (["bias", "v", "v|build"], False)] * 5,
        [(["bias", "v", "v|vow"], True), (["bias", "v", "v|eat"], False)] * 5,
        [(["bias", "n", "n|bridge"], False), (["bias", "v", "v|build"], False)] * 5,
    ]
    model = train.fit_logistic(docs, l2=0.1, threshold=0.5, veto=0.1, prune=0.01)
    assert model == train.fit_logistic(docs, l2=0.1, threshold=0.5, veto=0.1, prune=0.01)
    assert model.probability(["bias", "v", "v|vow"]) > 0.8
    assert model.probability(["bias", "v", "v|build"]) < 0.2
    assert model.weights["v|vow"] > 0 > model.weights["v|build"]
    assert (model.threshold, model.veto) == (0.5, 0.1)


def test_trainer_drops_features_holding_words_the_texts_capitalise(nlp):
    train = _train_cues()
    docs = [
        nlp("Yesterday the council met. Mayor Quill said the vote would pass."),
        nlp("Reporters asked whether Quill would run, and Quill said no. The old quill was sold."),
        nlp("On Monday, Quill told the board that the vote said little."),
    ]
    names = train.name_words(docs)
    assert "quill" in names  # capitalised four times in five inside sentences
    assert "vote" not in names and "said" not in names
    assert "yesterday" not in names  # capitalised only at a sentence start
    kept = train.scrub(["bias", "v|say", "pv|quill", "v|h|quill|nsubj", "sp|i"], names | {"v"})
    assert kept == ["bias", "v|say", "sp|i"]  # markers and the pronoun "i" are no names
