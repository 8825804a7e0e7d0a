"""Running the command line on a pseudo-terminal, for the tests of what only a terminal sees
(the progress bar, init's questions)."""

from __future__ import annotations

import os
import select
import subprocess
import time


def read_terminal(
    master: int, process: subprocess.Popen[bytes], answers: bytes = b"", *, timeout: float = 120
) -> bytes:
    """Everything `process` writes to the pseudo-terminal `master` until it exits, typing
    the lines of `answers` one at a time as each prompt ("…]: ") waits; closes `master`."""
    shown, pending = bytearray(), answers.splitlines(keepends=True)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal (EIO on Linux)
                break
            if not chunk:
                break
            shown += chunk
            if pending and shown.endswith(b"]: "):  # a prompt waits for its answer
                os.write(master, pending.pop(0))
    finally:
        os.close(master)
    return bytes(shown)
