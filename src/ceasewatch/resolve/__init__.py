"""Resolve: places (gazetteer), actors, dates and numbers."""
