"""Export everything, import from a file with a preview first, restore a backup."""

import json

import streamlit as st

from netcoach.models import Role, ValidationError
from netcoach.service import NotFoundError
from netcoach.web import session, trash, ui
from netcoach.web.forms import as_shown

session.guard()
svc = session.service()

st.title("Import and export")
ui.show_flash()

stamp = svc.today.isoformat()
st.subheader("Export")
st.caption("Your data stays on this machine; an export is a copy you can keep or move.")
EXPORTS = [
    ("All data (JSON)", lambda: json.dumps(svc.export_json(), indent=2), f"netcoach-{stamp}.json", "application/json"),
    ("Conversations (CSV)", lambda: svc.export_csv("conversations"), f"netcoach-conversations-{stamp}.csv", "text/csv"),
    ("People (CSV)", lambda: svc.export_csv("people"), f"netcoach-people-{stamp}.csv", "text/csv"),
]
# The data is built only when a button is pressed, not on every rerun of the page.
for column, (label, build, file_name, mime) in zip(st.columns(len(EXPORTS)), EXPORTS, strict=True):
    column.download_button(
        label, data=build, file_name=file_name, mime=mime, icon=":material/download:", on_click="ignore"
    )

st.subheader("Import")
KINDS = {
    "contacts": "Contacts: LinkedIn, Google, Outlook or vCard",
    "conversations_csv": "Conversations (netcoach CSV)",
    "people_csv": "People (netcoach CSV)",
    "json": "Everything (netcoach JSON export, into an empty netcoach)",
}
FILE_TYPES = {"contacts": ["csv", "vcf", "txt"], "json": ["json"]}
ANSWERS = {"same": "Same person", "new": "New person"}
REST = {"out": "Leave those rows out", "same": "All the same person", "new": "All new people"}
QUESTIONS_SHOWN = 30  # a long list of namesakes is answered together below the first ones
ROLE_BY_LABEL = {role.label: role for role in Role}
kind: str = st.selectbox("What are you importing?", list(KINDS), format_func=lambda k: KINDS[k]) or "contacts"
upload_round = st.session_state.setdefault("upload_round", 0)
upload = st.file_uploader("File", type=FILE_TYPES.get(kind, ["csv"]), key=f"upload_{kind}_{upload_round}")
if upload is not None:
    try:
        plan = svc.preview_import(kind, upload.getvalue())
    except ValidationError as error:
        ui.show_problems(error, "This file cannot be imported:")
    else:
        # "Import now" writes the plan the person confirmed, not one rebuilt on the click's rerun.
        shown_plan = as_shown(f"import_{kind}_{upload_round}", plan)
        if plan.recognised:
            st.markdown(f"**Recognised:** {ui.escape(plan.recognised)}")
        st.markdown(f"**Preview:** {plan.summary()} Nothing is saved until you confirm.")
        if plan.errors:
            with st.expander(plan.problems_heading(), expanded=True, icon=":material/warning:"):
                st.dataframe(ui.table({"problem": e} for e in plan.errors), hide_index=True, width="stretch")
        if plan.warnings:
            with st.expander(f"{len(plan.warnings)} thing(s) to check", icon=":material/info:"):
                st.dataframe(ui.table({"note": w} for w in plan.warnings), hide_index=True, width="stretch")
        if plan.dropped:
            st.caption("Not kept (netcoach has no place for these columns): " + ui.escape(", ".join(plan.dropped)))
        answers: dict[int, bool] = {}
        if plan.questions:
            st.markdown("**Is this someone you already know?** Same name, but no link or email to tell.")
            for question in plan.questions[:QUESTIONS_SHOWN]:
                known = plan.based_on[question.known_id]
                here = ", ".join(filter(None, [question.person.organization, question.person.title])) or "no details"
                there = known.organization or "no organization"
                answer = st.radio(
                    f"Row {question.line}: {ui.escape(question.person.name)} ({ui.escape(here)}), "
                    f"or the {ui.escape(known.name)} you know ({ui.escape(there)})?",
                    list(ANSWERS),
                    format_func=ANSWERS.__getitem__,
                    index=None,
                    horizontal=True,
                    key=f"same_{upload_round}_{question.line}",
                )
                if answer is not None:
                    answers[question.line] = answer == "same"
            hidden = len(plan.questions) - QUESTIONS_SHOWN
            if hidden > 0:
                st.caption(f"… and {hidden} more like these, answered by the choice below.")
            if len(plan.questions) > 1:
                rest = st.radio(
                    "The questions not answered one by one:",
                    list(REST),
                    format_func=REST.__getitem__,
                    horizontal=True,
                    key=f"rest_{upload_round}",
                )
                if rest != "out":
                    for question in plan.questions:
                        answers.setdefault(question.line, rest == "same")
        candidates = plan.role_rows()
        roles: dict[int, Role] = {}
        if candidates:
            st.caption("Roles are a first guess from the job title; change any before you import.")
            asked = len(plan.new_people)
            table = ui.table(
                {
                    "name": p.name,
                    "role": p.role.label,
                    "added": "yes" if i < asked else "if new person",
                    "organization": p.organization,
                    "title": p.title,
                }
                for i, p in enumerate(candidates)
            )
            edited = st.data_editor(
                table,
                column_config={
                    "role": st.column_config.SelectboxColumn("role", options=list(ROLE_BY_LABEL), required=True),
                },
                disabled=["name", "organization", "title", "added"],
                hide_index=True,
                width="stretch",
                key=f"roles_{kind}_{upload_round}",
            )
            roles = {
                i: ROLE_BY_LABEL[label]
                for i, label in enumerate(edited["role"])
                if label in ROLE_BY_LABEL and ROLE_BY_LABEL[label] is not candidates[i].role
            }
        if plan.matched:
            st.caption(
                f"{len(plan.matched)} already known (only empty details are filled in): "
                + ui.escape(", ".join(name for _, _, name in plan.matched[:20]))
            )
        unanswered = len(plan.questions) - len(answers)
        if plan.nothing_to_do and not plan.questions:
            st.info("There is nothing new to import from this file.")
        else:
            if unanswered:
                st.caption(f"{unanswered} question(s) above not answered yet: those rows are left out until you do.")
            if st.button("Import now", type="primary", icon=":material/upload:"):
                try:
                    counts = svc.import_file(svc.decide_import(shown_plan, answers, roles), upload.name)
                except ValidationError as error:
                    ui.show_problems(error)
                else:
                    done = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items() if v)
                    ui.flash(f"Imported {done or 'nothing new'}.")
                    st.session_state["upload_round"] = upload_round + 1
                    st.rerun()

imports = svc.imports()
if imports:
    st.markdown("**Recent imports**")
    trash.show_done()  # what the last Undo did, where the person pressed it
    st.caption("Undo takes away what an import added and puts back what it filled in, unless you changed it since.")
    for entry in imports[:3]:
        trash.entry_card(svc, entry, "data_imports")
    if len(imports) > 3:
        st.page_link(trash.TRASH_PAGE, label=f"All {len(imports)} imports in the trash", icon=":material/delete:")
else:
    trash.show_done()

st.subheader("Backups")
backups = svc.backups()
if not backups:
    st.caption("A copy of your data is kept before the first change of each day; none yet.")
else:
    st.caption("A copy of your data is kept before the first change of each day (the last 7 days).")
    name = st.selectbox("Backup", [b.name for b in backups], format_func=ui.plain)
    confirm = st.checkbox(f"Yes, replace my current data with {ui.escape(name)} (the current data is backed up first)")
    if st.button("Restore", disabled=not confirm, icon=":material/restore:"):
        try:
            svc.restore_backup(name)
        except NotFoundError as error:
            ui.show_problems(error, "Not restored:")
        else:
            ui.flash(f"Restored {ui.escape(name)}.")
            st.rerun()

st.subheader("Start over")
st.caption(
    "Removes every person, conversation, event, goal and note, and empties the trash "
    "(a backup is kept first, listed above)."
)
erase = st.checkbox("Yes, remove all my data")
if st.button("Remove all my data", disabled=not erase, icon=":material/delete_forever:"):
    svc.erase_all()
    ui.flash("All your data was removed. A backup from just before is under Backups.")
    st.rerun()
