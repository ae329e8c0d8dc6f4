"""``datelines evaluate events``: score event extraction against a gold timeline.

A thin shell over :func:`datelines.evaluate.events.evaluate_events` (the ``--all``
form is :func:`datelines.evaluate.events.evaluate_all`, with progress on a terminal);
prints JSON.
"""

from __future__ import annotations

import json
from typing import Any

import click
from rich.console import Console
from rich.progress import track

from datelines.cli import evaluate


@evaluate.command("events")
@click.argument("text", required=False, type=click.Path(exists=True, dir_okay=False))
@click.argument("gold", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--all",
    "gold_dir",
    type=click.Path(exists=True, file_okay=False),
    help="Score every *.gold.jsonl in GOLD_DIR (documents in GOLD_DIR/../corpus).",
)
@click.option(
    "--details/--no-details",
    default=False,
    show_default=True,
    help="Also list missed core events, wrong dates and unmatched predictions.",
)
def events_command(
    text: str | None, gold: str | None, gold_dir: str | None, details: bool
) -> None:
    """Score the events extracted from TEXT against its GOLD timeline (JSON out).

    With --all GOLD_DIR, score every gold document there: one row per document and
    the macro average.
    """
    from datelines.evaluate.events import evaluate_all, evaluate_events

    if gold_dir is not None:
        console = Console(stderr=True)
        result: dict[str, Any] = evaluate_all(
            gold_dir,
            progress=lambda pairs: track(
                pairs, "scoring", disable=not console.is_terminal, console=console
            ),
        )
        rows = result["documents"]
    elif text is not None and gold is not None:
        result = evaluate_events(text, gold)
        rows = [result]
    else:
        raise click.UsageError("pass TEXT and GOLD, or --all GOLD_DIR")
    if not details:
        for row in rows:
            for key in ("missed_core", "wrong_dates", "unmatched"):
                row.pop(key, None)
    click.echo(json.dumps(result, indent=2, ensure_ascii=False))
