"""Entities of the real accounts in ../shared/corpus: each person and group once."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from datelines.model import Document, Entity, Source
from datelines.nlp.entities import add, entities_in
from datelines.nlp.pipeline import analyze, load
from datelines.resolve import resolve_all

pytestmark = pytest.mark.slow

MEK_FILES = ("mek-history.txt", "mek-loc-country-study-1987.txt",
             "mek-wikipedia-1988-executions-b.txt", "mek-wikipedia-pmoi-2024.txt",
             "mek-wikipedia-operation-mersad.txt", "mek-wikipedia-ncri.txt")


def _read(path: Path) -> Document:
    """The ingest stage's reader, or a minimal plain-text reader while it is absent."""
    try:
        from datelines.ingest import read
    except ImportError:
        text = path.read_text(encoding="utf-8")
        source = Source(id=path.stem, path=str(path), sha256="")
        return Document(source, text, text, tuple(range(len(text) + 1)))
    return read(path)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return add(load())


@pytest.fixture(scope="module")
def corpus(shared: Path, nlp: Language) -> dict[str, tuple[Entity, ...]]:
    return {name: entities_in(analyze(nlp, _read(shared / "corpus" / name)),
                              source_id=name) for name in MEK_FILES}


def _plain(text: str) -> str:
    return text.replace("’", "'")


def holder(entities: tuple[Entity, ...], alias: str) -> Entity:
    """The one entity that has ``alias`` (curly apostrophes read as straight)."""
    found = [e for e in entities if alias in {_plain(a) for a in e.aliases}]
    assert len(found) == 1, (alias, [(e.name, e.aliases) for e in found])
    return found[0]


@pytest.mark.parametrize(("name", "aliases"), [
    ("Mohammad Hanifnejad", ["Mohammad Hanifnejad", "Mohammad Hanif-nejad", "Hanifnejad"]),
    ("Saeid Mohsen", ["Saeid Mohsen", "Saeed Mohsen"]),
    ("Ruhollah Khomeini", ["Rouhollah Khomeini", "Ruhollah Khomeini", "Khomeini"]),
    ("MEK", ["MEK", "PMOI", "Mujahedin-e Khalq", "Mojahedin", "PMOI/MEK",
             "People's Mojahedin Organization of Iran"]),
    ("United States", ["United States", "U.S."]),
    ("Massoud Rajavi", ["Massoud Rajavi"]),
    ("Maryam Rajavi", ["Maryam Rajavi", "Maryam Azdanlou"]),
    ("Kazem Rajavi", ["Kazem Rajavi"]),
    ("NLA", ["National Liberation Army", "NLA"]),
    ("NCRI", ["National Council of Resistance of Iran", "NCRI"]),
    ("Savak", ["Savak"]),
])
def test_mek_history_has_each_entity_once(
        corpus: dict[str, tuple[Entity, ...]], name: str, aliases: list[str]) -> None:
    entities = corpus["mek-history.txt"]
    entity = holder(entities, aliases[0])
    assert entity.name == name
    for alias in aliases[1:]:
        assert holder(entities, alias) is entity, alias
    assert all(e.type != "PERSON" or e.name != "MEK" for e in entities)


def test_mek_history_rajavi_by_context(corpus: dict[str, tuple[Entity, ...]]) -> None:
    entities = corpus["mek-history.txt"]
    massoud = next(e for e in entities if e.name == "Massoud Rajavi")
    bare = [m for m in massoud.mentions if m.text == "Rajavi"]
    assert len(bare) >= 2  # "Rajavi issued a 12-point declaration", "Rajavi went to Iraq"
    assert {e.type for e in entities if e.name in ("Kazem Rajavi", "Maryam Rajavi",
                                                    "Savak", "Islam")} == {
        "PERSON", "ORG", "NORP"}


def test_mek_accounts_resolve_across_sources(
        corpus: dict[str, tuple[Entity, ...]]) -> None:
    joined = resolve_all(corpus.values())
    mek = holder(joined, "MEK")
    assert {"Mojahedin", "People's Mujahedin", "MKO"} <= {_plain(a) for a in mek.aliases}
    assert len({m.source for m in mek.mentions}) == len(MEK_FILES)
    khomeini = holder(joined, "Ayatollah Khomeini")
    assert khomeini.name == "Ruhollah Khomeini"
    rajavi = holder(joined, "Masud Rajavi")
    assert rajavi is holder(joined, "Massoud Rajavi")
    assert holder(joined, "Bani Sadr").name == "Abolhassan Banisadr"
    assert holder(joined, "NCR") is holder(joined, "NCRI")
