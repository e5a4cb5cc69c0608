"""Optional anonymous registration: what is stored first, then at most four taps; view, change,
renew, delete."""

from __future__ import annotations

from datetime import date

from bot.i18n import N_, Translator
from bot.screens.base import HOME, Action, Button, Screen, View, rows
from bot.screens.common import finish, not_covered
from bot.screens.html import bold, esc
from bot.screens.regions import (
    NOT_SAID,
    her_regions,
    region_label,
    region_question,
    registrable,
)

PARTY_SIZES = ("1", "2-4", "5+")


def party_label(view: View, party: str) -> str:
    tr = view.tr
    labels = {
        "1": tr.gettext("Only me"),
        "2-4": tr.gettext("2 to 4 people"),
        "5+": tr.gettext("5 or more people"),
    }
    return labels[party]


def operator_name(view: View) -> str:
    """Who runs registration and alerts for her nationality, in her language (isolated, so a
    Latin name does not reorder a right-to-left sentence)."""
    origin = view.origin
    if origin is None:
        return view.tr.gettext("the people who run this bot")
    return view.tr.isolate(view.label(origin.origin.operator.name))


def privacy_notice_then(view: View, region: str) -> Screen | None:
    """The notice before anything is kept, when she typed her region's name somewhere else
    (typed words are not known to answer a question): Continue takes that region."""
    if her_regions(view).get(region) is None:
        return None
    return privacy_notice(view, Action("regparty", (region,)))


def privacy_notice(view: View, then: Action | None = None) -> Screen:
    """Before the first question: who runs it, exactly what is kept and what never is."""
    if view.state.registration is not None:
        return my_registration(view)
    tr, origin = view.tr, view.origin
    if origin is None or not registrable(view):
        return not_covered(
            view,
            N_("Registration is not offered for your nationality yet."),
            N_("Registration is offered only in the countries in my list."),
            Button(tr.gettext("🆘 Emergency numbers"), Action("emergency")),
        )
    operator = origin.origin.operator
    paragraphs = [
        bold(tr.gettext("Be counted in a crisis (anonymous)")),
        esc(
            tr.gettext(
                "This is run by {operator}. They see only how many people are in each region, "
                "never who, and they send the alerts you may receive."
            ).format(operator=operator_name(view))
        ),
    ]
    if not operator.official:
        paragraphs.append(esc(tr.gettext("It is not a registration with your embassy.")))
    paragraphs += [
        esc(
            tr.gettext(
                "I keep: your nationality, the country and region you are in (or “prefer not to "
                "say”), how many people are with you, your language, and your Telegram chat "
                "number, encrypted, so I can send you alerts."
            )
        ),
        esc(
            tr.gettext(
                "I never ask your name, phone number, passport or document numbers, address or "
                "visa status."
            )
        ),
        esc(
            tr.gettext(
                "It ends by itself after 180 days unless you renew it. Delete it any time with "
                "/forget."
            )
        ),
    ]
    buttons = [Button(tr.gettext("✅ Continue"), then or Action("regask"))]
    if operator.official_registration is not None:
        official = tr.gettext("🏛 Official registration with your embassy")
        buttons.append(Button(official, url=operator.official_registration.url))
    return finish(view, "\n\n".join(paragraphs), rows(*buttons))


def moved(view: View) -> Screen:
    """She changed the country she is in while registered elsewhere: move it or end it."""
    tr, registered = view.tr, view.state.registration
    if registered is None or view.state.host is None:
        return privacy_notice(view)
    now = view.state.host
    text = tr.gettext(
        "You are registered as being in {old}. Move your registration to where you are now, "
        "or delete it?"
    ).format(old=tr.territory(registered.host))
    buttons: list[Button] = []
    if registrable(view):
        move = tr.gettext("📍 Move it to {country}").format(country=tr.territory(now))
        buttons.append(Button(move, Action("regregion")))
    buttons.append(Button(tr.gettext("🗑 Delete my registration"), Action("unreg")))
    return finish(view, bold(text), rows(*buttons))


def confirm_countries(view: View) -> Screen:
    tr, origin, host = view.tr, view.origin, view.state.host
    if origin is None or host is None or not registrable(view):
        return privacy_notice(view)
    question = tr.gettext("Passport: {origin} · Now in: {host}. Is this right?").format(
        origin=tr.territory(origin.origin.code), host=tr.territory(host)
    )
    buttons = rows(
        Button(tr.gettext("✅ Yes"), Action("regregion")),
        Button(tr.gettext("✏️ Change in Settings"), Action("settings")),
    )
    return finish(view, bold(question), buttons, back=Action("reg"))


def region_picker(view: View) -> Screen:
    """Question 3, in any country (bot/screens/regions.py); when she is already registered, a
    tap here changes only this answer. Where no region is known it is skipped."""
    if not registrable(view):
        return privacy_notice(view)
    if not her_regions(view).items and view.state.registration is None:
        return party_picker(view, NOT_SAID)
    return region_question(view)


def party_picker(view: View, region: str) -> Screen:
    tr = view.tr
    buttons = [
        Button(party_label(view, size), Action("regsave", (region, size))) for size in PARTY_SIZES
    ]
    question = tr.gettext("How many people are with you, you included?")
    return finish(view, bold(question), rows(*buttons))


def my_registration(view: View) -> Screen:
    tr, registration = view.tr, view.state.registration
    if registration is None:
        return privacy_notice(view)
    expires = tr.date(registration.expires_on, "long")
    lines = [
        bold(tr.gettext("Your registration")),
        esc(tr.gettext("Passport: {country}").format(country=tr.territory(registration.origin))),
        esc(tr.gettext("Now in: {country}").format(country=tr.territory(registration.host))),
        esc(tr.gettext("Region: {region}").format(region=region_label(view, registration.region))),
        esc(
            tr.gettext("People with you: {people}").format(
                people=party_label(view, registration.party)
            )
        ),
        esc(tr.gettext("Ends on {date} unless you renew it.").format(date=expires)),
        esc(
            tr.gettext("🔔 Alerts reach you in this chat.")
            if registration.reachable
            else tr.gettext("🔕 Alerts cannot reach you: Telegram says you blocked Lifeline.")
        ),
        "",
        esc(
            tr.gettext("Nothing else is stored. {operator} see only counts per region.").format(
                operator=operator_name(view)
            )
        ),
    ]
    buttons = rows(
        Button(tr.gettext("📍 Change region"), Action("regregion")),
        Button(tr.gettext("👥 Change number of people"), Action("regparty", ("=",))),
        Button(tr.gettext("🔄 Renew for 180 days"), Action("renew")),
        Button(tr.gettext("🗑 Delete my registration"), Action("unreg")),
    )
    return finish(view, "\n".join(lines), buttons)


def unregistered(view: View) -> Screen:
    text = esc(view.tr.gettext("Your registration is deleted. Nothing about it is kept."))
    return finish(view, text, rows(Button(view.tr.gettext("☰ Menu"), HOME)))


def renewal_question(tr: Translator, host: str, expires_on: date) -> Screen:
    """Sent once, two weeks before a registration lapses: one tap keeps it."""
    expires = tr.date(expires_on, "long")
    text = tr.gettext("Are you still in {country}? Your registration ends on {date}.").format(
        country=esc(tr.territory(host)), date=esc(expires)
    )
    buttons = rows(
        Button(tr.gettext("✅ Yes, keep it"), Action("renew")),
        Button(tr.gettext("🗑 No, delete it"), Action("unreg")),
    )
    return Screen(text=text, buttons=buttons)
