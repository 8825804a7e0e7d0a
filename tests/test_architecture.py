"""The package's shape: no import circle, one home for errors, a clean public namespace.

These read the source itself, so a change that brings a knot back fails here first.
"""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import timeline
from timeline import errors

SRC = Path(timeline.__file__).resolve().parent
MAX_LINES = 700


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(path): path for path in sorted(SRC.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _run_time_imports(name: str, path: Path) -> set[str]:
    """The package modules `name` imports when it runs: at the top or inside functions,
    but not under `if TYPE_CHECKING:`."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            submodules = {f"{base}.{alias.name}" for alias in node.names} & MODULES.keys()
            found.update(submodules)
            if len(submodules) < len(node.names):  # names defined in `base` itself
                found.add(base)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return {module for module in found if module in MODULES and module != name}


GRAPH = {name: _run_time_imports(name, path) for name, path in MODULES.items()}


def _circle() -> list[str] | None:
    """One import circle among the package's modules, as a path, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(GRAPH[node]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state:
                found = walk(target)
                if found:
                    return found
        state[node] = 2
        path.pop()
        return None

    for module in sorted(GRAPH):
        if module not in state:
            found = walk(module)
            if found:
                return found
    return None


def test_the_graph_sees_imports() -> None:
    """The import graph is read from the source (a sanity check on the reader itself)."""
    assert "timeline._model" in GRAPH["timeline._timeline"]
    assert "timeline._status" in GRAPH["timeline._timeline"]
    assert "timeline._timeline" not in GRAPH["timeline._status"]  # under TYPE_CHECKING only


def test_no_import_circle() -> None:
    """Data flows one way: no module imports, however indirectly, one that imports it."""
    assert _circle() is None, " → ".join(_circle() or [])


def test_the_circle_finder_finds_a_circle() -> None:
    """A made-up back edge is reported as a circle (so the test above can fail)."""
    GRAPH["timeline._when"].add("timeline._timeline")
    try:
        assert _circle() is not None
    finally:
        GRAPH["timeline._when"].discard("timeline._timeline")


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_too_long(name: str) -> None:
    """No source file passes 700 lines; a module that long is asking to be split."""
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{MODULES[name]} has {lines} lines"


def _exception_classes() -> dict[str, str]:
    """Every exception class defined in src/, by name, with the module defining it."""
    found: dict[str, str] = {}
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                (isinstance(b, ast.Name) and (b.id.endswith(("Error", "Exception"))))
                or (isinstance(b, ast.Attribute) and b.attr.endswith("Error"))
                for b in node.bases
            ):
                found[node.name] = name
    return found


def test_every_exception_lives_in_errors() -> None:
    """Every exception the package defines is defined in timeline/errors.py."""
    elsewhere = {cls: mod for cls, mod in _exception_classes().items() if mod != "timeline.errors"}
    assert elsewhere == {}


def test_every_exception_is_exported_and_subclasses_a_built_in() -> None:
    """Each error is importable from `timeline`, and each but the base is also a built-in kind."""
    classes = [
        value
        for value in vars(errors).values()
        if inspect.isclass(value) and issubclass(value, Exception)
    ]
    assert len(classes) == len(set(_exception_classes()))
    for cls in classes:
        assert cls.__name__ in timeline.__all__
        assert getattr(timeline, cls.__name__) is cls
        if cls is not errors.TimelineError:
            built_ins = [b for b in cls.__mro__ if b.__module__ == "builtins"]
            assert set(built_ins) - {Exception, BaseException, object}, cls


def test_errors_import_nothing_outside_the_standard_core() -> None:
    """timeline.errors loads no third-party module, so the command line imports it for free."""
    code = (
        "import sys; before = set(sys.modules); import timeline.errors; "
        "print(sorted(set(sys.modules) - before))"
    )
    new = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert set(eval(new)) <= {"__future__", "timeline", "timeline.errors"}


def test_dir_lists_only_the_public_api() -> None:
    """dir(timeline) holds `__all__`, dunders and submodules, nothing else."""
    extra = [
        name
        for name in dir(timeline)
        if name not in timeline.__all__
        and not (name.startswith("__") and name.endswith("__"))
        and not inspect.ismodule(getattr(timeline, name))
    ]
    assert extra == []
    assert set(timeline.__all__) <= set(dir(timeline))


def test_every_public_name_resolves() -> None:
    """Every name in `__all__` can be used (none points at a module or name that moved)."""
    for name in timeline.__all__:
        assert getattr(timeline, name) is not None


def test_the_lists_of_public_names_agree() -> None:
    """`__all__`, the names imported for type checkers and the lazy table name the same API."""
    source = ast.parse(MODULES["timeline"].read_text(encoding="utf-8"))
    typed: set[str] = set()
    for node in ast.walk(source):
        if isinstance(node, ast.If) and _is_type_checking(node):
            for statement in ast.walk(node):
                if isinstance(statement, ast.ImportFrom):
                    typed.update(alias.asname or alias.name for alias in statement.names)
    lazy = set(timeline._MODULE_OF) | {"report"}  # type: ignore[attr-defined]
    assert typed == lazy == set(timeline.__all__)
    assert len(timeline.__all__) == len(set(timeline.__all__))
