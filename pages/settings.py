"""Profile and defaults (internship dates, follow-up delay, usual setting), the calendar link, the email digest,
sharing, the account."""

import streamlit as st

from netcoach.models import Setting, ValidationError
from netcoach.web import access, calendar_link, session, ui
from netcoach.web.ask_help import ask_help_section
from netcoach.web.digest_settings import digest_section

member = session.guard()
svc = session.service()
profile = svc.profile()

st.title("Settings")
ui.show_flash()

settings = list(Setting)
with st.form("profile", enter_to_submit=False):
    name = st.text_input("Your name (shown on Home)", value=profile.display_name, max_chars=120)
    c1, c2 = st.columns(2)
    start = c1.date_input("Internship starts", value=profile.internship_start, format="YYYY-MM-DD")
    end = c2.date_input("Internship ends", value=profile.internship_end, format="YYYY-MM-DD")
    c1, c2 = st.columns(2)
    followup_days = c1.number_input(
        "Follow up after … days (default for new conversations)",
        min_value=0,
        max_value=60,
        value=profile.default_followup_days,
        step=1,
    )
    setting = c2.selectbox(
        "Usual setting", settings, index=settings.index(profile.default_setting), format_func=lambda s: s.label
    )
    submitted = st.form_submit_button("Save settings", type="primary", icon=":material/save:")
if submitted:
    try:
        svc.save_profile(
            {
                "display_name": name,
                "internship_start": start,
                "internship_end": end,
                "default_followup_days": followup_days,
                "default_setting": setting,
            }
        )
    except ValidationError as error:
        ui.show_problems(error)
    else:
        ui.flash("Settings saved.")
        st.rerun()

calendar_link.calendar_section(svc)
digest_section(svc, member)

team = access.team_view()
if team is not None:
    st.subheader("Sharing with your program coordinator", anchor=False)
    st.caption(
        "When on, the coordinator's cohort totals include your monthly numbers (conversations, new people, "
        "events, follow-through, goals met). Never names, organizations or notes. Off until you switch it on."
    )
    shares = st.toggle("Share my monthly totals", value=team.shares_totals)
    if shares != team.shares_totals:
        team.set_sharing(shares)
        ui.flash("Sharing switched " + ("on." if shares else "off."))
        st.rerun()

    ask_help_section(team)

    st.subheader("Delete my account", anchor=False)
    st.caption("Download your data first under Import and export if you want to keep it. This cannot be undone.")
    sure = st.checkbox("Yes, delete my account and every note in it")
    if st.button("Delete my account", disabled=not sure, icon=":material/delete_forever:"):
        team.delete_account()
        st.logout()
