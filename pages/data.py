"""Export everything, import from a file with a preview first, restore a backup."""

import json

import streamlit as st

from netcoach.models import ValidationError
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
    "linkedin": "LinkedIn connections (Connections.csv)",
    "conversations_csv": "Conversations (netcoach CSV)",
    "people_csv": "People (netcoach CSV)",
    "json": "Everything (netcoach JSON export, into an empty netcoach)",
}
kind: str = st.selectbox("What are you importing?", list(KINDS), format_func=lambda k: KINDS[k]) or "linkedin"
upload_round = st.session_state.setdefault("upload_round", 0)
upload = st.file_uploader("File", type=["json"] if kind == "json" else ["csv"], key=f"upload_{kind}_{upload_round}")
if upload is not None:
    try:
        plan = svc.preview_import(kind, upload.getvalue())
    except ValidationError as error:
        ui.show_problems(error, "This file cannot be imported:")
    else:
        # "Import now" writes the plan the person confirmed, not one rebuilt on the click's rerun.
        shown_plan = as_shown(f"import_{kind}_{upload_round}", plan)
        st.markdown(f"**Preview:** {plan.summary()} Nothing is saved until you confirm.")
        if plan.errors:
            with st.expander(plan.problems_heading(), expanded=True, icon=":material/warning:"):
                st.dataframe(ui.table({"problem": e} for e in plan.errors), hide_index=True, width="stretch")
        if plan.new_people:
            st.dataframe(
                ui.table(
                    {"name": p.name, "role": p.role.label, "organization": p.organization} for p in plan.new_people
                ),
                hide_index=True,
                width="stretch",
            )
        if plan.matched:
            st.caption(
                f"{len(plan.matched)} already known (only empty details are filled in): "
                + ui.escape(", ".join(name for _, _, name in plan.matched[:20]))
            )
        if plan.nothing_to_do:
            st.info("There is nothing new to import from this file.")
        elif st.button("Import now", type="primary", icon=":material/upload:"):
            try:
                counts = svc.import_file(shown_plan, upload.name)
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
