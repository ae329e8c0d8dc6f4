"""The ``datelines serve`` command: the local web viewer over one database.

A thin shell over :func:`datelines.serve.make_app`: it checks the bind rule (a host
other than loopback needs ``--token``), opens the database once to fail early with a
one-line message, prints the address and runs uvicorn until Ctrl-C.
"""

from __future__ import annotations

import click

from datelines.cli import db_option, main, open_existing


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback needs --token.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token", default=None, envvar="DATELINES_TOKEN",
              help="Access token every request must carry (required off loopback).")
def serve(db: str, host: str, port: int, token: str | None) -> None:
    """Browse, search and review the timelines in a local web viewer."""
    import uvicorn

    from datelines.serve import LOOPBACK_NAMES, check_bind, is_loopback, make_app

    check_bind(host, token)
    open_existing(db).close()
    app = make_app(db, token=token,
                   allowed_hosts=LOOPBACK_NAMES if is_loopback(host) else None)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/timeline" + (f"?token={token}" if token else "")
    click.echo(f"datelines viewer on {url} (Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
