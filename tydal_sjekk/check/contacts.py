"""E-mail addresses and street addresses, with the municipality's own contact points left alone."""

from __future__ import annotations

import re

from tydal_sjekk.check.context import TextContext
from tydal_sjekk.check.model import DetectorSettings, Occurrence

EMAIL_OWN = "@epost-egen"
ADDRESS_OWN = "@adresse-egen"

_DOMAIN = re.compile(r"[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
_LOCAL_EXTRA = frozenset("._%+-")
_HOUSE_NUMBER = re.compile(r"\d{1,4}[A-Za-z]?")


def context_lists(d: DetectorSettings) -> dict[str, tuple]:  # type: ignore[type-arg]
    return {EMAIL_OWN: d.email_own, ADDRESS_OWN: d.address_own}


def mask_email(address: str) -> str:
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}"


def find_emails(ctx: TextContext, d: DetectorSettings) -> list[Occurrence]:
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
                local = text[start:at].lower()
                signal = _email_signal(ctx, d, local, domain.lower(), start)
                if signal is not None:
                    out.append(Occurrence(signal, start, end, mask_email(text[start:end])))
        at = text.find("@", at + 1)
    return out


def _email_signal(ctx: TextContext, d: DetectorSettings, local: str, domain: str, start: int) -> str | None:
    official = any(domain == dom or domain.endswith("." + dom) for dom in d.official_email_domains)
    if official:
        return None if local in d.official_function_addresses else "epost-jobb"
    return "epost-egen" if ctx.before(EMAIL_OWN, start, 40) else "epost"


def mask_address(street: str, number: str) -> str:
    return f"{street} {'*' * len(number)}"


def find_addresses(ctx: TextContext, d: DetectorSettings) -> list[Occurrence]:
    text = ctx.text
    tokens = ctx.tokens
    types = d.street_types
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
        if f"{street} {nxt}".lower() in d.official_addresses:
            continue
        signal = "adresse-egen" if ctx.before(ADDRESS_OWN, start, 40) else "adresse"
        out.append(Occurrence(signal, start, end, mask_address(street, nxt)))
    return out
