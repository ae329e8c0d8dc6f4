"""``datelines export``: the stored timeline as JSON, CSV, TimelineJS, Web Annotation
or TimeML, to stdout or a file. A thin shell over :func:`datelines.export.export`."""

from __future__ import annotations

from pathlib import Path

import click

from datelines.cli import db_option, main, open_existing, selection_options
from datelines.export import FORMATS, export


@main.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="json",
    show_default=True,
    help="Output format (see docs/exports.md).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="File to write (default: standard output).",
)
@selection_options
@db_option
def export_command(
    fmt: str,
    output: str | None,
    sources: tuple[str, ...],
    min_confidence: float,
    db: str,
) -> None:
    """Export events: json, csv, timelinejs, webanno (W3C) or timeml."""
    with open_existing(db) as store:
        ids = store.resolve_sources(sources) if sources else None
        text = export(store, fmt, sources=ids, min_confidence=min_confidence)
    if output:
        Path(output).write_text(text, encoding="utf-8", newline="")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)
