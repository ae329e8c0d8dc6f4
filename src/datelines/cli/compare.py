"""``datelines compare`` and ``datelines evaluate disagreements``: compare the accounts.

Thin shells: ``compare`` opens the store, hands its sources, events, entities and texts
to :func:`datelines.reconcile.compare`, and prints the comparison as JSON (the
contract in ``docs/compare.md``) or as a self-contained HTML report.
``evaluate disagreements`` adds every file of a corpus folder to a temporary store (or
reads ``--db``), compares, and scores against a disagreement gold
(:mod:`datelines.evaluate.disagreements`).
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from datelines.cli import db_option, evaluate, main, open_existing, selection_options
from datelines.errors import InputError

if TYPE_CHECKING:  # reconcile loads scikit-learn: imported only when a command runs
    from datelines.reconcile import CompareSettings, Comparison


def compare_store(
    db: str, *, sources: Sequence[str] = (), settings: CompareSettings | None = None
) -> Comparison:
    """Compare the accounts stored in ``db`` (all of them, or the named ``sources``)."""
    from datelines.reconcile import CompareSettings, compare

    with open_existing(db) as store:
        chosen = store.sources()
        if sources:
            wanted = set(store.resolve_sources(sources))
            chosen = [s for s in chosen if s.id in wanted]
        ids = [s.id for s in chosen]
        floor = settings.min_confidence if settings else 0.0
        events = store.events(sources=ids, min_confidence=floor)
        texts = {sid: store.document(sid).original for sid in ids}
        entities = store.entities()
    return compare(
        chosen, events, entities=entities, texts=texts, settings=settings or CompareSettings()
    )


def _write(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text)


@main.command("compare")
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(["json", "html"]), default="json",
    show_default=True, help="JSON (the contract) or a self-contained HTML report.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE.")
@selection_options
def compare_command(
    db: str, fmt: str, output: str | None, sources: tuple[str, ...], min_confidence: float
) -> None:
    """Compare the stored accounts: alignments, conflicts, omissions, agreements."""
    from datelines.reconcile import CompareSettings

    comparison = compare_store(
        db, sources=sources, settings=CompareSettings(min_confidence=min_confidence)
    )
    if fmt == "html":
        from datelines.render.report import render_report

        _write(render_report(comparison, comparison.sources), output)
    else:
        _write(json.dumps(comparison.to_dict(), indent=2, ensure_ascii=False), output)


def add_corpus(db: str, corpus: str) -> int:
    """Read and extract every file of a folder into the store at ``db``; the count."""
    from datelines.extract import extract, pipeline, read
    from datelines.store import Store

    folder = Path(corpus)
    if not folder.is_dir():
        raise InputError(corpus, "it is not a folder", "pass the corpus folder with --corpus")
    paths = sorted(
        p for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in {".txt", ".md", ".html", ".htm", ".pdf"}
        and p.name.lower() != "readme.md"
    )
    nlp = pipeline()
    with Store.open(db) as store:
        for path in paths:
            if sys.stderr.isatty():
                click.echo(f"extracting {path.name}", err=True)
            document = read(path)
            store.add(document, extract(document, nlp=nlp))
    return len(paths)


@evaluate.command("disagreements")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--corpus", type=click.Path(exists=True, file_okay=False),
    help="Add every file of this folder to a temporary store first.",
)
@click.option("--db", type=click.Path(dir_okay=False), help="Compare this store instead.")
@click.option("--lines/--no-lines", default=True, show_default=True,
              help="Print the verdict of every gold line.")
def evaluate_disagreements_command(
    gold: str, corpus: str | None, db: str | None, lines: bool
) -> None:
    """Score `compare` against a disagreement gold (JSON: recall hard/soft, agree flagged)."""
    from datelines.evaluate.disagreements import load_gold, score

    gold_lines = load_gold(gold)
    if corpus is None and db is None:
        raise click.UsageError("pass --corpus DIR or --db FILE")
    with tempfile.TemporaryDirectory() as tmp:
        path = db or str(Path(tmp) / "evaluate.db")
        if corpus is not None:
            add_corpus(path, corpus)
        comparison = compare_store(path)
        from datelines.store import Store

        with Store.open(path) as store:
            events = store.events()
        result = score(gold_lines, comparison, events=events)
    if not lines:
        result.pop("lines")
    click.echo(json.dumps(result, indent=2))
