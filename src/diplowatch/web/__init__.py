"""The live dashboard and JSON API (FastAPI), read-only over one DuckDB file."""
