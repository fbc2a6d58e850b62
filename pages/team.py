"""Team: the coordinator's roster (invite, revoke, remove, coordinators, domains), asks for help and the audit list."""

from collections.abc import Callable
from functools import partial

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from netcoach.models import ValidationError
from netcoach.web import access, ui

view = access.coordinator_view()
REFUSED_KEY = "_team_refused"


def on_row(where: str, change: Callable[[], object], done: str) -> None:
    """A row's button: runs on the row as it was shown when pressed; a refusal is shown in that row."""
    try:
        with ui.saving():  # a fault while writing is kept and shown in place of the confirmation
            change()
    except ValidationError as error:
        st.session_state[REFUSED_KEY] = (where, error)
    else:
        ui.flash(done)


def row_button(
    place: DeltaGenerator, label: str, key: str, icon: str, where: str, change: Callable[[], object], done: str
) -> None:
    """A row's one-click button: `change` on the row as shown, `done` confirmed, a refusal shown in row `where`."""
    place.button(label, key=key, icon=icon, on_click=on_row, args=(where, change, done))


def refusal(where: str) -> None:
    found = st.session_state.get(REFUSED_KEY)
    if found and found[0] == where:
        st.session_state.pop(REFUSED_KEY)
        ui.show_problems(found[1], "Nothing was changed:")


st.title("Team", anchor=False)
ui.show_flash()

# ---------------------------------------------------------------- asks for help
st.subheader("Asks for help", anchor=False)
asks = view.open_help()
if not asks:
    st.caption("No open asks. A member can ask you to contact them from their Settings; it shows up here.")
for ask in asks:
    with st.container(border=True, key=f"ask_{ask.id}"):
        text, act = ui.action_row(1)
        who = f"**{ui.escape(ask.name)}**" if ask.name else "A member"
        text.markdown(f"{who} · {ui.code(ask.email)} · asked {ask.sent:%d %b %Y, %H:%M}")
        text.markdown(ui.escape(ask.message) if ask.message else "_Please contact me._")
        row_button(
            act,
            "Mark handled",
            f"handled_{ask.id}",
            ":material/done:",
            f"ask_{ask.id}",
            partial(view.mark_handled, ask),
            f"Marked the ask of {ui.code(ask.email)} handled; they see that in their Settings.",
        )
        refusal(f"ask_{ask.id}")

# ---------------------------------------------------------------- invite
st.subheader("Invite", anchor=False)
one, several = st.tabs(["One address", "A list of addresses"])
with one, st.form("invite_one", enter_to_submit=True, clear_on_submit=False):
    address = st.text_input("Email address", placeholder="name@example.com", max_chars=254)
    if st.form_submit_button("Invite", type="primary", icon=":material/person_add:"):
        ui.submit(
            partial(view.invite, address),
            "Not invited:",
            lambda invited: f"Invited {ui.code(invited)}: they can sign in with that address now.",
        )

PREVIEW_KEY = "_team_invite_preview"
with several:
    st.caption(
        "A CSV file or pasted text with one address per row (the first column; a header row "
        "named email is skipped). You see every row checked before anything is saved."
    )
    with st.form("invite_list", enter_to_submit=False):
        upload = st.file_uploader("CSV file", type=["csv", "txt"])
        pasted = st.text_area("Or paste addresses", height=100, placeholder="ana@example.com\nben@example.com")
        checked = st.form_submit_button("Check the list", icon=":material/checklist:")
    if checked:
        raw = upload.getvalue().decode("utf-8", errors="replace") if upload is not None else pasted
        try:
            st.session_state[PREVIEW_KEY] = view.preview_invites(raw)
        except ValidationError as error:
            st.session_state.pop(PREVIEW_KEY, None)
            ui.show_problems(error, "Nothing was checked:")
    rows = st.session_state.get(PREVIEW_KEY)
    if rows is not None:
        fine = [r for r in rows if r.to_invite]
        problems = [r for r in rows if r.problem]
        if not rows:
            st.warning("The list holds no addresses.", icon=":material/warning:")
        if problems:
            lines = "\n".join(f"- Row {r.row}: {ui.code(r.text) if r.text else ''} {r.problem}" for r in problems)
            st.error(f"These rows will not be invited:\n{lines}", icon=":material/error:")
        st.dataframe(
            ui.table(
                {
                    "Row": r.row,
                    "Address": r.email or r.text,
                    "Result": r.problem or r.note or "will be invited",
                }
                for r in rows
            ),
            hide_index=True,
            width="stretch",
        )
        c1, c2 = st.columns(2)
        if c1.button(
            f"Invite {len(fine)} address{'es' if len(fine) != 1 else ''}",
            type="primary",
            disabled=not fine,
            icon=":material/group_add:",
        ):
            invited_now = view.invite_rows(rows)
            st.session_state.pop(PREVIEW_KEY, None)
            ui.flash(f"Invited {len(invited_now)} address{'es' if len(invited_now) != 1 else ''}.")
            st.rerun()
        if c2.button("Cancel", icon=":material/close:"):
            st.session_state.pop(PREVIEW_KEY, None)
            st.rerun()

# ---------------------------------------------------------------- who is on the team
st.subheader("Who is on the team", anchor=False)
roster = view.roster()
if not roster:
    st.caption("Nobody invited or signed up yet.")
for row in roster:
    with st.container(border=True, key=f"roster_{row.email}"):
        text, act = ui.action_row(1)
        name = f"**{ui.escape(row.name)}** · " if row.name else ""
        if row.removed is not None:
            when = f"removed on {row.removed.on:%d %b %Y} by {ui.code(row.removed.by)}"
        elif row.signed_up:
            when = f"signed up on {row.signed_up:%d %b %Y}"
        else:
            when = "not signed up yet"
        invited = (
            f" on {row.invitation.on:%d %b %Y} by {ui.code(row.invitation.by)}" if row.invitation is not None else ""
        )
        text.markdown(f"{name}{ui.code(row.email)}  \n{row.source}{invited} · {when}")
        if row.can_revoke:
            row_button(
                act,
                "Revoke",
                f"revoke_{row.email}",
                ":material/cancel:",
                f"roster_{row.email}",
                partial(view.revoke, row),
                f"Revoked the invitation of {ui.code(row.email)}.",
            )
        if row.can_remove:
            with act.popover("Remove", icon=":material/person_remove:"):
                st.write(
                    f"{ui.code(row.email)} will no longer be able to sign in as a member. "
                    "Their notes stay theirs: the file is kept, and they can still download it when they sign in."
                )
                st.button(
                    "Remove from the cohort",
                    key=f"remove_{row.email}",
                    type="primary",
                    on_click=on_row,
                    args=(
                        f"roster_{row.email}",
                        partial(view.remove_from_cohort, row),
                        f"Removed {ui.code(row.email)} from the cohort.",
                    ),
                )
        refusal(f"roster_{row.email}")

with st.expander("What happens when you remove someone", icon=":material/info:"):
    kept = (
        f"This netcoach keeps their file for {view.retention_days} days after the removal and tells them the "
        "date (by mail too, when the server sends mail, with a reminder a week before); then the daily "
        "retention run deletes it."
        if view.retention_days
        else "This netcoach keeps their file until they delete it themselves (no retention period is set)."
    )
    st.markdown(
        "They can no longer sign in as a member, and their totals leave the cohort's numbers. "
        "Their notes stay theirs: nobody else can read them, and when they sign in they see that they were "
        f"removed, can download everything, and can delete it at once. {kept} The server's operator "
        "sets the period as `retention_days` in the `[netcoach]` section of the secrets file. "
        "Inviting the same address again, before the file is deleted, lets them back in to the same notes."
    )

# ---------------------------------------------------------------- coordinators and domains
st.subheader("Coordinators", anchor=False)
for coordinator in view.coordinators():
    with st.container(border=True, key=f"coordinator_{coordinator.email}"):
        text, act = ui.action_row(1)
        origin = (
            f"added on {coordinator.added.on:%d %b %Y} by {ui.code(coordinator.added.by)}"
            if coordinator.added
            else "named in the server's secrets file"
        )
        you = " (you)" if coordinator.email == view.by else ""
        text.markdown(f"{ui.code(coordinator.email)}{you}  \n{origin}")
        if coordinator.can_remove and coordinator.email != view.by:
            row_button(
                act,
                "Take off",
                f"uncoordinate_{coordinator.email}",
                ":material/remove_moderator:",
                f"coordinator_{coordinator.email}",
                partial(view.remove_coordinator, coordinator),
                f"{ui.code(coordinator.email)} is no longer a coordinator.",
            )
        refusal(f"coordinator_{coordinator.email}")
with st.form("add_coordinator", enter_to_submit=True):
    new_coordinator = st.text_input("Coordinator's email address", placeholder="name@example.com", max_chars=254)
    st.caption("A coordinator sees the roster and cohort totals, never a member's notes.")
    if st.form_submit_button("Add coordinator", icon=":material/add_moderator:"):
        ui.submit(
            partial(view.add_coordinator, new_coordinator),
            "Not added:",
            lambda added: f"{ui.code(added)} is a coordinator now.",
        )

st.subheader("Allowed domains", anchor=False)
st.caption("Anyone whose verified address is at one of these domains may sign in as a member.")
for domain in view.domains():
    with st.container(border=True, key=f"domain_{domain.domain}"):
        text, act = ui.action_row(1)
        origin = (
            f"added on {domain.added.on:%d %b %Y} by {ui.code(domain.added.by)}"
            if domain.added
            else "set in the server's secrets file"
        )
        text.markdown(f"{ui.code(domain.domain)}  \n{origin}")
        if domain.can_remove:
            row_button(
                act,
                "Stop",
                f"disallow_{domain.domain}",
                ":material/block:",
                f"domain_{domain.domain}",
                partial(view.disallow_domain, domain),
                f"Addresses at {ui.code(domain.domain)} are no longer let in by their domain.",
            )
        refusal(f"domain_{domain.domain}")
with st.form("allow_domain", enter_to_submit=True):
    new_domain = st.text_input("Domain", placeholder="example.com", max_chars=253)
    if st.form_submit_button("Allow domain", icon=":material/domain_add:"):
        ui.submit(
            partial(view.allow_domain, new_domain),
            "Not allowed:",
            lambda allowed: f"Everyone at {ui.code(allowed)} may sign in now.",
        )

# ---------------------------------------------------------------- audit list
st.subheader("Changes to the roster", anchor=False)
audit = view.audit()
if not audit:
    st.caption("No changes yet. Every invitation, revocation, removal and coordinator or domain change is listed here.")
else:
    st.dataframe(
        ui.table({"When": f"{line.at:%Y-%m-%d %H:%M}", "What": line.what, "Who": line.by} for line in audit),
        hide_index=True,
        width="stretch",
        column_config={"When": st.column_config.TextColumn(width="small")},
    )
