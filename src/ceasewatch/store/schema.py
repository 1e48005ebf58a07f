"""The DuckDB schema, as numbered migrations. Add a migration; never edit an applied one."""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: the initial schema
    """
    CREATE TABLE documents (
        id VARCHAR PRIMARY KEY,
        external_id VARCHAR,
        title VARCHAR,
        published VARCHAR,
        published_date DATE,
        source VARCHAR,
        url VARCHAR,
        language VARCHAR,
        author VARCHAR,
        origin VARCHAR,
        text VARCHAR,
        pipeline_version VARCHAR,
        stored_at TIMESTAMP
    );
    CREATE TABLE events (
        id VARCHAR PRIMARY KEY,
        document_id VARCHAR NOT NULL,
        type VARCHAR,
        mode VARCHAR,
        acled_event_type VARCHAR,
        acled_sub_event_type VARCHAR,
        actor_name VARCHAR,
        actor_country VARCHAR,
        actor_kind VARCHAR,
        target_name VARCHAR,
        target_country VARCHAR,
        target_category VARCHAR,
        place_name VARCHAR,
        lat DOUBLE,
        lon DOUBLE,
        place_country VARCHAR,
        admin1 VARCHAR,
        place_precision VARCHAR,
        date_start DATE,
        date_end DATE,
        killed_min INTEGER,
        killed_max INTEGER,
        injured_min INTEGER,
        weapons_min INTEGER,
        weapon VARCHAR,
        reported_by VARCHAR,
        status VARCHAR,
        confidence DOUBLE,
        record JSON
    );
    CREATE TABLE commitments (
        id VARCHAR PRIMARY KEY,
        document_id VARCHAR NOT NULL,
        kind VARCHAR,
        status VARCHAR,
        actor_name VARCHAR,
        actor_country VARCHAR,
        duration_days INTEGER,
        start_date DATE,
        end_date DATE,
        confidence DOUBLE,
        record JSON
    );
    CREATE TABLE claims (
        id VARCHAR PRIMARY KEY,
        document_id VARCHAR NOT NULL,
        speaker_name VARCHAR,
        speaker_country VARCHAR,
        channel VARCHAR,
        quoted BOOLEAN,
        polarity VARCHAR,
        cue VARCHAR,
        text VARCHAR,
        disputed BOOLEAN,
        confidence DOUBLE,
        record JSON
    );
    CREATE TABLE spans (
        record_id VARCHAR NOT NULL,
        record_kind VARCHAR NOT NULL,
        document_id VARCHAR NOT NULL,
        start INTEGER,
        "end" INTEGER,
        text VARCHAR
    );
    CREATE TABLE links (
        id VARCHAR PRIMARY KEY,
        kind VARCHAR NOT NULL,
        subtype VARCHAR,
        a VARCHAR,
        b VARCHAR,
        explanation VARCHAR,
        confidence DOUBLE,
        record JSON
    );
    CREATE TABLE merged_commitments (
        id VARCHAR PRIMARY KEY,
        kind VARCHAR,
        status VARCHAR,
        record JSON
    );
    CREATE TABLE runs (
        id VARCHAR PRIMARY KEY,
        started_at TIMESTAMP,
        finished_at TIMESTAMP,
        inputs JSON,
        read INTEGER,
        stored INTEGER,
        unchanged INTEGER,
        duplicates INTEGER,
        skipped INTEGER,
        failed INTEGER,
        seconds DOUBLE,
        report JSON
    );
    CREATE TABLE skips (
        run_id VARCHAR,
        origin VARCHAR,
        reason VARCHAR,
        detail VARCHAR,
        failed BOOLEAN
    );
    CREATE INDEX events_document ON events(document_id);
    CREATE INDEX commitments_document ON commitments(document_id);
    CREATE INDEX claims_document ON claims(document_id);
    CREATE INDEX spans_document ON spans(document_id);
    """,
    # 2: every input unit that produced a document (the same text may arrive many times)
    """
    CREATE TABLE sightings (
        document_id VARCHAR NOT NULL,
        origin VARCHAR NOT NULL,
        external_id VARCHAR,
        published VARCHAR,
        source VARCHAR,
        url VARCHAR,
        title VARCHAR,
        seen_at TIMESTAMP,
        PRIMARY KEY (document_id, origin)
    );
    INSERT INTO sightings
        SELECT id, coalesce(origin, id), external_id, published, source, url, title, stored_at
        FROM documents;
    """,
    # 3: cross-article event clusters (one row per real-world event, with all its mentions)
    """
    CREATE TABLE event_clusters (
        id VARCHAR PRIMARY KEY,
        type VARCHAR,
        size INTEGER,
        possible_duplicate BOOLEAN,
        lat DOUBLE,
        lon DOUBLE,
        date_start DATE,
        date_end DATE,
        record JSON
    );
    CREATE TABLE event_cluster_members (
        cluster_id VARCHAR NOT NULL,
        event_id VARCHAR NOT NULL
    );
    """,
    # 4: find an event's cluster (and a cluster's events) without scanning
    """
    CREATE INDEX event_cluster_members_event ON event_cluster_members(event_id);
    CREATE INDEX event_cluster_members_cluster ON event_cluster_members(cluster_id);
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
