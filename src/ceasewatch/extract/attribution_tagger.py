"""A learned tagger of attribution sources and cues, for broad-mode claim extraction.

The rules of :mod:`ceasewatch.extract.claims` find a speaker by starting from a cue and walking
the parse to its subject. Attribution corpora mark sources the parse walk misses ("a survey
*gave* X a lead", "footage *captured* ..."), so broad mode also asks a tagger that reads
sources and cues straight from the words: spaCy's transition-based entity recogniser with its
own token encoder (hashed embeddings of the word, its affixes and shape, plus the
part-of-speech tag and dependency label the main pipeline assigned), two labels, ``SOURCE``
and ``CUE``. :func:`ceasewatch.extract.claims.extract_claims` turns a tagged
source that no rule claim covers into a claim when its sentence has a tagged cue.

The weights are learned by ``eval/train_sources.py`` from an attribution corpus's train split
and shipped in one file, ``data/attribution_tagger.bin``: the component's configuration and its
weights (as float16), no vocabulary (the model hashes words; it stores no text).
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import srsly
from spacy.tokens import Doc

log = logging.getLogger(__name__)

TAGGER_FILE = Path(__file__).resolve().parent.parent / "data" / "attribution_tagger.bin"
FORMAT = "ceasewatch-attribution-tagger/1"
LABELS = ("SOURCE", "CUE")


@dataclass(frozen=True)
class AttributionTags:
    """Token spans ``(start, end)`` (end exclusive) a tagger marked in one doc."""

    sources: tuple[tuple[int, int], ...] = ()
    cues: tuple[tuple[int, int], ...] = ()


class SpanTagger(Protocol):
    """What broad mode asks of a learned source and cue tagger."""

    def tag(self, doc: Doc) -> AttributionTags: ...


def tagger_config(attrs: list[str], rows: list[int], window: int) -> dict[str, Any]:
    """The entity recogniser's model configuration (training and loading share it)."""
    return {
        "model": {
            "@architectures": "spacy.TransitionBasedParser.v2",
            "state_type": "ner",
            "extra_state_tokens": False,
            "hidden_width": 64,
            "maxout_pieces": 2,
            "use_upper": True,
            "nO": None,
            "tok2vec": {
                "@architectures": "spacy.Tok2Vec.v2",
                "embed": {
                    "@architectures": "spacy.MultiHashEmbed.v2",
                    "width": 96,
                    "attrs": list(attrs),
                    "rows": list(rows),
                    "include_static_vectors": False,
                },
                "encode": {
                    "@architectures": "spacy.MaxoutWindowEncoder.v2",
                    "width": 96,
                    "depth": 4,
                    "window_size": window,
                    "maxout_pieces": 3,
                },
            },
        }
    }


class NerAttributionTagger:
    """A spaCy entity recogniser run on a copy of the parsed doc (the doc's own entities, which
    place and actor resolution read, are left alone)."""

    def __init__(self, config: dict[str, Any], component: bytes | None = None) -> None:
        import spacy
        from spacy.pipeline import EntityRecognizer

        self._nlp = spacy.blank("en")
        ner = self._nlp.add_pipe("ner", name="attribution_tagger", config=config)
        assert isinstance(ner, EntityRecognizer)
        self.ner = ner
        self.config = config
        if component is not None:
            self.ner.from_bytes(component, exclude=["vocab"])
            for node, name, weights in _weights(self.ner.model):
                node.set_param(name, weights.astype("float32"))

    def tag(self, doc: Doc) -> AttributionTags:
        for label in LABELS:
            doc.vocab.strings.add(label)
        copy = doc.copy()
        copy.ents = []
        self.ner(copy)
        spans: dict[str, list[tuple[int, int]]] = {label: [] for label in LABELS}
        for ent in copy.ents:
            spans.setdefault(ent.label_, []).append((ent.start, ent.end))
        return AttributionTags(tuple(spans["SOURCE"]), tuple(spans["CUE"]))

    def to_bytes(self) -> bytes:
        """The configuration and the component, its weights stored as float16 (half the file;
        loading widens them again)."""
        found = _weights(self.ner.model)
        for node, name, weights in found:
            node.set_param(name, weights.astype("float16"))
        try:
            component = self.ner.to_bytes(exclude=["vocab"])
        finally:
            for node, name, weights in found:
                node.set_param(name, weights)
        return srsly.msgpack_dumps(
            {"format": FORMAT, "config": self.config, "component": component}
        )

    @classmethod
    def from_bytes(cls, raw: bytes) -> NerAttributionTagger:
        data = srsly.msgpack_loads(raw)
        found = data.get("format")
        if found != FORMAT:
            raise ValueError(f"not an attribution tagger: format {found!r}")
        return cls(data["config"], data["component"])


def _weights(model: Any) -> list[tuple[Any, str, Any]]:
    """(layer, name, array) of every parameter of a thinc model, each layer once."""
    found: list[tuple[Any, str, Any]] = []
    seen: set[int] = set()
    for node in model.walk():
        if node.id in seen:
            continue
        seen.add(node.id)
        found.extend((node, n, node.get_param(n)) for n in node.param_names if node.has_param(n))
    return found


@functools.lru_cache(maxsize=1)
def load_attribution_tagger() -> NerAttributionTagger | None:
    """The packaged tagger, or None when its data file is missing (rules only)."""
    if not TAGGER_FILE.exists():
        log.warning("no attribution tagger at %s", TAGGER_FILE)
        return None
    return NerAttributionTagger.from_bytes(TAGGER_FILE.read_bytes())
