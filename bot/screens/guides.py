"""Crisis plans, one step at a time, and orientation topics about living in the host country."""

from __future__ import annotations

from bot.content.model import Plan, Topic
from bot.screens.base import Action, Button, Screen, View, esc, rows
from bot.screens.common import finish, language_notices, say


def plans_list(view: View) -> Screen:
    tr, origin, host = view.tr, view.origin, view.host
    if origin is None or host is None:
        return finish(view, esc(tr.gettext("Choose your countries first.")))
    buttons = [
        Button(f"{plan.icon} {tr.text(plan.title)[0]}", Action("plan", (plan.id, "1")))
        for plan in origin.plans_in(host.code)
    ]
    title = tr.gettext("What to do if…")
    text = f"<b>{esc(title)}</b>"
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
    title = esc(tr.text(plan.title)[0])
    counter = tr.gettext("Step {number} of {total}").format(number=index, total=len(steps))
    notices = language_notices(view, plan, [plan.title, step.text])
    text = (
        f"{plan.icon} <b>{title}</b>\n<i>{esc(counter)}</i>\n\n{say(view, step.text)}\n{notices}"
    )
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
    if origin is None or host is None:
        return finish(view, esc(tr.gettext("Choose your countries first.")))
    buttons = [
        Button(f"{topic.icon} {tr.text(topic.title)[0]}", Action("topic", (topic.id,)))
        for topic in origin.topics_in(host.code)
    ]
    title = tr.gettext("Living in {country}").format(country=esc(tr.territory(host.code)))
    lines = [f"<b>{title}</b>"]
    if host.notes is not None:
        lines.append(say(view, host.notes))
    return finish(view, "\n\n".join(lines), rows(*buttons))


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
    text = (
        f"{topic.icon} <b>{esc(tr.text(topic.title)[0])}</b>\n\n{say(view, topic.body)}\n{notices}"
    )
    return finish(view, text.rstrip(), back=Action("topics"))
