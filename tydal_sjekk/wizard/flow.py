"""The wizard (`tydal-sjekk veiviser`): questions as data, a pure flow, and the summary.

The questions, their help, choices, conditions and the guidance each answer leads to come from
``content/veiviser.toml``. The flow never talks to the terminal itself: it calls an injected ``ask``
function, so it can be driven by the prompts (prompts.py), by an answers file (``--svar``) or by tests.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from tydal_sjekk.core.display import quoted
from tydal_sjekk.core.schema import Problem, Table, check_unique, fill_placeholders
from tydal_sjekk.core.types import ACCOUNTS as KONTOER
from tydal_sjekk.core.types import SEVERITIES
from tydal_sjekk.core.types import SEVERITY_RANK as RANK

if TYPE_CHECKING:
    from tydal_sjekk.check.model import CheckResult
    from tydal_sjekk.core.folder import Content
    from tydal_sjekk.core.guidelines import Guidelines
    from tydal_sjekk.core.settings import Settings

WIZARD_FILE = "veiviser.toml"
BACK = "<tilbake>"
TEXT_KEYS = (
    "tittel",
    "innledning",
    "valg_tilbake",
    "valg_hjelp",
    "hjelp_tittel",
    "utkast_valg_sporsmal",
    "utkast_valg_hjelp",
    "utkast_valg_lim_inn",
    "utkast_valg_redigering",
    "utkast_valg_hopp_over",
    "utkast_sporsmal",
    "utkast_instruksjon",
    "utkast_ledetekst",
    "utkast_mottatt",
    "utkast_tomt",
    "redigering_starter",
    "redigering_vent",
    "redigering_mangler",
    "oppsummering_tittel",
    "forklaring_ok",
    "forklaring_review",
    "forklaring_stop",
    "forskjell_tekst",
    "forskjell_svar",
    "forskjell_presisering",
    "ingen_rad",
    "rad_tittel",
    "funn_tittel",
    "presisering_tittel",
    "svarmaler_tittel",
    "svarmaler_flere",
    "forslag_sporsmal",
    "lagre_sporsmal",
    "lagre_filnavn",
    "lagre_standard",
    "annet_filnavn",
    "ta_med_utkast_sporsmal",
    "overskriv_sporsmal",
    "lagret",
)
# Placeholders the tool fills in itself, per text.
TEXT_FIELDS = {
    "utkast_mottatt": ("tegn", "avsnitt"),
    "redigering_starter": ("program",),
    "forskjell_tekst": ("svar", "tekst"),
    "forskjell_svar": ("svar", "tekst"),
    "svarmaler_flere": ("type",),
}


class Advice(NamedTuple):
    guideline: str
    severity: str
    text: str
    disclaimer: bool


class Choice(NamedTuple):
    id: str
    text: str
    advice: tuple[Advice, ...]


class Question(NamedTuple):
    id: str
    text: str
    help: str
    guidelines: tuple[str, ...]
    condition: tuple[tuple[str, tuple[str, ...]], ...]
    default: str
    choices: tuple[Choice, ...]

    @property
    def choice_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.choices)

    def choice(self, choice_id: str) -> Choice:
        for c in self.choices:
            if c.id == choice_id:
                return c
        raise KeyError(choice_id)


class WizardContent(NamedTuple):
    texts: dict[str, str]
    konto_question: str
    questions: tuple[Question, ...]
    reply_type_question: str = ""  # its answer is a reply type: the summary shows that type's templates
    disclaimer_signal: str = ""  # the check's signal for «I write as a private person» (regler.toml)
    disclaimer_guideline: str = ""  # the guideline the disclaimer belongs to (P4, innstillinger.toml)

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)


# --- loading --------------------------------------------------------------------------------------


def wizard_content(content: Content) -> WizardContent:
    """The validated wizard of a content folder (loaded once per folder)."""
    return content.part("wizard", load_wizard)


def load_wizard(content: Content, problems: list[Problem]) -> WizardContent | None:
    data = content.read_toml(WIZARD_FILE, problems)
    if data is None:
        return None
    return build_wizard(data, content.file_label(WIZARD_FILE), problems, content.guidelines, content.settings)


def build_wizard(
    data: dict[str, Any], file: str, problems: list[Problem], guidelines: Guidelines, settings: Settings
) -> WizardContent:
    values = settings.placeholders()

    def text(t: Table, key: str) -> str:
        return fill_placeholders(t, key, t.text(key), values, keep=TEXT_FIELDS.get(key, ()))

    top = Table(data, file, "", problems)
    w = top.table("veiviser")
    texts = {key: text(w, key) for key in TEXT_KEYS}
    konto_question = w.text("konto_sporsmal")
    reply_type_question = w.text("svartype_sporsmal", required=False)
    disclaimer_signal = w.text("presisering_signal", required=False)
    w.finish()

    questions: list[Question] = []
    seen: set[str] = set()
    for t in top.tables("sporsmal"):
        qid = t.text("id")
        gids = t.texts("retningslinjer", required=True, allow_empty_list=False)
        for i, gid in enumerate(gids):
            if gid not in guidelines.ids:
                t.problem(f"retningslinjer[{i}]", f"viser til «{gid}», som ikke finnes; gyldige id-er er "
                          f"{', '.join(guidelines.ids)}")
        choices: list[Choice] = []
        for c in t.tables("valg"):
            advice: list[Advice] = []
            for r in c.tables("rad", required=False, label_key="retningslinje"):
                gid = r.text("retningslinje")
                if gid and gid not in guidelines.ids:
                    r.problem("retningslinje", f"viser til «{gid}», som ikke finnes")
                advice.append(Advice(gid, r.choice("alvor", SEVERITIES), text(r, "tekst"), r.boolean("presisering")))
                r.finish()
            choices.append(Choice(c.text("id"), text(c, "tekst"), tuple(advice)))
            c.finish()
        check_unique([c.id for c in choices], file, f"sporsmal «{qid}».valg", problems)
        if not choices and t.has("valg"):
            t.problem("valg", "må ha minst ett svaralternativ")
        condition: list[tuple[str, tuple[str, ...]]] = []
        cond = t.table("hvis", required=False)
        for other, allowed in cond.data.items():
            cond._seen.add(other)
            earlier = next((q for q in questions if q.id == other), None)
            if earlier is None:
                cond.problem(other, f"viser til spørsmålet «{other}», som ikke finnes foran dette spørsmålet")
                continue
            if not isinstance(allowed, list) or not all(isinstance(a, str) for a in allowed) or not allowed:
                cond.problem(other, "må være en liste med svar-id-er")
                continue
            for a in allowed:
                if a not in earlier.choice_ids:
                    cond.problem(other, f"«{a}» er ikke et svar på «{other}»; gyldige svar er "
                                        f"{', '.join(earlier.choice_ids)}")
            condition.append((other, tuple(allowed)))
        default = t.text("standard", required=False)
        if choices and default and default not in [c.id for c in choices]:
            t.problem("standard", f"«{default}» er ikke et av svarene ({', '.join(c.id for c in choices)})")
        questions.append(
            Question(
                id=qid,
                text=text(t, "tekst"),
                help=text(t, "hjelp"),
                guidelines=gids,
                condition=tuple(condition),
                default=default or (choices[0].id if choices else ""),
                choices=tuple(choices),
            )
        )
        if qid in seen:
            t.problem("id", f"id-en «{qid}» er brukt mer enn én gang")
        seen.add(qid)
        t.finish()
    top.finish()

    if reply_type_question and not any(q.id == reply_type_question for q in questions):
        problems.append(Problem(file, "veiviser.svartype_sporsmal", f"«{reply_type_question}» er ikke et spørsmål"))
    first = questions[0] if questions else None
    if first is not None and konto_question and first.id != konto_question:
        problems.append(Problem(file, "veiviser.konto_sporsmal", f"«{konto_question}» må være det første spørsmålet"))
    if first is not None and first.id == konto_question and set(first.choice_ids) != set(KONTOER):
        problems.append(Problem(file, f"sporsmal «{first.id}».valg", "svarene må ha id-ene privat og offisiell"))
    return WizardContent(texts, konto_question, tuple(questions), reply_type_question, disclaimer_signal,
                         settings.texts.labels.get("presisering_retningslinje", ""))


# --- the flow -------------------------------------------------------------------------------------


def applicable(question: Question, answers: Mapping[str, str]) -> bool:
    return all(answers.get(other) in allowed for other, allowed in question.condition)


def prune(content: WizardContent, answers: Mapping[str, str]) -> dict[str, str]:
    """Keep only answers to questions that are still asked, in question order."""
    kept: dict[str, str] = {}
    for q in content.questions:
        if q.id in answers and applicable(q, kept):
            kept[q.id] = answers[q.id]
    return kept


Ask = Callable[[Question, str, bool], str]


class Flow:
    """The state of one walk through the questions; ``back`` undoes the latest answer."""

    def __init__(self, content: WizardContent) -> None:
        self.content = content
        self.answers: dict[str, str] = {}
        self.history: list[str] = []
        self.previous: dict[str, str] = {}

    def next_question(self) -> Question | None:
        for q in self.content.questions:
            if q.id not in self.answers and applicable(q, self.answers):
                return q
        return None

    def answer(self, question: Question, reply: str) -> None:
        if reply not in question.choice_ids:
            raise ValueError(f"«{reply}» er ikke et svar på «{question.id}»")
        self.answers[question.id] = reply
        self.history.append(question.id)

    def back(self) -> bool:
        if not self.history:
            return False
        last = self.history.pop()
        self.previous[last] = self.answers.pop(last)
        return True

    def run(self, ask: Ask) -> dict[str, str]:
        """Ask until every applicable question has an answer."""
        while (q := self.next_question()) is not None:
            reply = ask(q, self.previous.get(q.id, q.default), bool(self.history))
            if reply == BACK:
                self.back()
                continue
            self.answer(q, reply)
        self.answers = prune(self.content, self.answers)
        return dict(self.answers)


def run_flow(content: WizardContent, ask: Ask) -> dict[str, str]:
    return Flow(content).run(ask)


# --- answers files (--svar) -----------------------------------------------------------------------

EXTRA_KEYS = ("utkast", "ta_med_utkast")


def _shown(value: Any) -> str:
    return quoted(value) if isinstance(value, str) else "(ikke tekst)"


def answers_from_mapping(content: WizardContent, data: Mapping[str, Any]) -> tuple[dict[str, str], list[str]]:
    """Walk the flow with answers from a file. Returns the answers and every problem found."""
    errors: list[str] = []
    known = {q.id for q in content.questions} | set(EXTRA_KEYS)
    question_ids = ", ".join(q.id for q in content.questions)
    for key in data:
        if key not in known:
            errors.append(f"{quoted(str(key))} er ikke et spørsmål i veiviseren; spørsmålene er {question_ids}")
    asked: list[str] = []

    def ask(q: Question, default: str, can_go_back: bool) -> str:
        asked.append(q.id)
        value = data.get(q.id)
        if value is None:
            errors.append(f"mangler svar på «{q.id}» ({q.text}); gyldige svar er {', '.join(q.choice_ids)}")
            return default
        if not isinstance(value, str) or value not in q.choice_ids:
            valid = ", ".join(q.choice_ids)
            errors.append(f"{_shown(value)} er ikke et gyldig svar på «{q.id}»; gyldige svar er {valid}")
            return default
        return value

    answers = run_flow(content, ask)
    # Answers to questions that are not reached are ignored, but they must still be valid answers.
    for key, value in data.items():
        if key in known and key not in EXTRA_KEYS and key not in asked:
            q = content.question(key)
            if not isinstance(value, str) or value not in q.choice_ids:
                errors.append(
                    f"{_shown(value)} er ikke et gyldig svar på «{key}»; gyldige svar er {', '.join(q.choice_ids)}"
                )
    if "utkast" in data and not isinstance(data["utkast"], str):
        errors.append("«utkast» må være tekst")
    if "ta_med_utkast" in data and not isinstance(data["ta_med_utkast"], bool):
        errors.append("«ta_med_utkast» må være true eller false")
    return answers, errors


def answers_template(content: WizardContent) -> str:
    """A commented TOML answers file with every question, its choices and its condition."""
    lines = [
        "# Svarfil til `tydal-sjekk veiviser --svar FIL`.",
        "# Svar med id-en til ett av svarene. Spørsmål med «spørres bare når» kan utelates når vilkåret",
        "# ikke er oppfylt.",
        "",
    ]
    for q in content.questions:
        lines.append(f"# {q.text}")
        for c in q.choices:
            lines.append(f"#   {c.id} = {c.text}")
        if q.condition:
            cond = "; ".join(f"{other} er {' eller '.join(allowed)}" for other, allowed in q.condition)
            lines.append(f"# (spørres bare når {cond})")
        lines.append(f'{q.id} = "{q.default}"')
        lines.append("")
    lines += [
        "# Teksten du vil publisere (valgfritt). Den sjekkes med de samme reglene som `tydal-sjekk sjekk`.",
        '# utkast = """',
        "# …",
        '# """',
        "# Skal teksten være med i rapporten (--rapport)?",
        "# ta_med_utkast = false",
        "",
    ]
    return "\n".join(lines)


# --- the summary ----------------------------------------------------------------------------------

VERDICTS = ("ok", "review", "stop")


class Summary(NamedTuple):
    konto: str
    answers: dict[str, str]
    advice: tuple[tuple[Question, Choice, Advice], ...]  # the advice shown, in question order
    verdict: str  # the answers and the text together
    disclaimer: bool  # offer the disclaimer to copy
    check: CheckResult | None
    answers_verdict: str = "ok"  # the answers alone, after the text has decided what it can
    dropped: tuple[tuple[Question, Choice, Advice], ...] = ()  # advice the text made unnecessary
    text_verdict: str | None = None  # the check of the text alone (None: no text was pasted)


def _rank(verdict: str) -> int:
    return VERDICTS.index(verdict)


def summarise(
    content: WizardContent, answers: Mapping[str, str], check: CheckResult | None, *, has_disclaimer: bool = False
) -> Summary:
    """Combine the answers with the check of the pasted text (if any).

    The answers can only raise attention: the verdict is the stricter of the answers and the text. The text
    decides where it can: advice to add the disclaimer (``presisering``) is dropped when the text already has
    one (``has_disclaimer``) and left out when a finding in the text already asks for it, and the disclaimer
    is offered when the text needs it even if no answer said so. Of several disclaimer advices under one
    guideline, only the strictest is kept.
    """
    advice: list[tuple[Question, Choice, Advice]] = []
    dropped: list[tuple[Question, Choice, Advice]] = []
    # A finding in the text that says the same (add the disclaimer) makes the answer's advice redundant.
    found = {f.guideline for f in check.findings if f.severity != "info"} if check is not None else set()
    covered: list[Advice] = []
    for q in content.questions:
        if q.id in answers:
            choice = q.choice(answers[q.id])
            for a in choice.advice:
                if a.disclaimer and check is not None and has_disclaimer:
                    dropped.append((q, choice, a))
                elif a.disclaimer and a.guideline in found and RANK[a.severity] <= 1:
                    covered.append(a)  # still counts for the answers' own verdict
                else:
                    advice.append((q, choice, a))
    strictest: dict[str, int] = {}
    for _, _, a in advice:
        if a.disclaimer:
            strictest[a.guideline] = max(strictest.get(a.guideline, 0), RANK[a.severity])
    kept: list[tuple[Question, Choice, Advice]] = []
    for item in advice:
        a = item[2]
        if a.disclaimer:
            if strictest.get(a.guideline) != RANK[a.severity]:
                continue
            strictest[a.guideline] = -1  # one of them
        kept.append(item)
    answers_verdict = VERDICTS[max((RANK[a.severity] for a in [*(k[2] for k in kept), *covered]), default=0)]
    text_verdict = check.verdict if check is not None else None
    verdict = max(answers_verdict, text_verdict or "ok", key=_rank)
    konto = answers.get(content.konto_question, "privat")
    text_needs_disclaimer = check is not None and any(
        f.guideline == content.disclaimer_guideline and f.severity != "info" for f in check.findings
    )
    return Summary(
        konto=konto if konto in KONTOER else "privat",
        answers=dict(answers),
        advice=tuple(kept),
        verdict=verdict,
        disclaimer=any(a.disclaimer for _, _, a in kept) or text_needs_disclaimer,
        check=check,
        answers_verdict=answers_verdict,
        dropped=tuple(dropped),
        text_verdict=text_verdict,
    )


def difference_line(content: WizardContent, summary: Summary, verdict_words: Mapping[str, str]) -> str:
    """One line that explains why the answers and the text do not agree (empty when they do)."""
    if summary.text_verdict is None:
        return ""
    texts = content.texts
    words = {"svar": verdict_words[summary.answers_verdict], "tekst": verdict_words[summary.text_verdict]}
    if _rank(summary.text_verdict) > _rank(summary.answers_verdict):
        return texts["forskjell_tekst"].format_map(words)
    if _rank(summary.answers_verdict) > _rank(summary.text_verdict):
        return texts["forskjell_svar"].format_map(words)
    if summary.dropped:
        return texts["forskjell_presisering"]
    return ""


def advice_by_guideline(summary: Summary, guidelines: Guidelines) -> list[tuple[str, list[Advice]]]:
    """Advice that needs action or attention, grouped by guideline in document order."""
    groups: dict[str, list[Advice]] = {}
    for _, _, a in summary.advice:
        groups.setdefault(a.guideline, []).append(a)
    order = {gid: k for k, gid in enumerate(guidelines.ids)}
    return sorted(groups.items(), key=lambda item: order.get(item[0], 99))


def has_signal(content: Content, text: str, signal: str) -> bool:
    """Does the check find ``signal`` (a signal id of regler.toml) in ``text``?"""
    if not signal or not text.strip():
        return False
    # start-up: the check is compiled only when a text is checked
    from tydal_sjekk.check import checker_for
    from tydal_sjekk.text.normalise import normalise

    checker = checker_for(content)
    norm = normalise(text).text
    if signal in checker.rules.signals:  # a word-list signal: the word lists alone answer (no detectors)
        from tydal_sjekk.text.lexicon import tokenize

        return bool(checker.lexicon.match(norm, tokenize(norm)).get(signal))
    _, occurrences = checker.detect(norm)
    return any(o.signal == signal for o in occurrences)
