"""A small validating reader for TOML tables.

Every problem is collected (not raised) so that ``tydal-sjekk innhold sjekk`` can report all of them at
once. Messages are in Norwegian bokmål because they reach the people who edit ``content/``.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

_TYPE_NAMES = {
    str: "tekst",
    int: "heltall",
    float: "desimaltall",
    bool: "sann/usann",
    list: "liste",
    dict: "tabell",
}


def type_name(value: object) -> str:
    for typ, name in _TYPE_NAMES.items():
        if type(value) is typ:
            return name
    return type(value).__name__


class Problem(NamedTuple):
    """One problem in one content file."""

    file: str
    key: str
    message: str

    def __str__(self) -> str:
        from tydal_sjekk.core.display import printable  # start-up: only when a problem is shown

        where = f"{self.file}: {self.key}" if self.key else self.file
        return printable(f"{where}: {self.message}")


class ContentError(Exception):
    """Content could not be loaded. Carries every problem that was found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")


# tomllib's messages are English; the common ones in bokmål, the rest only by their position.
_TOML_REASONS = (
    ("Cannot overwrite a value", "en verdi er satt to ganger"),
    ("Cannot declare", "en tabell er deklarert to ganger"),
    ("Expected '=' after a key", "mangler «=» etter en nøkkel"),
    ("Invalid value", "ugyldig verdi"),
    ("Invalid initial character for a key part", "ugyldig tegn i en nøkkel"),
    ("Unclosed array", "en liste mangler «]»"),
    ("Unclosed inline table", "en tabell mangler «}»"),
    ("Unterminated string", "en tekst mangler avsluttende anførselstegn"),
    ("Illegal character", "ulovlig tegn"),
    ("Expected newline or end of document", "forventet linjeskift etter en verdi"),
    ("Duplicate", "en nøkkel er brukt to ganger"),
)


def _toml_reason(english: str) -> str:
    for prefix, norwegian in _TOML_REASONS:
        if english.startswith(prefix):
            return norwegian
    return ""


def parse_toml(data: bytes, file: str, problems: list[Problem]) -> dict[str, Any] | None:
    """Parse TOML bytes; on failure record a problem with the line number and return None."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(Problem(file, "", f"filen er ikke gyldig UTF-8 (byte {exc.start})"))
        return None
    # start-up: only when TOML is parsed (not with the compiled cache)
    import tomllib

    for number, line in enumerate(text.splitlines(), start=1):
        if line.split("=", 1)[0].count(".") > 1000:  # tomllib takes quadratic time on long dotted keys
            problems.append(Problem(file, "", f"ugyldig TOML på linje {number}: nøkkelen er for sammensatt"))
            return None
    try:
        return tomllib.loads(text)
    except RecursionError:
        problems.append(Problem(file, "", "ugyldig TOML: tabeller eller lister er nøstet for dypt"))
        return None
    except tomllib.TOMLDecodeError as exc:
        detail = str(exc)
        match = _TOML_POS.search(detail)
        where = f"linje {match.group(1)}, kolonne {match.group(2)}" if match else "ukjent sted"
        reason = _toml_reason(_TOML_POS.sub("", detail).strip())
        problems.append(Problem(file, "", f"ugyldig TOML på {where}{f' ({reason})' if reason else ''}"))
        return None


class _KeepUnknown(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _template_fields(text: str) -> list[str]:
    # start-up: only when content is loaded from TOML
    import string

    try:
        out = []
        for _, name, spec, conversion in string.Formatter().parse(text):
            if name is None:
                continue
            out.append(name if not spec and not conversion else ":")
        return out
    except ValueError:
        return ["{"]


def fill_placeholders(
    t: Table, key: str, text: str, values: dict[str, str], *, keep: tuple[str, ...] = ()
) -> str:
    """Fill ``{name}`` from ``values``; names in ``keep`` stay for later, any other name is a problem."""
    allowed = {*values, *keep}
    for name in _template_fields(text):
        if name == ":":
            t.problem(key, "en plassholder kan ikke ha format eller konvertering (skriv bare {navn})")
            return text
        if name == "{":
            t.problem(key, "ubalanserte klammer; skriv {{ og }} for klammer i teksten")
            return text
        if name not in allowed:
            known = ", ".join("{" + a + "}" for a in sorted(allowed))
            t.problem(key, f"ukjent plassholder «{{{name}}}»; tillatt er {known}")
            return text
    return text.format_map(_KeepUnknown(values))


class Table:
    """A view of one TOML table that records problems while values are read."""

    def __init__(self, data: dict[str, Any], file: str, path: str, problems: list[Problem]) -> None:
        self.data = data
        self.file = file
        self.path = path
        self.problems = problems
        self._seen: set[str] = set()

    # -- helpers ---------------------------------------------------------------------------------
    def key(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def problem(self, name: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.key(name) if name else self.path, message))

    def has(self, name: str) -> bool:
        return name in self.data

    def _get(self, name: str, expected: type, required: bool) -> Any:
        self._seen.add(name)
        if name not in self.data:
            if required:
                self.problem(name, "mangler")
            return None
        value = self.data[name]
        if expected is float and type(value) is int:
            return float(value)
        if type(value) is not expected:
            self.problem(name, f"må være {_TYPE_NAMES[expected]}, fant {type_name(value)}")
            return None
        return value

    # -- scalar values ---------------------------------------------------------------------------
    def text(self, name: str, *, required: bool = True, default: str = "", allow_empty: bool = False) -> str:
        value = self._get(name, str, required)
        if value is None:
            return default
        if not allow_empty and not value.strip():
            self.problem(name, "kan ikke være tom")
            return default
        return str(value).strip()

    def integer(self, name: str, *, required: bool = True, default: int = 0, minimum: int | None = None) -> int:
        value = self._get(name, int, required)
        if value is None:
            return default
        if minimum is not None and value < minimum:
            self.problem(name, f"må være minst {minimum}, fant {value}")
            return default
        return int(value)

    def number(self, name: str, *, required: bool = True, default: float = 0.0) -> float:
        value = self._get(name, float, required)
        if value is None:
            return default
        if value != value or value in (float("inf"), float("-inf")):
            self.problem(name, "må være et vanlig tall, ikke nan eller inf")
            return default
        return float(value)

    def boolean(self, name: str, *, required: bool = False, default: bool = False) -> bool:
        value = self._get(name, bool, required)
        return default if value is None else bool(value)

    def choice(self, name: str, choices: tuple[str, ...], *, required: bool = True, default: str = "") -> str:
        value = self.text(name, required=required, default=default)
        if value and value not in choices:
            self.problem(name, f"ugyldig verdi «{value}»; gyldige verdier er {', '.join(choices)}")
            return default
        return value

    def texts(self, name: str, *, required: bool = False, allow_empty_list: bool = True) -> tuple[str, ...]:
        value = self._get(name, list, required)
        if value is None:
            return ()
        out: list[str] = []
        for i, item in enumerate(value):
            if type(item) is not str:
                self.problem(f"{name}[{i}]", f"må være tekst, fant {type_name(item)}")
            elif not item.strip():
                self.problem(f"{name}[{i}]", "kan ikke være tom")
            else:
                out.append(item.strip())
        if not out and not allow_empty_list and not any(type(i) is not str for i in value):
            self.problem(name, "kan ikke være en tom liste")
        return tuple(out)

    # -- nested tables ---------------------------------------------------------------------------
    def table(self, name: str, *, required: bool = True) -> Table:
        value = self._get(name, dict, required)
        return Table(value or {}, self.file, self.key(name), self.problems)

    def tables(self, name: str, *, required: bool = True, label_key: str = "id") -> list[Table]:
        self._seen.add(name)
        if name not in self.data:
            if required:
                self.problem(name, "mangler (ingen oppføringer)")
            return []
        value = self.data[name]
        if type(value) is not list:
            self.problem(name, f"må være en liste av tabeller ([[{name}]]), fant {type_name(value)}")
            return []
        out: list[Table] = []
        for i, item in enumerate(value):
            if type(item) is not dict:
                self.problem(f"{name}[{i}]", f"må være en tabell, fant {type_name(item)}")
                continue
            label = item.get(label_key)
            path = f"{name}[{i}]"
            if type(label) is str and label.strip():
                path = f"{name}[{i}] «{label.strip()}»"
            out.append(Table(item, self.file, self.key(path), self.problems))
        return out

    def finish(self, extra_allowed: tuple[str, ...] = ()) -> None:
        """Report keys that were never read: usually typos."""
        allowed = self._seen | set(extra_allowed)
        for name in self.data:
            if name in allowed:
                continue
            # start-up: only for a typo in content
            import difflib

            close = difflib.get_close_matches(name, sorted(allowed), n=1, cutoff=0.75)
            hint = f" – mente du «{close[0]}»?" if close else ""
            self.problem(name, f"ukjent nøkkel{hint}")


# --- id checks shared by every loader -------------------------------------------------------------


def known_ids(ids: tuple[str, ...] | set[str] | list[str]) -> str:
    """A sorted, comma-separated list of ids for messages (or «ingen»)."""
    return ", ".join(sorted(set(ids))) if ids else "ingen"


def check_unique(values: list[str], file: str, key: str, problems: list[Problem]) -> None:
    """Record a problem for every id that occurs more than once."""
    seen: set[str] = set()
    for value in values:
        if value and value in seen:
            problems.append(Problem(file, key, f"id-en «{value}» er brukt mer enn én gang"))
        seen.add(value)
