"""The core: plain types and rules with no I/O and no spaCy, shared by every stage.

- `vocabulary`: PLOVER types, stances, polarities, statuses, periods' names.
- `records`: what crosses every stage boundary (Article, Actor, Event, Evidence, Stance...).
- `periods`: period labels (month, quarter, year).
- `scorecard`: the one status/trend rule and the one scorecard builder.
"""
