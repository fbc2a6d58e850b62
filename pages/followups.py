"""Follow-ups: one card per person, most urgent first, done / snoozed / moved / dropped in one click with undo."""

import streamlit as st

from netcoach.coach import TouchStatus
from netcoach.models import Conversation, ValidationError, saved_id
from netcoach.service import MemberService, NotFoundError
from netcoach.web import followups as followup_web
from netcoach.web import loops, session, ui

CARDS_AT_ONCE = 15

session.guard()
svc = session.service()
snap = svc.snapshot()
today = svc.today

st.title("Follow-ups")
ui.show_flash()
if (refused := st.session_state.pop("followups_refused", None)) is not None:
    ui.show_problems(refused)


def reopen(service: MemberService, conversation: Conversation) -> None:
    try:
        service.reopen_followup(saved_id(conversation), expected=conversation)
    except (ValidationError, NotFoundError) as error:
        st.session_state["followups_refused"] = error


cards = svc.followup_cards()
if not cards:
    st.info("No follow-up is waiting. When you log a conversation, tick 'Follow-up needed' to see it here.")
# The most urgent first, a screenful at a time: a long backlog is not drawn (or sent to a phone) in one go.
shown_key = "followups_shown"
limit = max(st.session_state.get(shown_key, CARDS_AT_ONCE), CARDS_AT_ONCE)
drawn = followup_web.card_list(svc, cards, snap.people, today, "followups", limit=limit)
if drawn < len(cards):
    st.caption(f"Showing the {drawn} most urgent of {len(cards)} people with a follow-up waiting.")
    st.button(
        f"Show {min(CARDS_AT_ONCE, len(cards) - drawn)} more",
        key="followups_more",
        icon=":material/expand_more:",
        on_click=lambda: st.session_state.update({shown_key: limit + CARDS_AT_ONCE}),
    )

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

TOUCH_WIDE = {
    "Name": st.column_config.TextColumn(width=180),
    "Status": st.column_config.TextColumn(width=90),
    "Last talked": st.column_config.DateColumn(format="D MMM YYYY", width=120),
    "Every (days)": st.column_config.NumberColumn(width=100),
    "Next check-in by": st.column_config.DateColumn(format="D MMM YYYY", width=140),
}
TOUCH_NARROW = {
    "Name": st.column_config.TextColumn(width=140),
    "Status": st.column_config.TextColumn(width=80),
    "Next check-in by": st.column_config.DateColumn("By", format="D MMM", width=80),
}

st.subheader("Keep in touch", anchor=False)
touch = [row for row in svc.keep_in_touch() if row.status is not TouchStatus.OK]
if not touch:
    st.caption("Everyone you keep in touch with has heard from you recently.")
else:
    st.caption("People whose usual check-in interval has come round. Logging any conversation with them resets it.")
    touch_rows = ui.table(
        {
            "Name": row.name,
            "Status": row.status.label,
            "Last talked": row.last_date,
            "Every (days)": row.cadence_days,
            "Next check-in by": row.due_date,
        }
        for row in touch
    )
    # On a phone the short table keeps who, how late and by when; the rest needs a wider screen.
    wide, narrow = ui.by_width("touch_tables", ui.table_width(TOUCH_WIDE))
    for place, columns in ((wide, TOUCH_WIDE), (narrow, TOUCH_NARROW)):
        place.dataframe(touch_rows, hide_index=True, width="stretch", column_order=list(columns), column_config=columns)

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

# The same reminders in the member's own calendar, where a follow-up due on Thursday should show up.
st.download_button(
    "Add to my calendar (.ics)",
    data=svc.calendar_file(),
    file_name="netcoach-reminders.ics",
    mime="text/calendar",
    icon=":material/calendar_add_on:",
    help="Follow-ups, check-ins, your events, the end of the internship and goal days, as one file any calendar "
    "app opens. Import it again later: items update instead of doubling.",
)
