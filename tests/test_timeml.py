"""TimeML round trip: reading .tml files, writing our tags back, tagging a folder."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

import datelines.timeml as timeml_module
from datelines.cli import main
from datelines.errors import InputError
from datelines.evaluate.timeml import evaluate_dirs, timexes
from datelines.timeml import (
    TimemlTimex,
    parse_timeml,
    read_timeml,
    tag_dir,
    write_timeml,
)

FILE = """<?xml version="1.0" ?>
<TimeML>
<DOCID>harbour</DOCID>
<DCT><TIMEX3 tid="t99" type="DATE" value="1911-04-03">April 3</TIMEX3></DCT>
<TITLE>Harbour news</TITLE>
<TEXT>
Fog &amp; rain closed the port <TIMEX3 tid="t1" type="DATE" value="1911-04-02">yesterday</TIMEX3>.
It <EVENT eid="e1" class="OCCURRENCE">opened</EVENT> again after <TIMEX3 tid="t2" \
type="DURATION" value="PT6H">six hours</TIMEX3>, <SIGNAL sid="s1">by</SIGNAL> noon.
</TEXT>
<MAKEINSTANCE eiid="ei1" eventID="e1" tense="PAST"/>
<TLINK lid="l1" relType="AFTER" eventInstanceID="ei1" relatedToTime="t1"/>
</TimeML>
"""


@dataclass(frozen=True)
class Stub:
    """A stand-in for nlp.temporal.Timex (the tagger is not under test here)."""

    start: int
    end: int
    type: str
    value: str
    mod: str = ""


def stub_tagger(text: str, *, dct: str | None, mode: str) -> Sequence[Stub]:
    """Tags every 'noon' and every 'yesterday' (relative to the document date)."""
    found = [
        Stub(m.start(), m.end(), "TIME", f"{dct}T12:00")
        for m in re.finditer("noon", text)
    ]
    found += [
        Stub(m.start(), m.end(), "DATE", "PAST_REF")
        for m in re.finditer("yesterday", text)
    ]
    return found


def stripped(raw: str) -> str:
    return timexes(raw, name="x")[0]


def test_read_dct_text_and_gold() -> None:
    doc = parse_timeml(FILE, name="harbour.tml")
    assert doc.dct == "1911-04-03"
    assert doc.text.startswith("\nFog & rain closed the port yesterday.")
    assert "<" not in doc.text and "opened again" in doc.text
    assert [(t.text, t.type, t.value, t.tid) for t in doc.timexes] == [
        ("yesterday", "DATE", "1911-04-02", "t1"),
        ("six hours", "DURATION", "PT6H", "t2"),
    ]
    for timex in doc.timexes:
        assert doc.text[timex.start : timex.end] == timex.text


def test_gold_written_back_reads_the_same() -> None:
    doc = parse_timeml(FILE, name="harbour.tml")
    again = parse_timeml(write_timeml(doc, doc.timexes), name="harbour.tml")
    assert again.text == doc.text
    assert [(t.start, t.end, t.value) for t in again.timexes] == [
        (t.start, t.end, t.value) for t in doc.timexes
    ]


def test_write_keeps_text_drops_links_and_renames_dct() -> None:
    doc = parse_timeml(FILE, name="harbour.tml")
    out = write_timeml(doc, stub_tagger(doc.text, dct=doc.dct, mode="news"))
    assert stripped(out) == stripped(FILE)
    assert "<EVENT" not in out and "<SIGNAL" not in out
    assert "TLINK" not in out and "MAKEINSTANCE" not in out
    assert '<DCT><TIMEX3 tid="t0" type="DATE" value="1911-04-03">' in out
    assert "<TITLE>Harbour news</TITLE>" in out and out.endswith("</TimeML>\n")
    assert (
        'port <TIMEX3 tid="t1" type="DATE" value="PAST_REF">yesterday</TIMEX3>' in out
    )
    assert '<TIMEX3 tid="t2" type="TIME" value="1911-04-03T12:00">noon</TIMEX3>' in out
    assert "Fog &amp; rain" in out


def test_attributes_are_escaped() -> None:
    doc = parse_timeml(FILE, name="harbour.tml")
    odd = Stub(doc.text.index("noon"), doc.text.index("noon") + 4, "TIME", 'a"<b>&c')
    out = write_timeml(doc, [odd])
    assert 'value="a&quot;&lt;b&gt;&amp;c"' in out
    assert parse_timeml(out, name="x").timexes[0].value == 'a"<b>&c'


def test_timex_over_an_entity_keeps_it_whole() -> None:
    doc = parse_timeml(FILE, name="harbour.tml")
    start = doc.text.index("Fog")
    out = write_timeml(doc, [Stub(start, start + len("Fog & rain"), "DATE", "X")])
    assert '<TIMEX3 tid="t1" type="DATE" value="X">Fog &amp; rain</TIMEX3>' in out
    assert parse_timeml(out, name="x").timexes[0].text == "Fog & rain"


def test_overlapping_and_empty_timexes_are_dropped() -> None:
    doc = parse_timeml(FILE, name="harbour.tml")
    at = doc.text.index("six hours")
    tags = [
        Stub(at + 4, at + 9, "DURATION", "inner"),
        Stub(at, at + 9, "DURATION", "outer"),
        Stub(at, at + 3, "DURATION", "same start, shorter"),
        Stub(0, 1, "DATE", "whitespace only"),
        Stub(5, 5, "DATE", "empty"),
    ]
    values = [t.value for t in parse_timeml(write_timeml(doc, tags), name="x").timexes]
    assert values == ["outer"]


def test_mod_quant_freq_are_written() -> None:
    doc = parse_timeml(FILE, name="harbour.tml")
    timex = TimemlTimex(1, 4, "Fog", "t7", "DATE", "1911", mod="START")
    out = write_timeml(doc, [timex])
    assert '<TIMEX3 tid="t1" type="DATE" value="1911" mod="START">Fog</TIMEX3>' in out


def test_missing_text_element_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no <TEXT>"):
        parse_timeml("<TimeML><DCT/></TimeML>", name="empty.tml")


def test_read_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_timeml(tmp_path / "nope.tml")


def test_tag_dir_then_score(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "harbour.tml").write_text(FILE)
    assert tag_dir(gold, tmp_path / "out", mode="news", tagger=stub_tagger) == 1
    result = evaluate_dirs(gold, tmp_path / "out")
    counts = result["counts"]
    assert (counts["gold"], counts["system"], counts["relaxed"], counts["value"]) == (
        2,
        2,
        1,
        0,
    )


def test_tag_dir_checks_mode_and_reports_progress(tmp_path: Path) -> None:
    (tmp_path / "a.tml").write_text(FILE)
    with pytest.raises(InputError, match="unknown temporal mode 'story'"):
        tag_dir(tmp_path, tmp_path / "out", mode="story", tagger=stub_tagger)
    done: list[str] = []
    tag_dir(
        tmp_path,
        tmp_path / "out",
        mode="narrative",
        tagger=stub_tagger,
        progress=done.append,
    )
    assert done == ["a.tml"]


def test_tag_dir_reports_failures_after_writing_the_rest(tmp_path: Path) -> None:
    (tmp_path / "a.tml").write_text(FILE)
    (tmp_path / "b.tml").write_text("<TimeML>no text element</TimeML>")
    with pytest.raises(InputError, match=r"1 of 2 files failed: b.tml"):
        tag_dir(tmp_path, tmp_path / "out", mode="news", tagger=stub_tagger)
    assert (tmp_path / "out" / "a.tml").is_file()


def test_cli_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeml_module, "_default_tagger", lambda: stub_tagger)
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "harbour.tml").write_text(FILE)
    runner = CliRunner()
    result = runner.invoke(main, ["timeml", str(gold), str(tmp_path / "sys")])
    assert result.exit_code == 0, result.output
    assert "wrote 1 TimeML files" in result.output
    result = runner.invoke(
        main, ["evaluate", "timeml", str(gold), str(tmp_path / "sys")]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["relaxed"]["precision"] == 50.0 and "per_file" not in scores
    args = ["evaluate", "timeml", str(gold), str(tmp_path / "sys"), "--mistakes"]
    listed = json.loads(runner.invoke(main, args).output)["mistakes"]
    assert [m["kind"] for m in listed] == ["value", "missed", "spurious"]


def test_cli_texts_not_same_is_one_line(tmp_path: Path) -> None:
    for name, body in (("gold", "Dawn came."), ("sys", "Dusk came.")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "a.tml").write_text(f"<TimeML><TEXT>{body}</TEXT></TimeML>")
    result = CliRunner().invoke(
        main, ["evaluate", "timeml", str(tmp_path / "gold"), str(tmp_path / "sys")]
    )
    assert result.exit_code == 1
    assert "TEXTS NOT SAME" in result.output and "Traceback" not in result.output


def test_real_tagger_keeps_the_text(tmp_path: Path) -> None:
    temporal = pytest.importorskip("datelines.nlp.temporal")
    if not hasattr(temporal, "tag"):
        pytest.skip("datelines.nlp.temporal.tag is not written yet")
    doc = parse_timeml(FILE, name="harbour.tml")
    out = write_timeml(doc, temporal.tag(doc.text, dct=doc.dct, mode="news"))
    assert stripped(out) == stripped(FILE)
    assert parse_timeml(out, name="x").timexes, "the tagger found no timex at all"


@pytest.mark.slow
@pytest.mark.parametrize(
    "folder", ["tempeval3/test", "tempeval3/train", "wikiwars/timex3"]
)
def test_shared_files_round_trip(shared: Path, folder: str, tmp_path: Path) -> None:
    source = shared / "data" / folder
    for path in sorted(source.glob("*.tml")):
        doc = read_timeml(path)
        assert doc.dct and re.fullmatch(r"\d{4}-\d\d-\d\d(T[\d:]+)?", doc.dct), (
            path.name
        )
        (tmp_path / path.name).write_text(write_timeml(doc, doc.timexes))
    result = evaluate_dirs(source, tmp_path)
    assert result["strict"]["f1"] == result["value_f1"] == result["type_f1"] == 100.0
