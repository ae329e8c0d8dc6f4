"""``datelines timeline``: write the stored timeline as one self-contained HTML file.

A thin shell over :func:`datelines.render.timeline.render_store`: open the store, pick
the sources, render (vis-timeline inlined, a lane per source, conflicts marked), write.
"""

from __future__ import annotations

from pathlib import Path

import click

from datelines.cli import db_option, main, open_existing, selection_options


@main.command()
@click.option(
    "-o",
    "--output",
    default="timeline.html",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="HTML file to write.",
)
@selection_options
@click.option("--title", help="Page title (default: the source's title).")
@click.option(
    "--conflicts/--no-conflicts",
    default=True,
    show_default=True,
    help="Mark where the accounts disagree (or one contradicts itself).",
)
@db_option
def timeline(
    output: str,
    sources: tuple[str, ...],
    min_confidence: float,
    title: str | None,
    conflicts: bool,
    db: str,
) -> None:
    """Write the timeline as one HTML file that opens offline (file://)."""
    from datelines.render.timeline import render_store

    with open_existing(db) as store:
        ids = store.resolve_sources(sources) if sources else None
        html = render_store(
            store,
            sources=ids,
            min_confidence=min_confidence,
            conflicts=conflicts,
            title=title,
        )
        count = len(store.events(sources=ids, min_confidence=min_confidence))
    Path(output).write_text(html, encoding="utf-8")
    click.echo(f"wrote {output} ({count} events)")
