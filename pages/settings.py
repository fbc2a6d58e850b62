"""Profile and defaults: internship dates, follow-up delay, usual setting."""

import streamlit as st

from netcoach import ui
from netcoach.models import Setting, ValidationError

ui.guard()
svc = ui.service()
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
