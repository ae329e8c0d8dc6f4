"""datelines: turn historical narratives into source-attributed, comparable timelines."""

__version__ = "0.1.0"
