"""diplowatch: event data and condition watches from news text, with the sentence as evidence."""

__version__ = "0.1.0"
