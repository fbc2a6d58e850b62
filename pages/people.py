"""Everyone you have met: search, filter, open a person, their open loops, prepare, edit, merge duplicates."""

from functools import partial

import streamlit as st

from netcoach.coach.relationships import STRENGTH_EXPLAINED
from netcoach.models import Person, Role, ValidationError, saved_id
from netcoach.service import MemberService, NotFoundError
from netcoach.web import loops, prep, session, trash, ui
from netcoach.web.forms import as_shown, person_form

session.guard()
svc = session.service()
snap = svc.snapshot()
today = svc.today

st.title("People")
ui.show_flash()
trash.show_undo(svc, "people")

with st.expander("Add a person", icon=":material/person_add:", expanded=not snap.people):
    add_round = st.session_state.setdefault("add_person_round", 0)
    entered = person_form(f"add_person_{add_round}", submit_label="Add person")
    if entered is not None:
        try:
            person = svc.add_person(entered)
        except ValidationError as error:
            ui.show_problems(error)
        else:
            ui.flash(f"Added {ui.escape(person.name)}.")
            st.session_state["add_person_round"] = add_round + 1
            st.rerun()

if not snap.people:
    st.info("Nobody here yet. Log a conversation or import your LinkedIn connections to fill this list.")
    st.stop()

pipeline = svc.mentor_pipeline()
if pipeline:
    with st.expander(f"Mentor pipeline ({len(pipeline)})", icon=":material/school:"):
        st.caption("From a first chat to a mentor: where each candidate stands and the next step.")
        for candidate in pipeline:
            label = f"**{ui.escape(candidate.name)}** · {candidate.stage.label}"
            st.progress(candidate.step / 5, text=f"{label} · next: {ui.escape(candidate.next_step, isolate=False)}")

c1, c2 = st.columns([2, 3])
needle = c1.text_input("Search", placeholder="Name, organization, tag…")
roles = c2.multiselect("Roles", list(Role), format_func=lambda r: r.label, placeholder="All roles")
table = svc.people_overview(text=needle, roles=roles)
with st.container(horizontal=True, vertical_alignment="center"):
    st.caption(f"{len(table)} of {len(snap.people)} people. Select a row to open that person.")
    st.popover("What is Strength?", icon=":material/help:", type="tertiary").markdown(STRENGTH_EXPLAINED)

WIDE = {
    "name": st.column_config.TextColumn("Name", width=150, pinned=True),
    "strength": st.column_config.ProgressColumn(
        "Strength", min_value=0, max_value=100, format="%d", width=90, help=STRENGTH_EXPLAINED
    ),
    "role": st.column_config.TextColumn("Role", width=110),
    "organization": st.column_config.TextColumn("Organization", width=170),
    "last_talk": st.column_config.DateColumn("Last conversation", format="D MMM YYYY", width=125),
    "conversations": st.column_config.NumberColumn("Talks", width=60, help="Conversations you logged with them"),
    "keep_in_touch": st.column_config.TextColumn("Keep in touch", width=150),
}
NARROW = {
    "name": st.column_config.TextColumn("Name", width=112, pinned=True),
    "strength": st.column_config.ProgressColumn(
        "Strength", min_value=0, max_value=100, format="%d", width=72, help=STRENGTH_EXPLAINED
    ),
    "keep_in_touch": st.column_config.TextColumn("Keep in touch", width=136),
}
shown_rows = ui.table(table.drop(columns=["id"]))
wide, narrow = ui.by_width("people_tables", ui.table_width(WIDE, selectable=True))
picked_rows: list[int] = []
for place, columns, key in ((wide, WIDE, "people_table"), (narrow, NARROW, "people_table_narrow")):
    selection = place.dataframe(
        shown_rows,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=key,
        column_order=list(columns),
        column_config=columns,
    )
    picked_rows = picked_rows or (selection.selection.rows if selection else [])
rows = picked_rows
if rows:
    picked = str(int(table.iloc[rows[0]]["id"]))
    if st.query_params.get("person") != picked:
        st.query_params.pop("tab", None)  # a tab asked for by a link belongs to the person it named
    st.query_params["person"] = picked
try:
    person_id = int(st.query_params.get("person", ""))
    person = svc.person(person_id)
except (ValueError, NotFoundError):
    st.stop()
shown_person = as_shown(f"person_{person.id}", person)


@st.dialog("Delete person?", on_dismiss=partial(ui.close_dialog, "delete_person"))
def delete_dialog(service: MemberService, person: Person) -> None:
    solo, shared = service.delete_impact(saved_id(person))
    only_theirs = [loop for loop in service.snapshot().loops if loop.is_open and loop.person_ids == (person.id,)]
    loops_gone = f", {len(only_theirs)} open loop(s) with them" if only_theirs else ""
    st.write(
        f"This removes **{ui.escape(person.name)}**, {solo} conversation(s) only with them{loops_gone}, "
        f"and their name from {shared} group conversation(s)."
    )
    st.caption("It all goes to the trash for 30 days: Undo or Restore there gives it back as it was.")
    if st.button("Move to trash", type="primary", icon=":material/delete:"):
        try:
            trashed = service.delete_person(saved_id(person), expected=person)
        except (ValidationError, NotFoundError) as error:
            ui.show_problems(error)
            return
        ui.close_dialog("delete_person")
        st.query_params.pop("person", None)
        trash.offer_undo("people", trashed)
        st.rerun()


st.divider()
st.header(ui.escape(person.name), anchor=False)
details = [
    person.role.label,
    ui.plain(person.title),
    ui.plain(person.organization),
    person.how_met and f"met: {ui.plain(person.how_met)}",
    person.birthday and f"birthday: {ui.plain(person.birthday.removeprefix('--'))}",
]
st.markdown(ui.escape(" · ".join(d for d in details if d)))
addresses = [person.email, *person.other_emails, *person.phones, *person.links]
if any(addresses):
    st.caption(" · ".join(ui.code(address) for address in addresses if address))
if (waiting := svc.followup_card(saved_id(person))) is not None:
    st.page_link(
        "pages/followups.py",
        label=f"Follow-up waiting, due {ui.days_phrase((waiting.due - today).days)}",
        icon=":material/forward_to_inbox:",
    )

REFUSED = "people_refused"
loops.show_refused(REFUSED)
theirs = svc.loops_for(saved_id(person))
if theirs.open:
    st.subheader(f"Open loops ({len(theirs.open)})", anchor=False)
    for loop in theirs.open:
        loops.open_loop(svc, loop, snap.people, today, REFUSED)
if theirs.detected:
    st.subheader("Spotted in your notes", anchor=False)
    st.caption("Promises either way found in what you wrote. Confirm the real ones; dismiss the rest for good.")
    for signal in theirs.detected:
        loops.spotted(svc, signal, snap.people, today, REFUSED)
with st.expander("Add a promise", icon=":material/add_task:"):
    loop_round = st.session_state.setdefault(f"add_loop_round_{person.id}", 0)
    entered_loop = loops.loop_form(f"add_loop_{person.id}_{loop_round}", saved_id(person), today)
    if entered_loop is not None:
        try:
            added = svc.add_loop(entered_loop)
        except (ValidationError, NotFoundError) as error:
            ui.show_problems(error)
        else:
            ui.flash(f"Added to your open loops: {ui.escape(added.what, isolate=False)}.")
            st.session_state[f"add_loop_round_{person.id}"] = loop_round + 1
            st.rerun()

history = svc.conversations(person_id=person.id)
# The coach's "prepare" advice links here with ?person=<id>&tab=prepare.
wanted_tab = "Prepare" if st.query_params.get("tab") == "prepare" else None
tab_history, tab_prepare, tab_edit, tab_merge = st.tabs(
    [f"History ({len(history)})", "Prepare", "Edit", "Merge duplicates"], default=wanted_tab
)
with tab_history:
    if not history:
        st.caption("No conversations with this person yet.")
    else:
        st.caption("Quality is your own rating of how each conversation went, 1 to 5, given when you logged it.")
    for conversation in history:
        with st.container(border=True):
            st.markdown(
                f"**{ui.escape(ui.conversation_label(conversation, snap.people))}** · quality {conversation.quality}/5"
            )
            for label, text in (
                ("Learned", conversation.learned),
                ("Help offered", conversation.help_offered),
                ("Notes", conversation.notes),
            ):
                if text:
                    st.markdown(f"*{label}:* {ui.escape(text)}")
            if conversation.topics:
                st.caption("Topics: " + ui.escape(", ".join(conversation.topics)))
with tab_prepare:
    prep.person_card(svc.prep_card(saved_id(person)))
with tab_edit:
    changes = person_form(f"edit_person_{person.id}", initial=person, submit_label="Save changes")
    if changes is not None:
        try:
            svc.update_person(saved_id(person), changes, expected=shown_person)
        except (ValidationError, NotFoundError) as error:
            ui.show_problems(error)
        else:
            ui.flash(f"Saved {ui.escape(changes['name'])}.")
            st.rerun()
    if st.button("Delete this person", icon=":material/delete:"):
        ui.open_dialog("delete_person", person.id)
    if ui.dialog_target("delete_person") == person.id:
        delete_dialog(svc, shown_person)
with tab_merge:
    st.caption(f"Fold duplicate entries into {ui.escape(person.name)}: their conversations and details move here.")
    others = [p for p in snap.people if p.id != person.id]
    shown_others = as_shown(f"merge_{person.id}", {p.id: p for p in others})
    chosen = st.multiselect(
        "Duplicates of this person",
        [saved_id(p) for p in others],
        format_func=lambda i: next(
            f"{ui.plain(p.name)} ({ui.plain(p.organization) or p.role.label})" for p in others if p.id == i
        ),
    )
    if st.button("Merge", disabled=not chosen, icon=":material/merge:"):
        try:
            merged = svc.merge_people(
                saved_id(person),
                chosen,
                expected=shown_person,
                expected_others=[shown_others[i] for i in chosen if i in shown_others],
            )
        except (ValidationError, NotFoundError) as error:
            ui.show_problems(error)
        else:
            ui.flash(f"Merged {len(chosen)} duplicate(s) into {ui.escape(merged.name)}.")
            st.rerun()
