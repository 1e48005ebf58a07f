"""schema.org ClaimReview (JSON-LD) for claims that others dispute.

A claim is disputed when the extractor flagged it (``disputed``) or a contradiction links it to
a record that says otherwise. The review's rating is the textual ``alternateName`` ("Disputed"),
since ceasewatch records disagreement between sources, not a verdict.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

REVIEWER = {"@type": "Organization", "name": "ceasewatch"}


def _author(speaker: dict[str, Any] | None) -> dict[str, Any]:
    if not speaker:
        return {"@type": "Person", "name": "unknown"}
    kind = (speaker.get("kind") or "").lower()
    person = kind in {"", "person", "civilian", "civilians"} and not speaker.get("country")
    return {"@type": "Person" if person else "Organization", "name": speaker.get("name")}


def claim_review(claim: dict[str, Any]) -> dict[str, Any]:
    """One disputed claim (with ``document`` and ``contradictions``) as a ClaimReview."""
    document = claim.get("document") or {}
    explanations = [c.get("explanation") for c in claim.get("contradictions", [])]
    explanation = "; ".join(e for e in explanations if e) or "Other sources dispute this claim."
    appearance: dict[str, Any] = {"@type": "NewsArticle", "headline": document.get("title")}
    if document.get("url"):
        appearance["url"] = document["url"]
    if document.get("source"):
        appearance["publisher"] = {"@type": "Organization", "name": document["source"]}
    if document.get("published"):
        appearance["datePublished"] = document["published"]
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": claim["id"],
        "claimReviewed": (
            f"denies: {claim.get('text')}"
            if claim.get("polarity") == "denies"
            else claim.get("text")
        ),
        "author": REVIEWER,
        "itemReviewed": {
            "@type": "Claim",
            "author": _author(claim.get("speaker")),
            "datePublished": document.get("published"),
            "appearance": appearance,
        },
        "reviewRating": {
            "@type": "Rating",
            "alternateName": "Disputed",
            "ratingExplanation": explanation,
        },
    }
    if document.get("url"):
        review["url"] = document["url"]
    return review


def write_claimreview(claims: Iterable[dict[str, Any]], out: Path) -> int:
    reviews = [claim_review(c) for c in claims]
    out.write_text(json.dumps(reviews, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(reviews)
