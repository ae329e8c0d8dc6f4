"""Entities stage: fix the NER model's mistakes, learn names the text defines, resolve.

Stage: nlp, a spaCy component ``datelines_entities`` placed after ``ner``. Consumes a
parsed ``Doc`` with ``doc.ents``; produces corrected ``doc.ents`` (one span per mention
of a person, organization or place, relabelled where the model erred), ``Span._.
entity_id`` on each, and the document's entities in ``doc.user_data``, which
:func:`entities_in` returns as :class:`~datelines.model.Entity` objects.

The corrections are rules over data (``entities_data/``): well-known names and types
(``known.yaml``: "Savak" is an ORG, "Islam" not a person), titles (``titles.yaml``),
given names (``given_names.yaml``: "Kazem Rajavi" is a person), organization head
words (``words.yaml``). Names the text defines are learned: "the National Liberation
Army (NLA)", "(PMOI/MEK) aka Mujahedin-e Khalq", "Maryam Azdanlou (Rajavi)". Grouping
the mentions is :func:`datelines.resolve.resolve_mentions`.

>>> import spacy
>>> nlp = spacy.blank("en"); _ = nlp.add_pipe("datelines_entities")
>>> doc = nlp("The National Liberation Army (NLA) was formed. The NLA attacked.")
>>> [(e.name, len(e.mentions)) for e in entities_in(doc, source_id="s")]
[('NLA', 3)]
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from datelines.model import Document, Entity, Mention
from datelines.names import (
    data,
    key,
    known_aliases,
    known_tables,
    strip_titles,
    word_set,
)
from datelines.nlp.entities_rules import (
    LABELS,
    common_words,
    completed,
    corrected_label,
    declarations,
    extent,
    gender_cue,
    is_common,
    joined_ezafe,
    name_patterns,
    sentence_bounds,
    split_slashes,
    surname_sweep,
    titles_before,
    trim,
    wrapped,
)
from datelines.resolve import Surface, resolve_mentions

__all__ = ["EntityResolver", "add", "annotate", "antecedent", "canonical", "entities_in"]

KEY = "datelines_entities"

if not Span.has_extension("entity_id"):
    Span.set_extension("entity_id", default=None)


@Language.factory("datelines_entities", requires=["doc.ents"],
                  assigns=["doc.ents", "span._.entity_id"])
def make_entities(nlp: Language, name: str) -> EntityResolver:
    """The spaCy factory: ``nlp.add_pipe("datelines_entities", after="ner")``."""
    return EntityResolver(nlp)


class EntityResolver:
    """Corrects ``doc.ents`` and resolves every mention to a document entity."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for name, forms in known_aliases().items():
            self.matcher.add(name, [nlp.make_doc(f) for f in forms])

    def __call__(self, doc: Doc) -> Doc:
        return annotate(doc, matcher=self.matcher)


def annotate(doc: Doc, *, matcher: PhraseMatcher | None = None) -> Doc:
    """Correct ``doc.ents`` and resolve the mentions (what the component does)."""
    pairs, declared = declarations(doc)
    text = doc.text
    found = [completed(wrapped(s), text) for e in doc.ents
             if e.label_ in LABELS and (s := trim(e)) is not None]
    if matcher is not None:
        found += [Span(doc, a, b, label=known_tables()[1][key(doc[a:b].text)])
                  for _, a, b in matcher(doc)]
    names = {key(n) for pair in pairs for n in pair}
    names_matcher = PhraseMatcher(doc.vocab, attr="ORTH")
    for tag, docs in name_patterns(doc, declared).items():
        names_matcher.add(tag, docs)
    found += [Span(doc, a, b, label=doc.vocab.strings[m]) for m, a, b in names_matcher(doc)
              if key(doc[a:b].text) in names]
    found = [part for span in found for part in split_slashes(span, pairs)]
    spans = filter_spans(joined_ezafe(filter_spans(declared + found), text))
    spans = filter_spans(spans + surname_sweep(doc, spans))
    names |= {key(n) for pair in pairs for n in pair}
    lowered = common_words(doc)
    sentences = sentence_bounds(doc)
    surfaces: list[Surface] = []
    kept: list[Span] = []
    for span in spans:
        label, personal = corrected_label(span)
        if not personal and key(span.text) not in names and is_common(span, lowered):
            continue
        if not strip_titles(span.text)[0] and span.start and doc[
                span.start - 1].lower_ in word_set("role_cues"):
            continue  # "served as Supreme Leader": an office, not a person
        kept.append(span)
        titles = titles_before(text, span.start_char)
        start, end = extent(span)
        sent_start, sent_end = sentences[span.start]
        gender = None
        if label == "PERSON":
            cues = (*titles, *strip_titles(span.text)[1])
            gender = gender_cue(doc[span.start:sent_end], span, cues)
        surfaces.append(Surface(start, end, " ".join(text[start:end].split()), label,
                                sent=sent_start,
                                titles=titles, gender=gender, personal=personal))
    clusters = resolve_mentions(surfaces, declared=pairs)
    headed = _in_headings(doc, surfaces)
    clusters = tuple(c for c in clusters if not all(headed[m] for m in c.members)
                     or c.type not in ("ORG", "PERSON") or any(
                         surfaces[m].personal or key(surfaces[m].text) in names
                         or key(surfaces[m].text) in known_tables()[1]
                         for m in c.members))
    _write(doc, kept, surfaces, clusters)
    return doc


def _in_headings(doc: Doc, surfaces: Sequence[Surface]) -> list[bool]:
    """Which mentions lie in a heading or the title: a name met only there is more
    likely a heading's capitalized phrase ("The Rise of Women") than an entity."""
    blocks = sorted((b.start, b.end) for b in doc.user_data.get("blocks", ())
                    if b.kind in ("heading", "title"))
    starts = [a for a, _ in blocks]
    out = []
    for s in surfaces:
        i = bisect.bisect_right(starts, s.start) - 1
        out.append(i >= 0 and blocks[i][0] <= s.start < blocks[i][1])
    return out


def _write(doc: Doc, spans: Sequence[Span], surfaces: Sequence[Surface],
           clusters: Sequence[Any]) -> None:
    ours: list[Span] = []
    mentions: list[tuple[int, int, str, int, int]] = []
    for cluster in clusters:
        for m in cluster.members:
            span = Span(doc, spans[m].start, spans[m].end, label=cluster.type)
            span._.entity_id = cluster.id
            ours.append(span)
            mentions.append((surfaces[m].start, surfaces[m].end, cluster.id,
                             span.start, span.end))
    taken = {i for s in ours for i in range(s.start, s.end)}
    others = [e for e in doc.ents if e.label_ not in LABELS
              and not any(i in taken for i in range(e.start, e.end))]
    doc.ents = sorted(ours + others, key=lambda s: s.start)
    doc.user_data[KEY] = {
        "entities": [{"id": c.id, "name": c.name, "type": c.type,
                      "aliases": list(c.aliases), "gender": c.gender} for c in clusters],
        "mentions": sorted(mentions),
    }


# -- the API the later stages call --------------------------------------------------

def _state(doc: Doc) -> dict[str, Any]:
    if KEY not in doc.user_data:
        annotate(doc)
    state: dict[str, Any] = doc.user_data[KEY]
    return state


def entities_in(doc: Doc, *, source_id: str,
                document: Document | None = None) -> tuple[Entity, ...]:
    """The document's entities, one per person, organization and place.

    Mention offsets are into ``doc.text``; pass the ingested ``document`` to get them
    in ``document.original`` instead (through ``Document.to_original``), as the model
    requires. Runs the component first when the pipeline did not.
    """
    state = _state(doc)
    mentions: dict[str, list[Mention]] = {}
    text = doc.text if document is None else document.original
    for start, end, id_, _a, _b in state["mentions"]:
        if document is not None:
            start, end = document.to_original(start, end)
        mentions.setdefault(id_, []).append(Mention(source_id, start, end, text[start:end]))
    return tuple(Entity(id=e["id"], name=e["name"], type=e["type"],
                        aliases=tuple(e["aliases"]), mentions=tuple(mentions.get(e["id"], ())))
                 for e in state["entities"])


def canonical(span: Span) -> tuple[str, str, str | None]:
    """``(canonical name, type, entity id)`` of a mention; id None when unresolved.

    >>> import spacy
    >>> nlp = spacy.blank("en"); _ = nlp.add_pipe("datelines_entities")
    >>> doc = nlp("The EU met. Then the E.U. agreed.")
    >>> canonical(doc[6:7])
    ('European Union', 'ORG', 'org/european-union')
    """
    state = _state(span.doc)
    id_ = span._.entity_id
    if id_ is None:
        for start, end, eid, _a, _b in state["mentions"]:
            if start < span.end_char and span.start_char < end:
                id_ = eid
                break
    for e in state["entities"]:
        if e["id"] == id_:
            return e["name"], e["type"], id_
    name = strip_titles(span.text)[0] or span.text
    return name, span.label_ or "OTHER", None


def antecedent(token: Token) -> str | None:
    """The entity id a pronoun or "the group" refers to, by a light rule; or None.

    He/she look back for the last person of that gender; it/they and "the group",
    "the organization" for the last organization that was a subject, else the last
    organization, within its sentence and the two before.

    >>> import spacy
    >>> nlp = spacy.blank("en"); _ = nlp.add_pipe("sentencizer")
    >>> _ = nlp.add_pipe("datelines_entities")
    >>> doc = nlp("The National Liberation Army (NLA) was formed. The group grew.")
    >>> antecedent(doc[11])
    'org/nla'
    """
    doc = token.doc
    if token.ent_type_ or token.dep_ == "expl":  # inside a name; "there"/"it" expletive
        return None
    anaphors = data("words")["anaphors"]
    entry = anaphors["pronouns"].get(token.lower_)
    if entry is None:
        det = [c for c in token.children] or ([doc[token.i - 1]] if token.i else [])
        if token.lower_ not in anaphors["nouns"] or not any(
                c.lower_ in ("the", "this", "that") for c in det):
            return None
        if any(c.dep_ == "compound" or c.ent_type_ for c in token.children):
            return None  # "the Mujahedin-e-Khalq militant group" names itself
        entry = {"type": "ORG"}
    state = _state(doc)
    types = {e["id"]: (e["type"], e.get("gender")) for e in state["entities"]}
    floor = token.i
    if doc.has_annotation("SENT_START"):
        for back in range(3):  # the token's sentence and the two before it
            floor = doc[floor].sent.start
            if floor == 0 or back == 2:
                break
            floor -= 1
    mentions = state["mentions"]
    first = bisect.bisect_left(mentions, doc[floor].idx, key=lambda m: m[0])
    best: tuple[int, int, str] | None = None
    for start, _end, id_, a, b in mentions[first:]:
        if a > token.i:
            break
        if b > token.i:
            continue
        type_, gender = types.get(id_, ("", None))
        if type_ != entry["type"] or (entry.get("gender") and gender not in (
                None, entry["gender"])):
            continue
        if token.lower_ in _PLURAL and _of_a_plural(doc[a:b]):
            continue  # "graduates of Tehran University ... they": the graduates
        subject = any(t.dep_ in ("nsubj", "nsubjpass") for t in doc[a:b])
        rank = (int(subject and entry["type"] == "ORG"), start, id_)
        if best is None or rank[:2] > best[:2]:
            best = rank
    return best[2] if best else None


_PLURAL = frozenset({"they", "them", "their", "themselves"})


def _of_a_plural(span: Span) -> bool:
    """A name that only qualifies a plural noun: "graduates of Tehran University"."""
    root = span.root
    prep = root.head
    return (
        root.dep_ == "pobj"
        and prep.lower_ == "of"
        and prep.head.tag_ == "NNS"
        and not prep.head.ent_type_
    )


def add(nlp: Language) -> Language:
    """Add the component after ``ner`` (or last when the pipeline has no NER)."""
    if "datelines_entities" not in nlp.pipe_names:
        if "ner" in nlp.pipe_names:
            nlp.add_pipe("datelines_entities", after="ner")
        else:
            nlp.add_pipe("datelines_entities")
    return nlp
