"""reconcile stage: how alike two events are in wording and in the names they use.

Consumes event texts (summary + evidence quote) and participant names; produces
similarity scores for :mod:`datelines.reconcile.align`. Wording is TF-IDF over
lightly stemmed content words, fitted on the events being compared (no model to load;
``benchmarks/similarity.py`` measures it against a sentence-embedding model on the
gold disagreement pairs). Names match through resolved entity ids when the caller
passes entities, else fuzzily ("Ali-Asghar Badi'zadegan" = "Ali Asghar Badizadegan";
"Rajavi" = "Massoud Rajavi").

>>> same_name("Ali-Asghar Badi'zadegan", "Ali Asghar Badizadegan")
True
>>> same_name("Massoud Rajavi", "Maryam Rajavi")
False
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from datelines.model import Entity

SUFFIXES = (
    "ations", "ation", "ions", "ion", "ings", "ing", "ers", "er", "ed", "es", "s", "e"
)
MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "summer", "winter", "spring",
    "autumn", "fall", "year", "years", "month", "months", "day", "days",
}
TITLES = {"mr", "mrs", "dr", "president", "prime", "minister", "state", "ayatollah",
          "general", "lieutenant", "supreme", "leader", "the", "then"}


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase ASCII without accents, apostrophes or hyphens.

    >>> fold("Badi\u2019zadegan-Khalq")
    'badizadegan khalq'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"['\u2019]s\b", "", text.lower())  # possessive: "the MEK's"
    text = re.sub(r"['\u2019\u2018`]", "", text)
    return re.sub(r"[^a-z0-9%]+", " ", text).strip()


def stem(word: str) -> str:
    """A light suffix strip so that executed/executions and founded/founding meet.

    >>> [stem(w) for w in ("executions", "executed", "founded", "founders")]
    ['execut', 'execut', 'found', 'found']
    """
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> list[str]:
    """Stemmed content words: no stop words, numbers, months or date words.

    >>> content_words("On 5 September 1965 the group was founded in Tehran.")
    ['group', 'found', 'tehran']
    """
    words = fold(text).split()
    return [
        stem(w)
        for w in words
        if w not in ENGLISH_STOP_WORDS and w not in MONTHS and not w[0].isdigit()
        and len(w) > 2
    ]


def wording_terms(text: str) -> list[str]:
    """The terms TF-IDF compares: stemmed non-stop words, years and numbers included.

    >>> wording_terms("On 5 September 1965 the group was founded.")
    ['5', 'septemb', '1965', 'group', 'found']
    """
    return [
        stem(w) for w in fold(text).split()
        if w.isdigit() or (w not in ENGLISH_STOP_WORDS and len(w) > 2)
    ]


class Wording:
    """TF-IDF vectors of a fixed list of texts; ``similarity(i, j)`` is their cosine.

    >>> w = Wording(["The army shelled the port.", "The port was shelled by the army.",
    ...              "Farmers planted rice."])
    >>> w.similarity(0, 1) > 0.9 > w.similarity(0, 2)
    True
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self.size = len(texts)
        if not texts:
            self.matrix = None
            return
        vectorizer = TfidfVectorizer(
            analyzer=wording_terms, sublinear_tf=True, norm="l2", min_df=1
        )
        try:
            self.matrix = vectorizer.fit_transform(list(texts)).tocsr()
        except ValueError:  # every text empty after filtering
            self.matrix = None

    def similarity(self, i: int, j: int) -> float:
        return float(self.similarities([(i, j)])[0])

    def similarities(self, pairs: Sequence[tuple[int, int]]) -> np.ndarray:
        """Cosines of many pairs at once (one sparse product, not one per pair)."""
        if self.matrix is None or not pairs:
            return np.zeros(len(pairs))
        rows = np.fromiter((i for i, _ in pairs), dtype=np.int64, count=len(pairs))
        cols = np.fromiter((j for _, j in pairs), dtype=np.int64, count=len(pairs))
        values = np.asarray(self.matrix[rows].multiply(self.matrix[cols]).sum(axis=1))
        clipped: np.ndarray = np.clip(values.ravel(), 0.0, 1.0)
        return clipped


def _name_tokens(name: str) -> list[str]:
    return [t for t in fold(name).split() if t not in TITLES]


@lru_cache(maxsize=65536)
def same_name(a: str, b: str) -> bool:
    """Whether two surface names plausibly denote the same person or body.

    A family name written in two words matches it written as one:

    >>> same_name("Bani Sadr", "Abolhassan Banisadr")
    True
    >>> same_name("Bani Sadr", "Massoud Rajavi")
    False
    """
    ta, tb = _name_tokens(a), _name_tokens(b)
    if not ta or not tb:
        return False
    ja, jb = " ".join(ta), " ".join(tb)
    if ja == jb or fuzz.ratio(ja, jb) >= 90:
        return True
    for x, y in ((ta, tb), (tb, ta)):  # "Bani Sadr" / "Banisadr"
        if len(x) >= 2 and "".join(x[-2:]) == y[-1]:
            given_x, given_y = x[:-2], y[:-1]
            if not given_x or not given_y or fuzz.ratio(given_x[0], given_y[0]) >= 85:
                return True
    if ta[-1] == tb[-1] or fuzz.ratio(ta[-1], tb[-1]) >= 90:
        # same family name: one has no given name, or the given names agree
        if len(ta) == 1 or len(tb) == 1:
            return True
        return fuzz.ratio(ta[0], tb[0]) >= 85
    # acronym: "NCRI" = "National Council of Resistance of Iran"
    for short, long in ((ta, tb), (tb, ta)):
        if len(short) == 1 and len(long) >= 2:
            initials = "".join(t[0] for t in long if t not in ENGLISH_STOP_WORDS)
            if short[0] == initials:
                return True
    return False


class Names:
    """Canonical keys for participant names, through entities when known.

    With resolved entities (their mentions carry source and offsets), ``within`` lists
    the entities a source mentions inside a span and ``mentions`` counts an entity's
    mentions in a source.

    >>> n = Names([Entity(id="e1", name="MEK", type="ORG", aliases=("Mojahedin",))])
    >>> n.key("Mojahedin") == n.key("MEK") == "e1"
    True
    """

    def __init__(self, entities: Iterable[Entity] = ()) -> None:
        self.alias: dict[str, str] = {}
        self.types: dict[str, str] = {}
        self.display: dict[str, str] = {}
        self.spans: dict[str, list[tuple[int, int, str, str]]] = {}
        self.counts: dict[tuple[str, str], int] = {}
        for entity in entities:
            self.types[entity.id] = entity.type
            self.display[entity.id] = entity.name
            for name in (entity.name, *entity.aliases):
                self.alias.setdefault(fold(name), entity.id)
            for m in entity.mentions:
                self.spans.setdefault(m.source, []).append(
                    (m.start, m.end, entity.id, entity.name)
                )
                self.counts[entity.id, m.source] = self.counts.get((entity.id, m.source), 0) + 1
        for spans in self.spans.values():
            spans.sort()
        self._starts = {sid: [s[0] for s in spans] for sid, spans in self.spans.items()}
        aliases = sorted((a for a in self.alias if len(a) >= 3), key=len, reverse=True)
        self._finder = (
            re.compile(r"\b(?:" + "|".join(map(re.escape, aliases)) + r")\b")
            if aliases else None
        )

    def spans_in(self, folded: str) -> dict[str, list[tuple[int, int]]]:
        """{entity id: [(start, end)...]} of known names in an already folded text."""
        out: dict[str, list[tuple[int, int]]] = {}
        if self._finder is not None:
            for m in self._finder.finditer(folded):
                out.setdefault(self.alias[m.group(0)], []).append(m.span())
        return out

    def find(self, text: str) -> dict[str, str]:
        """{entity id: surface} of the known entities whose names occur in ``text``.

        >>> Names([Entity(id="e1", name="MEK", type="ORG", aliases=("Mojahedin",))]
        ...       ).find("The Mojahedin met.")
        {'e1': 'MEK'}
        """
        if self._finder is None:
            return {}
        out: dict[str, str] = {}
        for m in self._finder.finditer(fold(text)):
            key = self.alias[m.group(0)]
            out.setdefault(key, self.display.get(key, m.group(0)))
        return out

    def key(self, name: str, entity: str | None = None) -> str:
        """The resolved entity id of a name, else the extractor's id, else the name."""
        return self.alias.get(fold(name)) or entity or fold(name)

    def within(self, source: str, start: int, end: int) -> dict[str, str]:
        """{entity id: name} of the entities mentioned in ``source[start:end]``."""
        spans = self.spans.get(source)
        if not spans:
            return {}
        out: dict[str, str] = {}
        for s, e, eid, name in spans[bisect_left(self._starts[source], start):]:
            if s >= end:
                break
            if e <= end:
                out.setdefault(eid, name)
        return out

    def mentions(self, key: str, source: str) -> int | None:
        """How often ``source`` mentions entity ``key`` (None: not a known entity)."""
        if key not in self.types:
            return None
        return self.counts.get((key, source), 0)

    def overlap(
        self,
        a: Mapping[str, str],
        b: Mapping[str, str],
        weight: Mapping[str, float] | None = None,
    ) -> tuple[float, float]:
        """(shared, union) weights of two {key: surface} name sets, fuzzily matched.

        ``weight`` gives each key its informativeness (1.0 when absent): a name that
        every event carries says little about which happening two events describe.
        """
        weight = weight or {}
        shared = 0.0
        matched_b: set[str] = set()
        for key_a, surface_a in a.items():
            hit = key_a if key_a in b else next(
                (k for k, s in b.items() if same_name(surface_a, s)), None
            )
            if hit is not None:
                shared += max(weight.get(key_a, 1.0), weight.get(hit, 1.0))
                matched_b.add(hit)
        only_a = sum(weight.get(k, 1.0) for k in a) - shared
        only_b = sum(weight.get(k, 1.0) for k in b if k not in matched_b)
        return shared, shared + max(0.0, only_a) + only_b
