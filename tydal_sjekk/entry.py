"""The console script's entry point: a tiny module, so Ctrl-C is handled from the first moment.

While the command line is being imported (typer, rich: tens of milliseconds) nothing needs cleaning up,
so Ctrl-C ends the process at once with «Avbrutt.» and exit code 130. After that, Ctrl-C raises
``KeyboardInterrupt`` as usual and the command line ends cleanly (temporary files removed). SIGTERM is
turned into a normal exit as well, so that ``finally`` blocks run.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType


def _abort(signum: int, frame: FrameType | None) -> None:
    try:
        if sys.stderr is not None:
            sys.stderr.write("\nAvbrutt.\n")
            sys.stderr.flush()
    finally:
        os._exit(130)


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def main() -> None:
    signal.signal(signal.SIGINT, _abort)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _terminate)
    from tydal_sjekk.cli import main as cli_main

    signal.signal(signal.SIGINT, signal.default_int_handler)
    cli_main()
