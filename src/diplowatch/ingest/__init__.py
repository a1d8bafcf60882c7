"""Ingest: one reader per kind of source (files, text, markup, tables, feeds, the web) and the pipeline.

The public entry is `diplowatch.ingest.pipeline.ingest_sources`.
"""
