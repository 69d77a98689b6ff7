"""Regenerate the name lists in content/navn/ (run by hand; not needed to use or test the tool).

Inputs:
  * scripts/navnedata/norsk_fornavn.txt, norsk_etternavn.txt – common Norwegian first names and surnames
    (compiled by hand after Statistics Norway's name statistics),
  * scripts/navnedata/tvetydige.txt – names that are also ordinary words (Per, Liv, Dag, Berg …),
  * scripts/navnedata/nynorsk_vanlige.txt – common nynorsk words,
  * the first-name and surname lists of the Faker package (MIT licence), all Latin-script locales,
  * the 30 000 most frequent Norwegian bokmål words of the wordfreq package (data CC BY-SA 4.0).

Outputs (one lower-case word per line, sorted):
  content/navn/fornavn.txt, content/navn/etternavn.txt, content/navn/vanlige-ord.txt

Usage:  pip install faker wordfreq && python scripts/lag_navnelister.py
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "scripts" / "navnedata"
OUT = ROOT / "content" / "navn"
LATIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-žḀ-ỿ'’\-]+")
WORD = re.compile(r"[a-zæøåéèüöäáóíúçñ]+")


def _words(name: str) -> set[str]:
    return set((DATA / name).read_text(encoding="utf-8").split())


def _parts(names: set[str]) -> set[str]:
    out = set()
    for name in names:
        for part in re.split(r"[\s\-’']+", name):
            if len(part) >= 2:
                out.add(part.lower())
    return out


def faker_names() -> tuple[set[str], set[str]]:
    import faker.providers.person as person

    first: set[str] = set()
    last: set[str] = set()
    for info in pkgutil.iter_modules(person.__path__):
        try:
            provider = importlib.import_module(f"faker.providers.person.{info.name}").Provider
        except (ImportError, AttributeError):
            continue
        for attr in dir(provider):
            value = getattr(provider, attr)
            if isinstance(value, dict):
                value = list(value)
            if not isinstance(value, (tuple, list)):
                continue
            names = {v.strip() for v in value if isinstance(v, str) and LATIN.fullmatch(v.strip())}
            if attr.startswith("first_name"):
                first |= names
            elif attr.startswith("last_name"):
                last |= names
    return first, last


def frequent_words(count: int = 30000) -> list[str]:
    from wordfreq import top_n_list

    return [w for w in top_n_list("nb", count) if WORD.fullmatch(w)]


def main() -> None:
    f_faker, l_faker = faker_names()
    norsk_first = {w.lower() for w in _words("norsk_fornavn.txt")}
    norsk_last = {w.lower() for w in _words("norsk_etternavn.txt")}
    ambiguous = {w.lower() for w in _words("tvetydige.txt")}
    first = {w for w in _parts(f_faker) | norsk_first if len(w) >= 3 or w in {"jo", "bo", "ib"}}
    last = {w for w in _parts(l_faker) | norsk_last if len(w) >= 3}
    # Frequent words are ordinary words, except Norwegian names that are frequent because they are names.
    ordinary = (set(frequent_words()) - ((norsk_first | norsk_last) - ambiguous)) | ambiguous
    ordinary |= {w.lower() for w in _words("nynorsk_vanlige.txt")}
    OUT.mkdir(parents=True, exist_ok=True)
    for name, words in (("fornavn.txt", first), ("etternavn.txt", last), ("vanlige-ord.txt", ordinary)):
        (OUT / name).write_text("\n".join(sorted(words)) + "\n", encoding="utf-8")
        print(f"{name}: {len(words)} ord")


if __name__ == "__main__":
    main()
