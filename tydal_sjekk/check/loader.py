"""Load and validate ``content/regler.toml``: detector settings, signals and rules.

The rules are *applied* in :mod:`tydal_sjekk.check.engine`; this module only reads them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from tydal_sjekk.check.detectors import DETECTORS, builtin_signals, context_lists
from tydal_sjekk.check.detectors.base import Detector, LoadEnv
from tydal_sjekk.check.model import WINDOWS, Rule, RuleSet, SignalDef
from tydal_sjekk.core.schema import Problem, Table, check_unique, fill_placeholders, known_ids
from tydal_sjekk.core.types import ACCOUNTS, SEVERITIES
from tydal_sjekk.text.terms import phrases

if TYPE_CHECKING:
    from tydal_sjekk.core.folder import Content
    from tydal_sjekk.core.settings import Settings

RULES_FILE = "regler.toml"
_SIGNAL_ID = re.compile(r"^[a-z0-9æøå][a-z0-9æøå_-]*$")


def _message(t: Table, key: str, settings: Settings) -> str:
    return fill_placeholders(t, key, t.text(key), settings.placeholders(), keep=("etikett",))


def rule_set(content: Content) -> RuleSet:
    """The validated rule set of a content folder (loaded once per folder)."""
    return content.part("rules", load_rules)


def load_rules(
    content: Content, problems: list[Problem], detectors: tuple[Detector, ...] = DETECTORS
) -> RuleSet | None:
    """Read ``regler.toml``: the detectors' settings, the signals and the rules (with their examples)."""
    data = content.read_toml(RULES_FILE, problems)
    if data is None:
        return None
    guidelines = content.guidelines
    settings = content.settings
    file = content.file_label(RULES_FILE)
    top = Table(data, file, "", problems)

    # -- detectors -------------------------------------------------------------------------------
    env = LoadEnv(content, settings, problems)
    det = top.table("detektor")
    loaded: list[tuple[Detector, Any]] = []
    for detector in detectors:
        t = det.table(detector.id, required=not detector.optional)
        loaded.append((detector, detector.load_settings(t, env)))
        t.finish()
    det.finish()
    builtin = set(builtin_signals(detectors))

    # -- signals ---------------------------------------------------------------------------------
    signals: dict[str, SignalDef] = {}
    labels: dict[str, str] = {}
    signal_tables = top.tables("signal")
    for t in signal_tables:
        sid = t.text("id")
        label = t.text("etikett")
        case_sensitive = t.boolean("store_bokstaver")
        term_phrases = phrases(t, "termer", case_sensitive=case_sensitive)
        chars = t.texts("tegn")
        if not t.has("termer") and not chars:
            t.problem("termer", "mangler (et signal trenger «termer» eller «tegn»)")
        if sid in builtin:
            t.problem("id", f"«{sid}» er navnet på et innebygd signal og kan ikke brukes her")
        elif sid and not _SIGNAL_ID.match(sid):
            t.problem("id", f"«{sid}» kan ikke brukes som id; bruk små bokstaver, sifre og bindestrek (a–å, 0–9, -)")
        signals[sid] = SignalDef(
            id=sid,
            label=label,
            phrases=term_phrases,
            chars=chars,
            exceptions=phrases(t, "unntak", case_sensitive=case_sensitive),
            negations=frozenset(w.lower() for w in t.texts("negasjon")),
            case_sensitive=case_sensitive,
        )
        labels[sid] = label
        t.finish()
    check_unique([t.data.get("id", "") for t in signal_tables if isinstance(t.data.get("id"), str)], file, "signal",
                 problems)
    known_signals = set(signals) | builtin

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
            raw_alternatives = [a.strip() for a in slot.split("|")]
            if any(not a for a in raw_alternatives):
                t.problem(f"signaler[{i}]", f"«{slot}» har et tomt alternativ; skriv signal-id-er skilt med «|»")
            alternatives = tuple(a for a in raw_alternatives if a)
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
                examples=t.texts("eksempler"),
                counter_examples=t.texts("ikke_eksempler"),
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
    from tydal_sjekk.text.lexicon import Lexicon  # start-up: only when rules are loaded from TOML

    lexicon = Lexicon(signals, context_lists(tuple(loaded)))
    compact = {key: sig._replace(phrases=(), exceptions=()) for key, sig in signals.items()}
    return RuleSet(signals=compact, rules=tuple(rules), detectors=tuple(loaded), labels=labels, lexicon=lexicon)
