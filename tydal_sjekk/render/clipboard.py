"""Put a text on the system clipboard (``svar --kopier``), where the platform has a way to do it.

No extra dependency: the platforms' own command-line tools are used (``clip`` on Windows and in WSL,
``pbcopy`` on macOS, ``wl-copy``, ``xclip`` or ``xsel`` on Linux and BSD). ``copy`` never raises; it
returns the tools it tried when none of them worked, so the caller can say so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

TIMEOUT = 5.0


def _candidates() -> list[tuple[list[str], str]]:
    """(command, encoding) in order of preference for this platform."""
    if os.name == "nt":
        # clip reads UTF-16 with a byte order mark as Unicode; anything else in the console's code page.
        return [(["clip"], "utf-16")]
    if sys.platform == "darwin":
        return [(["pbcopy"], "utf-8")]
    out: list[tuple[list[str], str]] = []
    if os.environ.get("WAYLAND_DISPLAY"):
        out.append((["wl-copy"], "utf-8"))
    if os.environ.get("DISPLAY"):
        out.append((["xclip", "-selection", "clipboard"], "utf-8"))
        out.append((["xsel", "--clipboard", "--input"], "utf-8"))
    out.append((["clip.exe"], "utf-16"))  # Windows' clip from inside WSL
    return out


def copy(text: str) -> tuple[bool, list[str]]:
    """Copy ``text``; returns (copied, the names of the tools that were tried)."""
    tried: list[str] = []
    env = dict(os.environ)
    env.setdefault("LANG", "en_US.UTF-8")  # pbcopy reads UTF-8 only when the locale says so
    for command, encoding in _candidates():
        tried.append(command[0])
        executable = shutil.which(command[0])
        if executable is None:
            continue
        try:
            # No pipes for output: xclip and xsel stay in the background to serve the clipboard, and a pipe
            # they keep open would make us wait for them.
            completed = subprocess.run(
                [executable, *command[1:]], input=text.encode(encoding), stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, timeout=TIMEOUT, env=env, check=False,
            )
        except (OSError, subprocess.SubprocessError):
            continue
        if completed.returncode == 0:
            return True, tried
    return False, tried
