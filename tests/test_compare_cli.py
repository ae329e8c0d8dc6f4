"""`datelines compare` and `datelines evaluate disagreements` on a store built by hand
(two short accounts in our own words; no spaCy), plus the HTML report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from datelines.cli import main
from datelines.model import (
    DateClaim,
    Document,
    Event,
    Evidence,
    Extraction,
    Figure,
    Participant,
    Source,
)
from datelines.reconcile import compare
from datelines.render.report import render_report
from datelines.store import Store

ACCOUNT_A = (
    "The Ferry Guild\n\n"
    "The ferry guild was founded on 2 April 1920 by Ada Lind.\n"
    "In June 1925 the guild held a peaceful march to the harbour.\n"
    "In 1931 the guild moved to the old mill.\n"
)
ACCOUNT_B = (
    "Notes on the ferry guild\n\n"
    "On 9 April 1920 Ada Lind founded the ferry guild.\n"
    "In June 1925 the guild's armed uprising at the harbour failed.\n"
    "On 4 May 1931 the guild moved to the old mill.\n"
)
GUILD = Participant(name="Ferry Guild", type="ORG")


def _document(name: str, text: str) -> Document:
    source = Source(id=name.split(".")[0], path=name, sha256=name)
    return Document(source=source, original=text, text=text,
                    offsets=tuple(range(len(text) + 1)))


def _event(document: Document, n: int, sentence: str, value: str, kind: str,
           *extra: Participant, figures: tuple[Figure, ...] = ()) -> Event:
    start = document.original.index(sentence)
    return Event(
        id=f"{document.source.id}-{n}", source=document.source.id, kind=kind,
        summary=sentence[:50], date=DateClaim(value=value, text=value),
        evidence=Evidence(quote=sentence, start=start, end=start + len(sentence)),
        participants=(GUILD, *extra), figures=figures,
    )


def _pairs() -> list[tuple[Document, Extraction]]:
    lind = Participant(name="Ada Lind", type="PERSON", role="agent")
    a, b = _document("guild-a.txt", ACCOUNT_A), _document("guild-b.txt", ACCOUNT_B)
    events_a = (
        _event(a, 1, "The ferry guild was founded on 2 April 1920 by Ada Lind.",
               "1920-04-02", "founding", lind),
        _event(a, 2, "In June 1925 the guild held a peaceful march to the harbour.",
               "1925-06", "protest"),
        _event(a, 3, "In 1931 the guild moved to the old mill.", "1931", "relocation"),
    )
    events_b = (
        _event(b, 1, "On 9 April 1920 Ada Lind founded the ferry guild.",
               "1920-04-09", "founding", lind),
        _event(b, 2, "In June 1925 the guild's armed uprising at the harbour failed.",
               "1925-06", "uprising"),
        _event(b, 3, "On 4 May 1931 the guild moved to the old mill.", "1931-05-04",
               "relocation"),
    )
    return [
        (a, Extraction(source=a.source, events=events_a)),
        (b, Extraction(source=b.source, events=events_b)),
    ]


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "guild.db")
    with Store.open(path) as store:
        store.add_all(_pairs())
    return path


def test_compare_json_contract(db: str) -> None:
    result = CliRunner().invoke(main, ["compare", "--db", db])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    types = {(c["type"], c["strength"]) for c in data["conflicts"]}
    assert ("date", "hard") in types
    assert ("characterization", "hard") in types
    assert data["agreements"] >= 1
    assert {s["path"] for s in data["sources"]} == {"guild-a.txt", "guild-b.txt"}
    for conflict in data["conflicts"]:
        assert len(conflict["claims"]) == 2
        for claim in conflict["claims"]:
            assert claim["quote"] in ACCOUNT_A + ACCOUNT_B


def test_compare_html_to_file(db: str, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["compare", "--db", db, "--format", "html", "-o",
                                       str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<svg" in html and "peaceful march" in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_compare_missing_db_is_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["compare", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "datelines add" in result.output and "Traceback" not in result.output


def test_evaluate_disagreements_on_db(db: str, tmp_path: Path) -> None:
    gold = tmp_path / "guild.gold.jsonl"
    lines = [
        {"id": "g1", "type": "date", "strength": "hard", "event": "founding",
         "a": {"doc": "guild-a.txt", "quote": "The ferry guild was founded on 2 April 1920"},
         "b": {"doc": "guild-b.txt", "quote": "On 9 April 1920 Ada Lind founded the ferry guild."}},
        {"id": "g2", "type": "agree", "strength": None, "event": "move",
         "a": {"doc": "guild-a.txt", "quote": "In 1931 the guild moved to the old mill."},
         "b": {"doc": "guild-b.txt", "quote": "On 4 May 1931 the guild moved to the old mill."}},
    ]
    gold.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", "disagreements", str(gold), "--db", db])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["recall_hard"] == 1.0
    assert data["agree_flagged"] == 0.0
    assert [line["found"] for line in data["lines"]] == [True, False]


def test_evaluate_needs_corpus_or_db(tmp_path: Path) -> None:
    gold = tmp_path / "g.jsonl"
    gold.write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", "disagreements", str(gold)])
    assert result.exit_code == 2


def test_report_escapes_quotes() -> None:
    pairs = _pairs()
    sources = [d.source for d, _ in pairs]
    events = [e.replace(evidence=Evidence(quote=e.evidence.quote + " <script>x</script>",
                                          start=0, end=0))
              for _, ex in pairs for e in ex.events]
    html = render_report(compare(sources, events), sources)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_loading_the_cli_leaves_the_comparison_stage_unloaded() -> None:
    """`datelines --help` and other commands start without scikit-learn: the compare
    command imports the reconcile stage only when it runs."""
    import subprocess
    import sys

    probe = (
        "import sys, datelines.cli; "
        "print(sorted(m for m in sys.modules "
        "if m.startswith(('sklearn', 'datelines.reconcile'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "[]"


def test_compare_never_creates_a_database(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    result = CliRunner().invoke(main, ["compare", "--db", str(missing)])
    assert result.exit_code == 1 and not missing.exists()
