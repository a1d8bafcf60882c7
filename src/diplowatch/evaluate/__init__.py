"""Accuracy reports (`make eval`): event coding against the PLOVER gold set, watches against labels."""
