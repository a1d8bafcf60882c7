"""Runners that drive the pure coder over stored articles: in one process or a local process pool."""

from diplowatch.engine.local import CodeSummary, build_coder, code_database

__all__ = ["CodeSummary", "build_coder", "code_database"]
