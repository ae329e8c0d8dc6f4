"""Every CLI command, its options, and every export format appear in the docs."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from datelines.cli import main
from datelines.export import FORMATS

ROOT = Path(__file__).resolve().parent.parent


def docs_text() -> str:
    files = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    return "\n".join(p.read_text(encoding="utf-8") for p in files if p.is_file())


def commands(
    group: click.Group, prefix: str = "datelines"
) -> list[tuple[str, click.Command]]:
    found = []
    for name, command in sorted(group.commands.items()):
        found.append((f"{prefix} {name}", command))
        if isinstance(command, click.Group):
            found += commands(command, f"{prefix} {name}")
    return found


@pytest.mark.parametrize("name,command", commands(main), ids=lambda v: str(v))
def test_every_command_is_documented(name: str, command: click.Command) -> None:
    text = docs_text()
    assert name in text, f"`{name}` is not in README.md or docs/; add it to docs/cli.md"
    if isinstance(command, click.Group) or name.startswith("datelines evaluate"):
        return
    for param in command.params:
        if isinstance(param, click.Option) and param.name != "help":
            assert any(opt in text for opt in [*param.opts, *param.secondary_opts]), (
                f"option {param.opts} of `{name}` is not documented"
            )


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_export_format_is_documented(fmt: str) -> None:
    exports = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    assert f"## `{fmt}`" in exports, f"docs/exports.md needs a `## `{fmt}`` section"
    assert f"`{fmt}`" in (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def test_every_exporter_function_is_documented() -> None:
    import datelines.export as package

    text = docs_text()
    for name in package.__all__:
        if name.startswith("to_") or name == "export":
            assert name in text, f"{name} is not documented"


def test_json_contract_names_every_event_field() -> None:
    from datelines.export.contract import schema

    contract = (ROOT / "docs" / "json-contract.md").read_text(encoding="utf-8")
    for name in schema()["$defs"]["event"]["properties"]:
        assert f"`{name}" in contract, f"event field {name} is not described"
