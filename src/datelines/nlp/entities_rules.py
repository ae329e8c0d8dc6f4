"""Entity rules: find, correct and relate the mentions of one parsed ``Doc``.

Stage: nlp, the rule half of the ``datelines_entities`` component (``nlp.entities``
runs them, then resolves). Consumes spaCy spans; produces corrected spans, names
the text declares equal, and the cues (titles, gender) that resolution reads. The
knowledge is data in ``entities_data/`` (titles, given names, known entities, word
lists), each entry with an example that a test runs.

>>> import spacy
>>> doc = spacy.blank("en")("the People's Front for Liberation (PFL/FLP) met")
>>> pairs, spans = declarations(doc)
>>> pairs[0], [s.text for s in spans]
(("People's Front for Liberation", 'PFL/FLP'), ["People's Front for Liberation", 'PFL', 'FLP'])
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span

from datelines.names import (
    data,
    given_gender,
    initials,
    is_acronym,
    key,
    known_tables,
    strip_titles,
    title_info,
    word_set,
)

__all__ = [
    "LABELS", "common_words", "completed", "wrapped", "corrected_label", "declarations", "extent",
    "gender_cue", "is_common", "joined_ezafe", "name_patterns", "sentence_bounds",
    "split_slashes", "surname_sweep", "titles_before", "trim",
]

LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_LEAD = frozenset({"the", "a", "an", "this", "that"})
_CONNECT = frozenset({"of", "the", "and", "for", "'s", "’s", "-", "e", "ye", "al", "de"})
_DEFINE = re.compile(r"\(\s*([A-Z][A-Za-z.]{1,8}(?:\s*/\s*[A-Z][A-Za-z.]{1,8})*)\s*\)")
_INITIALS = re.compile(r"^(?:[A-Z]\.? ?){1,3}(?:(?:de|van|von|le) )?[A-Z][a-z]{2,}$")
_GLUED_DIGITS = re.compile(r"[A-Za-z]{2,}\d")  # "Conference-July2019": a caption
_GLUED = re.compile(r"[a-z]([A-Z][a-z]+)$")


def trim(span: Span) -> Span | None:
    """Drop leading articles and trailing punctuation, possessives and line breaks."""
    doc, start, end = span.doc, span.start, span.end
    for i in range(start, end):
        wrap = (doc[i].text.count("\n") == 1 and i + 1 < end and doc[i + 1].is_title)
        if i > start and (("\n" in doc[i].text and not wrap) or doc[i].text == "("):
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
    if end <= start or not any(c.isupper() for c in doc[start:end].text) or any(
            _GLUED_DIGITS.search(t.text) for t in doc[start:end]):
        return None
    return Span(doc, start, end, label=span.label_)


def wrapped(span: Span) -> Span:
    """Rejoin a name a hard line break split: "Massoud" + newline + "Rajavi"."""
    doc, end = span.doc, span.end
    if end + 1 < len(doc) and doc[end].is_space and doc[end].text.count("\n") == 1 \
            and doc[end + 1].is_title and not doc[end + 1].ent_type_ \
            and given_gender(span[-1].text):
        return Span(doc, span.start, end + 2, label="PERSON")
    return span


def completed(span: Span, text: str) -> Span:
    """Widen a span the model cut inside a title: "Supreme" + "Leader"."""
    for t in (e["title"] for e in data("titles")["titles"]):
        if t.startswith(span.text + " ") and text.startswith(
                t[len(span.text):], span.end_char):
            wider = span.doc.char_span(span.start_char, span.start_char + len(t),
                                       label=span.label_, alignment_mode="expand")
            return wider if wider is not None else span
    return span


def extent(span: Span) -> tuple[int, int]:
    """The character extent of the name: a word glued on by a lost line break is cut."""
    start, end = span.start_char, span.end_char
    last = span[-1].text
    glued = _GLUED.search(last)
    if glued and len(span) > 1 and not is_acronym(last):
        end -= len(glued.group(1))
    return start, end


def name_before(doc: Doc, i: int, acronym: str) -> Span | None:
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


def declarations(doc: Doc) -> tuple[list[tuple[str, str]], list[Span]]:
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
            long_ = next((s for p in parts if (s := name_before(doc, opening.start, p))),
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
            if before is not None and (trimmed := trim(before)) is not None:
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


def ezafe_wider(span: Span) -> Span:
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


def joined_ezafe(spans: list[Span], text: str) -> list[Span]:
    """Join "Mujahedin" + "-e " + "Khalq" split by the model into one span."""
    out: list[Span] = []
    for span in sorted((ezafe_wider(s) for s in spans), key=lambda s: s.start_char):
        if out:
            prev = out[-1]
            gap = text[prev.end_char:span.start_char]
            if re.fullmatch(r"-(?:e|ye)(?:-|\s+)|-", gap):
                label = "ORG" if "ORG" in (prev.label_, span.label_) else prev.label_
                out[-1] = Span(span.doc, prev.start, span.end, label=label)
                continue
        out.append(span)
    return out


def surname_sweep(doc: Doc, spans: Sequence[Span]) -> list[Span]:
    """Mentions the model missed: a capitalized word that is the surname of a
    person named in full elsewhere in the document ("Rajavi then moved ...")."""
    surnames = {s[-1].text for s in spans if len(s) >= 2 and s[-1].is_title
                and len(strip_titles(s.text)[0].split()) >= 2
                and corrected_label(s)[0] == "PERSON"
                and s[-1].text.lower() not in word_set("org_heads")}
    taken = {i for s in spans for i in range(s.start, s.end)}
    return [Span(doc, t.i, t.i + 1, label="PERSON") for t in doc
            if t.text in surnames and t.i not in taken]


def split_slashes(span: Span, pairs: list[tuple[str, str]]) -> list[Span]:
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


def common_words(doc: Doc) -> dict[str, list[int]]:
    """Where each lower-case word of the document occurs (token indexes)."""
    where: dict[str, list[int]] = {}
    for token in doc:
        if token.text.islower():
            where.setdefault(token.text, []).append(token.i)
    return where


def is_common(span: Span, lowered: dict[str, list[int]]) -> bool:
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


def corrected_label(span: Span) -> tuple[str, bool]:
    """The corrected label of a mention, and whether a person cue was seen."""
    known = known_tables()[1]
    name, titles = strip_titles(span.text)
    if key(name) in known:
        return known[key(name)], False
    first = re.split(r"[\s-]", name)[0] if name else ""
    if len(span) > 1 and span[-1].text.lower() in word_set("org_heads"):
        return ("ORG" if span.label_ == "PERSON" else span.label_), False
    if titles or (len(name.split()) >= 2 and given_gender(first)) or _INITIALS.match(name):
        return "PERSON", True
    if span.label_ == "PERSON" and is_acronym(name):
        return "ORG", False
    if len(name.split()) == 1 and given_gender(first) and span.label_ in ("PERSON", "ORG"):
        return "PERSON", True
    return span.label_, False


def titles_before(doc_text: str, start_char: int) -> tuple[str, ...]:
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


def gender_cue(rest: Span, span: Span, titles: Iterable[str]) -> str | None:
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


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Each token's sentence as (start, end) token indexes, from one pass."""
    if not doc.has_annotation("SENT_START"):
        return [(0, len(doc))] * len(doc)
    bounds: list[tuple[int, int]] = []
    for sent in doc.sents:
        bounds += [(sent.start, sent.end)] * len(sent)
    return bounds


def name_patterns(doc: Doc, spans: Iterable[Span]) -> dict[str, list[Doc]]:
    """PhraseMatcher patterns (by label) for the names the text declared."""
    out: dict[str, dict[str, Doc]] = {}
    for span in spans:
        words_ = [t.text for t in span]
        out.setdefault(span.label_, {})[" ".join(words_)] = Doc(doc.vocab, words=words_)
    return {label: list(docs.values()) for label, docs in out.items()}


