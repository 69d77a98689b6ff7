"""E-mail addresses and street addresses, with the municipality's own contact points left alone."""

from __future__ import annotations

import re
from typing import NamedTuple

from tydal_sjekk.check.context import TextContext
from tydal_sjekk.check.detectors.base import Detector, LoadEnv, distance, phrase_list
from tydal_sjekk.check.model import Occurrence
from tydal_sjekk.core.schema import Table
from tydal_sjekk.text.terms import Phrase

_DOMAIN = re.compile(r"[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
_LOCAL_EXTRA = frozenset("._%+-")
_HOUSE_NUMBER = re.compile(r"\d{1,4}[A-Za-z]?")


def mask_email(address: str, *, keep_domain: bool = False) -> str:
    """«kari.nordmann@gmail.com» → «k***@g***.com»; the municipality's own domain stays readable."""
    local, _, domain = address.partition("@")
    if keep_domain:
        return f"{local[:1]}***@{domain}"
    name, dot, tld = domain.rpartition(".")
    return f"{local[:1]}***@{name[:1]}***{dot}{tld}" if name else f"{local[:1]}***@{domain[:1]}***"


class EmailSettings(NamedTuple):
    own: tuple[Phrase, ...]
    own_distance: int
    official_domains: tuple[str, ...]
    function_addresses: tuple[str, ...]


class EmailDetector(Detector):
    id = "epost"
    signals = ("epost", "epost-egen", "epost-jobb")
    description = "e-postadresser; kommunens funksjonsadresser er ikke personopplysninger"

    def load_settings(self, t: Table, env: LoadEnv) -> EmailSettings:
        return EmailSettings(
            own=phrase_list(t, "egen"),
            own_distance=distance(t, "avstand_egen"),
            official_domains=env.settings.official.email_domains,
            function_addresses=env.settings.official.function_addresses,
        )

    def context_lists(self, settings: EmailSettings) -> dict[str, tuple[Phrase, ...]]:
        return {"egen": settings.own}

    def applies(self, text: str) -> bool:
        return "@" in text

    def find(self, ctx: TextContext, settings: EmailSettings) -> list[Occurrence]:
        text = ctx.text
        out: list[Occurrence] = []
        at = text.find("@")
        while at != -1:
            start = at
            while start > 0 and at - start < 64 and (text[start - 1].isalnum() or text[start - 1] in _LOCAL_EXTRA):
                start -= 1
            while start < at and text[start] in "._%+-":
                start += 1
            m = _DOMAIN.match(text, at + 1)
            if start < at and m is not None:
                domain = m.group()
                labels = domain.split(".")
                while labels and not (labels[-1].isalpha() and len(labels[-1]) >= 2):
                    labels.pop()
                if len(labels) >= 2 and all(lab and lab[0] != "-" and lab[-1] != "-" for lab in labels):
                    domain = ".".join(labels)
                    end = at + 1 + len(domain)
                    signal = self._signal(ctx, settings, text[start:at].lower(), domain.lower(), start)
                    if signal is not None:
                        masked = mask_email(text[start:end], keep_domain=signal == "epost-jobb")
                        out.append(Occurrence(signal, start, end, masked))
            at = text.find("@", at + 1)
        return out

    def _signal(self, ctx: TextContext, d: EmailSettings, local: str, domain: str, start: int) -> str | None:
        official = any(domain == dom or domain.endswith("." + dom) for dom in d.official_domains)
        if official:
            return None if local in d.function_addresses else "epost-jobb"
        return "epost-egen" if ctx.before(self.key("egen"), start, d.own_distance) else "epost"


def mask_address(street: str, number: str) -> str:
    return f"{street} {'*' * len(number)}"


class AddressSettings(NamedTuple):
    street_types: tuple[str, ...]
    own: tuple[Phrase, ...]
    own_distance: int
    official: tuple[str, ...]


class AddressDetector(Detector):
    id = "adresse"
    signals = ("adresse", "adresse-egen")
    description = "gateadresser med husnummer («Storgata 12», «Olav Tryggvasons gate 5»)"

    def load_settings(self, t: Table, env: LoadEnv) -> AddressSettings:
        return AddressSettings(
            street_types=tuple(s.lower() for s in t.texts("gatetyper", required=True, allow_empty_list=False)),
            own=phrase_list(t, "egen"),
            own_distance=distance(t, "avstand_egen"),
            official=tuple(a.lower() for a in t.texts("offisielle")),
        )

    def context_lists(self, settings: AddressSettings) -> dict[str, tuple[Phrase, ...]]:
        return {"egen": settings.own}

    def find(self, ctx: TextContext, settings: AddressSettings) -> list[Occurrence]:
        text = ctx.text
        tokens = ctx.tokens
        types = settings.street_types
        lengths = sorted({len(t) for t in types})
        type_set = frozenset(types)
        out: list[Occurrence] = []
        n = len(tokens)
        for i in range(n - 1):
            raw = tokens.raw[i]
            low = tokens.lower[i]
            nxt = tokens.raw[i + 1]
            if not nxt[:1].isdigit() or not _HOUSE_NUMBER.fullmatch(nxt):
                continue
            gap = text[tokens.ends[i] : tokens.starts[i + 1]]
            if gap not in (" ", "  ", "\u00a0"):
                continue
            first = -1
            if raw[:1].isupper() and any(len(low) > k and low[-k:] in type_set for k in lengths):
                first = i  # compound street name: Storgata 12
            elif low in type_set and i > 0:
                # Separate word: Olav Tryggvasons gate 5 (one to three capitalised words in front)
                j = i - 1
                while j >= 0 and i - j <= 3 and tokens.raw[j][:1].isupper():
                    if text[tokens.ends[j] : tokens.starts[j + 1]] != " ":
                        break
                    first = j
                    j -= 1
            if first < 0:
                continue
            start, end = tokens.starts[first], tokens.ends[i + 1]
            street = text[start : tokens.ends[i]]
            if f"{street} {nxt}".lower() in settings.official:
                continue
            signal = "adresse-egen" if ctx.before(self.key("egen"), start, settings.own_distance) else "adresse"
            out.append(Occurrence(signal, start, end, mask_address(street, nxt)))
        return out
