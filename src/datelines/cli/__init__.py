"""The command line: a thin shell over the library (click).

Each command opens the store, calls one library function that returns data, and prints
it. Library errors (:class:`~datelines.errors.DatelinesError`) become one line on stderr
and exit status 1; usage errors exit 2. Commands live in one module per group below and
register themselves on :data:`main` when imported.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from datelines.errors import DatelinesError, StoreError

if TYPE_CHECKING:
    from datelines.store import Store

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_DB = "datelines.db"

# Command modules, imported in this order; each registers its commands on `main`
# or on `evaluate`.
COMMAND_MODULES: tuple[str, ...] = (
    "add",
    "timeline",
    "export",
    "demo",
    "evaluate_events",
    "timeml",
    "compare",
    "serve",
)


class Main(click.Group):
    """A click group that turns DatelinesError into one line and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DatelinesError as err:
            click.echo(f"datelines: error: {err}", err=True)
            sys.exit(1)


@click.group(cls=Main)
@click.version_option(package_name="datelines")
def main() -> None:
    """datelines: source-attributed timelines from historical narratives."""


@main.group()
def evaluate() -> None:
    """Score datelines against gold data (events, TimeML, disagreements)."""


def db_option(func: F) -> F:
    """The ``--db`` option every command takes."""
    return click.option(
        "--db",
        default=DEFAULT_DB,
        show_default=True,
        type=click.Path(dir_okay=False),
        help="SQLite database file.",
    )(func)


def open_existing(db: str) -> Store:
    """Open a store that must already exist (reading commands never create one)."""
    from datelines.store import Store

    if db != ":memory:" and not Path(db).is_file():
        raise StoreError(
            f"cannot open database '{db}': no such file; run `datelines demo` or "
            "`datelines add FILE...` first, or pass --db"
        )
    return Store.open(db)


def selection_options(func: F) -> F:
    """The ``--source`` and ``--min-confidence`` options of commands that read events."""
    func = click.option(
        "--min-confidence",
        type=float,
        default=0.0,
        show_default=True,
        help="Leave out events below this confidence (reviewed ones stay).",
    )(func)
    return click.option(
        "--source",
        "sources",
        multiple=True,
        help="Only this source (id, path, file name or title); repeatable.",
    )(func)


for _name in COMMAND_MODULES:
    importlib.import_module(f"datelines.cli.{_name}")
