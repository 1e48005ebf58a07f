"""ceasewatch: an evidence-linked ledger of events, commitments and claims from news."""

__version__ = "0.1.0"
