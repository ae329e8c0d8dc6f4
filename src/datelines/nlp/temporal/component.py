"""The spaCy component ``datelines_temporal``: run :func:`tag` over a Doc.

Stage: ``nlp.temporal``. Consumes a ``Doc`` (``doc.user_data["dct"]``: the document
date as a TIMEX3 value, optional; ``doc.user_data["blocks"]``: the document's blocks);
produces ``doc.spans["timex"]``, one span per expression, each with ``span._.timex``
(the :class:`~datelines.nlp.temporal.timex.Timex`). Character offsets are snapped to
token boundaries (``alignment_mode="expand"``); the Timex keeps the exact characters.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("datelines_temporal", config={"mode": "narrative"})
>>> doc = nlp("It ended in May 1945.")
>>> [(s.text, s._.timex.value) for s in doc.spans["timex"]]
[('May 1945', '1945-05')]
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from datelines.nlp.temporal.tagger import MODES, tag

__all__ = ["TemporalTagger"]

if not Span.has_extension("timex"):
    Span.set_extension("timex", default=None)


class TemporalTagger:
    """Tag a Doc's text and store the expressions as the span group ``timex``."""

    def __init__(self, *, mode: str = "narrative", spans_key: str = "timex") -> None:
        if mode not in MODES:
            raise ValueError(
                f"datelines_temporal: mode must be one of {MODES}, not {mode!r}"
            )
        self.mode = mode
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        sentences = None
        if doc.has_annotation("SENT_START"):
            sentences = [(s.start_char, s.end_char) for s in doc.sents]
        found = tag(
            doc.text,
            dct=doc.user_data.get("dct"),
            mode=doc.user_data.get("temporal_mode", self.mode),
            blocks=doc.user_data.get("blocks", ()),
            sentences=sentences,
        )
        spans = []
        for timex in found:
            span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
            if span is None:
                continue
            span._.timex = timex
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory(
    "datelines_temporal",
    default_config={"mode": "narrative", "spans_key": "timex"},
    assigns=["doc.spans"],
)
def make_temporal(
    nlp: Language, name: str, mode: str, spans_key: str
) -> TemporalTagger:
    """spaCy factory: ``nlp.add_pipe("datelines_temporal", config={"mode": "news"})``."""
    return TemporalTagger(mode=mode, spans_key=spans_key)
