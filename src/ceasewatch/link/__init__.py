"""Link: across documents (candidate violations, contradictions, same-event clustering)."""
