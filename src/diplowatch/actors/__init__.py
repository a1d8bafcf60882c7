"""The actors stage: YAML dictionaries (bundled + user), the fast resolver, PETRARCH import.

dicts = load_dictionaries(extra=[Path("my.yaml")])
resolver = ActorResolver(dicts)
mentions = resolver.find_in_article(text, sentences, "2021-09-23")
"""

from diplowatch.actors.dictionary import ActorDictionary, Entry, Role, load_dictionaries
from diplowatch.actors.resolver import ActorResolver, Mention

__all__ = ["ActorDictionary", "ActorResolver", "Entry", "Mention", "Role", "load_dictionaries"]
