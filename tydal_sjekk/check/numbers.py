"""Validated numbers: fødselsnummer (also D-, H- and FH-numbers), phone numbers and bank accounts.

Numbers are validated, not pattern-matched: a run of digits is only a fødselsnummer when the date and
the check digits are right, only a phone number when ``phonenumbers`` accepts it for Norway, only an
account number when the MOD11 check digit is right. python-stdnum and phonenumbers are imported only
when the text contains a run of digits long enough to be one of these.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from tydal_sjekk.check.context import TextContext
from tydal_sjekk.check.model import DetectorSettings, Occurrence

# A run of digit groups joined by single separators, with an optional international prefix. Every
# group must start with a digit and separators are mandatory between groups, so matching is linear.
_RUN = re.compile(r"\+?\d+(?:[ .\-]\d+)*")

_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_PHONE_GROUPINGS = {(8,), (3, 2, 3), (2, 2, 2, 2), (4, 4)}
_ACCOUNT_GROUPINGS = {(4, 2, 5), (11,)}

# Context keys in the shared lexicon.
FNR_NOT_PERSON = "@fnr-ikke-person"
PHONE_OWN = "@telefon-egen"
PHONE_PUBLIC = "@telefon-offentlig"
PHONE_NOT_PERSON = "@telefon-ikke-person"
ACCOUNT_CONTEXT = "@konto-kontekst"
ACCOUNT_OWN = "@konto-egen"


def context_lists(d: DetectorSettings) -> dict[str, tuple]:  # type: ignore[type-arg]
    return {
        FNR_NOT_PERSON: d.fnr_not_person,
        PHONE_OWN: d.phone_own,
        PHONE_PUBLIC: d.phone_public,
        PHONE_NOT_PERSON: d.phone_not_person,
        ACCOUNT_CONTEXT: d.account_context,
        ACCOUNT_OWN: d.account_own,
    }


# --- fødselsnummer --------------------------------------------------------------------------------


def _check_digit(weights: tuple[int, ...], digits: str) -> int:
    return (11 - sum(w * int(d) for w, d in zip(weights, digits, strict=False))) % 11


def _date_possible(day: int, month: int, yy: int) -> bool:
    """Could DDMMYY be a real date in some century the numbering system covers (1854–2099)?"""
    import calendar

    if not 1 <= month <= 12 or day < 1:
        return False
    years = [century + yy for century in (1800, 1900, 2000) if 1854 <= century + yy <= 2099]
    return any(day <= calendar.monthrange(year, month)[1] for year in years)


def _adjusted_date(digits: str) -> tuple[int, int, int, str] | None:
    day, month, yy = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    kind = "fødselsnummer"
    if day > 40:
        day -= 40
        kind = "D-nummer"
    if month > 40:
        month -= 40
        kind = "H-nummer" if kind == "fødselsnummer" else kind
    if not _date_possible(day, month, yy):
        return None
    return day, month, yy, kind


@lru_cache(maxsize=4096)
def fnr_kind(digits: str) -> tuple[str, bool] | None:
    """Classify an 11-digit string: (kind, classic) or None when it is not a valid identity number.

    ``classic`` is False when the number is valid only under the 2032 rule, where the first check digit
    may take four values (the weighted sum including it is 0, 1, 2 or 3 modulo 11).
    """
    if len(digits) != 11 or not digits.isdigit():
        return None
    if digits[0] in "89":  # FH-number: no date, classic check digits
        k1 = _check_digit(_W1, digits)
        if k1 != 10 and int(digits[9]) == k1:
            k2 = _check_digit(_W2, digits)
            if k2 != 10 and int(digits[10]) == k2:
                return "FH-nummer", True
        return None
    from stdnum.no import fodselsnummer

    if fodselsnummer.is_valid(digits):
        adjusted = _adjusted_date(digits)
        return (adjusted[3] if adjusted else "fødselsnummer"), True
    adjusted = _adjusted_date(digits)
    if adjusted is None:
        return None
    weighted = sum(w * int(d) for w, d in zip(_W1, digits[:9], strict=False)) + int(digits[9])
    if weighted % 11 not in (0, 1, 2, 3):
        return None
    k2 = _check_digit(_W2, digits)
    if k2 == 10 or int(digits[10]) != k2:
        return None
    return adjusted[3], False


# --- masking --------------------------------------------------------------------------------------


def mask_digits(text: str, keep: int) -> str:
    """Keep the first ``keep`` digits, replace the rest with ``*``; separators stay as they are."""
    out = []
    seen = 0
    for ch in text:
        if ch.isdigit():
            out.append(ch if seen < keep else "*")
            seen += 1
        else:
            out.append(ch)
    return "".join(out)


# --- runs and windows -----------------------------------------------------------------------------


class _Group(NamedTuple):
    start: int
    end: int
    digits: str


def _groups(text: str, start: int, end: int) -> tuple[bool, list[_Group], list[str]]:
    """Split a run into its digit groups and separators; report a leading ``+``."""
    run = text[start:end]
    groups: list[_Group] = []
    seps: list[str] = []
    for m in re.finditer(r"\d+|[ .\-]", run):
        token = m.group()
        if token.isdigit():
            groups.append(_Group(start + m.start(), start + m.end(), token))
        else:
            seps.append(token)
    return run.startswith("+"), groups, seps


def _windows(groups: list[_Group], total: int) -> list[tuple[int, int]]:
    """Contiguous group windows (i, j) whose digits add up to ``total`` (two pointers, linear)."""
    out: list[tuple[int, int]] = []
    i = 0
    acc = 0
    for j, g in enumerate(groups):
        acc += len(g.digits)
        while acc > total and i <= j:
            acc -= len(groups[i].digits)
            i += 1
        if acc == total:
            out.append((i, j))
    return out


def find_numbers(ctx: TextContext, d: DetectorSettings) -> list[Occurrence]:
    text = ctx.text
    out: list[Occurrence] = []
    for m in _RUN.finditer(text):
        s, e = m.span()
        if (s > 0 and (text[s - 1].isalnum() or text[s - 1] in "_+")) or (
            e < len(text) and (text[e].isalnum() or text[e] == "_")
        ):
            continue
        digit_count = sum(c.isdigit() for c in m.group())
        if digit_count < 8:
            continue
        out.extend(_classify_run(ctx, d, s, e))
    return out


def _classify_run(ctx: TextContext, d: DetectorSettings, s: int, e: int) -> list[Occurrence]:
    text = ctx.text
    plus, groups, seps = _groups(text, s, e)
    out: list[Occurrence] = []
    taken: list[tuple[int, int]] = []

    def overlaps(a: int, b: int) -> bool:
        return any(a < y and x < b for x, y in taken)

    # Fødselsnummer: any grouping of 11 digits.
    for i, j in _windows(groups, 11):
        ws, we = groups[i].start, groups[j].end
        digits = "".join(g.digits for g in groups[i : j + 1])
        if plus and i == 0:
            continue
        kind = fnr_kind(digits)
        if kind is None:
            continue
        if not kind[1] and ctx.near(FNR_NOT_PERSON, ws, we, 30):
            continue
        out.append(Occurrence("fodselsnummer", ws, we, mask_digits(text[ws:we], 6)))
        taken.append((ws, we))

    # Bank account numbers: 1234.56.78901 anywhere, or 11 digits in one group near a word about accounts.
    for i, j in _windows(groups, 11):
        ws, we = groups[i].start, groups[j].end
        shape = tuple(len(g.digits) for g in groups[i : j + 1])
        if shape not in _ACCOUNT_GROUPINGS or overlaps(ws, we) or (plus and i == 0):
            continue
        whole = i == 0 and j == len(groups) - 1
        if not whole and shape != (11,):
            continue
        if shape == (11,) and not ctx.near(ACCOUNT_CONTEXT, ws, we, 40):
            continue
        if ctx.near(FNR_NOT_PERSON, ws, we, 30):
            continue
        digits = "".join(g.digits for g in groups[i : j + 1])
        from stdnum.no import kontonr

        if not kontonr.is_valid(digits):
            continue
        own = ctx.before(ACCOUNT_OWN, ws, 60)
        out.append(Occurrence("kontonummer-egen" if own else "kontonummer", ws, we, mask_digits(text[ws:we], 4)))
        taken.append((ws, we))

    # Phone numbers: Norwegian groupings, the whole run (after a +47/0047 prefix) or one 8-digit group.
    national, national_seps, intl = groups, seps, False
    if plus or groups[0].digits.startswith("00"):
        intl = True
        cc = groups[0].digits if plus else groups[0].digits[2:]
        if cc == "47":
            national, national_seps = groups[1:], seps[1:]
        elif cc.startswith("47") and len(cc) == 10:
            national = [_Group(groups[0].end - 8, groups[0].end, cc[2:]), *groups[1:]]
        else:
            return out
    for i, j in _windows(national, 8):
        shape = tuple(len(g.digits) for g in national[i : j + 1])
        whole = i == 0 and j == len(national) - 1
        if shape not in _PHONE_GROUPINGS or not (whole or (shape == (8,) and not intl)):
            continue
        if whole and len(set(national_seps[i:j])) > 1:
            continue
        ws = s if (intl and whole) else national[i].start
        we = national[j].end
        if overlaps(ws, we):
            continue
        digits = "".join(g.digits for g in national[i : j + 1])
        if digits in d.official_phones or ctx.near(PHONE_NOT_PERSON, ws, we, 25) or ctx.before(PHONE_PUBLIC, ws, 30):
            continue
        if not _valid_phone(digits):
            continue
        own = ctx.before(PHONE_OWN, ws, 40)
        keep = 2 + sum(c.isdigit() for c in text[ws : national[i].start])
        out.append(Occurrence("telefon-egen" if own else "telefon", ws, we, mask_digits(text[ws:we], keep)))
        taken.append((ws, we))
    return out


@lru_cache(maxsize=4096)
def _valid_phone(digits: str) -> bool:
    import phonenumbers

    try:
        number = phonenumbers.parse(digits, "NO")
    except phonenumbers.NumberParseException:
        return False
    return bool(phonenumbers.is_valid_number(number))
