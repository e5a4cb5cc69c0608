"""Crisis plans, one step at a time, and orientation topics about living in the host country."""

from __future__ import annotations

from bot.content.facts import GENERIC_PLACEHOLDERS, display_number, host_number
from bot.content.model import PLACEHOLDER, Plan, Text, Topic
from bot.i18n import N_
from bot.screens.base import Action, Button, Screen, View, rows
from bot.screens.common import (
    baseline_number_html,
    caution,
    finish,
    host_number_html,
    language_notices,
    not_covered,
    say,
    source_mention,
)
from bot.screens.contacts import android_provenance
from bot.screens.html import bold, esc, italic, italic_html
from bot.screens.reports import HELPLINES, report_button


def plans_for(view: View) -> list[Plan]:
    """Her folder's plans for the country she is in, and the generic plans (content/plans/)
    for every kind her folder has not written (a generic plan's numbers come from whatever is
    known about that country); in their order."""
    origin, code = view.origin, view.host_code
    written = origin.plans_in(code) if origin is not None and code is not None else []
    kinds = {plan.id for plan in written}
    generic = [
        plan
        for plan in view.content.generic_plans()
        if plan.id not in kinds and not kinds.intersection(plan.covers)
    ]
    return sorted([*written, *generic], key=lambda plan: plan.order)


def plans_list(view: View) -> Screen:
    tr = view.tr
    plans = plans_for(view)
    if not plans:
        return not_covered(
            view,
            N_("Step-by-step plans for your nationality are not written yet."),
            N_("Step-by-step plans are written for the countries in my list."),
            Button(tr.gettext("📞 What to say when you call"), Action("call")),
        )
    buttons = [
        Button(f"{plan.icon} {tr.text(plan.title)[0]}", Action("plan", (plan.id, "1")))
        for plan in plans
    ]
    text = bold(tr.gettext("What to do if…"))
    if all(_generic(view, plan) for plan in plans):  # not when her folder's plans are among them
        text += "\n" + italic(
            tr.gettext(
                "General advice for anyone, from the Red Cross and other public sources; "
                "your embassy is under “{button}”."
            ).format(button=tr.gettext("🏛 Find my embassy"))
        )
    return finish(view, text, rows(*buttons))


def find_plan(view: View, plan_id: str) -> Plan | None:
    return next((plan for plan in plans_for(view) if plan.id == plan_id), None)


def plan_step(view: View, plan_id: str, number: str) -> Screen | None:
    """Step `number` (1-based) of a plan, or None if the plan or step does not exist."""
    tr = view.tr
    plan = find_plan(view, plan_id)
    if plan is None or not number.isdigit():
        return None
    generic = _generic(view, plan)
    steps = plan.steps_for(view.host_code or "")
    index = int(number)
    if not 1 <= index <= len(steps):
        return None
    step = steps[index - 1]
    title = tr.text(plan.title)[0]
    counter = tr.gettext("Step {number} of {total}").format(number=index, total=len(steps))
    notices = language_notices(view, plan, [plan.title, step.text])
    if step.source is not None:
        notices += f"\n{italic_html(source_mention(view, step.source))}"
    heading = f"{esc(plan.icon)} {bold(title)}\n{italic(counter)}"
    said = say_generic(view, step.text) if generic else say(view, step.text)
    named = PLACEHOLDER.findall(tr.text(step.text)[0])
    if view.host is None and set(GENERIC_PLACEHOLDERS).intersection(named):  # from Android's list
        notices += baseline_provenance(view)
    text = f"{heading}\n\n{said}\n{notices}"
    moves: list[Button] = []
    if index > 1:
        moves.append(Button(tr.gettext("◀️ Back"), Action("plan", (plan.id, str(index - 1)))))
    if index < len(steps):
        moves.append(Button(tr.gettext("Next ▶️"), Action("plan", (plan.id, str(index + 1)))))
    else:
        moves.append(Button(tr.gettext("✅ All plans"), Action("plans")))
    more: tuple[Button, ...] = ()
    if generic and view.state.origin is not None:
        more = (Button(tr.gettext("🏛 Find my embassy"), Action("missions")),)
    return finish(view, text.rstrip(), (tuple(moves), *((more,) if more else ())))


def _generic(view: View, plan: Plan) -> bool:
    return any(plan is generic for generic in view.content.plans)


def say_generic(view: View, value: Text) -> str:
    """A generic plan's text: {emergency}, {police}, {ambulance}, {fire} filled from the host
    file, else Android's list (each number under its own service), else words that send her
    to the emergency screen; never a number under a label it does not have."""
    raw, _ = view.tr.text(value)
    return PLACEHOLDER.sub(lambda match: _generic_number(view, match.group(1)), esc(raw))


def _generic_number(view: View, name: str) -> str:
    if view.host is not None:
        return host_number_html(view, host_number(view.host, name))
    return baseline_number_html(view, name)


def baseline_provenance(view: View) -> str:
    """Under a step whose numbers come from Android's list: where they are from."""
    listed, code = view.content.emergency_list, view.host_code
    if listed is None or code is None or not listed.numbers(code):
        return ""
    return "\n" + italic(android_provenance(view, listed.date))


def topics_list(view: View) -> Screen:
    tr, origin, host, code = view.tr, view.origin, view.host, view.host_code
    topics = origin.topics_in(code) if origin is not None and code is not None else []
    if code is None or (host is None and not topics):
        return what_to_say(view)
    buttons = [
        Button(f"{topic.icon} {tr.text(topic.title)[0]}", Action("topic", (topic.id,)))
        for topic in topics
    ]
    title = tr.gettext("Living in {country}").format(country=tr.territory(code))
    lines = [bold(title)]
    if host is None:  # her folder's topics; nothing of this country's own is written
        return finish(view, "\n\n".join(lines), rows(*buttons))
    if host.notes is not None:
        lines.append(say(view, host.notes))
    helplines = host_helplines(view)
    if helplines:
        lines.append(helplines)
    texts = [
        *([host.notes] if host.notes else []),
        *(line.name for line in host.helplines),
        *(law.text for law in host.laws),
    ]
    notices = language_notices(view, host, texts).strip() if texts else ""
    if notices:
        lines.append(notices)
    report = report_button(view, HELPLINES) if host.helplines else None
    if report is not None:
        buttons.append(report)
    return finish(view, "\n\n".join(lines), rows(*buttons))


def host_helplines(view: View) -> str:
    """The host's services beyond police and ambulance, and laws a worker can point to."""
    tr, host = view.tr, view.host
    if host is None or not (host.helplines or host.laws):
        return ""
    lines = [bold(tr.gettext("Helplines in {country}").format(country=tr.territory(host.code)))]
    for line in host.helplines:
        name = esc(tr.isolate(view.label(line.name)))
        number = bold(tr.number(display_number(line.number)))
        hours = f" · {esc(view.label(line.hours))}" if line.hours else ""
        lines.append(f"📞 {name}: {number}{hours}{caution(view, line)}")
    for law in host.laws:
        lines.append(f"⚖️ {esc(tr.text(law.text)[0])}")
    return "\n".join(lines)


def what_to_say(view: View) -> Screen:
    """How to make an emergency call in a country whose language she may not speak."""
    tr = view.tr
    title = tr.gettext("What to say when you call")
    points = [
        tr.gettext("1. Say what happened: fire, accident, someone is hurt or not breathing."),
        tr.gettext(
            "2. Say where you are: city, street, building, floor, a landmark. "
            "If you can, share your location on the phone."
        ),
        tr.gettext("3. Say how many people are hurt, and if anyone is in danger now."),
        tr.gettext(
            "4. If they do not understand you, say “English” or the name of your language. "
            "Ask someone near you to help."
        ),
        tr.gettext("5. Do not hang up until they tell you to."),
    ]
    text = f"{bold(title)}\n\n" + "\n".join(esc(point) for point in points)
    emergency = Button(tr.gettext("🆘 Emergency numbers"), Action("emergency"))
    return finish(view, text, rows(emergency))


def find_topic(view: View, topic_id: str) -> Topic | None:
    origin, code = view.origin, view.host_code
    if origin is None or code is None:
        return None
    return next((topic for topic in origin.topics_in(code) if topic.id == topic_id), None)


def topic_page(view: View, topic_id: str) -> Screen | None:
    topic = find_topic(view, topic_id)
    if topic is None:
        return None
    tr = view.tr
    notices = language_notices(view, topic, [topic.title, topic.body])
    for source in topic.sources:
        notices += f"\n{italic_html(source_mention(view, source))}"
    heading = f"{esc(topic.icon)} {bold(tr.text(topic.title)[0])}"
    text = f"{heading}\n\n{say(view, topic.body)}\n{notices}"
    return finish(view, text.rstrip(), back=Action("topics"))
