"""Rendering helpers shared by app.py and the pages: member text, faults, confirmations, dialogs, labels.

Member text reaches Streamlit only through `escape`, `code` and `plain`, so
markdown, links and direction marks a member typed never take effect; saves
go through `saving()`, so a fault is a message where the person acted.
Who the run acts for lives in `netcoach.web.session`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from netcoach import member_text
from netcoach.insights.charts import CHART_CONFIG
from netcoach.models import Conversation, Person, ValidationError, as_seen
from netcoach.service import MemberService
from netcoach.storage import StoreError, waiting_notice

T = TypeVar("T")

_FLASH_KEY = "_netcoach_flash"
_FAULT_KEY = "_netcoach_fault"


def fault_message(error: BaseException) -> str:
    """What happened, in words, and that nothing was saved.

    The store's own errors already say this; any other operating-system error
    (disk full, permission denied, read-only file system) gets a generic line
    naming the cause.
    """
    if isinstance(error, StoreError):
        return str(error)
    cause = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return f"Could not write your data ({cause}); nothing was saved."


def show_fault(error: BaseException) -> None:
    st.error(escape(fault_message(error), isolate=False), icon=":material/report:")


def _show_waiting(message: str) -> None:
    st.toast(escape(message, isolate=False), icon=":material/hourglass_top:")


def _in_widget_callback() -> bool:
    """True while Streamlit runs on_click/on_change callbacks, before the page script starts."""
    ctx = get_script_run_ctx()
    return ctx is not None and not ctx.has_script_started


@contextlib.contextmanager
def saving() -> Iterator[None]:
    """Around anything that reads or writes the member's data: faults become a message, never a traceback.

    In the page script the message is shown where the person acted (inside a
    dialog if that is where they pressed the button) and the run stops there,
    so the form above keeps what they typed for a retry. In a widget callback,
    which runs before the page is drawn, the message is kept and shown by
    `show_flash()` in place of the confirmation. A save that has to wait for
    the file lock says so in a toast.
    """
    token = waiting_notice.set(_show_waiting)
    try:
        yield
    except (StoreError, OSError) as error:
        if get_script_run_ctx() is None:
            raise  # not drawing a page (a deferred download, say): nowhere to show it
        if _in_widget_callback():
            st.session_state[_FAULT_KEY] = fault_message(error)
            st.session_state.pop(_FLASH_KEY, None)
            return
        show_fault(error)
        st.stop()
    finally:
        waiting_notice.reset(token)


def show_problems(
    error: Exception, heading: str = "Nothing was saved:", *, labels: Mapping[str, str] | None = None
) -> None:
    """Show every problem at once, each naming its field as the form labels it; typed values quoted stay inert.

    Call it right after the form's submit button, so the message is next to
    where the person pressed it. `labels` are the form's own words for fields
    the shared table (`netcoach.models.errors.FIELD_LABELS`) names differently.
    """
    if isinstance(error, ValidationError):
        lines = "\n".join(f"- {escape(p, isolate=False)}" for p in error.as_seen(labels))
        st.error(f"{heading}\n{lines}", icon=":material/error:")
    else:
        st.error(f"{heading} {escape(as_seen(str(error), labels), isolate=False)}", icon=":material/error:")


def submit(change: Callable[[], T], heading: str, done: Callable[[T], str]) -> None:
    """A form's submit in one step: on success its confirmation shows after a fresh run, else its problems here.

    `heading` leads the problems ("Not invited:"); `done` words the confirmation from what `change` returned.
    """
    try:
        result = change()
    except ValidationError as error:
        show_problems(error, heading)
    else:
        flash(done(result))
        st.rerun()


def flash(message: str) -> None:
    """A confirmation that survives the rerun that follows a save (markdown: escape member text in it).

    A save that failed earlier in the same widget callback leaves its message
    instead, so a failed save never reads as done.
    """
    if _FAULT_KEY not in st.session_state:
        st.session_state[_FLASH_KEY] = message


def show_flash() -> None:
    fault = st.session_state.pop(_FAULT_KEY, None)
    message = st.session_state.pop(_FLASH_KEY, None)
    if fault:
        st.error(escape(fault, isolate=False), icon=":material/report:")
    elif message:
        st.success(message, icon=":material/check_circle:")


# Dialogs are opened through session state rather than straight from a button
# click: the dialog then survives full reruns (and AppTest, which has no
# dialog-only reruns), and closing it clears the state.
def open_dialog(name: str, target: object) -> None:
    st.session_state[f"_dialog_{name}"] = target


def dialog_target(name: str) -> Any:
    return st.session_state.get(f"_dialog_{name}")


def close_dialog(name: str) -> None:
    st.session_state.pop(f"_dialog_{name}", None)


def team_events(view: Any, svc: MemberService, limit: int = 5) -> None:
    """Upcoming team events with 'going' / 'attended' buttons that copy them to the member's own events."""
    upcoming = view.upcoming_events()[:limit]
    if not upcoming:
        return
    mine = {e.shared_id: e for e in svc.events() if e.shared_id is not None}
    st.subheader("Team events", anchor=False)
    for event in upcoming:
        with st.container(border=True):
            c1, c2, c3 = action_row(2)
            where = f" · {escape(event.place)}" if event.place else ""
            c1.markdown(f"**{escape(event.name)}**  \n{event.date:%a %d %b %Y}{where}")
            own = mine.get(event.id)
            if own is None and c2.button("Going", key=f"going_{event.id}", icon=":material/event_available:"):
                svc.track_shared_event(event, attended=False)
                flash(f"Added {escape(event.name)} to your events.")
                st.rerun()
            if own is not None:
                c2.caption("Going" if not own.attended else "Attended")
            if not (own and own.attended) and c3.button("Attended", key=f"attended_shared_{event.id}"):
                svc.track_shared_event(event, attended=True)
                flash(f"Marked {escape(event.name)} as attended.")
                st.rerun()


def people_names(people: Sequence[Person], ids: Sequence[int]) -> str:
    # Each name is isolated on its own, so a right-to-left name cannot reorder the ones after it.
    by_id = {p.id: p.name for p in people}
    return ", ".join(plain(by_id.get(i, "(removed)")) for i in ids)


def conversation_label(conversation: Conversation, people: Sequence[Person]) -> str:
    where = plain(conversation.event) or conversation.setting.label
    return f"{conversation.date:%d %b %Y} · {people_names(people, conversation.person_ids)} · {where}"


def escape(text: str, *, isolate: bool = True) -> str:
    """Member text for anything Streamlit renders as markdown; see `netcoach.member_text`.

    `isolate=False` for our own sentences that quote member text (nudges, problems, faults).
    """
    return member_text.for_markdown(text, isolate=isolate)


def code(text: str) -> str:
    """An address or link a member typed, as inline code in markdown: literal, never a link, copied as typed."""
    return member_text.for_code_span(text)


def plain(text: str) -> str:
    """Member text for plain-text labels (select box options, code blocks): direction fixed only."""
    return member_text.for_plain(text)


def format_date(value: dt.date | None) -> str:
    return value.strftime("%d %b %Y") if value else ""


def days_phrase(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 0 else f"{-days} days ago"


def table(rows: pd.DataFrame | Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Rows for st.dataframe with member text made safe for a cell (no direction overrides)."""
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
    return frame.map(lambda value: member_text.for_cell(value) if isinstance(value, str) else value)


def chart(figure: go.Figure, *, where: DeltaGenerator | None = None, caption: str = "") -> None:
    """A chart from `netcoach.insights.charts` at the width of its column, without Plotly's mode bar.

    `caption` (markdown, our own words) says under the chart what its score means.
    """
    place = st.container() if where is None else where.container()
    place.plotly_chart(figure, width="stretch", config=CHART_CONFIG)
    if caption:
        place.caption(caption)


def by_width(key: str, wide_from: int) -> tuple[DeltaGenerator, DeltaGenerator]:
    """Two places for one table: the first shown where at least `wide_from` pixels are free, the second otherwise.

    Streamlit does not tell the script how wide the screen is, so both are
    drawn and a CSS container query on the space they share hides one: a
    phone, a narrow column or a window with the sidebar open gets the short
    table instead of one whose columns run off the edge. `key` names them.
    """
    st.html(
        f"<style>.st-key-{key} {{ container-type: inline-size; }}"
        f"@container (max-width: {wide_from - 1}px) {{ .st-key-{key}_wide {{ display: none; }} }}"
        f"@container (min-width: {wide_from}px) {{ .st-key-{key}_narrow {{ display: none; }} }}</style>"
    )
    both = st.container(key=key)
    return both.container(key=f"{key}_wide"), both.container(key=f"{key}_narrow")


def table_width(column_config: Mapping[str, Any], *, selectable: bool = False) -> int:
    """The pixels a table needs for its columns at their configured widths (plus the row-picking boxes)."""
    widths = (column.get("width") for column in column_config.values() if isinstance(column, Mapping))
    return sum(width for width in widths if isinstance(width, int)) + (SELECTION_COLUMN_PX if selectable else 0) + 2


SELECTION_COLUMN_PX = 32
"""The column of check boxes a table with row selection draws before its own columns."""


def action_row(actions: int) -> tuple[DeltaGenerator, ...]:
    """A line of text with buttons (or a check box) at its end: the text's place, then one place per action.

    The buttons take the width their labels need and the text takes the
    rest, so a label is never cut to "De…" however narrow the column; on a
    phone the buttons wrap under the text. Every action's place is the same
    row, filled left to right in the order the page draws them.
    """
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    text = row.container(width="stretch")
    buttons = row.container(horizontal=True, vertical_alignment="center", gap="small", width="content")
    return (text, *([buttons] * actions))
