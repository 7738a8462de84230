"""The one source of the build's date: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""

from __future__ import annotations

import os
from datetime import UTC, datetime


def build_time() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def reproducible() -> bool:
    return os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit()
