"""A progress bar on stderr for long work, drawn only when stderr is a terminal.

The library never prints: `timeline.load(..., progress=...)` and the other long tasks take a
callback, and the command line passes one of these bars. Nothing is drawn when stderr is
not a terminal (a pipe, a file, CI's log), with `--quiet`, or before the work has run for
half a second (so a quick command never flickers); the line is wiped when the work ends,
whether it succeeded or not, so what the command prints next starts on a clean line.

Our own few lines rather than tqdm or rich: importing either costs 35–40 ms (five times
Python's own start-up) and a dependency, for one line redrawn a few times a second. The
figures are in docs/performance.md.
"""

from __future__ import annotations

import sys
import time

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Mapping
    from typing import TextIO

    #: What a bar counts: "B" (bytes), a plural noun ("rows"), or one of those per stage.
    Units = str | Mapping[str, str]

__all__ = ["Bar", "bar_for"]

#: Seconds of work before the bar first shows, and between two redraws.
DELAY, INTERVAL = 0.5, 0.1
_WIDTH = 20  # of the bar itself, in cells


class Bar:
    """A one-line progress display: `bar(stage, done, total)` as the work goes on.

    `unit` is "B" when the counts are bytes (shown as kB, MB, GB), else the plural noun of
    what is counted ("rows"), or a mapping of stage → unit when stages count different
    things. A total of 0 means the stage has no count: only its name and the time spent are
    shown.
    """

    def __init__(
        self, label: str, unit: Units, stream: TextIO, *, delay: float | None = None
    ) -> None:
        from timeline._text import printable

        self.label, self.units, self.stream = printable(label), unit, stream
        self.unit = unit if isinstance(unit, str) else ""
        self.started = time.monotonic()
        self.shown_after = self.started + (DELAY if delay is None else delay)
        self.next_draw = self.shown_after
        self.drawn = False
        self.stage, self.done, self.total = "", 0, 0
        self.stage_started = self.started

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.stage, self.stage_started = stage, time.monotonic()
            if not isinstance(self.units, str):
                self.unit = self.units.get(stage, "")
            self.next_draw = self.shown_after  # a new stage shows at once (after the delay)
        self.done, self.total = done, total
        now = time.monotonic()
        if now >= self.next_draw:
            self.next_draw = now + INTERVAL  # read here, so a test can set it
            self._draw(now)

    def _draw(self, now: float) -> None:
        width = _columns(self.stream) - 1  # never the last column: some terminals wrap there
        line = self.line(now)
        if len(line) > width:  # the label goes first, then what does not fit
            line = self.line(now, labelled=False)
        self.drawn = True
        self._write("\r" + line[:width] + "\x1b[K")

    def _write(self, text: str) -> None:
        """Write to the terminal; one that went away (a closed window) ends the bar, not
        the work."""
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):
            self.drawn, self.next_draw = False, float("inf")

    def line(self, now: float, *, labelled: bool = True) -> str:
        """What the bar shows at `now`: label, stage, bar, percentage, counts, rate, time left."""
        head = f"{self.label}: {self.stage}" if labelled else self.stage
        if self.total <= 0:
            return f"{head}  {_clock(now - self.started)}"
        fraction = min(max(self.done / self.total, 0.0), 1.0)
        cells = fraction * _WIDTH
        full = int(cells)
        part = _PARTS[int((cells - full) * len(_PARTS))] if full < _WIDTH else ""
        bar = ("█" * full + part).ljust(_WIDTH)
        elapsed = now - self.stage_started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        left = f"{_clock((self.total - self.done) / rate)} left" if rate > 0 else "? left"
        return f"{head} {bar} {fraction:4.0%}  {self._counts()}  {self._rate(rate)}  {left}"

    def _counts(self) -> str:
        """12.3/45.0 MB, 1,234/100,000 rows."""
        if self.unit == "B":
            done, total = _bytes(self.done), _bytes(self.total)
            unit = total.rpartition(" ")[2]
            if done.endswith(f" {unit}"):
                done = done.rpartition(" ")[0]
            return f"{done}/{total}"
        return f"{self.done:,}/{self.total:,} {self.unit}"

    def _rate(self, rate: float) -> str:
        """6.1 MB/s, 4,210 rows/s."""
        return f"{_bytes(rate)}/s" if self.unit == "B" else f"{rate:,.0f} {self.unit}/s"

    def close(self) -> None:
        """Wipe the line if it was drawn."""
        if self.drawn:
            self._write("\r\x1b[K")
            self.drawn = False

    def __enter__(self) -> Bar:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def bar_for(args: argparse.Namespace, label: str, unit: Units = "B") -> Bar | None:
    """A bar for this command's long work, or None when none is to be shown: stderr is not a
    terminal, the terminal is "dumb", or `--quiet` was given."""
    import os

    if getattr(args, "quiet", False) or os.environ.get("TERM") == "dumb":
        return None
    stream = sys.stderr
    try:
        if stream is None or not stream.isatty():
            return None
    except (AttributeError, ValueError):  # replaced or closed
        return None
    return Bar(label, unit, stream)


_PARTS = " ▏▎▍▌▋▊▉"


def _columns(stream: TextIO) -> int:
    import os

    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


def _bytes(value: float) -> str:
    """Decimal units, as file managers and tqdm show them: 950 B, 12.3 MB."""
    if value < 1000:
        return f"{value:.0f} B"
    for unit in ("kB", "MB"):
        value /= 1000
        if value < 1000:
            return f"{value:.1f} {unit}"
    return f"{value / 1000:.1f} GB"


def _clock(seconds: float) -> str:
    """0:07, 12:03, 1:02:03; whole seconds, the difference of two large clock readings
    rounded to the microsecond first (75 s can come out as 74.9999999)."""
    whole = int(round(seconds, 6))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"
