"""Load and validate ``content/regler.toml`` (signals, rules, detector settings) and the name lists."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from tydal_sjekk.check.model import (
    ACCOUNTS,
    ANY,
    BUILTIN_SIGNALS,
    EXACT,
    PREFIX,
    SUFFIX,
    WINDOWS,
    DetectorSettings,
    NameLists,
    Phrase,
    Rule,
    RuleSet,
    SignalDef,
    TokenPattern,
)
from tydal_sjekk.check.wordlist import WordList
from tydal_sjekk.schema import Problem, Table, fill_placeholders

if TYPE_CHECKING:
    from tydal_sjekk.content import Content, Guidelines, Settings

SEVERITIES = ("info", "warning", "stop")
_WORD_OK = re.compile(r"^(?:\*|\*?[^*\s]+\*?)$")
_SUBTOKEN = re.compile(r"\w+")


class TermError(ValueError):
    """A term in a word list cannot be understood. The message is bokmål."""


def expand_braces(term: str) -> list[str]:
    """``elev{,en,er}`` → ``[elev, eleven, elever]``; several groups multiply out."""
    start = term.find("{")
    close_first = term.find("}")
    if start == -1:
        if close_first != -1:
            raise TermError("har «}» uten «{» foran")
        return [term]
    end = term.find("}", start)
    if end == -1:
        raise TermError("har «{» uten «}»")
    if "{" in term[start + 1 : end]:
        raise TermError("kan ikke ha «{ }» inni hverandre")
    if close_first < start:
        raise TermError("har «}» uten «{» foran")
    head, inner, tail = term[:start], term[start + 1 : end], term[end + 1 :]
    out: list[str] = []
    for alt in inner.split(","):
        for rest in expand_braces(tail):
            out.append(head + alt + rest)
    return out


def parse_term(term: str, *, case_sensitive: bool = False) -> list[Phrase]:
    """Compile one term of the word-list syntax into phrases of token patterns."""
    phrases: list[Phrase] = []
    for expanded in expand_braces(term) if "{" in term or "}" in term else [term]:
        if "*" not in expanded:  # the common case: plain words
            pieces = _SUBTOKEN.findall(expanded if case_sensitive else expanded.lower())
            if not pieces:
                raise TermError(f"«{expanded}» inneholder ingen bokstaver eller tall")
            phrases.append(tuple((EXACT, p) for p in pieces))
            continue
        words = expanded.split()
        if not words:
            continue
        patterns: list[TokenPattern] = []
        for word in words:
            if not _WORD_OK.match(word):
                raise TermError(f"«{word}»: * kan bare stå først eller sist i et ord")
            if word == "*":
                patterns.append((ANY, ""))
                continue
            lead = word.startswith("*")
            trail = word.endswith("*")
            if lead and trail:
                raise TermError(f"«{word}»: * kan ikke stå både først og sist")
            core = word.strip("*")
            pieces = _SUBTOKEN.findall(core)
            if not pieces:
                raise TermError(f"«{word}» inneholder ingen bokstaver eller tall")
            if not case_sensitive:
                pieces = [p.lower() for p in pieces]
            for k, piece in enumerate(pieces):
                if lead and k == 0:
                    patterns.append((SUFFIX, piece))
                elif trail and k == len(pieces) - 1:
                    patterns.append((PREFIX, piece))
                else:
                    patterns.append((EXACT, piece))
        if patterns and all(p[0] == ANY for p in patterns):
            raise TermError("må inneholde minst ett ord, ikke bare *")
        if patterns and patterns[0][0] == ANY:
            raise TermError("kan ikke begynne med et frittstående *")
        phrases.append(tuple(patterns))
    return phrases


def _phrases(t: Table, key: str, *, case_sensitive: bool = False, required: bool = False) -> tuple[Phrase, ...]:
    out: list[Phrase] = []
    for i, term in enumerate(t.texts(key, required=required)):
        try:
            out.extend(parse_term(term, case_sensitive=case_sensitive))
        except TermError as exc:
            t.problem(f"{key}[{i}]", f"ugyldig term «{term}»: {exc}")
    return tuple(out)


def _message(t: Table, key: str, settings: Settings) -> str:
    return fill_placeholders(t, key, t.text(key), settings.placeholders(), keep=("etikett",))


def _read_text_file(content: Content, rel: str, t: Table, key: str, problems: list[Problem]) -> str:
    data = content.read_bytes(rel, problems)
    if data is None:
        return ""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        t.problem(key, f"filen {rel} er ikke gyldig UTF-8 (byte {exc.start})")
        return ""
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        t.problem(key, f"filen {rel} er tom")
    return text


def _word_list(content: Content, t: Table, key: str, problems: list[Problem]) -> WordList:
    rel = t.text(key)
    return WordList(_read_text_file(content, rel, t, key, problems) if rel else "")


def _phrase_set(text: str) -> frozenset[str]:
    out = set()
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.add(" ".join(_SUBTOKEN.findall(line.lower())))
    return frozenset(out)


def load_rules(
    data: dict[str, Any],
    file: str,
    problems: list[Problem],
    content: Content,
    guidelines: Guidelines,
    settings: Settings,
) -> RuleSet:
    from tydal_sjekk.content import check_unique, known_ids

    top = Table(data, file, "", problems)

    # -- detectors -------------------------------------------------------------------------------
    det = top.table("detektor")
    fnr = det.table("fodselsnummer")
    phone = det.table("telefon")
    email = det.table("epost")
    account = det.table("kontonummer")
    address = det.table("adresse")
    names = det.table("navn")
    caps = det.table("store_bokstaver")
    bang = det.table("utropstegn")
    street_types = tuple(s.lower() for s in address.texts("gatetyper", required=True, allow_empty_list=False))
    detectors = DetectorSettings(
        fnr_not_person=_phrases(fnr, "ikke_person"),
        phone_own=_phrases(phone, "egen"),
        phone_public=_phrases(phone, "offentlig"),
        phone_not_person=_phrases(phone, "ikke_person"),
        email_own=_phrases(email, "egen"),
        account_context=_phrases(account, "kontekst", required=True),
        account_own=_phrases(account, "egen"),
        street_types=street_types,
        address_own=_phrases(address, "egen"),
        official_addresses=tuple(a.lower() for a in address.texts("offisielle")),
        caps_min_words=caps.integer("min_ord", minimum=1),
        caps_min_letters=caps.integer("min_bokstaver", minimum=1),
        caps_exceptions=frozenset(caps.texts("unntak")),
        exclamation_min=bang.integer("min_antall", minimum=2),
        official_email_domains=settings.official.email_domains,
        official_function_addresses=settings.official.function_addresses,
        official_phones=frozenset(settings.official.phone_numbers),
    )
    not_names_file = names.text("ikke_navn")
    name_lists = NameLists(
        first=_word_list(content, names, "fornavn", problems),
        last=_word_list(content, names, "etternavn", problems),
        ordinary=_word_list(content, names, "vanlige_ord", problems),
        not_names=_phrase_set(_read_text_file(content, not_names_file, names, "ikke_navn", problems))
        if not_names_file
        else frozenset(),
        titles=frozenset(w.lower() for w in names.texts("titler")),
        speech_verbs=frozenset(w.lower() for w in names.texts("taleverb")),
        surname_suffixes=tuple(w.lower() for w in names.texts("etternavnsendelser")),
        noun_suffixes=tuple(w.lower() for w in names.texts("ikke_navn_endelser")),
    )
    for t in (fnr, phone, email, account, address, names, caps, bang):
        t.finish()
    det.finish()

    # -- signals ---------------------------------------------------------------------------------
    signals: dict[str, SignalDef] = {}
    labels: dict[str, str] = {}
    signal_tables = top.tables("signal")
    for t in signal_tables:
        sid = t.text("id")
        label = t.text("etikett")
        case_sensitive = t.boolean("store_bokstaver")
        phrases = _phrases(t, "termer", case_sensitive=case_sensitive)
        chars = t.texts("tegn")
        if not t.has("termer") and not chars:
            t.problem("termer", "mangler (et signal trenger «termer» eller «tegn»)")
        if sid in BUILTIN_SIGNALS:
            t.problem("id", f"«{sid}» er navnet på et innebygd signal og kan ikke brukes her")
        signals[sid] = SignalDef(
            id=sid,
            label=label,
            phrases=phrases,
            chars=chars,
            exceptions=_phrases(t, "unntak", case_sensitive=case_sensitive),
            negations=frozenset(w.lower() for w in t.texts("negasjon")),
            case_sensitive=case_sensitive,
        )
        labels[sid] = label
        t.finish()
    check_unique([t.data.get("id", "") for t in signal_tables if isinstance(t.data.get("id"), str)], file, "signal",
                 problems)
    known_signals = set(signals) | set(BUILTIN_SIGNALS)

    # -- rules -----------------------------------------------------------------------------------
    rules: list[Rule] = []
    rule_tables = top.tables("regel")
    for t in rule_tables:
        rid = t.text("id")
        gid = t.text("retningslinje")
        if gid and gid not in guidelines.ids:
            valid = ", ".join(guidelines.ids)
            t.problem("retningslinje", f"viser til «{gid}», som ikke finnes; gyldige id-er er {valid}")
        slots: list[tuple[str, ...]] = []
        for i, slot in enumerate(t.texts("signaler", required=True, allow_empty_list=False)):
            alternatives = tuple(a.strip() for a in slot.split("|") if a.strip())
            for alt in alternatives:
                if alt not in known_signals:
                    t.problem(f"signaler[{i}]", f"ukjent signal «{alt}»; kjente signaler er {known_ids(known_signals)}")
            slots.append(alternatives)
        unless = t.texts("ikke_hvis")
        for i, sid in enumerate(unless):
            if sid not in known_signals:
                t.problem(f"ikke_hvis[{i}]", f"ukjent signal «{sid}»")
        accounts = t.texts("konto") or ACCOUNTS
        for i, acc in enumerate(accounts):
            if acc not in ACCOUNTS:
                t.problem(f"konto[{i}]", f"ugyldig konto «{acc}»; gyldige verdier er {', '.join(ACCOUNTS)}")
        rules.append(
            Rule(
                id=rid,
                guideline=gid,
                category=t.text("kategori"),
                severity=t.choice("alvor", SEVERITIES),  # type: ignore[arg-type]
                slots=tuple(slots),
                window=t.choice("vindu", WINDOWS, required=False, default="setning"),  # type: ignore[arg-type]
                accounts=tuple(accounts),
                unless=unless,
                replaces=t.texts("erstatter"),
                once=t.boolean("en_gang"),
                message=_message(t, "melding", settings),
                advice=_message(t, "rad", settings),
            )
        )
        t.finish()
    check_unique([r.id for r in rules], file, "regel", problems)
    rule_ids = {r.id for r in rules}
    for t, r in zip(rule_tables, rules, strict=False):
        for i, other in enumerate(r.replaces):
            if other not in rule_ids:
                t.problem(f"erstatter[{i}]", f"ukjent regel «{other}»")
    top.finish()
    return RuleSet(signals=signals, rules=tuple(rules), detectors=detectors, names=name_lists, labels=labels)
