"""Entities: NER corrections, learned names and resolution on our own sentences."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from datelines.model import Entity, Mention
from datelines.nlp.entities import add, antecedent, canonical, entities_in
from datelines.nlp.pipeline import load
from datelines.resolve import Surface, links, resolve_all, resolve_mentions


@pytest.fixture(scope="module")
def nlp() -> Language:
    return add(load())


def holder(entities: tuple[Entity, ...], alias: str) -> Entity:
    """The one entity that has ``alias``; fails when none or several have it."""
    found = [e for e in entities if alias in e.aliases]
    assert len(found) == 1, (alias, [(e.name, e.aliases) for e in entities])
    return found[0]


def test_transliterations_and_surnames_join(nlp: Language) -> None:
    text = ("Mohammad Hanifnejad founded the circle in 1965 with Saeid Mohsen. "
            "Police arrested Mohammad Hanif-nejad in 1971. Saeed Mohsen was arrested "
            "too, and Hanifnejad was sentenced to death.")
    found = entities_in(nlp(text), source_id="t")
    hanif = holder(found, "Mohammad Hanif-nejad")
    assert {"Mohammad Hanifnejad", "Hanifnejad"} <= set(hanif.aliases)
    assert hanif.type == "PERSON" and len(hanif.mentions) == 3
    assert holder(found, "Saeed Mohsen") is holder(found, "Saeid Mohsen")


def test_surname_goes_to_nearest_full_name_and_gender(nlp: Language) -> None:
    text = ("Massoud Rajavi spoke in Paris in 1982. Rajavi then moved to Baghdad. "
            "In 1985 Maryam Rajavi joined the leadership. Kazem Rajavi, a lawyer, "
            "lived in Geneva. Two years later Mrs. Rajavi addressed a rally.")
    doc = nlp(text)
    found = entities_in(doc, source_id="t")
    ids = {e.id: e for e in found}
    at = {m.start: e.name for e in found for m in e.mentions}
    assert at[text.index("Rajavi then")] == "Massoud Rajavi"
    assert at[text.index("Rajavi addressed")] == "Maryam Rajavi"
    kazem = holder(found, "Kazem Rajavi")
    assert kazem.type == "PERSON" and kazem.name == "Kazem Rajavi"
    assert len([e for e in ids.values() if e.type == "PERSON"]) == 3


def test_defined_acronyms_are_learned(nlp: Language) -> None:
    text = ("The Popular Front for Liberation (PFL) was founded in 1960. "
            "Two years later the PFL split, and the PFL leaders fled.")
    doc = nlp(text)
    pfl = holder(entities_in(doc, source_id="t"), "Popular Front for Liberation")
    assert pfl.name == "PFL" and pfl.type == "ORG"
    assert len(pfl.mentions) == 4
    assert all(text[m.start:m.end] == m.text for m in pfl.mentions)
    assert all(e._.entity_id == pfl.id for e in doc.ents if e.text == "PFL")


def test_slash_acronyms_and_aka(nlp: Language) -> None:
    text = ("The Union of Free Workers (UFW/FWU) aka Free Workers Union called a "
            "strike in 1980. The FWU won.")
    union = holder(entities_in(nlp(text), source_id="t"), "UFW")
    assert {"FWU", "Union of Free Workers", "Free Workers Union", "UFW/FWU"} <= set(
        union.aliases)


def test_well_known_aliases(nlp: Language) -> None:
    text = ("In 1997 the U.S. listed the group. The United States kept it listed "
            "until 2012, when US officials relented.")
    us = holder(entities_in(nlp(text), source_id="t"), "U.S.")
    assert us.name == "United States" and us.type == "GPE"
    assert {"United States", "US"} <= set(us.aliases)


def test_titles_and_model_mistakes(nlp: Language) -> None:
    text = ("In 1953 Shah Mohammad Reza Pahlavi returned to power. He built a secret "
            "police, the Savak, and the Shah's courts tried his critics. Their "
            "reading of Islam was modern.")
    doc = nlp(text)
    found = entities_in(doc, source_id="t")
    shah = holder(found, "Shah Mohammad Reza Pahlavi")
    assert shah.name == "Mohammad Reza Pahlavi" and "Shah" in shah.aliases
    assert holder(found, "Savak").type == "ORG"
    assert all(e.type == "NORP" for e in found if "Islam" in e.aliases)
    assert not [e for e in doc.ents if e.text == "Islam" and e.label_ in ("PERSON", "ORG")]


def test_split_ezafe_name_joins_its_acronym(nlp: Language) -> None:
    text = "Supporters of the Mujahedin-e Khalq marched. Later the MEK grew."
    mek = holder(entities_in(nlp(text), source_id="t"), "MEK")
    assert "Mujahedin-e Khalq" in mek.aliases


def test_canonical_and_antecedent(nlp: Language) -> None:
    text = ("The Popular Front for Liberation (PFL) was founded in 1960. "
            "The group grew quickly. Golda Meir spoke first. She was brief.")
    doc = nlp(text)
    pfl = next(e for e in doc.ents if e.text == "PFL")
    assert canonical(pfl) == ("PFL", "ORG", pfl._.entity_id)
    group = next(t for t in doc if t.text == "group")
    she = next(t for t in doc if t.text == "She")
    assert antecedent(group) == pfl._.entity_id
    assert canonical(next(e for e in doc.ents if "Meir" in e.text))[2] == antecedent(she)
    assert antecedent(next(t for t in doc if t.text == "quickly")) is None


def test_they_is_not_the_name_that_qualifies_a_plural(nlp: Language) -> None:
    text = ("Ada Voss and Karl Brenn, two graduates of the Lyon Polytechnic, met in "
            "1905. They printed leaflets.")
    doc = nlp(text)
    lyon = next(e for e in doc.ents if "Lyon" in e.text)
    they = next(t for t in doc if t.text == "They")
    assert antecedent(they) != lyon._.entity_id
    doc = nlp("The Lyon Polytechnic was founded in 1902. They printed leaflets.")
    guild = next(e for e in doc.ents if "Lyon" in e.text)
    assert antecedent(next(t for t in doc if t.text == "They")) == guild._.entity_id


def test_works_without_the_model() -> None:
    blank = spacy.blank("en")
    blank.add_pipe("datelines_entities")
    doc = blank("The Popular Front for Liberation (PFL) met the EU in 1990.")
    assert {e.name for e in entities_in(doc, source_id="t")} == {"PFL", "European Union"}


def test_resolve_mentions_plain() -> None:
    surfaces = [Surface(0, 14, "Massoud Rajavi", "PERSON", personal=True, gender="m"),
                Surface(20, 33, "Maryam Rajavi", "ORG", personal=True, gender="f"),
                Surface(40, 46, "Rajavi", "PERSON", gender="m"),
                Surface(50, 54, "Shah", "ORG")]
    clusters = resolve_mentions(surfaces)
    assert [c.members for c in clusters] == [(0, 2), (1,), (3,)]
    assert clusters[1].type == "PERSON"
    assert (clusters[2].name, clusters[2].type) == ("Shah", "PERSON")  # a lone monarch


def _entity(source: str, name: str, type_: str, *aliases: str) -> Entity:
    return Entity(f"{type_.lower()}/{name}", name, type_, (name, *aliases),
                  (Mention(source, 0, len(name), name),))


def test_resolve_all_across_sources() -> None:
    a = [_entity("a", "Massoud Rajavi", "PERSON", "Rajavi"),
         _entity("a", "Maryam Rajavi", "PERSON"),
         _entity("a", "NCRI", "ORG", "National Council of Resistance of Iran"),
         _entity("a", "United Nations", "ORG")]
    b = [_entity("b", "Masud Rajavi", "PERSON"),
         _entity("b", "Rajavi", "PERSON"),
         _entity("b", "National Council of Resistance", "ORG", "NCR"),
         _entity("b", "United Nations Security Council", "ORG")]
    joined = resolve_all([a, b])
    names = sorted(e.name for e in joined)
    assert names == ["Maryam Rajavi", "Massoud Rajavi", "NCRI", "Rajavi",
                     "United Nations", "United Nations Security Council"]
    massoud = next(e for e in joined if e.name == "Massoud Rajavi")
    assert {m.source for m in massoud.mentions} == {"a", "b"}
    link = links([a, b])
    assert link[("b", "person/Masud Rajavi")] == massoud.id


def test_resolve_all_acronyms_need_an_unexplained_acronym() -> None:
    a = [_entity("a", "NLA", "ORG", "National Liberation Army")]
    b = [_entity("b", "Native Land Acts", "ORG")]
    c = [_entity("c", "PFL", "ORG")]
    d = [_entity("d", "Popular Front for Liberation", "ORG")]
    assert len(resolve_all([a, b])) == 2  # NLA is already spelled out in its source
    assert [e.name for e in resolve_all([c, d])] == ["PFL"]


def test_name_split_by_a_hard_line_break(nlp: Language) -> None:
    text = "The circle grew in 1966, and Massoud\nRajavi joined it. Rajavi led it later."
    doc = nlp(text)
    massoud = holder(entities_in(doc, source_id="t"), "Massoud Rajavi")
    assert massoud.type == "PERSON" and len(massoud.mentions) == 2
    assert massoud.mentions[0].text == "Massoud\nRajavi"


def test_mentions_map_to_the_original(nlp: Language) -> None:
    from datelines.model import Document, Source

    original = "Intro.\u00a0\u00a0Kazem Rajavi lived in Geneva."
    text = original.replace("\u00a0\u00a0", " ")
    offsets = tuple([*range(7), *range(8, len(original) + 1)])
    document = Document(Source("s", "x.txt", ""), original, text, offsets)
    found = entities_in(nlp(text), source_id="s", document=document)
    kazem = holder(found, "Kazem Rajavi").mentions[0]
    assert original[kazem.start:kazem.end] == kazem.text == "Kazem Rajavi"


def test_no_antecedent_inside_a_name(nlp: Language) -> None:
    text = "The Workers Party won in 1990. The Free Workers Organization was banned."
    doc = nlp(text)
    word = next(t for t in doc if t.text == "Organization")
    assert word.ent_type_ and antecedent(word) is None


def test_surname_sweep_needs_a_full_name() -> None:
    from spacy.tokens import Span

    from datelines.nlp.entities_rules import surname_sweep

    doc = spacy.blank("en")("the Supreme Leader spoke . Leader Rajavi and Massoud Rajavi")
    spans = [Span(doc, 1, 3, label="PERSON"), Span(doc, 8, 10, label="PERSON")]
    assert [s.text for s in surname_sweep(doc, spans)] == ["Rajavi"]


def test_a_name_met_only_in_headings_is_dropped(nlp: Language) -> None:
    from datelines.model import Block, Document, Source
    from datelines.nlp.pipeline import analyze

    text = ("1985: The Rise of Giants in the PFL\n\n"
            "The Popular Front for Liberation (PFL) grew in 1985.")
    cut = text.index("\n\n")
    document = Document(Source("s", "x.txt", ""), text, text, tuple(range(len(text) + 1)),
                        (Block("heading", 0, cut), Block("paragraph", cut + 2, len(text))))
    doc = analyze(nlp, document)
    names = {e.name for e in entities_in(doc, source_id="s")}
    assert "PFL" in names
    assert not {n for n in names if "Rise" in n or "Giants" in n}
