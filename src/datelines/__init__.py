"""datelines: turn historical narratives into source-attributed, comparable timelines.

The public API, imported lazily so that ``import datelines`` stays light (spaCy loads
only when :func:`extract` is first used)::

    document = datelines.read("account.md")              # ingest
    extraction = datelines.extract(document)              # nlp + extract
    with datelines.Store.open("datelines.db") as store:   # store
        store.add(document, extraction)
        print(datelines.export(store, "json"))            # export
        html = datelines.render_html(store.sources(), store.events())
    comparison = datelines.compare(sources, events)        # reconcile

>>> import datelines
>>> "read" in datelines.__all__ and datelines.__version__ == "0.1.0"
True
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# public name -> the module that defines it
_EXPORTS: dict[str, str] = {
    "read": "datelines.ingest",
    "read_all": "datelines.ingest",
    "extract": "datelines.extract",
    "extract_all": "datelines.extract",
    "Store": "datelines.store",
    "export": "datelines.export",
    "to_json": "datelines.export",
    "render_html": "datelines.render.timeline",
    "compare": "datelines.reconcile",
    "Source": "datelines.model",
    "Document": "datelines.model",
    "DateClaim": "datelines.model",
    "Event": "datelines.model",
    "Era": "datelines.model",
    "Entity": "datelines.model",
    "Extraction": "datelines.model",
    "DatelinesError": "datelines.errors",
    "InputError": "datelines.errors",
    "StoreError": "datelines.errors",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    """Import a public name on first use (PEP 562)."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'datelines' has no attribute {name!r}")
    module = importlib.import_module(_EXPORTS[name])
    if _EXPORTS[name] == f"datelines.{name}":
        # a submodule of the same name: importing it rebinds the attribute to the
        # module, so nothing is cached here (``datelines.export`` is itself callable)
        return module if callable(module) else getattr(module, name)
    value = getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
