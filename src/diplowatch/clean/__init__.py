"""Cleaning: normalise text, drop boilerplate and repeated paragraphs, identify language, find duplicates."""
