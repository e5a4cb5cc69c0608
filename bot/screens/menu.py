"""The main menu and the plain screens around it: settings, help, about and privacy, forgetting."""

from __future__ import annotations

from bot.screens.base import Action, Button, Screen, View, noted, rows
from bot.screens.common import finish, footer
from bot.screens.contacts import unknown_country
from bot.screens.html import bold, esc
from bot.state import UNLISTED


def home(view: View) -> Screen:
    """The menu: everything for a covered nationality in a covered country; for anyone else,
    what is known about the country she is in and how to reach her own country."""
    tr, host, origin = view.tr, view.host, view.origin
    if host is None:
        return unknown_country(view)
    code = view.state.origin
    passport = tr.territory(code) if code and code != UNLISTED else tr.gettext("not in my list")
    where = esc(
        tr.gettext("Passport: {origin} · Now in: {host}").format(
            origin=passport, host=tr.territory(host.code)
        )
    )
    living = tr.gettext("🏙 Living in {country}").format(country=tr.territory(host.code))
    general = (
        (Button(tr.gettext("🆘 Emergency numbers"), Action("emergency")),),
        (Button(tr.gettext("📞 What to say when you call"), Action("call")),),
    )
    corner = (
        Button(tr.gettext("⚙️ Settings"), Action("settings")),
        Button(tr.gettext("🔒 About & privacy"), Action("about")),
    )
    if origin is None:
        hint = esc(
            tr.gettext(
                "Nothing is written for your nationality yet. The numbers of the country you "
                "are in work for everyone; “{button}” shows your country's missions from a "
                "public list."
            ).format(button=tr.gettext("🏛 Find my embassy"))
        )
        plans = (
            ((Button(tr.gettext("📋 What to do if…"), Action("plans")),),)
            if view.content.plans
            else ()
        )
        uncovered = (
            general[0],
            *plans,
            general[1],
            (Button(tr.gettext("🏛 Find my embassy"), Action("missions")),),
            (Button(living, Action("topics")),),
            corner,
        )
        text = f"{bold('Lifeline')}\n{where}\n\n{hint}" + footer(view)
        return Screen(text=text, buttons=uncovered)
    hint = esc(tr.gettext("Tap a button, or type what happened, for example “lost passport”."))
    register = (
        Button(tr.gettext("📝 My registration"), Action("myreg"))
        if view.state.registration is not None
        else Button(tr.gettext("📝 Be counted in a crisis (anonymous)"), Action("reg"))
    )
    buttons = (
        general[0],
        (Button(tr.gettext("🏛 My embassy / consulate"), Action("missions")),),
        (Button(tr.gettext("📋 What to do if…"), Action("plans")),),
        (Button(living, Action("topics")),),
        (Button(tr.gettext("📍 Missions near me"), Action("loc")),),
        (register,),
        corner,
    )
    return Screen(text=f"{bold('Lifeline')}\n{where}\n\n{hint}" + footer(view), buttons=buttons)


def settings(view: View) -> Screen:
    tr = view.tr
    buttons = rows(
        Button(tr.gettext("🌐 Language"), Action("lang")),
        Button(tr.gettext("🛂 Passport country"), Action("origin")),
        Button(tr.gettext("📍 Country I am in"), Action("host")),
        Button(tr.gettext("🗑 Delete my data"), Action("forget")),
    )
    title = tr.gettext("Settings")
    return finish(view, bold(title), buttons)


def about(view: View) -> Screen:
    tr = view.tr
    paragraphs = [
        bold(tr.gettext("About Lifeline and your privacy")),
        esc(
            tr.gettext(
                "What I keep: your language and the two countries you chose, filed under a code "
                "made from your Telegram account that cannot be turned back into it. Nothing else."
            )
        ),
        esc(
            tr.gettext(
                "What I never ask: your name, phone number, passport or other document numbers, "
                "address, or whether you have a visa or work permit."
            )
        ),
        esc(tr.gettext("I share nothing with any government, police, employer or agency.")),
        esc(
            tr.gettext("To delete everything I keep about you, send /forget. It is gone at once.")
        ),
        esc(
            tr.gettext(
                "Every phone number comes from a named public source. “ℹ️ Sources” shows which "
                "one, the date it gives, when a person last checked it, and whether it is an "
                "official site; some are newspapers. Old numbers carry a warning."
            )
        ),
        esc(
            tr.gettext(
                "The information is collected by volunteers unless a screen says otherwise; "
                "no government has reviewed it."
            )
        ),
        bold(
            tr.gettext(
                "I am not an emergency service. "
                "If you are in danger, call the emergency number now."
            )
        ),
    ]
    return finish(view, "\n\n".join(paragraphs))


def help_screen(view: View) -> Screen:
    tr = view.tr
    commands = [
        ("/start", tr.gettext("start again and show the menu")),
        ("/emergency", tr.gettext("emergency numbers")),
        ("/consulate", tr.gettext("your embassy or consulate")),
        ("/plans", tr.gettext("what to do in a crisis, step by step")),
        ("/language", tr.gettext("change the language")),
        ("/register", tr.gettext("be counted in a crisis, anonymously (optional)")),
        ("/forget", tr.gettext("delete everything I keep about you")),
        ("/help", tr.gettext("this help")),
    ]
    title = tr.gettext("How to use Lifeline")
    lines = [bold(title)]
    lines += [f"{command} — {esc(meaning)}" for command, meaning in commands]
    lines.append("")
    lines.append(
        esc(
            tr.gettext(
                "You can also type a few words, for example “fire”, “arrested” or “embassy”."
            )
        )
    )
    return finish(view, "\n".join(lines))


def forget_confirm(view: View) -> Screen:
    tr = view.tr
    text = esc(
        tr.gettext(
            "Delete your language and countries from Lifeline? You can start again any time."
        )
    )
    buttons = ((Button(tr.gettext("🗑 Yes, delete"), Action("forgetok")),),)
    return finish(view, text, buttons, back=Action("settings"))


def forgotten(view: View) -> Screen:
    tr = view.tr
    text = esc(
        tr.gettext(
            "Done: I deleted everything I kept about you. Send /start to use Lifeline again."
        )
    )
    return Screen(text=text)


def expired(view: View, then: Screen) -> Screen:
    """A forged or outdated button: say so in one line, then show a safe screen."""
    return noted(then, view.tr.gettext("This button has expired. Here is the menu."))
