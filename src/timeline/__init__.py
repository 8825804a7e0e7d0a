"""timeline: dated events and the policies they shape, at the precision their sources give.

>>> import timeline
>>> timeline.When.parse("2025-23").label
'autumn 2025'

Everything importable from this package root is public; other modules are implementation.
Formats with heavy dependencies (iCalendar, HTML) load only when they are asked for.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from timeline._clock import frozen_today
from timeline.errors import DataError, Problem, TimelineError, WhenError
from timeline.lifecycle import (
    LifecycleError,
    Phase,
    PolicyView,
    State,
    Status,
    Transition,
    status,
)
from timeline.load import load
from timeline.load_json import load_json
from timeline.model import (
    Actor,
    ActorKind,
    Citation,
    Effect,
    Event,
    Feed,
    Place,
    Policy,
    Settings,
    Source,
    Timeline,
)
from timeline.query import Filter
from timeline.when import Precision, Qualifier, When

if TYPE_CHECKING:
    from timeline import report
    from timeline.ics import to_ics
    from timeline.ics_import import from_ics

__version__ = "0.1.0"

__all__ = (
    # time
    "Precision",
    "Qualifier",
    "When",
    # records
    "Actor",
    "ActorKind",
    "Citation",
    "Effect",
    "Event",
    "Feed",
    "Place",
    "Policy",
    "Settings",
    "Source",
    "Timeline",
    # loading and asking
    "Filter",
    "load",
    "load_json",
    # policies over time
    "Phase",
    "PolicyView",
    "State",
    "Status",
    "Transition",
    "frozen_today",
    "status",
    # output
    "report",
    "to_ics",
    "from_ics",
    # errors
    "DataError",
    "LifecycleError",
    "Problem",
    "TimelineError",
    "WhenError",
)

#: Public names whose modules are imported on first use, to keep start-up fast.
_LAZY = {"report": "timeline.report", "to_ics": "timeline.ics", "from_ics": "timeline.ics_import"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module = importlib.import_module(_LAZY[name])
        return module if module.__name__.endswith(name) else getattr(module, name)
    raise AttributeError(f"module 'timeline' has no attribute {name!r}")
