"""Follow-ups: what is due first, done in one click, with a draft message to copy; open loops either way."""

import streamlit as st

from netcoach.coach import TouchStatus
from netcoach.models import Conversation, ValidationError, saved_id
from netcoach.service import MemberService, NotFoundError
from netcoach.web import loops, session, ui

session.guard()
svc = session.service()
snap = svc.snapshot()
today = svc.today

st.title("Follow-ups")
ui.show_flash()
if (refused := st.session_state.pop("followups_refused", None)) is not None:
    ui.show_problems(refused)


def mark_done(service: MemberService, conversation: Conversation, who: str) -> None:
    try:
        service.mark_followup_done(saved_id(conversation), expected=conversation)
    except (ValidationError, NotFoundError) as error:
        st.session_state["followups_refused"] = error
    else:
        ui.flash(f"Marked the follow-up with {ui.escape(who)} as sent today.")


def reopen(service: MemberService, conversation: Conversation) -> None:
    try:
        service.reopen_followup(saved_id(conversation), expected=conversation)
    except (ValidationError, NotFoundError) as error:
        st.session_state["followups_refused"] = error


def show(conversation: Conversation, tone: str) -> None:
    who = ui.people_names(snap.people, conversation.person_ids)
    due_on = conversation.followup_due
    due = ui.days_phrase((due_on - today).days) if due_on else ""
    with st.container(border=True):
        c1, c2 = st.columns([5, 1], vertical_alignment="center")
        topics = f" · {', '.join(conversation.topics)}" if conversation.topics else ""
        c1.markdown(
            f"**{ui.escape(who)}** · :{tone}[due {due}]  \n"
            f"Met {ui.format_date(conversation.date)} ({ui.escape(conversation.event or conversation.setting.label)})"
            f"{ui.escape(topics)}"
        )
        c2.button(
            "Mark done",
            key=f"done_{conversation.id}",
            icon=":material/check:",
            type="primary",
            on_click=mark_done,
            args=(svc, conversation, who),
            width="stretch",
        )
        with st.expander("Draft a message"):
            person_id = conversation.person_ids[0]
            if len(conversation.person_ids) > 1:
                person_id = st.selectbox(
                    "To",
                    conversation.person_ids,
                    key=f"to_{conversation.id}",
                    format_func=lambda i: ui.people_names(snap.people, [i]),
                )
            kind = st.radio(
                "Kind",
                ["thank_you", "stay_in_touch"],
                horizontal=True,
                key=f"kind_{conversation.id}",
                format_func=lambda k: "Thank you" if k == "thank_you" else "Stay in touch",
            )
            st.caption("Copy it with the button in the corner, then make it yours.")
            st.code(ui.plain(svc.draft_message(person_id, conversation.id, kind)), language=None, wrap_lines=True)


followups = svc.followups()
if not (followups.overdue or followups.due_today or followups.upcoming):
    st.info("No follow-up is waiting. When you log a conversation, tick 'Follow-up needed' to see it here.")
if followups.overdue:
    st.subheader(f"Overdue ({len(followups.overdue)})", anchor=False)
    for conversation in followups.overdue:
        show(conversation, "red")
if followups.due_today:
    st.subheader(f"Due today ({len(followups.due_today)})", anchor=False)
    for conversation in followups.due_today:
        show(conversation, "orange")
if followups.upcoming:
    st.subheader(f"Coming up ({len(followups.upcoming)})", anchor=False)
    for conversation in followups.upcoming[:20]:
        show(conversation, "blue")

REFUSED = "followups_refused"
everyone = svc.loops()
st.subheader(f"Open loops ({len(everyone.open)})", anchor=False)
if not everyone.open:
    st.caption("No promise is open either way. Add one on a person's page, or confirm one spotted in your notes.")
for loop in everyone.open:
    loops.open_loop(svc, loop, snap.people, today, REFUSED, with_names=True)
if everyone.detected:
    st.subheader(f"Spotted in your notes ({len(everyone.detected)})", anchor=False)
    st.caption("Promises either way found in what you wrote lately. Confirm the real ones; dismiss the rest for good.")
    for signal in everyone.detected:
        loops.spotted(svc, signal, snap.people, today, REFUSED, with_names=True)
if everyone.recently_closed:
    with st.expander(f"Recently closed loops ({len(everyone.recently_closed)})"):
        for loop in everyone.recently_closed:
            loops.closed_loop(svc, loop, snap.people, REFUSED)

st.subheader("Keep in touch", anchor=False)
touch = [row for row in svc.keep_in_touch() if row.status is not TouchStatus.OK]
if not touch:
    st.caption("Everyone you keep in touch with has heard from you recently.")
else:
    st.caption("People whose usual check-in interval has come round. Logging any conversation with them resets it.")
    st.dataframe(
        ui.table(
            {
                "Name": row.name,
                "Status": row.status.label,
                "Last talked": row.last_date,
                "Every (days)": row.cadence_days,
                "Next check-in by": row.due_date,
            }
            for row in touch
        ),
        hide_index=True,
        width="stretch",
        column_config={
            "Last talked": st.column_config.DateColumn(format="D MMM YYYY"),
            "Next check-in by": st.column_config.DateColumn(format="D MMM YYYY"),
        },
    )

done = svc.followups_sent(limit=10)
if done:
    with st.expander(f"Recently sent ({len(done)})"):
        for conversation in done:
            c1, c2 = st.columns([5, 1], vertical_alignment="center")
            c1.markdown(
                f"{ui.escape(ui.people_names(snap.people, conversation.person_ids))} · "
                f"sent {ui.format_date(conversation.followup_done)}"
            )
            c2.button("Undo", key=f"undo_{conversation.id}", on_click=reopen, args=(svc, conversation))
