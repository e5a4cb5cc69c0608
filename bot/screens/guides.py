"""Crisis plans, one step at a time, and orientation topics about living in the host country."""

from __future__ import annotations

from bot.content.facts import display_number
from bot.content.model import Plan, Topic
from bot.i18n import N_
from bot.screens.base import Action, Button, Screen, View, rows
from bot.screens.common import caution, finish, language_notices, not_covered, say, source_mention
from bot.screens.html import bold, esc, italic, italic_html


def plans_list(view: View) -> Screen:
    tr, origin, host = view.tr, view.origin, view.host
    if origin is None or host is None:
        return not_covered(
            view,
            N_("Step-by-step plans for your nationality are not written yet."),
            N_("Step-by-step plans are written for the countries in my list."),
            Button(tr.gettext("📞 What to say when you call"), Action("call")),
        )
    buttons = [
        Button(f"{plan.icon} {tr.text(plan.title)[0]}", Action("plan", (plan.id, "1")))
        for plan in origin.plans_in(host.code)
    ]
    title = tr.gettext("What to do if…")
    text = bold(title)
    return finish(view, text, rows(*buttons))


def find_plan(view: View, plan_id: str) -> Plan | None:
    origin, host = view.origin, view.host
    if origin is None or host is None:
        return None
    return next((plan for plan in origin.plans_in(host.code) if plan.id == plan_id), None)


def plan_step(view: View, plan_id: str, number: str) -> Screen | None:
    """Step `number` (1-based) of a plan, or None if the plan or step does not exist."""
    tr, host = view.tr, view.host
    plan = find_plan(view, plan_id)
    if plan is None or host is None or not number.isdigit():
        return None
    steps = plan.steps_for(host.code)
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
    text = f"{heading}\n\n{say(view, step.text)}\n{notices}"
    moves: list[Button] = []
    if index > 1:
        moves.append(Button(tr.gettext("◀️ Back"), Action("plan", (plan.id, str(index - 1)))))
    if index < len(steps):
        moves.append(Button(tr.gettext("Next ▶️"), Action("plan", (plan.id, str(index + 1)))))
    else:
        moves.append(Button(tr.gettext("✅ All plans"), Action("plans")))
    return finish(view, text.rstrip(), (tuple(moves),))


def topics_list(view: View) -> Screen:
    tr, origin, host = view.tr, view.origin, view.host
    if host is None:
        return what_to_say(view)
    topics = origin.topics_in(host.code) if origin else []
    buttons = [
        Button(f"{topic.icon} {tr.text(topic.title)[0]}", Action("topic", (topic.id,)))
        for topic in topics
    ]
    title = tr.gettext("Living in {country}").format(country=tr.territory(host.code))
    lines = [bold(title)]
    if host.notes is not None:
        lines.append(say(view, host.notes))
    helplines = host_helplines(view)
    if helplines:
        lines.append(helplines)
    return finish(view, "\n\n".join(lines), rows(*buttons))


def host_helplines(view: View) -> str:
    """The host's services beyond police and ambulance, and laws a worker can point to."""
    tr, host = view.tr, view.host
    if host is None or not (host.helplines or host.laws):
        return ""
    lines = [bold(tr.gettext("Helplines in {country}").format(country=tr.territory(host.code)))]
    for line in host.helplines:
        name = esc(tr.isolate(tr.text(line.name)[0]))
        number = bold(tr.number(display_number(line.number)))
        hours = f" · {esc(tr.text(line.hours)[0])}" if line.hours else ""
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
    origin, host = view.origin, view.host
    if origin is None or host is None:
        return None
    return next((topic for topic in origin.topics_in(host.code) if topic.id == topic_id), None)


def topic_page(view: View, topic_id: str) -> Screen | None:
    topic = find_topic(view, topic_id)
    if topic is None:
        return None
    tr = view.tr
    notices = language_notices(view, topic, [topic.title, topic.body])
    heading = f"{esc(topic.icon)} {bold(tr.text(topic.title)[0])}"
    text = f"{heading}\n\n{say(view, topic.body)}\n{notices}"
    return finish(view, text.rstrip(), back=Action("topics"))
