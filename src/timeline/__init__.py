"""timeline: dated events and the policies they shape, at the precision their sources give.

>>> import timeline
>>> timeline.When.parse("2025-23").label
'autumn 2025'

Everything importable from this package root is public; other modules are implementation.
Formats with heavy dependencies (iCalendar, HTML) load only when they are asked for.
"""

from __future__ import annotations

import importlib
import sys
import types

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: start-up time matters
if TYPE_CHECKING:
    from typing import Any

    from timeline import report
    from timeline._clock import frozen_today
    from timeline.errors import DataError, Problem, TimelineError, WhenError
    from timeline.ics import to_ics
    from timeline.ics_import import from_ics
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

#: Public names whose modules are imported on first use, so that `import timeline` (and so
#: `timeline --version`) loads neither attrs nor cattrs until a name is used. A name that is
#: a module itself (`report`) gives the module.
_LAZY = {
    **dict.fromkeys(("DataError", "Problem", "TimelineError", "WhenError"), "timeline.errors"),
    **dict.fromkeys(("Precision", "Qualifier", "When"), "timeline.when"),
    **dict.fromkeys(
        (
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
        ),
        "timeline.model",
    ),
    **dict.fromkeys(
        ("LifecycleError", "Phase", "PolicyView", "State", "Status", "Transition", "status"),
        "timeline.lifecycle",
    ),
    "Filter": "timeline.query",
    "load": "timeline.load",
    "load_json": "timeline.load_json",
    "frozen_today": "timeline._clock",
    "report": "timeline.report",
    "to_ics": "timeline.ics",
    "from_ics": "timeline.ics_import",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module = importlib.import_module(_LAZY[name])
        value = getattr(module, name) if hasattr(module, name) else module
        globals()[name] = value
        return value
    raise AttributeError(f"module 'timeline' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """This package's module type: keeps `timeline.load` the function `load`.

    Importing the submodule `timeline.load` binds it as the package's attribute `load`,
    which would hide the function of that name now that it is imported lazily.
    """

    def __setattr__(self, name: str, value: object) -> None:
        shadows = isinstance(value, types.ModuleType) and value.__name__ == _LAZY.get(name)
        if shadows and hasattr(value, name):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
