"""Serve stage: the local web viewer (Starlette) with review and a ``.json`` twin per page.

Consumes a datelines database; produces HTML pages (timeline, event, document,
entities, search) and their JSON twins, plus audited review endpoints. Binds
127.0.0.1 by default; see :mod:`.security` for the guards and ``docs/viewer.md``.
"""

from __future__ import annotations

from datelines.serve.app import make_app, vis_dir
from datelines.serve.security import LOOPBACK_NAMES, check_bind, is_loopback

__all__ = ["LOOPBACK_NAMES", "check_bind", "is_loopback", "make_app", "vis_dir"]
