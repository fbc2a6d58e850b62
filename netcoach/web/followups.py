"""Follow-up cards on screen: one per person, done / snooze / reschedule / drop in one click, each with Undo.

Home's panel and the Follow-ups page draw the same cards. Buttons act in
callbacks holding the records the card showed, so a card out of date is
refused rather than changing what another tab saved. What an action did is
kept for one run as an offer to undo it, drawn where the cards are.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

import streamlit as st

from netcoach.models import FOLLOWUP_HORIZON, Person, ValidationError
from netcoach.service import FollowUpCard, FollowUpChange, Horizon, MemberService, NotFoundError
from netcoach.service.followups import WEEK_DAYS
from netcoach.web import ui

_OFFER_KEY = "_followup_undo_offer"
_REFUSED_KEY = "_followup_refused"
TONES = {Horizon.OVERDUE: "red", Horizon.TODAY: "orange", Horizon.THIS_WEEK: "blue", Horizon.LATER: "gray"}
# "Next week" on a snooze button: this many days from today.
NEXT_WEEK_DAYS = 7
# Home shows at most this many cards; the link to Follow-ups says how many more there are.
HOME_CARDS = 6


@dataclasses.dataclass(frozen=True)
class UndoOffer:
    message: str  # markdown, member text escaped
    change: FollowUpChange | None  # None once undone: the message only
    position: int = 0  # where in the list of cards the card acted on was, so the offer is drawn there


@dataclasses.dataclass(frozen=True)
class Refusal:
    error: Exception
    position: int = 0


def _what(card: FollowUpCard) -> str:
    count = len(card.conversations)
    follow_ups = "the follow-up" if count == 1 else f"the {count} follow-ups"
    return f"{follow_ups} with {ui.escape(card.person.name)}"


def _day(day: dt.date) -> str:
    return f"{day:%a %d %b}"


def _offer(change: FollowUpChange | None, message: str, position: int) -> None:
    if change is not None:  # None: the save failed and the fault is already noted for the next run
        st.session_state[_OFFER_KEY] = UndoOffer(message, change, position)


def _refuse(error: Exception, position: int) -> None:
    st.session_state.pop(_OFFER_KEY, None)
    st.session_state[_REFUSED_KEY] = Refusal(error, position)


def mark_done(service: MemberService, card: FollowUpCard, position: int = 0) -> None:
    try:
        change = service.mark_followups_done(card.conversations)
    except (ValidationError, NotFoundError) as error:
        _refuse(error, position)
    else:
        _offer(change, f"Marked {_what(card)} as sent today.", position)


def snooze(service: MemberService, card: FollowUpCard, until: dt.date, position: int = 0) -> None:
    try:
        change = service.snooze_followups(card.conversations, until)
    except (ValidationError, NotFoundError) as error:
        _refuse(error, position)
    else:
        _offer(change, f"Snoozed {_what(card)} to {_day(until)}.", position)


def reschedule(service: MemberService, card: FollowUpCard, date_key: str, position: int = 0) -> None:
    on = st.session_state.get(date_key)
    if not isinstance(on, dt.date):
        _refuse(ValidationError(["New date: pick a day"]), position)
        return
    try:
        change = service.reschedule_followups(card.conversations, on)
    except (ValidationError, NotFoundError) as error:
        _refuse(error, position)
    else:
        _offer(change, f"Moved {_what(card)} to {_day(on)}.", position)


def drop(service: MemberService, card: FollowUpCard, position: int = 0) -> None:
    try:
        change = service.drop_followups(card.conversations)
    except (ValidationError, NotFoundError) as error:
        _refuse(error, position)
    else:
        _offer(change, f"Dropped {_what(card)}: no follow-up needed.", position)


def undo(service: MemberService, offer: UndoOffer) -> None:
    if offer.change is None:
        return
    try:
        restored = service.undo_followup_change(offer.change)
    except (ValidationError, NotFoundError) as error:
        _refuse(error, offer.position)
    else:
        if restored is not None:
            st.session_state[_OFFER_KEY] = UndoOffer("Undone: it is back as it was.", None, offer.position)


@dataclasses.dataclass(frozen=True)
class Notice:
    """What the last action on a card left to say: a refusal, or what it did with its Undo."""

    refusal: Refusal | None
    offer: UndoOffer | None

    @property
    def position(self) -> int:
        return self.refusal.position if self.refusal else self.offer.position if self.offer else 0


def take_notice() -> Notice | None:
    """The notice left by the last action, taken so it is shown once."""
    refusal = st.session_state.pop(_REFUSED_KEY, None)
    offer = st.session_state.pop(_OFFER_KEY, None)
    return Notice(refusal, offer) if refusal or offer else None


def show_notice(service: MemberService, notice: Notice, key: str) -> None:
    """A refusal, or what was done with its Undo button, where the card acted on was."""
    if notice.refusal is not None:
        ui.show_problems(notice.refusal.error)
    offer = notice.offer
    if offer is None:
        return
    with st.container(border=True, key=f"{key}_undo_notice"):
        if offer.change is None:
            st.success(offer.message, icon=":material/undo:")
            return
        with st.container(horizontal=True, vertical_alignment="center"):
            st.success(offer.message, icon=":material/check_circle:", width="stretch")
            st.button("Undo", key=f"{key}_undo", icon=":material/undo:", on_click=undo, args=(service, offer))


def show_card(
    service: MemberService,
    card: FollowUpCard,
    people: Sequence[Person],
    today: dt.date,
    key: str,
    *,
    position: int = 0,
    compact: bool = False,
) -> None:
    """One person's open follow-ups: who, when due, what to send, and the actions on all of them at once."""
    pid = card.person_id
    due = ui.days_phrase((card.due - today).days)
    with st.container(border=True, key=f"{key}_card_{pid}"):
        st.markdown(f"**{ui.escape(card.person.name)}** · :{TONES[card.horizon]}[due {due}]")
        lines = []
        for conversation in card.conversations:
            where = ui.escape(conversation.event or conversation.setting.label)
            line = f"Met {conversation.date:%d %b} ({where})"
            if len(card.conversations) > 1 and conversation.followup_due:
                line += f" · due {ui.days_phrase((conversation.followup_due - today).days)}"
            if conversation.topics and not compact:
                line += f" · {ui.escape(', '.join(conversation.topics))}"
            if conversation.followup_note:
                line += f"  \n:material/send: To send: {ui.escape(conversation.followup_note)}"
            lines.append(line)
        st.markdown("\n".join(f"- {line}" for line in lines) if len(lines) > 1 else lines[0])
        shared = card.shared_with()
        if shared:
            st.caption(
                f"Also with {ui.escape(ui.people_names(people, shared))}: it is one follow-up, "
                "so what you do here counts for them too."
            )
        with st.container(horizontal=True, gap="small"):
            st.button(
                "Mark done",
                key=f"{key}_done_{pid}",
                icon=":material/check:",
                type="primary",
                on_click=mark_done,
                args=(service, card),
                kwargs={"position": position},
            )
            tomorrow = today + dt.timedelta(days=1)
            next_week = today + dt.timedelta(days=NEXT_WEEK_DAYS)
            st.button(
                "Tomorrow",
                key=f"{key}_snooze_tomorrow_{pid}",
                icon=":material/snooze:",
                on_click=snooze,
                args=(service, card, tomorrow),
                kwargs={"position": position},
                help=f"Snooze to tomorrow, {_day(tomorrow)}",
            )
            st.button(
                "Next week",
                key=f"{key}_snooze_week_{pid}",
                icon=":material/snooze:",
                on_click=snooze,
                args=(service, card, next_week),
                kwargs={"position": position},
                help=f"Snooze to {_day(next_week)}",
            )
            with st.popover("Reschedule", icon=":material/event:", key=f"{key}_move_{pid}"):
                date_key = f"{key}_move_on_{pid}"
                st.date_input(
                    "New date",
                    value=max(card.due, tomorrow),
                    min_value=today,
                    max_value=today + FOLLOWUP_HORIZON,
                    format="YYYY-MM-DD",
                    key=date_key,
                )
                st.button(
                    "Move",
                    key=f"{key}_move_go_{pid}",
                    type="primary",
                    on_click=reschedule,
                    args=(service, card, date_key),
                    kwargs={"position": position},
                )
            st.button(
                "Drop",
                key=f"{key}_drop_{pid}",
                icon=":material/close:",
                type="tertiary",
                on_click=drop,
                args=(service, card),
                kwargs={"position": position},
                help="No follow-up needed after all: the conversation stays in your log",
            )
        if not compact:
            _draft(service, card, key)


def _draft(service: MemberService, card: FollowUpCard, key: str) -> None:
    """A message to this person about the latest of these conversations, to copy and make one's own."""
    pid = card.person_id
    latest = max(card.conversations, key=lambda c: (c.date, c.id or 0))
    with st.expander("Draft a message"):
        kind = st.radio(
            "Kind",
            ["thank_you", "stay_in_touch"],
            horizontal=True,
            key=f"{key}_kind_{pid}",
            format_func=lambda k: "Thank you" if k == "thank_you" else "Stay in touch",
        )
        st.caption("Copy it with the button in the corner, then make it yours.")
        draft = service.draft_message(pid, latest.id, kind)
        if draft is not None:
            st.code(ui.plain(draft), language=None, wrap_lines=True)


def card_list(
    service: MemberService,
    cards: Sequence[FollowUpCard],
    people: Sequence[Person],
    today: dt.date,
    key: str,
    *,
    compact: bool = False,
    limit: int | None = None,
) -> int:
    """Cards grouped by when they are due, with the last action's notice where its card was.

    With a `limit`, only that many cards are drawn (most urgent first); the
    group headings still count them all. Returns how many were drawn.
    """
    notice = take_notice()
    position = 0
    for horizon in Horizon:
        group = [c for c in cards if c.horizon is horizon]
        if not group or (limit is not None and position >= limit):
            continue
        if compact:
            st.markdown(f"**{horizon.label}** ({len(group)})")
        else:
            st.subheader(f"{horizon.label} ({len(group)})", anchor=False)
            if horizon is Horizon.THIS_WEEK:
                st.caption(f"Due in the next {WEEK_DAYS} days.")
        for one in group:
            if limit is not None and position >= limit:
                break
            if notice is not None and notice.position <= position:
                show_notice(service, notice, key)
                notice = None
            show_card(service, one, people, today, key, position=position, compact=compact)
            position += 1
    if notice is not None:
        show_notice(service, notice, key)
    return position


def home_panel(service: MemberService, people: Sequence[Person], today: dt.date) -> None:
    """Home's follow-ups: overdue, today and this week as cards; anything later counted, one click away."""
    cards = service.followup_cards()
    soon = [c for c in cards if c.horizon is not Horizon.LATER][:HOME_CARDS]
    card_list(service, soon, people, today, "home_followups", compact=True)
    if not cards:
        st.caption("No follow-up is waiting. Tick 'Follow-up needed' when you log a conversation to see it here.")
        return
    if not soon:
        st.caption("Nothing due this week.")
    rest = len(cards) - len(soon)
    later = sum(1 for c in cards if c.horizon is Horizon.LATER)
    label = "Open follow-ups"
    if rest:
        label += f" ({rest} more: {later} due later)" if later else f" ({rest} more)"
    st.page_link("pages/followups.py", label=label, icon=":material/forward_to_inbox:")
