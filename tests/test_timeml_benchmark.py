"""The benchmark's mapping of HeidelTime output back onto our text (no java needed)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from datelines.timeml import parse_timeml

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "temporal.py"

SOURCE = (
    '<TimeML>\n<DCT><TIMEX3 tid="t0" type="DATE" value="1912-04-16">x</TIMEX3></DCT>\n'
    "<TEXT>\nThe liner sank on Monday &amp; the inquiry opened in May.\n</TEXT>\n</TimeML>"
)


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_temporal", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_temporal"] = module
    spec.loader.exec_module(module)
    return module


def heideltime_output(body: str) -> str:
    """What HeidelTime's TimeML formatter returns around a tagged text."""
    head = '<?xml version="1.0"?>\n<!DOCTYPE TimeML SYSTEM "TimeML.dtd">\n<TimeML>\n'
    return head + body + "\n</TimeML>\n"


def test_echoed_text_maps_by_shift(bench: ModuleType) -> None:
    doc = parse_timeml(SOURCE, name="liner.tml")
    body = (
        '\nThe liner sank on <TIMEX3 tid="t1" type="DATE" value="1912-04-15">Monday'
        "</TIMEX3> &amp; the inquiry opened in "
        '<TIMEX3 tid="t2" type="DATE" value="1912-05">May</TIMEX3>.\n'
    )
    spans = bench.heideltime_spans(doc, heideltime_output(body))
    assert [(doc.text[t.start : t.end], t.value) for t in spans] == [
        ("Monday", "1912-04-15"),
        ("May", "1912-05"),
    ]


def test_altered_text_maps_through_a_diff(bench: ModuleType) -> None:
    doc = parse_timeml(SOURCE, name="liner.tml")
    body = (  # whitespace squeezed and the ampersand spelled out
        'The liner sank on <TIMEX3 tid="t1" type="DATE" value="1912-04-15">Monday'
        '</TIMEX3> and the inquiry opened in <TIMEX3 tid="t2" type="DATE" '
        'value="1912-05">May</TIMEX3>.'
    )
    spans = bench.heideltime_spans(doc, heideltime_output(body))
    assert [doc.text[t.start : t.end] for t in spans] == ["Monday", "May"]


def test_row_formats_a_skip(bench: ModuleType) -> None:
    line = bench.row("platinum", "HeidelTime", {"skipped": "java not found"})
    assert line.endswith("skipped: java not found")
