"""Pulse: the coordinator posts a short check-in and reads how many answered, as counts only, from five answers."""

import datetime as dt
from functools import partial

import streamlit as st

from netcoach.team.pulse import CHOICE, KINDS, MAX_QUESTIONS, MIN_ANSWERS, SCALE
from netcoach.web import access, ui

view = access.coordinator_view()
today = view.today()

st.title("Pulse", anchor=False)
ui.show_flash()
st.caption(
    "A short check-in interns answer on their Home page in a tap. You see how many answered and, "
    f"after it closes with at least {MIN_ANSWERS} answers, how many picked each answer: never who answered "
    "or what anyone picked."
)


def question_fields(number: int) -> dict[str, object]:
    text = st.text_input(f"Question {number}", max_chars=200, key=f"pulse_q{number}")
    kind = st.radio(
        f"Answers to question {number}",
        list(KINDS),
        format_func=KINDS.__getitem__,
        horizontal=True,
        key=f"pulse_kind{number}",
    )
    options = st.text_area(
        f"Options for question {number}",
        height=90,
        placeholder="Yes\nNot yet",
        help="For a choice: two to five options, one per line. A 1-5 scale needs none.",
        key=f"pulse_options{number}",
    )
    return {"text": text, "kind": kind or SCALE, "options": options if kind == CHOICE else ""}


st.subheader("Post a check-in", anchor=False)
with st.form("post_pulse", enter_to_submit=False):
    questions = [question_fields(1)]
    with st.expander("A second or third question (optional)"):
        questions += [question_fields(n) for n in range(2, MAX_QUESTIONS + 1)]
    opens_col, closes_col = st.columns(2)
    opens = opens_col.date_input("Opens on", value=today, min_value=today, format="YYYY-MM-DD", key="pulse_opens")
    closes = closes_col.date_input(
        "Closes on", value=today + dt.timedelta(days=6), min_value=today, format="YYYY-MM-DD", key="pulse_closes"
    )
    if st.form_submit_button("Post the check-in", type="primary", icon=":material/campaign:"):
        ui.submit(
            partial(view.post_pulse, {"questions": questions, "opens": opens, "closes": closes}),
            "Not posted:",
            lambda posted: f"Posted: interns see it on their Home page {posted.dates}.",
        )

st.subheader("Check-ins", anchor=False)
results = view.pulse_results()
if not results:
    st.caption("None posted yet.")
for result in results:
    pulse = result.pulse
    if pulse.is_open(today):
        state = f"open until {pulse.closes:%d %b %Y}"
    elif today < pulse.opens:
        state = f"opens on {pulse.opens:%d %b %Y}"
    else:
        state = f"closed on {pulse.closes:%d %b %Y}"
    with st.container(border=True, key=f"pulse_{pulse.id}"):
        st.markdown(f"**{pulse.dates}** · {state} · {result.summary}")
        for index, question in enumerate(pulse.questions):
            st.markdown(ui.escape(question.text))
            if result.counts is None:
                continue
            # Bars with their counts written out: nothing to download, nothing cut off on a phone.
            for option, count in result.counts[index]:
                st.progress(count / result.answered, text=f"{ui.escape(option)} · {count} of {result.answered}")
        if result.counts is None:
            st.caption(
                f"Counts show after the pulse closes, once {MIN_ANSWERS} interns answered: counts that move "
                "while answers come in, or come from fewer people, could point at one person.",
            )
