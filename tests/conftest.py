"""Shared fixtures: the ../shared folder (real third-party data) and temp stores."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder; tests that need it skip with a clear message elsewhere."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"../shared is absent ({SHARED}): real third-party data not available")
    return SHARED


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    """The bundled sample corpus (our own words)."""
    return ROOT / "sample"
