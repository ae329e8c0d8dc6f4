"""``datelines add`` and ``demo`` end to end: bad inputs give one line naming the file
and the fix, exit 1, no traceback, and leave the database intact; the real pipeline
(loaded once per session by ``datelines.extract.pipeline``) stores good files."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_export import check

from datelines.cli import main
from datelines.export import schema

GOOD = (
    "The Lantern Society\n\n"
    "In March 1923 the lamplighters of Eastbridge went on strike over night wages.\n\n"
    "On 4 May 1925 the city council dissolved the Lantern Society.\n"
)


def blank_pdf(path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    with path.open("wb") as handle:
        writer.write(handle)


def make_bad(folder: Path) -> dict[str, tuple[Path, list[str]]]:
    """Bad inputs with words their error line must contain."""
    (folder / "empty.txt").write_text("  \n\n")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "scripts.html").write_text(
        "<html><head><script>var a = 1;</script></head><body>"
        "<script>document.write('x')</script><style>p {}</style></body></html>"
    )
    blank_pdf(folder / "scan.pdf")
    with (folder / "huge.txt").open("wb") as handle:  # sparse: costs no disk
        handle.truncate(25_000_000)
    (folder / "dir.txt").mkdir()
    return {
        "missing": (folder / "missing.txt", ["missing.txt", "no such file"]),
        "empty": (folder / "empty.txt", ["empty.txt", "empty"]),
        "binary": (folder / "photo.png", ["photo.png"]),
        "scripts": (folder / "scripts.html", ["scripts.html"]),
        "pdf": (folder / "scan.pdf", ["scan.pdf", "OCR"]),
        "huge": (folder / "huge.txt", ["huge.txt", "limit"]),
        "folder": (folder / "dir.txt", ["dir.txt", "directory"]),
    }


def snapshot(db: Path) -> str:
    """A digest of every row of every table (what 'intact' means)."""
    con = sqlite3.connect(db)
    names = [
        r[0]
        for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' "
            "ORDER BY name"
        )
    ]
    rows = [(n, sorted(map(repr, con.execute(f'SELECT * FROM "{n}"')))) for n in names]
    con.close()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("add")
    good = folder / "lantern.txt"
    good.write_text(GOOD)
    db = folder / "t.db"
    result = CliRunner().invoke(
        main, ["add", "--db", str(db), "--publisher", "Me", str(good)]
    )
    assert result.exit_code == 0, result.output
    return db


def test_good_file_is_stored_with_the_real_pipeline(filled: Path) -> None:
    data = json.loads(CliRunner().invoke(main, ["export", "--db", str(filled)]).stdout)
    [source] = data["sources"]
    assert source["publisher"] == "Me" and source["path"].endswith("lantern.txt")
    assert data[
        "events"
    ]  # what is found is the extractor's business; that it lands is ours
    for event in data["events"]:
        assert event["evidence"]["quote"] in GOOD
    again = CliRunner().invoke(main, ["add", "--db", str(filled), source["path"]])
    assert again.exit_code == 0 and again.stdout.startswith("unchanged ")


@pytest.mark.parametrize(
    "case", ["missing", "empty", "binary", "scripts", "pdf", "huge", "folder"]
)
def test_bad_input_is_one_line_and_db_intact(
    filled: Path, tmp_path: Path, case: str
) -> None:
    path, words = make_bad(tmp_path)[case]
    before = snapshot(filled)
    result = CliRunner().invoke(main, ["add", "--db", str(filled), str(path)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("datelines: error: cannot read '")
    for word in words:
        assert word in lines[0]
    assert ";" in lines[0]  # problem; fix
    assert snapshot(filled) == before


def test_batch_goes_on_past_bad_files(filled: Path, tmp_path: Path) -> None:
    bad = make_bad(tmp_path)
    good = tmp_path / "lantern-2.md"
    good.write_text(GOOD.replace("Eastbridge", "Westbridge"))
    result = CliRunner().invoke(
        main,
        [
            "add",
            "--db",
            str(filled),
            str(bad["empty"][0]),
            str(good),
            str(bad["binary"][0]),
        ],
    )
    assert result.exit_code == 0  # something was read
    assert len(result.stderr.splitlines()) == 2
    assert result.stdout.startswith("added ") and "lantern-2.md" in result.stdout


def test_non_utf8_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(GOOD.replace("strike", "gr\u00e8ve \u2019").encode("cp1252"))
    result = CliRunner().invoke(
        main, ["add", "--db", str(tmp_path / "t.db"), str(path)]
    )
    assert result.exit_code == 0
    assert "warning" in result.stderr and "old.txt" in result.stderr
    assert "not UTF-8" in result.stderr


def test_bad_database_is_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_bytes(b"not sqlite" * 100)
    good = tmp_path / "a.txt"
    good.write_text(GOOD)
    result = CliRunner().invoke(main, ["add", "--db", str(db), str(good)])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert db.read_bytes() == b"not sqlite" * 100


def test_demo_writes_page_and_json(
    sample_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not any(sample_dir.glob("*.md")):
        pytest.skip("sample/ not written yet")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["demo", "--db", "demo.db", "--out", "out"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "timeline.html").is_file()
    data = json.loads((tmp_path / "out" / "timeline.json").read_text())
    assert len(data["sources"]) == len(list(sample_dir.glob("*.md")))
    assert data["events"] and "timeline.html" in result.stdout
    rules = schema()  # the real pipeline's output keeps the JSON contract
    assert check(data, rules, rules["$defs"]) == []
    html = (tmp_path / "out" / "timeline.html").read_text()
    assert html.count("<script") == 3 and "vis-timeline and vis-graph2d" in html


def test_a_crash_in_one_file_does_not_stop_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datelines.extract as extract_module

    real = extract_module.extract

    def flaky(document, **options):  # type: ignore[no-untyped-def]
        if Path(document.source.path).name == "crash.txt":
            raise ValueError("bad\nthing")
        return real(document, **options)

    monkeypatch.setattr(extract_module, "extract", flaky)
    (tmp_path / "crash.txt").write_text(GOOD)
    (tmp_path / "fine.txt").write_text(GOOD.replace("Eastbridge", "Northgate"))
    db = tmp_path / "t.db"
    result = CliRunner().invoke(
        main,
        [
            "add",
            "--db",
            str(db),
            str(tmp_path / "crash.txt"),
            str(tmp_path / "fine.txt"),
        ],
    )
    assert result.exit_code == 0, result.stderr
    [line] = result.stderr.splitlines()
    assert "crash.txt" in line and "internal error (ValueError: bad thing)" in line
    assert "added " in result.stdout and "fine.txt" in result.stdout


@pytest.mark.parametrize("args", [["sources"], ["search", "strike"], ["remove", "x"]])
def test_reading_commands_never_create_a_database(tmp_path, args):
    missing = tmp_path / "typo.db"
    result = CliRunner().invoke(main, [*args, "--db", str(missing)])
    assert result.exit_code == 1 and "no such file" in result.output
    assert not missing.exists()
