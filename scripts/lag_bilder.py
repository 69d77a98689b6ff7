"""Regenerate the pictures in docs/ from the tool's own output (rich Console(record=True) → SVG).

Run from the checkout:  python scripts/lag_bilder.py
"""

from __future__ import annotations

from pathlib import Path

from tydal_sjekk.core.folder import Content
from tydal_sjekk.render import check as render_check
from tydal_sjekk.render import guidelines as render_guidelines
from tydal_sjekk.render.common import make_console

DOCS = Path(__file__).resolve().parent.parent / "docs"
WIDTH = 100


def guidelines_picture(content: Content) -> None:
    console = make_console(record=True, width=WIDTH)
    doc = content.guidelines
    render_guidelines.print_guidelines(console, doc, (doc.get("P3"), doc.get("O7")))
    console.save_svg(str(DOCS / "retningslinjer.svg"), title="tydal-sjekk retningslinjer P3 O7")


EXAMPLE = (
    "Så stolt av elevene i dag! Eleven Ola har fått diagnosen ADHD, og vi i kommunen har bestemt å gi ham "
    "ekstra hjelp. Ring meg på 912 34 567 hvis noen lurer!!!"
)


def check_picture(content: Content) -> None:
    from tydal_sjekk.check import check_text

    console = make_console(record=True, width=WIDTH)
    result = check_text(content, EXAMPLE)
    render_check.print_result(console, result, content.guidelines, content.settings)
    console.save_svg(str(DOCS / "sjekk.svg"), title="tydal-sjekk sjekk")


WIZARD_ANSWERS = {
    "konto": "privat",
    "om-jobben": "ja",
    "personer": "nei",
    "kontakt": "nei",
    "jobbinfo": "arbeidsforhold",
    "rolle": "ja",
    "henvendelse": "nei",
    "sinne": "opprort",
}
WIZARD_DRAFT = (
    "Vi er altfor få på jobb på sykehjemmet om dagen, og det går ut over beboerne. Vi i kommunen har bestemt "
    "at det ikke blir flere vikarer før jul. Det synes jeg er feil!!!"
)


def wizard_picture(content: Content) -> None:
    """The wizard as it looks after the questions: the answers as the prompts leave them, then the summary."""
    from rich.text import Text

    from tydal_sjekk.cli_wizard import _summary
    from tydal_sjekk.prompts import Prompter
    from tydal_sjekk.render.wizard import print_summary
    from tydal_sjekk.wizard.flow import run_flow, wizard_content

    console = make_console(record=True, width=WIDTH)
    wiz = wizard_content(content)
    prompter = Prompter(wiz, content.guidelines, console, content.settings.texts.labels)
    console.print(Text(wiz.texts["tittel"], style="bold underline"))
    console.print(Text(wiz.texts["innledning"], style="dim"))
    console.print()
    answers = run_flow(wiz, lambda q, default, back: WIZARD_ANSWERS.get(q.id, default))
    for q in wiz.questions:
        if q.id in answers:
            prompter.echo(q.text, q.choice(answers[q.id]).text)
    prompter.echo(wiz.texts["utkast_valg_sporsmal"], wiz.texts["utkast_valg_lim_inn"])
    prompter.received(WIZARD_DRAFT)
    print_summary(console, _summary(content, answers, WIZARD_DRAFT), content)
    console.save_svg(str(DOCS / "veiviser.svg"), title="tydal-sjekk veiviser")


def reply_picture(content: Content) -> None:
    from tydal_sjekk.render.reply import print_reply
    from tydal_sjekk.reply.classifier import answer

    console = make_console(record=True, width=WIDTH)
    print_reply(console, content, answer(content, "Når får jeg svar på byggesøknaden min? Har ventet lenge nå."))
    console.save_svg(str(DOCS / "svar.svg"), title="tydal-sjekk svar")


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    content = Content()
    guidelines_picture(content)
    check_picture(content)
    wizard_picture(content)
    reply_picture(content)
    print(f"Lagret bilder i {DOCS}")


if __name__ == "__main__":
    main()
