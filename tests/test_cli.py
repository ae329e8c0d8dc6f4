"""CLI over a hand-filled store (no spaCy): export, timeline, sources, remove, search."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_store_factories import RIVER_TEXT, make_document, make_extraction

from datelines.cli import main
from datelines.export import FORMATS
from datelines.store import Store


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "t.db")
    with Store.open(path) as store:
        for text, name, title in (
            (RIVER_TEXT, "river.txt", "The River Guild"),
            (RIVER_TEXT + "\nA later note.\n", "notes/second.md", "Second account"),
        ):
            document = make_document(text, path=name, title=title)
            store.add(document, make_extraction(document))
    return path


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_export_every_format_to_stdout(db: str) -> None:
    for fmt in FORMATS:
        args = ["export", "--db", db, "--format", fmt]
        if fmt == "timeml":
            args += ["--source", "second.md"]
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert result.stdout.strip()
    data = json.loads(run("export", "--db", db).stdout)
    assert len(data["events"]) == 6
    rows = list(
        csv.DictReader(
            io.StringIO(
                run(
                    "export", "--db", db, "--format", "csv", "--min-confidence", "0.8"
                ).stdout
            )
        )
    )
    assert len(rows) == 2


def test_export_to_file_and_source_filter(db: str, tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    result = run("export", "--db", db, "--source", "The River Guild", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    data = json.loads(out.read_text())
    assert {s["path"] for s in data["sources"]} == {"river.txt"}
    assert len(data["events"]) == 3


def test_timeml_needs_one_source_one_line(db: str) -> None:
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", "timeml"])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "--source" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_format_is_a_usage_error(db: str) -> None:
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", "pdf"])
    assert result.exit_code == 2


def test_timeline_writes_one_page(db: str, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    result = run("timeline", "--db", db, "-o", str(out), "--no-conflicts")
    assert result.exit_code == 0 and "6 events" in result.stdout
    html = out.read_text()
    assert html.startswith("<!DOCTYPE html>") and "vis-timeline and vis-graph2d" in html
    assert "Second account" in html


def test_reading_commands_do_not_create_a_database(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    for args in (["timeline", "-o", str(tmp_path / "t.html")], ["export"]):
        result = CliRunner().invoke(main, [*args, "--db", str(missing)])
        assert result.exit_code == 1
        assert "none.db" in result.stderr and "datelines add" in result.stderr
    assert not missing.exists()


def test_unknown_source_is_one_line(db: str) -> None:
    result = CliRunner().invoke(main, ["timeline", "--db", db, "--source", "nope"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"datelines: error: no source 'nope' in '{db}'; "
        "list them with `datelines sources`\n"
    )


def test_sources_remove_search(db: str) -> None:
    listing = run("sources", "--db", db).stdout.splitlines()
    assert len(listing) == 2 and "3 events" in listing[0] and "river.txt" in listing[0]
    hits = run("search", "--db", db, "harbour office").stdout.splitlines()
    assert len(hits) == 4 and hits[0].split(":")[0] in ("river.txt", "notes/second.md")
    assert "harbour office" in hits[0]
    assert "removed river.txt" in run("remove", "--db", db, "river.txt").stdout
    assert len(run("sources", "--db", db).stdout.splitlines()) == 1


def test_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("my notes, not a database\n" * 50)
    before = bad.read_bytes()
    result = CliRunner().invoke(main, ["export", "--db", str(bad)])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "not a datelines database" in result.stderr and "--db" in result.stderr
    assert bad.read_bytes() == before
