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
import re
from collections.abc import Iterable, Sequence
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from datelines.model import Entity, Mention
from datelines.names import (
    data,
    given_gender,
    initials,
    is_acronym,
    key,
    known_aliases,
    known_tables,
    strip_titles,
    title_info,
    word_set,
)
from datelines.resolve import Surface, resolve_mentions

__all__ = ["EntityResolver", "add", "annotate", "antecedent", "canonical", "entities_in"]

KEY = "datelines_entities"
LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_LEAD = frozenset({"the", "a", "an", "this", "that"})
_CONNECT = frozenset({"of", "the", "and", "for", "'s", "’s", "-", "e", "ye", "al", "de"})
_DEFINE = re.compile(r"\(\s*([A-Z][A-Za-z.]{1,8}(?:\s*/\s*[A-Z][A-Za-z.]{1,8})*)\s*\)")
_INITIALS = re.compile(r"^(?:[A-Z]\.? ?){1,3}(?:(?:de|van|von|le) )?[A-Z][a-z]{2,}$")
_GLUED = re.compile(r"[a-z]([A-Z][a-z]+)$")

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


# -- finding and correcting the mentions ----------------------------------------------

def _trim(span: Span) -> Span | None:
    """Drop leading articles and trailing punctuation, possessives and line breaks."""
    doc, start, end = span.doc, span.start, span.end
    for i in range(start, end):
        if i > start and ("\n" in doc[i].text or doc[i].text == "("):
            end = i
            break
    while start < end and (doc[start].lower_ in _LEAD or doc[start].is_punct
                           or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in ".)"
                           or doc[end - 1].is_space
                           or doc[end - 1].lower_ in ("'s", "’s", "of", "and")):
        end -= 1
    if end > start and doc[end - 1].text == "." and not re.search(
            r"\.\w*\.$|^(Mr|Mrs|Dr|Jr|Sr|St)\.$", doc[start:end].text):
        end -= 1
    if end <= start or not any(c.isupper() for c in doc[start:end].text):
        return None
    return Span(doc, start, end, label=span.label_)


def _extent(span: Span) -> tuple[int, int]:
    """The character extent of the name: a word glued on by a lost line break is cut."""
    start, end = span.start_char, span.end_char
    last = span[-1].text
    glued = _GLUED.search(last)
    if glued and len(span) > 1 and not is_acronym(last):
        end -= len(glued.group(1))
    return start, end


def _name_before(doc: Doc, i: int, acronym: str) -> Span | None:
    """The name that an acronym in parentheses at token ``i`` abbreviates."""
    j = i
    while j > 0 and (doc[j - 1].text[:1].isupper() or doc[j - 1].lower_ in _CONNECT):
        j -= 1
        if i - j > 12:
            break
    for start in range(j, i - 1):
        cand = doc[start:i]
        if cand[0].lower_ in _CONNECT:
            continue
        if acronym.replace(".", "").upper() in initials(cand.text):
            return Span(doc, start, i, label="ORG")
    return None


def _declarations(doc: Doc) -> tuple[list[tuple[str, str]], list[Span]]:
    """Names the text declares equal, and the spans that hold them."""
    pairs: list[tuple[str, str]] = []
    spans: list[Span] = []
    persons = {e.end: e for e in doc.ents if e.label_ in LABELS}
    for m in _DEFINE.finditer(doc.text):
        inner = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        opening = doc.char_span(m.start(), m.start() + 1, alignment_mode="expand")
        if inner is None or opening is None:
            continue
        parts = [p.strip() for p in m.group(1).split("/")]
        if all(is_acronym(p) for p in parts):
            long_ = next((s for p in parts if (s := _name_before(doc, opening.start, p))),
                         None)
            if long_ is None:
                continue
            spans.append(long_)
            if len(parts) > 1:
                pairs.append((long_.text, m.group(1)))
            for token in inner:
                if is_acronym(token.text):
                    spans.append(Span(doc, token.i, token.i + 1, label="ORG"))
                    pairs.append((long_.text, token.text))
        elif len(parts) == 1 and len(inner) == 1 and parts[0][0].isupper():
            before = persons.get(opening.start) or persons.get(opening.start + 1)
            if before is not None and (trimmed := _trim(before)) is not None:
                ws = trimmed.text.split()
                if len(ws) >= 2 and given_gender(ws[0]):
                    pairs.append((trimmed.text, " ".join(ws[:-1] + parts)))
    cues = "|".join(re.escape(c) for c in sorted(word_set("aka_cues"), key=len,
                                                   reverse=True))
    for m in re.finditer(rf"\b(?:{cues})\s+([A-Z][\w’'-]*(?:[\s-]+[A-Z][\w’'-]*)*)",
                         doc.text):
        second = doc.char_span(m.start(1), m.end(1), alignment_mode="contract")
        near = [s for s in (*spans, *doc.ents) if s.end_char <= m.start()
                and s.label_ in LABELS and m.start() - s.end_char < 20]
        if second is not None and near:
            first = max(near, key=lambda s: (s.end_char, len(s)))
            spans.append(Span(doc, second.start, second.end, label=first.label_))
            pairs.append((first.text, second.text))
    return pairs, spans


def _ezafe_wider(span: Span) -> Span:
    """Widen "Khalq" to "Mujahedin-e Khalq" (and "Mujahedin" to the same)."""
    doc, start, end = span.doc, span.start, span.end
    if start >= 3 and doc[start - 1].text in ("e", "ye") and doc[start - 2].text == "-" \
            and doc[start - 3].is_title and not doc[start - 3].whitespace_:
        start -= 3
    if end + 2 < len(doc) and doc[end].text == "-" and doc[end + 1].text in ("e", "ye") \
            and doc[end + 2].is_title and not doc[end - 1].whitespace_:
        end += 3
    return span if (start, end) == (span.start, span.end) else Span(
        doc, start, end, label="ORG")


def _joined_ezafe(spans: list[Span], text: str) -> list[Span]:
    """Join "Mujahedin" + "-e " + "Khalq" split by the model into one span."""
    out: list[Span] = []
    for span in sorted((_ezafe_wider(s) for s in spans), key=lambda s: s.start_char):
        if out:
            prev = out[-1]
            gap = text[prev.end_char:span.start_char]
            if re.fullmatch(r"-(?:e|ye)(?:-|\s+)|-", gap):
                label = "ORG" if "ORG" in (prev.label_, span.label_) else prev.label_
                out[-1] = Span(span.doc, prev.start, span.end, label=label)
                continue
        out.append(span)
    return out


def _surname_sweep(doc: Doc, spans: Sequence[Span]) -> list[Span]:
    """Mentions the model missed: a capitalized word that is the surname of a
    person named in full elsewhere in the document ("Rajavi then moved ...")."""
    surnames = {s[-1].text for s in spans if len(s) >= 2 and s[-1].is_title
                and _label(s)[0] == "PERSON"}
    taken = {i for s in spans for i in range(s.start, s.end)}
    return [Span(doc, t.i, t.i + 1, label="PERSON") for t in doc
            if t.text in surnames and t.i not in taken]


def _split_slashes(span: Span, pairs: list[tuple[str, str]]) -> list[Span]:
    """Split "MEK/PMOI" into its acronyms, declaring them names of one entity."""
    cuts = [t.i for t in span if t.text == "/"]
    if not cuts:
        return [span]
    bounds = [span.start, *cuts, span.end]
    parts = [Span(span.doc, a + (a != span.start), b, label=span.label_)
             for a, b in zip(bounds, bounds[1:], strict=False)]
    if not all(len(p) == 1 and is_acronym(p.text) for p in parts):
        return [span]
    pairs.extend((span.text, p.text) for p in parts)
    return parts


def _common_words(doc: Doc) -> dict[str, list[int]]:
    """Where each lower-case word of the document occurs (token indexes)."""
    where: dict[str, list[int]] = {}
    for token in doc:
        if token.text.islower():
            where.setdefault(token.text, []).append(token.i)
    return where


def _is_common(span: Span, lowered: dict[str, list[int]]) -> bool:
    """The mention's words also occur in lower case: a heading's common noun phrase
    ("The Policy of Appeasement", "Members and Supporters"), not a name."""
    if is_acronym(span.text) or key(span.text) in known_tables()[1]:
        return False
    low = [t.text.lower() for t in span]
    doc = span.doc
    for i in lowered.get(low[0], ()):
        if i != span.start and [t.text for t in doc[i:i + len(low)]] == low:
            return True
    return False


def _label(span: Span) -> tuple[str, bool]:
    """The corrected label of a mention, and whether a person cue was seen."""
    known = known_tables()[1]
    name, titles = strip_titles(span.text)
    if key(name) in known:
        return known[key(name)], False
    first = re.split(r"[\s-]", name)[0] if name else ""
    if span.label_ == "PERSON" and span[-1].text.lower() in word_set("org_heads"):
        return "ORG", False
    if titles or (len(name.split()) >= 2 and given_gender(first)) or _INITIALS.match(name):
        return "PERSON", True
    if span.label_ == "PERSON" and is_acronym(name):
        return "ORG", False
    if len(name.split()) == 1 and given_gender(first) and span.label_ in ("PERSON", "ORG"):
        return "PERSON", True
    return span.label_, False


def _titles_before(doc_text: str, start_char: int) -> tuple[str, ...]:
    """Titles written just before a mention: "Prime Minister Dr. X", "Supreme Leader, X"."""
    found: list[str] = []
    text = doc_text[max(0, start_char - 48):start_char]
    titles = sorted((t["title"] for t in data("titles")["titles"]), key=len, reverse=True)
    while True:
        text = text.rstrip(" ,-\u00a0")
        hit = next((t for t in titles if text.endswith(t) and
                    (len(text) == len(t) or not text[-len(t) - 1].isalnum())), None)
        if hit is None:
            return tuple(found)
        found.append(hit)
        text = text[:-len(hit)]


def _gender(rest: Span, span: Span, titles: Iterable[str]) -> str | None:
    """A gender cue: a title, a given name, or the next personal pronoun in ``rest``
    (the mention to the end of its sentence)."""
    for t in titles:
        if g := title_info(t).get("gender"):
            return str(g)
    name = strip_titles(span.text)[0].split()
    if len(name) >= 2 and (g := given_gender(name[0].split("-")[0])):
        return g
    pronouns = data("words")["anaphors"]["pronouns"]
    for token in rest[len(span):]:
        if token.ent_type_ == "PERSON":
            return None
        entry = pronouns.get(token.lower_)
        if entry and entry.get("gender"):
            return str(entry["gender"])
    return None


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    """Each token's sentence as (start, end) token indexes, from one pass."""
    if not doc.has_annotation("SENT_START"):
        return [(0, len(doc))] * len(doc)
    bounds: list[tuple[int, int]] = []
    for sent in doc.sents:
        bounds += [(sent.start, sent.end)] * len(sent)
    return bounds


def _patterns(doc: Doc, spans: Iterable[Span]) -> dict[str, list[Doc]]:
    """PhraseMatcher patterns (by label) for the names the text declared."""
    out: dict[str, dict[str, Doc]] = {}
    for span in spans:
        words_ = [t.text for t in span]
        out.setdefault(span.label_, {})[" ".join(words_)] = Doc(doc.vocab, words=words_)
    return {label: list(docs.values()) for label, docs in out.items()}


def annotate(doc: Doc, *, matcher: PhraseMatcher | None = None) -> Doc:
    """Correct ``doc.ents`` and resolve the mentions (what the component does)."""
    pairs, declared = _declarations(doc)
    found = [s for e in doc.ents if e.label_ in LABELS and (s := _trim(e)) is not None]
    if matcher is not None:
        found += [Span(doc, a, b, label=known_tables()[1][key(doc[a:b].text)])
                  for _, a, b in matcher(doc)]
    names = {key(n) for pair in pairs for n in pair}
    names_matcher = PhraseMatcher(doc.vocab, attr="ORTH")
    for label, patterns in _patterns(doc, declared).items():
        names_matcher.add(label, patterns)
    found += [Span(doc, a, b, label=doc.vocab.strings[m]) for m, a, b in names_matcher(doc)
              if key(doc[a:b].text) in names]
    found = [part for span in found for part in _split_slashes(span, pairs)]
    text = doc.text
    spans = filter_spans(_joined_ezafe(filter_spans(declared + found), text))
    spans = filter_spans(spans + _surname_sweep(doc, spans))
    names |= {key(n) for pair in pairs for n in pair}
    lowered = _common_words(doc)
    sentences = _sentences(doc)
    surfaces: list[Surface] = []
    kept: list[Span] = []
    for span in spans:
        label, personal = _label(span)
        if not personal and key(span.text) not in names and _is_common(span, lowered):
            continue
        kept.append(span)
        titles = _titles_before(text, span.start_char)
        start, end = _extent(span)
        sent_start, sent_end = sentences[span.start]
        gender = None
        if label == "PERSON":
            cues = (*titles, *strip_titles(span.text)[1])
            gender = _gender(doc[span.start:sent_end], span, cues)
        surfaces.append(Surface(start, end, text[start:end], label, sent=sent_start,
                                titles=titles, gender=gender, personal=personal))
    clusters = resolve_mentions(surfaces, declared=pairs)
    _write(doc, kept, surfaces, clusters)
    return doc


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


def entities_in(doc: Doc, *, source_id: str) -> tuple[Entity, ...]:
    """The document's entities, one per person, organization and place.

    Mentions carry offsets into ``doc.text`` (map them with ``Document.to_original``).
    Runs the component first when the pipeline did not.
    """
    state = _state(doc)
    mentions: dict[str, list[Mention]] = {}
    text = doc.text
    for start, end, id_, _a, _b in state["mentions"]:
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
    anaphors = data("words")["anaphors"]
    entry = anaphors["pronouns"].get(token.lower_)
    if entry is None:
        det = [c for c in token.children] or ([doc[token.i - 1]] if token.i else [])
        if token.lower_ not in anaphors["nouns"] or not any(
                c.lower_ in ("the", "this", "that") for c in det):
            return None
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
        subject = any(t.dep_ in ("nsubj", "nsubjpass") for t in doc[a:b])
        rank = (int(subject and entry["type"] == "ORG"), start, id_)
        if best is None or rank[:2] > best[:2]:
            best = rank
    return best[2] if best else None


def add(nlp: Language) -> Language:
    """Add the component after ``ner`` (or last when the pipeline has no NER)."""
    if "datelines_entities" not in nlp.pipe_names:
        if "ner" in nlp.pipe_names:
            nlp.add_pipe("datelines_entities", after="ner")
        else:
            nlp.add_pipe("datelines_entities")
    return nlp
