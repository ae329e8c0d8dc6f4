"""NLP stages over spaCy ``Doc`` objects: segment, entities, temporal, events, claims."""
