"""Validated numbers: fødselsnummer (also D-, H- and FH-numbers), bank accounts and phone numbers.

Numbers are validated, not pattern-matched: a run of digits is only a fødselsnummer when the date and
the check digits are right, only an account number when the MOD11 check digit is right, only a phone
number when ``phonenumbers`` accepts it for Norway. python-stdnum and phonenumbers are imported only
when the text contains a run of digits long enough to be one of these.

Three detectors share the digit runs of a text; they run in the order fødselsnummer → account → phone,
and each skips the digits an earlier one has taken (``ctx.taken``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from tydal_sjekk.check.context import TextContext
from tydal_sjekk.check.detectors.base import Detector, LoadEnv, distance, phrase_list
from tydal_sjekk.check.model import Occurrence
from tydal_sjekk.core.display import mask_digits
from tydal_sjekk.core.schema import Table
from tydal_sjekk.text.terms import Phrase

# A run of digit groups joined by single separators, with an optional international prefix. Every
# group must start with a digit and separators are mandatory between groups, so matching is linear.
_RUN = re.compile(r"\+?\d+(?:[ .\-]\d+)*")
# Eight digits with at most single separators between them: the shortest number worth validating.
_NUMBER_HINT = re.compile(r"\d(?:[ .\-]?\d){7}")

_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_PHONE_GROUPINGS = {(8,), (3, 2, 3), (2, 2, 2, 2), (4, 4)}
_ACCOUNT_GROUPINGS = {(4, 2, 5), (11,)}


# --- fødselsnummer --------------------------------------------------------------------------------


def _check_digit(weights: tuple[int, ...], digits: str) -> int:
    return (11 - sum(w * int(d) for w, d in zip(weights, digits, strict=False))) % 11


def _date_possible(day: int, month: int, yy: int) -> bool:
    """Could DDMMYY be a real date in some century the numbering system covers (1854–2099)?"""
    # start-up: only for a date-shaped number
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
    # Both the classic rule and the 2032 rule need the second check digit: most digit runs fail here,
    # before the (slower) full validation.
    k2 = _check_digit(_W2, digits)
    if k2 == 10 or int(digits[10]) != k2:
        return None
    # start-up: only when a number of that shape is seen
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
    return adjusted[3], False


def _written_as_fnr(groups: list[_Group], digits: str) -> bool:
    """Eleven digits written the way a fødselsnummer is written, a date and five digits («030145 21387»):
    personal data even with wrong check digits (a typo of a real number, or one copied from a list). No
    phone, account or organisation number is grouped 6 + 5."""
    return [len(g.digits) for g in groups] == [6, 5] and _adjusted_date(digits) is not None


def _valid_account(digits: str) -> bool:
    # start-up: only when a number of that shape is seen
    from stdnum.no import kontonr

    return bool(kontonr.is_valid(digits))


# --- masking --------------------------------------------------------------------------------------




# --- runs and windows -----------------------------------------------------------------------------


class _Group(NamedTuple):
    start: int
    end: int
    digits: str


class Run(NamedTuple):
    start: int
    end: int
    plus: bool
    groups: list[_Group]
    seps: list[str]


def _groups(text: str, start: int, end: int) -> Run:
    """Split a run into its digit groups and separators; note a leading ``+``."""
    run = text[start:end]
    groups: list[_Group] = []
    seps: list[str] = []
    for m in re.finditer(r"\d+|[ .\-]", run):
        token = m.group()
        if token.isdigit():
            groups.append(_Group(start + m.start(), start + m.end(), token))
        else:
            seps.append(token)
    return Run(start, end, run.startswith("+"), groups, seps)


def digit_runs(ctx: TextContext) -> list[Run]:
    """The runs of at least eight digits that stand alone (computed once per text)."""
    cached = ctx.cache.get("digit_runs")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    text = ctx.text
    out: list[Run] = []
    if _NUMBER_HINT.search(text):
        for m in _RUN.finditer(text):
            s, e = m.span()
            if (s > 0 and (text[s - 1].isalnum() or text[s - 1] in "_+")) or (
                e < len(text) and (text[e].isalnum() or text[e] == "_")
            ):
                continue
            if sum(c.isdigit() for c in m.group()) < 8:
                continue
            out.append(_groups(text, s, e))
    ctx.cache["digit_runs"] = out
    return out


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


class _NumberDetector(Detector):
    def applies(self, text: str) -> bool:
        return _NUMBER_HINT.search(text) is not None


# --- the detectors --------------------------------------------------------------------------------


class FnrSettings(NamedTuple):
    not_person: tuple[Phrase, ...]
    not_person_distance: int
    # Words that introduce an identity number («fnr», «personnummer»): 11 digits right after them are
    # personal data even with wrong check digits (a typo of a real number).
    intro: tuple[Phrase, ...]
    intro_distance: int


class FnrDetector(_NumberDetector):
    id = "fodselsnummer"
    # «fodselsnummer-mulig»: eleven digits in one group that begin with a possible date, with wrong check digits
    # and not a valid account number. It may be a typo of a real number: masked everywhere, and a finding only
    # where the rules say so (beside a person).
    signals = ("fodselsnummer", "fodselsnummer-ugyldig", "fodselsnummer-mulig")
    description = "fødselsnummer, D-, H- og FH-nummer med gyldig dato og kontrollsifre"

    def load_settings(self, t: Table, env: LoadEnv) -> FnrSettings:
        return FnrSettings(
            phrase_list(t, "ikke_person"),
            distance(t, "avstand_ikke_person"),
            phrase_list(t, "innledning"),
            distance(t, "avstand_innledning"),
        )

    def context_lists(self, settings: FnrSettings) -> dict[str, tuple[Phrase, ...]]:
        return {"ikke_person": settings.not_person, "innledning": settings.intro}

    def find(self, ctx: TextContext, settings: FnrSettings) -> list[Occurrence]:
        text = ctx.text
        out: list[Occurrence] = []
        for run in digit_runs(ctx):
            groups = run.groups
            for i, j in _windows(groups, 11):
                ws, we = groups[i].start, groups[j].end
                if run.plus and i == 0:
                    continue
                digits = "".join(g.digits for g in groups[i : j + 1])
                kind = fnr_kind(digits)
                if kind is None:
                    # a typo of a real number: introduced as one («fnr …»), or written as one and not called
                    # something else («ordre …»)
                    presented = ctx.before(self.key("innledning"), ws, settings.intro_distance) or (
                        _written_as_fnr(groups[i : j + 1], digits)
                        and not ctx.near(self.key("ikke_person"), ws, we, settings.not_person_distance))
                    # Windows come in order and their ends grow with their starts (two pointers in a run, runs
                    # apart), so only the last occurrence can overlap this one: constant time, linear in all.
                    if out and out[-1].end > ws:
                        continue
                    if presented:
                        out.append(Occurrence("fodselsnummer-ugyldig", ws, we, mask_digits(text[ws:we], 6)))
                    # one group of eleven: its only window, and not after «+» (skipped above)
                    elif (len(groups) == 1 and _adjusted_date(digits) is not None
                          and not ctx.near(self.key("ikke_person"), ws, we, settings.not_person_distance)
                          and not _valid_account(digits)):
                        out.append(Occurrence("fodselsnummer-mulig", ws, we, mask_digits(text[ws:we], 6)))
                    continue
                if not kind[1] and ctx.near(self.key("ikke_person"), ws, we, settings.not_person_distance):
                    continue
                out.append(Occurrence("fodselsnummer", ws, we, mask_digits(text[ws:we], 6)))
        return out


class AccountSettings(NamedTuple):
    context: tuple[Phrase, ...]
    context_distance: int
    own: tuple[Phrase, ...]
    own_distance: int
    not_person: tuple[Phrase, ...]
    not_person_distance: int


class AccountDetector(_NumberDetector):
    id = "kontonummer"
    signals = ("kontonummer", "kontonummer-egen")
    description = "bankkontonummer med gyldig MOD11-kontrollsiffer"

    def load_settings(self, t: Table, env: LoadEnv) -> AccountSettings:
        return AccountSettings(
            context=phrase_list(t, "kontekst", required=True),
            context_distance=distance(t, "avstand_kontekst"),
            own=phrase_list(t, "egen"),
            own_distance=distance(t, "avstand_egen"),
            not_person=phrase_list(t, "ikke_person"),
            not_person_distance=distance(t, "avstand_ikke_person"),
        )

    def context_lists(self, settings: AccountSettings) -> dict[str, tuple[Phrase, ...]]:
        return {"kontekst": settings.context, "egen": settings.own, "ikke_person": settings.not_person}

    def find(self, ctx: TextContext, settings: AccountSettings) -> list[Occurrence]:
        """1234.56.78901 anywhere, or 11 digits in one group near a word about accounts."""
        text = ctx.text
        out: list[Occurrence] = []
        for run in digit_runs(ctx):
            groups = run.groups
            for i, j in _windows(groups, 11):
                ws, we = groups[i].start, groups[j].end
                shape = tuple(len(g.digits) for g in groups[i : j + 1])
                if shape not in _ACCOUNT_GROUPINGS or ctx.taken.overlaps(ws, we) or (run.plus and i == 0):
                    continue
                whole = i == 0 and j == len(groups) - 1
                if not whole and shape != (11,):
                    continue
                if shape == (11,) and not ctx.near(self.key("kontekst"), ws, we, settings.context_distance):
                    continue
                if ctx.near(self.key("ikke_person"), ws, we, settings.not_person_distance):
                    continue
                digits = "".join(g.digits for g in groups[i : j + 1])
                if not _valid_account(digits):
                    continue
                own = ctx.before(self.key("egen"), ws, settings.own_distance)
                signal = "kontonummer-egen" if own else "kontonummer"
                out.append(Occurrence(signal, ws, we, mask_digits(text[ws:we], 4)))
        return out


class PhoneSettings(NamedTuple):
    own: tuple[Phrase, ...]
    own_distance: int
    public: tuple[Phrase, ...]
    public_distance: int
    not_person: tuple[Phrase, ...]
    not_person_distance: int
    official_numbers: frozenset[str]
    # In an ad («Selger sofa … Ring 913 45 872»), a bare «ring»/«tlf» right before the number makes it the
    # writer's own: «ad» words within ``ad_distance`` before the number (any sentence), «own_in_ad» within
    # ``own_in_ad_distance``. Both lists are optional in the content.
    ad: tuple[Phrase, ...] = ()
    ad_distance: int = 0
    own_in_ad: tuple[Phrase, ...] = ()
    own_in_ad_distance: int = 0


class PhoneDetector(_NumberDetector):
    id = "telefon"
    # «telefon-fast»: a fixed-line number (phonenumbers knows the series). In a reply from the municipality's
    # account that is nearly always an office's number; the rules decide what each signal means per account.
    signals = ("telefon", "telefon-egen", "telefon-fast", "telefon-tjeneste")
    description = "norske telefonnumre som phonenumbers godtar, i vanlige grupperinger"

    def load_settings(self, t: Table, env: LoadEnv) -> PhoneSettings:
        return PhoneSettings(
            own=phrase_list(t, "egen"),
            own_distance=distance(t, "avstand_egen"),
            public=phrase_list(t, "offentlig"),
            public_distance=distance(t, "avstand_offentlig"),
            not_person=phrase_list(t, "ikke_person"),
            not_person_distance=distance(t, "avstand_ikke_person"),
            official_numbers=frozenset(env.settings.official.phone_numbers),
            ad=phrase_list(t, "annonse"),
            ad_distance=t.integer("avstand_annonse", required="annonse" in t.data, minimum=0),
            own_in_ad=phrase_list(t, "egen_i_annonse"),
            own_in_ad_distance=t.integer("avstand_egen_i_annonse", required="egen_i_annonse" in t.data, minimum=0),
        )

    def context_lists(self, settings: PhoneSettings) -> dict[str, tuple[Phrase, ...]]:
        return {"egen": settings.own, "offentlig": settings.public, "ikke_person": settings.not_person,
                "annonse": settings.ad, "egen_i_annonse": settings.own_in_ad}

    def _own(self, ctx: TextContext, d: PhoneSettings, start: int) -> bool:
        if ctx.before(self.key("egen"), start, d.own_distance):
            return True
        return bool(d.ad and d.own_in_ad) and ctx.before(
            self.key("egen_i_annonse"), start, d.own_in_ad_distance
        ) and ctx.before(self.key("annonse"), start, d.ad_distance, same_sentence=False)

    def find(self, ctx: TextContext, settings: PhoneSettings) -> list[Occurrence]:
        out: list[Occurrence] = []
        for run in digit_runs(ctx):
            out.extend(self._phones(ctx, settings, run))
        return out

    def _phones(self, ctx: TextContext, d: PhoneSettings, run: Run) -> list[Occurrence]:
        """Norwegian groupings: the whole run (after a +47/0047 prefix) or one 8-digit group."""
        text = ctx.text
        groups, seps = run.groups, run.seps
        out: list[Occurrence] = []
        national, national_seps, intl = groups, seps, False
        if run.plus or groups[0].digits.startswith("00"):
            intl = True
            cc = groups[0].digits if run.plus else groups[0].digits[2:]
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
            ws = run.start if (intl and whole) else national[i].start
            we = national[j].end
            if ctx.taken.overlaps(ws, we) or any(o.start < we and ws < o.end for o in out):
                continue
            digits = "".join(g.digits for g in national[i : j + 1])
            if digits in d.official_numbers or ctx.near(self.key("ikke_person"), ws, we, d.not_person_distance):
                continue
            kind = _phone_kind(digits)
            if kind is None:
                continue
            # After a service's name («Ring legevakta på …») a landline is the service's and public. A mobile number
            # there may be the service's on-call phone or an employee's own: it is masked and noted (info), never
            # printed in clear.
            public = ctx.before(self.key("offentlig"), ws, d.public_distance)
            if public and kind == "fast":
                continue
            own = not public and self._own(ctx, d, ws)
            keep = 2 + sum(c.isdigit() for c in text[ws : national[i].start])
            signal = ("telefon-tjeneste" if public else "telefon-egen" if own else "telefon-fast" if kind == "fast"
                      else "telefon")
            out.append(Occurrence(signal, ws, we, mask_digits(text[ws:we], keep)))
        return out


@lru_cache(maxsize=4096)
def _phone_kind(digits: str) -> str | None:
    """None when phonenumbers does not accept ``digits`` as a Norwegian number; otherwise «fast» for a
    fixed-line number and «annet» for the rest (mobile, «fixed line or mobile», services). One parse for both."""
    # start-up: only when a number of that shape is seen
    import phonenumbers

    try:
        number = phonenumbers.parse(digits, "NO")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return "fast" if phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.FIXED_LINE else "annet"


