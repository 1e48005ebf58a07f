"""Extract: per-document NLP (sentences, events, commitments, claims). spaCy lives here only."""
