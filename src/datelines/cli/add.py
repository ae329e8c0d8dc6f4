"""``datelines add``, ``sources``, ``remove``, ``search``: fill and inspect the store.

``add`` is the whole front of the flow for each file: ingest (``datelines.ingest.read``)
then extract (``datelines.extract.extract``, one spaCy pipeline for the batch) then
store (:meth:`datelines.store.Store.add`, one transaction per file). A file that cannot
be read is reported on one line naming it and the fix, and the batch goes on; what was
stored stays intact. Exit status 1 when no file could be read. A progress bar shows on
a terminal only; in a pipe the output is one line per file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import click

from datelines.cli import db_option, main, open_existing
from datelines.errors import DatelinesError
from datelines.store import AddResult, Store

META_FIELDS = ("title", "publisher", "url", "date", "license", "viewpoint")


@contextmanager
def progress(
    total: int, *, label: str
) -> Iterator[tuple[Callable[[], None], Callable[[str, bool], None]]]:
    """``(advance, say)``: a rich progress bar on a terminal, plain lines elsewhere."""
    if not sys.stderr.isatty() or total < 2:

        def say(line: str, error: bool = False) -> None:
            click.echo(line, err=error)

        yield (lambda: None), say
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=total)

        def say_rich(line: str, error: bool = False) -> None:
            bar.console.print(line, markup=False, highlight=False, soft_wrap=True)

        yield (lambda: bar.advance(task)), say_rich


def describe(path: str, result: AddResult) -> str:
    """One line saying what :meth:`Store.add` did with a file."""
    if not result.added:
        return f"unchanged {path}: already stored as {result.source_id}"
    verb = "replaced" if result.replaced else "added"
    events = f"{result.events} event{'' if result.events == 1 else 's'}"
    line = f"{verb} {path}: {events} (source {result.source_id})"
    if result.kept_reviewed:
        line += f", kept {result.kept_reviewed} reviewed"
    return line


def add_files(
    store: Store,
    paths: Sequence[str],
    *,
    meta: Mapping[str, str | None],
    min_confidence: float = 0.0,
    max_bytes: int | None = None,
    say: Callable[[str, bool], None],
    advance: Callable[[], None] = lambda: None,
) -> tuple[list[AddResult], list[DatelinesError]]:
    """Ingest, extract and store each file; report each on one line; collect failures."""
    from datelines.extract import extract, pipeline
    from datelines.ingest import read

    results: list[AddResult] = []
    failures: list[DatelinesError] = []
    nlp: Any = None
    warned: set[str] = set()
    options: dict[str, Any] = {"max_bytes": max_bytes} if max_bytes else {}
    for path in paths:
        try:
            document = read(path, meta=meta, **options)
            nlp = nlp if nlp is not None else pipeline()
            extraction = extract(document, nlp=nlp, min_confidence=min_confidence)
            result = store.add(document, extraction)
        except DatelinesError as err:
            failures.append(err)
            say(f"datelines: error: {err}", True)
        except Exception as err:  # a bug in a stage: report it, keep the batch going
            failure = DatelinesError(
                f"cannot add '{path}': internal error ({type(err).__name__}: {err}); "
                "the other files go on; please report this with the file"
            )
            failures.append(failure)
            say(f"datelines: error: {' '.join(str(failure).split())}", True)
        else:
            results.append(result)
            say(describe(path, result), False)
            notes = [document.source.extra.get("warning"), *extraction.warnings]
            for warning in filter(None, notes):
                if warning not in warned:
                    warned.add(warning)
                    say(f"datelines: warning: {warning}", True)
        advance()
    return results, failures


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option("--title", help="Title of the source (overrides front matter).")
@click.option("--publisher", help="Who published it.")
@click.option("--url", help="Where it was found.")
@click.option(
    "--date",
    help="Document date (e.g. 2019-07 or 1987); else front matter "
    "or inferred from the text.",
)
@click.option("--license", "license_", help="Its licence.")
@click.option("--viewpoint", help="Whose account it is (free text).")
@click.option(
    "--min-confidence",
    type=float,
    default=0.0,
    show_default=True,
    help="Do not store events below this confidence.",
)
@click.option(
    "--max-bytes",
    type=int,
    default=None,
    help="Refuse files larger than this (default 20 MB).",
)
@db_option
def add(
    files: tuple[str, ...],
    title: str | None,
    publisher: str | None,
    url: str | None,
    date: str | None,
    license_: str | None,
    viewpoint: str | None,
    min_confidence: float,
    max_bytes: int | None,
    db: str,
) -> None:
    """Read FILES (text, Markdown, HTML, PDF), extract dated events, store them."""
    values = (title, publisher, url, date, license_, viewpoint)
    meta = {k: v for k, v in zip(META_FIELDS, values, strict=True) if v is not None}
    with (
        Store.open(db) as store,
        progress(len(files), label="adding") as (advance, say),
    ):
        results, failures = add_files(
            store,
            files,
            meta=meta,
            min_confidence=min_confidence,
            max_bytes=max_bytes,
            say=say,
            advance=advance,
        )
    if failures and not results:
        sys.exit(1)


@main.command()
@db_option
def sources(db: str) -> None:
    """List the stored sources: id, events, date, title, path."""
    with open_existing(db) as store:
        counts: dict[str, int] = {}
        for event in store.events(include_rejected=True):
            counts[event.source] = counts.get(event.source, 0) + 1
        for source in store.sources():
            date = (source.date or "-") + ("?" if source.date_inferred else "")
            click.echo(
                f"{source.id}\t{counts.get(source.id, 0)} events\t{date}\t"
                f"{source.title or ''}\t{source.path}"
            )


@main.command()
@click.argument("names", nargs=-1, required=True)
@db_option
def remove(names: tuple[str, ...], db: str) -> None:
    """Remove sources (id, path, file name or title) with their events."""
    with open_existing(db) as store:
        for source_id in store.resolve_sources(names):
            path = store.source(source_id).path
            store.remove(source_id)
            click.echo(f"removed {path} ({source_id})")


@main.command()
@click.argument("query")
@click.option("--limit", type=int, default=20, show_default=True)
@db_option
def search(query: str, limit: int, db: str) -> None:
    """Full-text search of the stored documents (FTS5 syntax or plain words)."""
    with open_existing(db) as store:
        names = {s.id: s.path for s in store.sources()}
        for hit in store.search(query, limit=limit):
            click.echo(
                f"{names.get(hit.source, hit.source)}:{hit.start}-{hit.end}\t"
                f"{hit.snippet}"
            )
