"""Meeting times as points in time: records give a local date and ``HH:MM`` in Swedish time."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def local_time(day: date, clock: str = "") -> datetime:
    """``day`` at ``clock`` (midnight when not given), Europe/Stockholm."""
    hour, minute = (int(part) for part in clock.split(":")) if clock else (0, 0)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=STOCKHOLM)
