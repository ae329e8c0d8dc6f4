"""``datelines.__all__`` is what we mean to export, and ``import datelines`` is light."""

from __future__ import annotations

import subprocess
import sys

import datelines

EXPECTED = {
    "__version__",
    # the flow: ingest -> extract -> store -> reconcile -> render / export
    "read",
    "read_all",
    "extract",
    "extract_all",
    "Store",
    "compare",
    "render_html",
    "export",
    "to_json",
    # the model and the errors people catch
    "Source",
    "Document",
    "DateClaim",
    "Event",
    "Era",
    "Entity",
    "Extraction",
    "DatelinesError",
    "InputError",
    "StoreError",
}

CALLABLES = (
    "read",
    "read_all",
    "extract",
    "extract_all",
    "compare",
    "render_html",
    "export",
    "to_json",
)


def test_all_is_what_we_mean_to_export() -> None:
    assert set(datelines.__all__) == EXPECTED
    assert len(datelines.__all__) == len(set(datelines.__all__))


def test_every_name_resolves() -> None:
    # PEP 562 lookup, called directly: a loaded submodule of the same name (for
    # example ``datelines.extract``) may shadow the attribute itself
    for name in EXPECTED - {"__version__"}:
        value = datelines.__getattr__(name)
        assert value is not None
        assert getattr(value, "__name__", name).rsplit(".", 1)[-1] == name
    for name in CALLABLES:
        assert callable(datelines.__getattr__(name)), name


def test_unknown_name_is_an_attribute_error() -> None:
    try:
        datelines.no_such_thing  # noqa: B018
    except AttributeError as err:
        assert "no_such_thing" in str(err)
    else:
        raise AssertionError("expected AttributeError")


def test_import_is_light() -> None:
    code = (
        "import sys, datelines\n"
        "from datelines import Store, export, render_html, to_json\n"
        "print(sorted(m for m in ('spacy', 'datelines.extract', 'datelines.nlp.pipeline')"
        " if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_export_package_is_callable_too() -> None:
    import datelines.export as package  # binds datelines.export to the package
    from datelines.store import Store

    with Store.open(":memory:") as store:
        assert datelines.export(store, "csv") == package.export(store, "csv")
