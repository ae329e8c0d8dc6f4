"""``datelines timeml`` and ``datelines evaluate timeml``: TimeML round trip and scoring.

Thin shells over :func:`datelines.timeml.tag_dir` (tag a folder of ``.tml`` files with
our temporal tagger) and :func:`datelines.evaluate.timeml.evaluate_dirs` (TempEval-3
Task A scores, printed as JSON).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from datelines.cli import evaluate, main
from datelines.evaluate.timeml import evaluate_dirs
from datelines.timeml import tag_dir

_FOLDER = click.Path(exists=True, file_okay=False)


@main.command("timeml")
@click.argument("in_dir", type=_FOLDER)
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.option(
    "--mode",
    type=click.Choice(["news", "narrative"]),
    default="news",
    show_default=True,
    help="news: resolve against the document date; narrative: against dates in the text.",
)
def timeml_command(in_dir: str, out_dir: str, mode: str) -> None:
    """Tag every TimeML file of IN_DIR with our TIMEX3 tags and write it to OUT_DIR.

    The document date comes from each file's <DCT>; existing TIMEX3, EVENT and SIGNAL
    tags are replaced and TLINKs dropped; the text stays byte-identical.
    """
    if not sys.stderr.isatty():  # quiet in pipes
        written = tag_dir(in_dir, out_dir, mode=mode)
    else:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        total = len(list(Path(in_dir).glob("*.tml")))
        columns = (TextColumn("tagging"), BarColumn(), MofNCompleteColumn())
        with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("tag", total=total)
            written = tag_dir(
                in_dir, out_dir, mode=mode, progress=lambda _name: bar.advance(task)
            )
    click.echo(f"wrote {written} TimeML files to {out_dir}")


@evaluate.command("timeml")
@click.argument("gold_dir", type=_FOLDER)
@click.argument("system_dir", type=_FOLDER)
@click.option("--per-file", is_flag=True, help="Also print the counts of each file.")
@click.option(
    "--mistakes",
    is_flag=True,
    help="Also list every missed, spurious or mis-normalized timex.",
)
def evaluate_timeml_command(
    gold_dir: str, system_dir: str, per_file: bool, mistakes: bool
) -> None:
    """Score SYSTEM_DIR against GOLD_DIR with the TempEval-3 Task A rules (JSON).

    Files pair by name; prints strict and relaxed precision / recall / F1, value F1,
    type F1 and our value+mod F1 (percentages), plus the match counts.
    """
    result = evaluate_dirs(gold_dir, system_dir, with_mistakes=mistakes)
    if not per_file:
        result.pop("per_file")
    click.echo(json.dumps(result, indent=2))
