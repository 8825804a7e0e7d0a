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
    from timeline._agenda import Change, Pending
    from timeline._clock import frozen_today
    from timeline._diff import Diff, FieldChange, RecordChange, StatusChange, diff
    from timeline._extract import Mention, draft_toml, extract
    from timeline._ics import (
        deadlines_ics,
        from_ics,
        read_ics,
        to_ics,
        write_deadlines,
        write_ics,
    )
    from timeline._import import import_file
    from timeline._imported import Imported
    from timeline._lifecycle import Phase, State, Transition
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
        Provision,
        Settings,
        Source,
    )
    from timeline._parquet import from_arrow, to_arrow
    from timeline._query import Filter
    from timeline._series import Count, Series, SeriesStep
    from timeline._site import build as build_site
    from timeline._status import PolicyView, ProvisionStatus, Status, status
    from timeline._timeline import Timeline
    from timeline._when import Endpoint, Precision, Qualifier, When
    from timeline.errors import (
        DataError,
        ExtractError,
        IcsError,
        ImportFileError,
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
    "Provision",
    "Settings",
    "Source",
    "Timeline",
    # loading and asking
    "Filter",
    "load",
    "load_json",
    # policies over time
    "Change",
    "Count",
    "Pending",
    "Phase",
    "PolicyView",
    "ProvisionStatus",
    "Series",
    "SeriesStep",
    "State",
    "Status",
    "Transition",
    "frozen_today",
    "status",
    # what changed
    "Diff",
    "FieldChange",
    "RecordChange",
    "StatusChange",
    "diff",
    # output
    "report",
    "build_site",
    "to_arrow",
    "deadlines_ics",
    "to_ics",
    "write_deadlines",
    "write_ics",
    # input
    "from_arrow",
    "Imported",
    "import_file",
    "from_ics",
    "read_ics",
    "Mention",
    "draft_toml",
    "extract",
    # errors
    "DataError",
    "ExtractError",
    "IcsError",
    "ImportFileError",
    "InvalidFieldError",
    "LifecycleError",
    "Problem",
    "SiteError",
    "SkippedRecordError",
    "TimelineError",
    "UsageError",
    "WhenError",
)

#: The module that defines each public name, read by `__getattr__` on the name's first use.
#: `report` is a module itself; `build_site` is `timeline._site.build`.
_HOMES = {
    "timeline._when": ("Endpoint", "Precision", "Qualifier", "When"),
    "timeline._model": (
        "Actor",
        "ActorKind",
        "Citation",
        "Effect",
        "Event",
        "Feed",
        "Place",
        "Policy",
        "Provision",
        "Settings",
        "Source",
    ),
    "timeline._timeline": ("Timeline",),
    "timeline._query": ("Filter",),
    "timeline._load": ("load",),
    "timeline.report._json": ("load_json",),
    "timeline._lifecycle": ("Phase", "State", "Transition"),
    "timeline._status": ("PolicyView", "ProvisionStatus", "Status", "status"),
    "timeline._agenda": ("Change", "Pending"),
    "timeline._series": ("Count", "Series", "SeriesStep"),
    "timeline._clock": ("frozen_today",),
    "timeline._diff": ("Diff", "FieldChange", "RecordChange", "StatusChange", "diff"),
    "timeline._ics": (
        "deadlines_ics",
        "from_ics",
        "read_ics",
        "to_ics",
        "write_deadlines",
        "write_ics",
    ),
    "timeline._imported": ("Imported",),
    "timeline._import": ("import_file",),
    "timeline._extract": ("Mention", "draft_toml", "extract"),
    "timeline._parquet": ("from_arrow", "to_arrow"),
    "timeline._site": ("build_site",),
    "timeline.errors": (
        "DataError",
        "ExtractError",
        "IcsError",
        "ImportFileError",
        "InvalidFieldError",
        "LifecycleError",
        "Problem",
        "SiteError",
        "SkippedRecordError",
        "TimelineError",
        "UsageError",
        "WhenError",
    ),
}
_RENAMED = {"build_site": "build"}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> object:
    """Import a public name's module on first use and keep the name here."""
    if name == "report":
        import timeline.report

        return timeline.report
    if name not in _MODULE_OF:
        raise AttributeError(f"module 'timeline' has no attribute {name!r}")
    import importlib

    module = importlib.import_module(_MODULE_OF[name])
    value = getattr(module, _RENAMED.get(name, name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public API, dunders and the submodules imported so far; nothing else."""
    here = globals()
    dunders = [name for name in here if name.startswith("__") and name.endswith("__")]
    modules = [name for name, value in here.items() if type(value).__name__ == "module"]
    return sorted({*__all__, *dunders, *modules})
