"""HTTP API and web UI (the only code that imports the web framework)."""
