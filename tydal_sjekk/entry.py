"""The console script's entry point: a tiny module, so Ctrl-C is handled from the first moment.

While the command line is being imported (typer, rich: tens of milliseconds) nothing needs cleaning up,
so Ctrl-C ends the process at once with «Avbrutt.» and exit code 130. After that, Ctrl-C raises
``KeyboardInterrupt`` as usual and the command line ends cleanly (temporary files removed). SIGTERM is
turned into a normal exit as well, so that ``finally`` blocks run. The handlers are installed when this
module is imported, before anything else, because pip's launcher imports it first.
"""

# ``_signal`` is the built-in C module: importing it is almost free, while ``signal`` imports ``enum`` first
# (milliseconds in which a Ctrl-C would still be Python's own traceback).
import _signal  # type: ignore[import-not-found]  # no stub; the C module behind signal
import sys


def _abort(signum: int, frame: object) -> None:
    try:
        if sys.stderr is not None:
            sys.stderr.write("\nAvbrutt.\n")
            sys.stderr.flush()
    finally:
        import os

        os._exit(130)


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def _install() -> None:
    _signal.signal(_signal.SIGINT, _abort)
    if hasattr(_signal, "SIGTERM"):
        _signal.signal(_signal.SIGTERM, _terminate)


_install()


def main() -> None:
    _install()
    from tydal_sjekk.cli import main as cli_main

    cli_main()  # run() turns Ctrl-C back into KeyboardInterrupt inside its own error handling
