"""Names: transliteration-normalized words, titles, initials, canonical names.

The plain-string toolkit under entity resolution (``nlp.entities`` within a document,
``resolve`` across sources); no spaCy. The language knowledge is data in
``nlp/entities_data/``: transliteration rules and particles (``transliteration.yaml``),
titles (``titles.yaml``), given names (``given_names.yaml``), well-known entities
(``known.yaml``) and word lists (``words.yaml``).

>>> words("Mohammad Hanif-nejad") == words("Muhammad Hanifnejad")
True
>>> strip_titles("Ayatollah Ruhollah Khomeini")
('Ruhollah Khomeini', ('Ayatollah',))
>>> sorted(initials("People's Mojahedin Organization of Iran"))
['PMOI']
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from importlib import resources
from typing import Any

import yaml
from rapidfuzz import fuzz

from datelines.errors import ModelError

__all__ = [
    "canonical_name", "compatible", "data", "given_gender", "initials", "is_acronym",
    "key", "known_aliases", "known_tables", "normalize", "same_word", "slug", "strip_titles",
    "title_info", "word_set", "words",
]




# -- the data files ---------------------------------------------------------------

@functools.cache
def data(name: str) -> Any:
    """One data file of ``nlp/entities_data`` (``titles``, ``known``, ``words``...)."""
    path = resources.files("datelines.nlp") / "entities_data" / f"{name}.yaml"
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ModelError(
            f"cannot read entity data '{name}.yaml' ({exc}); reinstall datelines"
        ) from exc


@functools.cache
def _rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(r["pattern"]), r["replace"])
                 for r in data("transliteration")["rules"])


@functools.cache
def _particles() -> frozenset[str]:
    return frozenset(normalize(p["word"]) for p in data("transliteration")["particles"])


@functools.cache
def word_set(section: str) -> frozenset[str]:
    """A word list of ``words.yaml``, lowercased (``generic``, ``org_heads``...)."""
    return frozenset(w.lower() for w in data("words")[section]["words"])


@functools.cache
def _titles() -> tuple[tuple[str, dict[str, Any]], ...]:
    """Titles, longest first so "Grand Ayatollah" wins over "Ayatollah"."""
    entries = [(t["title"], t) for t in data("titles")["titles"]]
    return tuple(sorted(entries, key=lambda e: -len(e[0])))


def title_info(title: str) -> dict[str, Any]:
    """The titles.yaml entry of ``title`` (case-insensitive), or an empty dict."""
    for t, entry in _titles():
        if t.lower() == title.lower():
            return entry
    return {}


# -- names --------------------------------------------------------------------------

@functools.lru_cache(maxsize=65536)
def normalize(word: str) -> str:
    """One name word in its transliteration-normalized form.

    >>> normalize("Saeed") == normalize("Saeid"), normalize("Mojâhedin")
    (True, 'mujahedin')
    """
    w = unicodedata.normalize("NFKD", word.lower())
    w = "".join(c for c in w if not unicodedata.combining(c))
    for pattern, repl in _rules():
        w = pattern.sub(repl, w)
    return re.sub(r"[^\w]", "", w)


def is_acronym(text: str) -> bool:
    """True for an acronym such as ``MEK``, ``U.S.``, ``MeK`` (not ``Iran``).

    >>> [is_acronym(t) for t in ("MEK", "U.S.", "MeK", "Iran", "A")]
    [True, True, True, False, False]
    """
    bare = text.replace(".", "")
    return (2 <= len(bare) <= 7 and bare.isalpha() and bare[0].isupper()
            and bare[-1].isupper() and sum(c.isupper() for c in bare) >= 2)


@functools.lru_cache(maxsize=65536)
def words(name: str) -> tuple[str, ...]:
    """The normalized words of a name; hyphen compounds joined, particles dropped.

    >>> words("Mujahedin-e Khalq"), words("Hossein-Ali Montazeri")
    (('mujahedin', 'khalgh'), ('husinali', 'muntazeri'))
    """
    out: list[str] = []
    for raw in re.split(r"[\s/]+", name.strip()):
        raw = raw.strip(".,;:()[]\"“”'’")
        if not raw:
            continue
        if is_acronym(raw):
            out.append(raw.replace(".", "").lower())
            continue
        parts = [p for p in raw.split("-") if p]
        if len(parts) == 1 and normalize(raw) in _particles() and raw.islower():
            continue
        kept = [p for p in parts if normalize(p) not in _particles()]
        if len(kept) == len(parts):
            w = normalize("".join(parts))
            if w:
                out.append(w)
        else:
            out.extend(w for w in (normalize(p) for p in kept) if w)
    return tuple(out)


def key(name: str) -> str:
    """The comparison key of a whole name: its normalized words run together."""
    return "".join(words(name))


def strip_titles(name: str) -> tuple[str, tuple[str, ...]]:
    """Split leading titles off a name: ``("Ruhollah Khomeini", ("Ayatollah",))``."""
    found: list[str] = []
    rest = name.strip()
    changed = True
    while changed:
        changed = False
        for title, _entry in _titles():
            low, tl = rest.lower(), title.lower()
            if low == tl or (low.startswith(tl) and rest[len(tl):len(tl) + 1] in " -"):
                found.append(title)
                rest = rest[len(title):].lstrip(" -")
                changed = True
                break
    return rest, tuple(found)


def initials(name: str) -> set[str]:
    """The acronyms a multi-word name may be written as (upper case)."""
    skip = word_set("function_words")
    parts = [p for p in re.split(r"[\s\-/]+", name.strip().strip("()")) if p]
    parts = [p for p in parts if p.lower().strip("'’") not in skip or p.lower() == "e"]
    if len(parts) < 2:
        return set()
    letters = [p.strip("'’\"“”")[:1].upper() for p in parts]
    found = {"".join(letters)}
    bare = [p[:1].upper() for p in parts if normalize(p) not in _particles()]
    if len(bare) >= 2:
        found.add("".join(bare))
    return {a for a in found if a.isalpha()}


@functools.cache
def _fuzzy() -> tuple[float, int]:
    f = data("transliteration")["fuzzy"]
    return float(f["ratio"]), int(f["min_length"])


def same_word(a: str, b: str) -> bool:
    """Two normalized name words are one: equal, an initial, or close (rapidfuzz).

    >>> same_word(normalize("Mohammad"), normalize("Muhammad")), same_word("kazem", "karim")
    (True, False)
    """
    if a == b:
        return True
    if not a or not b or a[0] != b[0]:
        return False
    if len(a) == 1 or len(b) == 1:
        return True
    ratio, min_length = _fuzzy()
    return min(len(a), len(b)) >= min_length and fuzz.ratio(a, b) >= ratio


def compatible(a: Sequence[str], b: Sequence[str]) -> bool:
    """Person names ``a`` and ``b`` (normalized words) can be the same person.

    The shorter is an in-order subsequence of the longer and the surnames agree.

    >>> compatible(words("Massoud Rajavi"), words("Rajavi"))
    True
    >>> compatible(words("Massoud Rajavi"), words("Kazem Rajavi"))
    False
    >>> compatible(words("Bani Sadr"), words("Abolhassan Banisadr"))
    True
    """
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if not short:
        return False
    joined = "".join(short)
    if any("".join(long_[i:]) == joined for i in range(len(long_))) or (
            joined == "".join(long_)):
        return True
    if not same_word(short[-1], long_[-1]):
        return False
    i = 0
    for w in long_:
        if i < len(short) and same_word(short[i], w):
            i += 1
    return i == len(short)


@functools.cache
def known_tables() -> tuple[dict[str, str], dict[str, str], dict[str, tuple[str, ...]]]:
    """Known-entity tables: key -> canonical name, key -> type, name -> aliases."""
    names: dict[str, str] = {}
    types: dict[str, str] = {}
    aliases: dict[str, tuple[str, ...]] = {}
    for e in data("known")["entities"]:
        forms = (e["name"], *e.get("aliases", ()))
        aliases[e["name"]] = tuple(forms)
        for form in forms:
            names[key(form)], types[key(form)] = e["name"], e["type"]
    return names, types, aliases


@functools.cache
def _given() -> dict[str, str]:
    table = data("given_names")
    return {normalize(n): g for g in ("m", "f") for n in table["male" if g == "m" else "female"]}


def given_gender(word: str) -> str | None:
    """``"m"`` or ``"f"`` when ``word`` is a known given name, else None.

    >>> given_gender("Masud"), given_gender("Maryam"), given_gender("Iran")
    ('m', 'f', None)
    """
    return _given().get(normalize(word))


def known_aliases() -> dict[str, tuple[str, ...]]:
    """Every known entity's canonical name with all its forms (from known.yaml)."""
    return known_tables()[2]


def canonical_name(counts: Counter[str], *, type: str) -> str:
    """The name to show for an entity, from how often each surface form was used.

    A known entity keeps its known name; an organization its most used acronym when it
    has one; a person the most used full name (titles stripped); else the most used
    form, the longer on a tie.

    >>> canonical_name(Counter({"MEK": 5, "People's Mojahedin Organization of Iran": 2}),
    ...                type="ORG")
    'MEK'
    >>> canonical_name(Counter({"Khomeini": 9, "Ayatollah Ruhollah Khomeini": 1}),
    ...                type="PERSON")
    'Ruhollah Khomeini'
    >>> canonical_name(Counter({"Bani Sadr": 9, "Abolhassan Banisadr": 2}), type="PERSON")
    'Abolhassan Banisadr'
    """
    known = known_tables()[0]
    for form in counts:
        if key(form) in known:
            return known[key(form)]
    stripped: Counter[str] = Counter()
    for form, n in counts.items():
        stripped[strip_titles(form)[0] or form] += n
    pool = stripped
    if type == "ORG":
        acronyms = Counter({f: n for f, n in stripped.items() if is_acronym(f)})
        pool = acronyms or stripped
    elif type == "PERSON":
        full = Counter({f: n for f, n in stripped.items() if len(words(f)) >= 2})
        if full:
            # a full name also counts the shorter names it holds ("Bani Sadr")
            pool = Counter({f: sum(n for g, n in stripped.items() if len(words(g)) <= len(
                words(f)) and compatible(words(g), words(f))) for f in full})
        else:
            pool = stripped
    by_key: dict[str, int] = Counter()
    for form, n in pool.items():
        by_key[key(form)] += n
    best = max(by_key, key=lambda k: (by_key[k], len(k)))
    forms = [f for f in pool if key(f) == best]
    return max(forms, key=lambda f: (pool[f], stripped[f]))


def slug(type: str, name: str) -> str:
    """An entity id: ``person/massoud-rajavi``.

    >>> slug("ORG", "People's Mojahedin")
    'org/peoples-mojahedin'
    """
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    plain = re.sub(r"['’.]", "", plain.lower())
    return f"{type.lower()}/" + (re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "x")


