"""Print command line N (1 or 2) of the first code block under the README's "Kom i gang" heading."""

from __future__ import annotations

import re
import sys
from pathlib import Path


def kom_i_gang_lines(readme: str) -> list[str]:
    heading = re.search(r"^#+ .*Kom i gang.*$", readme, re.M)
    if heading is None:
        raise SystemExit("README.md har ingen «Kom i gang»-seksjon")
    block = re.search(r"^```[^\n]*\n(.*?)^```", readme[heading.end():], re.M | re.S)
    if block is None:
        raise SystemExit("«Kom i gang» har ingen kodeblokk")
    return [line for line in block.group(1).splitlines() if line.strip()]


if __name__ == "__main__":
    number = int(sys.argv[1])
    text = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    print(kom_i_gang_lines(text)[number - 1])
