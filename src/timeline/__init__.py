"""timeline: dated events and the policies they shape, at the precision their sources give.

>>> import timeline
>>> timeline.When.parse("2025-23").label
'autumn 2025'

The public API is this package root (and `timeline.report`, the report formats, and
`timeline.errors`, every exception). Modules named `_…` are implementation and may change.
Names load on first use, so `import timeline` (and `timeline --version`) stays cheap.
"""

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: start-up time matters
if TYPE_CHECKING:
    from timeline import report
    from timeline._clock import frozen_today
    from timeline._extract import Mention, draft_toml, extract
    from timeline._ics import Imported, from_ics, read_ics, to_ics, write_ics
    from timeline._lifecycle import Phase, PolicyView, State, Status, Transition, status
    from timeline._load import load
    from timeline._model import (
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
    )
    from timeline._query import Filter
    from timeline._site import build as build_site
    from timeline._timeline import Timeline
    from timeline._when import Endpoint, Precision, Qualifier, When
    from timeline.errors import (
        DataError,
        ExtractError,
        IcsError,
        InvalidFieldError,
        LifecycleError,
        Problem,
        SiteError,
        SkippedRecordError,
        TimelineError,
        UsageError,
        WhenError,
    )
    from timeline.report._json import load_json

__version__ = "0.1.0"

__all__ = (
    # time
    "Endpoint",
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
    "build_site",
    "to_ics",
    "write_ics",
    # input
    "Imported",
    "from_ics",
    "read_ics",
    "Mention",
    "draft_toml",
    "extract",
    # errors
    "DataError",
    "ExtractError",
    "IcsError",
    "InvalidFieldError",
    "LifecycleError",
    "Problem",
    "SiteError",
    "SkippedRecordError",
    "TimelineError",
    "UsageError",
    "WhenError",
)

#: Where each public name is defined, as (module, name there); a module itself when the
#: name is empty. Read by `__getattr__` on first use of the name.
_HOMES = {
    **{name: ("timeline._when", name) for name in ("Endpoint", "Precision", "Qualifier", "When")},
    **{
        name: ("timeline._model", name)
        for name in (
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
        )
    },
    "Timeline": ("timeline._timeline", "Timeline"),
    "Filter": ("timeline._query", "Filter"),
    "load": ("timeline._load", "load"),
    "load_json": ("timeline.report._json", "load_json"),
    **{
        name: ("timeline._lifecycle", name)
        for name in ("Phase", "PolicyView", "State", "Status", "Transition", "status")
    },
    "frozen_today": ("timeline._clock", "frozen_today"),
    "report": ("timeline.report", ""),
    "build_site": ("timeline._site", "build"),
    **{
        name: ("timeline._ics", name)
        for name in ("Imported", "from_ics", "read_ics", "to_ics", "write_ics")
    },
    **{name: ("timeline._extract", name) for name in ("Mention", "draft_toml", "extract")},
    **{
        name: ("timeline.errors", name)
        for name in (
            "DataError",
            "ExtractError",
            "IcsError",
            "InvalidFieldError",
            "LifecycleError",
            "Problem",
            "SiteError",
            "SkippedRecordError",
            "TimelineError",
            "UsageError",
            "WhenError",
        )
    },
}


def __getattr__(name: str) -> object:
    """Import a public name's module on first use and keep the name here."""
    if name not in _HOMES:
        raise AttributeError(f"module 'timeline' has no attribute {name!r}")
    import importlib

    module_name, attribute = _HOMES[name]
    module = importlib.import_module(module_name)
    value = getattr(module, attribute) if attribute else module
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public API, dunders and the submodules imported so far; nothing else."""
    here = globals()
    dunders = [name for name in here if name.startswith("__") and name.endswith("__")]
    modules = [name for name, value in here.items() if type(value).__name__ == "module"]
    return sorted({*__all__, *dunders, *modules})
