"""JSON-safe values and records for briefs (NaN → None, numpy → Python, dates → ISO)."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd


def clean(value):
    """JSON-safe scalars: NaN → None, numpy → python."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        value = value.item()
        return None if isinstance(value, float) and math.isnan(value) else value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def records(frame: pd.DataFrame) -> list[dict]:
    """DataFrame → list of JSON-safe dicts."""
    if frame.attrs:   # to_dict deep-copies attrs once per column: copy them once, then drop them
        frame = frame.copy(deep=False)
        frame.attrs = {}
    return [{k: clean(v) for k, v in row.items()} for row in frame.to_dict("records")]
