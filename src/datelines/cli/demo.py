"""``datelines demo``: add the bundled sample accounts, write timeline.html and
timeline.json, and say where they are. The quickest look at what datelines does."""

from __future__ import annotations

from pathlib import Path

import click

from datelines.cli import db_option, main
from datelines.cli.add import add_files, progress
from datelines.errors import DatelinesError
from datelines.export import export
from datelines.store import Store

SAMPLE_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf"}


def sample_files() -> list[Path]:
    """The bundled sample files (``sample/`` of the checkout, or of the cwd)."""
    for folder in (
        Path.cwd() / "sample",
        Path(__file__).resolve().parents[3] / "sample",
    ):
        files = sorted(
            p for p in folder.glob("*") if p.suffix.lower() in SAMPLE_SUFFIXES
        )
        if files:
            return files
    raise DatelinesError(
        "cannot run the demo: the sample folder is missing; run it from the datelines "
        "checkout (where `sample/` is) or add your own files with `datelines add`"
    )


@main.command()
@click.option(
    "--out",
    "out",
    default=".",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder for timeline.html and timeline.json.",
)
@db_option
def demo(out: str, db: str) -> None:
    """Add the sample accounts, then write timeline.html and timeline.json."""
    from datelines.render.timeline import render_store

    files = [str(p) for p in sample_files()]
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    with Store.open(db) as store:
        with progress(len(files), label="adding samples") as (advance, say):
            results, failures = add_files(
                store, files, meta={}, say=say, advance=advance
            )
        if not results and failures:
            raise DatelinesError(
                "cannot run the demo: no sample file could be read; "
                "see the errors above"
            )
        html = render_store(store)
        data = export(store, "json")
        events = len(store.events())
        count = len(store.sources())
    (folder / "timeline.html").write_text(html, encoding="utf-8")
    (folder / "timeline.json").write_text(data, encoding="utf-8")
    click.echo(f"{count} sources, {events} events in {db}")
    click.echo(f"open {(folder / 'timeline.html').resolve().as_uri()}")
    click.echo(f"data {(folder / 'timeline.json').resolve()}")
