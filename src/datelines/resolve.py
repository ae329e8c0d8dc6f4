"""Entity resolution: one entity per person, organization and place.

Stage: ``nlp.entities`` finds and corrects the mentions of one spaCy ``Doc`` and hands
them here as plain :class:`Surface` records; :func:`resolve_mentions` groups them into
clusters (within one document). :func:`resolve_all` joins the
:class:`~datelines.model.Entity` lists of several sources. No spaCy here; names are
compared with :mod:`datelines.names`. Candidate pairs come from dictionaries (a
name's key, its surname, its initials, its rare words), never from comparing every
mention with every other.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from datelines.model import Entity, Mention
from datelines.names import (
    canonical_name,
    compatible,
    initials,
    is_acronym,
    key,
    known_aliases,
    known_tables,
    normalize,
    same_word,
    slug,
    strip_titles,
    title_info,
    word_set,
    words,
)

__all__ = ["Cluster", "Surface", "links", "resolve_all", "resolve_mentions"]

TYPE_ORDER = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "OTHER")


# -- within one document ------------------------------------------------------------

@dataclass(frozen=True)
class Surface:
    """One mention to resolve: where it is, its cleaned text and its cues."""

    start: int
    end: int
    text: str  # cleaned surface form, titles kept: "Ayatollah Khomeini"
    label: str  # NER label after corrections
    sent: int = 0  # sentence index, for recency
    titles: tuple[str, ...] = ()  # titles just before the mention ("Supreme Leader, X")
    gender: str | None = None  # "m" / "f" from a title, a given name or a pronoun
    personal: bool = False  # a given name or a title says it is a person


@dataclass(frozen=True)
class Cluster:
    """One entity of a document: its name, type, aliases and member mentions."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    members: tuple[int, ...]  # indexes into the surfaces given to resolve_mentions
    gender: str | None = None


@dataclass
class _Group:
    """A cluster being built (mutable while one document is resolved)."""

    members: list[int] = field(default_factory=list)
    forms: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    titles: set[str] = field(default_factory=set)
    names: set[tuple[str, ...]] = field(default_factory=set)  # distinct names, as words
    gender: str | None = None
    personal: bool = False
    last: int = -1



@functools.cache
def _generic() -> frozenset[str]:
    return frozenset(normalize(w) for w in word_set("generic"))


@functools.cache
def _heads() -> frozenset[str]:
    return frozenset(normalize(w) for w in word_set("org_heads"))


def _contains(short: Sequence[str], long_: Sequence[str]) -> bool:
    """``short`` names the same organization as ``long_``, which starts with it.

    "National Council of Resistance" in "... of Iran", "People's Mujahedin" in
    "People's Mujahedin Organization of Iran"; but not "United Nations" in "United
    Nations Security Council" (a second head word: an organ of the first).
    """
    n = len(short)
    if n < 2 or n > len(long_) or (n < 3 and all(w in _generic() for w in short)):
        return False
    if tuple(long_[:n]) != tuple(short):
        return False
    return not (set(short) & _heads() and set(long_[n:]) & _heads())


class _Resolver:
    """Groups the surfaces of one document, in reading order."""

    def __init__(self, surfaces: Sequence[Surface],
                 declared: Iterable[tuple[str, str]]) -> None:
        self.surfaces = surfaces
        self.groups: list[_Group] = []
        self.parent: list[int] = []
        self.root: dict[str, str] = {}
        self.declared: dict[str, set[str]] = defaultdict(set)
        self.by_key: dict[str, int] = {}
        self.by_surname: dict[str, set[int]] = defaultdict(set)
        self.by_letter: dict[str, set[str]] = defaultdict(set)
        self.by_first: dict[str, set[int]] = defaultdict(set)
        self.by_initials: dict[str, set[int]] = defaultdict(set)
        self.by_word: dict[str, set[int]] = defaultdict(set)
        self.by_title: dict[str, set[int]] = defaultdict(set)
        self.keys: dict[int, set[str]] = defaultdict(set)
        for forms in known_aliases().values():
            for form in forms[1:]:
                self._union_keys(key(forms[0]), key(form))
        for a, b in declared:
            self.declared[key(a)].add(a)
            self.declared[key(b)].add(b)
            self._union_keys(key(a), key(b))

    def _find_key(self, k: str) -> str:
        while self.root.get(k, k) != k:
            k = self.root[k]
        return k

    def _union_keys(self, a: str, b: str) -> None:
        ra, rb = self._find_key(a), self._find_key(b)
        if ra != rb:
            self.root[rb] = ra
            self.declared[ra] |= self.declared.pop(rb, set())

    def find(self, g: int) -> int:
        while self.parent[g] != g:
            g = self.parent[g]
        return g

    def merge(self, a: int, b: int) -> int:
        a, b = self.find(a), self.find(b)
        if a == b:
            return a
        a, b = min(a, b), max(a, b)
        ga, gb = self.groups[a], self.groups[b]
        self.parent[b] = a
        ga.members += gb.members
        ga.forms.update(gb.forms)
        ga.labels.update(gb.labels)
        ga.titles |= gb.titles
        ga.names |= gb.names
        ga.gender = ga.gender or gb.gender
        ga.personal = ga.personal or gb.personal
        ga.last = max(ga.last, gb.last)
        self.keys[a] |= self.keys.pop(b, set())
        return a

    def _index(self, g: int, name: str, *, person: bool, place: bool = False) -> None:
        k = self._find_key(key(name))
        ws = words(name)
        if not (person and len(ws) == 1):  # a surname alone may name several people
            if k in self.by_key and self.find(self.by_key[k]) != g:
                g = self.merge(self.by_key[k], g)
            self.by_key[k] = g
        if not ws:
            return
        if k not in self.keys[g]:
            self.keys[g].add(k)
            for other in sorted(self.declared.get(k, ())):
                if other != name:
                    self._index(g, other, person=person)
        self.groups[g].names.add(ws)
        if person or (len(ws) == 1 and not place and not is_acronym(name)):
            self.by_surname[ws[-1]].add(g)
            self.by_letter[ws[-1][0]].add(ws[-1])
            if len(ws) >= 2:
                self.by_first[ws[0]].add(g)
        elif len(ws) >= 2:
            for acronym in initials(name):
                self.by_initials[acronym.lower()].add(g)
            for w in (*ws, "^" + ws[0]):
                if w not in _generic():
                    self.by_word[w].add(g)

    def _roots(self, groups: Iterable[int]) -> set[int]:
        return {self.find(g) for g in groups}

    def _person(self, ws: tuple[str, ...], s: Surface, person: bool) -> int | None:
        cands = self._roots(g for w in self.by_letter.get(ws[-1][0], ())
                            if same_word(w, ws[-1]) for g in self.by_surname[w])
        if len(ws) >= 2:
            cands = {g for g in cands
                     if all(compatible(ws, n) for n in self.groups[g].names)}
        if s.gender:
            cands = {g for g in cands if self.groups[g].gender in (None, s.gender)}
        if s.label in ("GPE", "LOC", "FAC", "NORP"):  # a surname the model took for a place
            cands = {g for g in cands if (self.groups[g].personal or self.groups[
                g].labels["PERSON"]) and any(len(n) >= 2 for n in self.groups[g].names)}
        if not cands and len(ws) == 1 and person:
            cands = self._roots(self.by_first.get(ws[0], ()))
        if not cands:
            return None
        return max(cands, key=lambda g: self.groups[g].last)

    def _org(self, ws: tuple[str, ...]) -> int | None:
        cands = self._org_candidates(ws)
        if not cands:
            return None
        return max(cands, key=lambda g: (len(self.groups[g].members), -g))

    def _org_candidates(self, ws: tuple[str, ...]) -> set[int]:
        return {g for g in self._org_pool(ws) if "ORG" in self.groups[g].labels}

    def _org_pool(self, ws: tuple[str, ...]) -> set[int]:
        if len(ws) == 1:
            cands = self._roots(self.by_word.get(ws[0], ()))
        else:
            pool = self._roots(g for w in (*ws, "^" + ws[0]) if w not in _generic()
                               for g in self.by_word.get(w, ()))
            cands = {g for g in pool for n in self.groups[g].names
                     if _contains(ws, n) or _contains(n, ws)}
        return cands

    def _titled(self, titles: set[str]) -> int | None:
        best = self._roots(g for t in titles for g in self.by_title.get(t.lower(), ()))
        return max(best, key=lambda g: self.groups[g].last) if best else None

    def add(self, i: int) -> int | None:
        """Resolve surface ``i``; return its group (None: not an entity)."""
        s = self.surfaces[i]
        name, inner = strip_titles(s.text)
        titles = set(s.titles) | set(inner)
        ws = words(name)
        person = bool(titles) or s.personal
        if not ws:
            titled = self._titled(titles)
            standalone = [t for t in titles if title_info(t).get("standalone")]
            if titled is None and not standalone:
                return None
            if titled is not None:
                return self._join(titled, i, s, name=None, person=True)
            name, ws = standalone[0], words(standalone[0])
        acronym = is_acronym(name)
        person = not acronym and (person or s.label == "PERSON")
        k = self._find_key(key(name))
        found = {self.by_key[k]} if k in self.by_key and not (
            person and len(ws) == 1) else set()
        if acronym:
            found |= self.by_initials.get(key(name), set())
        elif len(ws) >= 2 and not person:
            found |= {self.by_key[a.lower()] for a in initials(name)
                      if a.lower() in self.by_key}
        g: int | None = None
        strong = bool(titles) or s.personal
        if found and len(ws) >= 2 and s.label == "ORG":
            found |= self._org_candidates(ws)
        if found:
            roots = sorted(self._roots(found))
            g = roots[0]
            for other in roots[1:]:
                g = self.merge(g, other)
        elif person or len(ws) == 1:
            g = self._person(ws, s, person)
        if g is None and not strong and s.label in ("ORG", "PERSON"):
            g = self._org(ws)
        if g is None:
            g = len(self.groups)
            self.groups.append(_Group())
            self.parent.append(g)
        return self._join(g, i, s, name=name, person=person)

    def _join(self, g: int, i: int, s: Surface, *, name: str | None,
              person: bool) -> int:
        group = self.groups[g]
        group.members.append(i)
        group.forms[s.text] += 1
        group.labels[s.label] += 1
        titles = set(s.titles) | set(strip_titles(s.text)[1])
        group.titles |= titles
        for t in titles:
            self.by_title[t.lower()].add(g)
        group.personal = group.personal or s.personal or bool(
            s.titles or strip_titles(s.text)[1] or name is None)
        group.gender = group.gender or s.gender
        if name is None or len(words(name)) >= 2 or group.last < 0:
            group.last = i
        if name is not None:
            self._index(g, name, person=person,
                        place=s.label in ("GPE", "LOC", "FAC", "NORP"))
        return self.find(g)

    def clusters(self) -> tuple[Cluster, ...]:
        known = known_tables()[1]
        out: list[Cluster] = []
        seen: set[str] = set()
        for g, group in enumerate(self.groups):
            if self.find(g) != g:
                continue
            acronyms = any(is_acronym(strip_titles(f)[0]) for f in group.forms)
            types = [known[key(f)] for f in group.forms if key(f) in known]
            if types:
                type_ = types[0]
            elif group.personal and not acronyms:
                type_ = "PERSON"
            else:
                type_ = max(group.labels, key=lambda t: (
                    group.labels[t], -TYPE_ORDER.index(t) if t in TYPE_ORDER else -99))
                if type_ == "PERSON" and acronyms:
                    type_ = "ORG"
            name = canonical_name(group.forms, type=type_)
            aliases = list(dict.fromkeys(self.surfaces[m].text
                                         for m in sorted(group.members)))
            for k in sorted(self.keys[g]):
                aliases += sorted(n for n in self.declared.get(k, ()) if n not in aliases)
            id_ = slug(type_, name)
            n = 2
            while id_ in seen:
                id_, n = f"{slug(type_, name)}-{n}", n + 1
            seen.add(id_)
            out.append(Cluster(id=id_, name=name, type=type_, aliases=tuple(aliases),
                               members=tuple(sorted(group.members)),
                               gender=group.gender))
        return tuple(out)


def resolve_mentions(surfaces: Sequence[Surface], *,
                     declared: Iterable[tuple[str, str]] = ()) -> tuple[Cluster, ...]:
    """Group one document's mentions (in reading order) into entities.

    ``declared`` pairs are names the text itself says are the same ("the National
    Liberation Army (NLA)"). A surname alone joins the person whose full name came
    last (a gender cue first rules out the others); a bare title joins the last person
    who bore it; an acronym joins the name whose initials it spells.

    >>> s = [Surface(0, 14, "Massoud Rajavi", "PERSON"),
    ...      Surface(20, 32, "Kazem Rajavi", "ORG", personal=True),
    ...      Surface(40, 46, "Rajavi", "ORG"), Surface(50, 54, "NCRI", "ORG")]
    >>> [(c.name, c.members) for c in resolve_mentions(s)]
    [('Massoud Rajavi', (0,)), ('Kazem Rajavi', (1, 2)), ('NCRI', (3,))]
    """
    resolver = _Resolver(surfaces, declared)
    for i in range(len(surfaces)):
        resolver.add(i)
    return resolver.clusters()


# -- across sources -------------------------------------------------------------------

def _source(entity: Entity) -> str:
    return entity.mentions[0].source if entity.mentions else ""


def _groups(flat: Sequence[Entity]) -> list[int]:
    """Union-find parents joining the entities of all sources that are one."""
    parent = list(range(len(flat)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    known = known_tables()[0]
    by_key: dict[tuple[bool, str], int] = {}
    by_surname: dict[str, list[int]] = defaultdict(list)
    by_word: dict[str, list[int]] = defaultdict(list)
    spelled: dict[str, list[int]] = defaultdict(list)
    titles: set[tuple[str, int]] = set()
    forms = [(e.name, *e.aliases) for e in flat]
    for i, e in enumerate(flat):
        person = e.type == "PERSON"
        for form in forms[i]:
            name = strip_titles(form)[0] or form
            ws = words(name)
            k = key(known.get(key(name), name))
            if person and len(ws) < 2:
                continue
            union(i, by_key.setdefault((person, k), i))
            if not person and len(ws) >= 2:
                for acronym in initials(name):
                    if len(acronym) >= 3:
                        spelled[acronym.lower()].append(i)
                for w in (*ws, "^" + ws[0]):
                    if w not in _generic():
                        by_word[w].append(i)
        full = words(e.name)
        if person and len(full) >= 2:
            by_surname[full[-1]].append(i)
            by_surname["".join(full[-2:])].append(i)
        if person:
            titles.update((f.lower(), i) for f in forms[i] if not strip_titles(f)[0])
    for acronym, bucket in spelled.items():
        owner = by_key.get((False, acronym))
        if owner is None or any(  # the acronym's own source already spells it out
                acronym.upper() in initials(f) for f in forms[owner] if not is_acronym(f)):
            continue
        for j in bucket:
            union(j, owner)
    for bucket in by_surname.values():
        for a, i in enumerate(bucket):
            for j in bucket[a + 1:]:
                if compatible(words(flat[i].name), words(flat[j].name)):
                    union(i, j)
    for bucket in by_word.values():
        for a, i in enumerate(bucket):
            for j in bucket[a + 1:]:
                if find(i) != find(j) and any(
                        _contains(words(x), words(y)) or _contains(words(y), words(x))
                        for x in forms[i] for y in forms[j]):
                    union(i, j)
    for i, e in enumerate(flat):
        full = words(e.name)
        if e.type == "PERSON" and len(full) == 1:
            roots = {find(j) for j in by_surname.get(full[0], ())}
            if not strip_titles(e.name)[0] and title_info(e.name).get("standalone"):
                roots = {find(j) for t, j in titles if t == e.name.lower() and j != i}
            if len(roots) == 1:
                union(i, roots.pop())
    return [find(i) for i in range(len(flat))]


def _joined(flat: Sequence[Entity], parent: Sequence[int]) -> tuple[
        tuple[Entity, ...], dict[tuple[str, str], str]]:
    members: dict[int, list[int]] = defaultdict(list)
    for i, root in enumerate(parent):
        members[root].append(i)
    out: list[Entity] = []
    link: dict[tuple[str, str], str] = {}
    seen: set[str] = set()
    for root in sorted(members):
        group = [flat[i] for i in members[root]]
        counts: Counter[str] = Counter()
        types: Counter[str] = Counter()
        for e in group:
            counts[e.name] += max(1, len(e.mentions))
            counts.update(a for a in e.aliases if a != e.name)
            types[e.type] += max(1, len(e.mentions))
        type_ = types.most_common(1)[0][0]
        name = canonical_name(counts, type=type_)
        id_, n = slug(type_, name), 2
        while id_ in seen:
            id_, n = f"{slug(type_, name)}-{n}", n + 1
        seen.add(id_)
        aliases = tuple(dict.fromkeys(a for e in group for a in (e.name, *e.aliases)))
        mentions: list[Mention] = sorted(
            (m for e in group for m in e.mentions), key=lambda m: (m.source, m.start))
        out.append(Entity(id=id_, name=name, type=type_, aliases=aliases,
                          mentions=tuple(mentions)))
        for e in group:
            link[(_source(e), e.id)] = id_
    return tuple(out), link


def resolve_all(entity_lists: Iterable[Sequence[Entity]]) -> tuple[Entity, ...]:
    """Join the entities of several sources: one :class:`Entity` per real entity.

    Full person names join when compatible ("Masud Rajavi" / "Massoud Rajavi"); a
    surname alone joins only when one person bears it; organizations join on a shared
    name or alias, an acronym spelling another's initials, or one name inside another
    ("People's Mujahedin" / "People's Mojahedin Organization of Iran").

    >>> a = [Entity("org/mek", "MEK", "ORG", ("MEK", "Mojahedin"),
    ...             (Mention("s1", 0, 3, "MEK"),))]
    >>> b = [Entity("org/mojahedin", "Mojahedin", "ORG", ("Mujahedin",),
    ...             (Mention("s2", 5, 14, "Mujahedin"),))]
    >>> [(e.name, e.aliases) for e in resolve_all([a, b])]
    [('MEK', ('MEK', 'Mojahedin', 'Mujahedin'))]
    """
    flat = [e for entities in entity_lists for e in entities]
    return _joined(flat, _groups(flat))[0]


def links(entity_lists: Iterable[Sequence[Entity]]) -> dict[tuple[str, str], str]:
    """``(source id, entity id in that source)`` -> id of the joined entity."""
    flat = [e for entities in entity_lists for e in entities]
    return _joined(flat, _groups(flat))[1]
