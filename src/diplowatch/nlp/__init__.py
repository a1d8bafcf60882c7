"""spaCy, loaded once: the model is a setting, and the official en_core_web_sm is preferred when present."""

from diplowatch.nlp.model import load_nlp, model_name

__all__ = ["load_nlp", "model_name"]
