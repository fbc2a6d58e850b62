"""DataFrame in, plotly Figure out. No Streamlit, no data access.

Month columns hold the first day of the month as a timestamp; the axes are
set to dates with a month format so Plotly never guesses "2026-01" is a
day or a category.
"""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from netcoach.member_text import for_plotly
from netcoach.models import GoalMetric, Role, Setting

ROLE_LABELS = {r.value: r.label for r in Role}
SETTING_LABELS = {s.value: s.label for s in Setting}
METRIC_LABELS = {m.value: m.label for m in GoalMetric}
COHORT_MEASURES = {
    "conversations": "Conversations",
    "new_people": "New people",
    "events_attended": "Events attended",
    "goals_met": "Goals met",
}
"""The cohort totals drawn as lines, with their names on the chart (our words, not a member's)."""
PALETTE = px.colors.qualitative.Safe


def _layout(fig: go.Figure, height: int = 320) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend_title_text="",
        colorway=PALETTE,
    )
    return fig


def member_labels(df: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """Columns of member text (organizations, names, events, topics, tags) made safe as Plotly labels.

    Plotly reads its labels as a small HTML dialect (`<b>`, `<br>`, `<a href>`)
    and `$...$` as TeX; every label that comes from what a member typed goes
    through here so it shows as typed, in axes, categories, legends and hovers.
    """
    return df.assign(**{column: df[column].map(for_plotly) for column in columns})


def month_axis(fig: go.Figure) -> go.Figure:
    fig.update_xaxes(type="date", tickformat="%b %Y", dtick="M1", title_text="")
    return fig


def _empty(title: str, message: str = "Nothing logged yet") -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, font={"size": 14, "color": "#888"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(title=title)
    return _layout(fig, 220)


def network_growth(df: pd.DataFrame) -> go.Figure:
    title = "Your network over time"
    if df.empty:
        return _empty(title)
    fig = px.area(
        df,
        x="month",
        y="total",
        title=title,
        labels={"total": "People met", "month": ""},
        markers=True,
        hover_data={"new_people": True},
    )
    return _layout(month_axis(fig))


def activity_calendar(df: pd.DataFrame) -> go.Figure:
    """A week-by-weekday heat map of conversations, like a contribution calendar."""
    title = "Conversations per day"
    if df.empty:
        return _empty(title)
    days = df.assign(
        week=df["date"] - pd.to_timedelta(df["date"].dt.day_of_week, unit="D"),
        weekday=df["date"].dt.day_name().str[:3],
    )
    grid = days.pivot_table(index="weekday", columns="week", values="conversations", aggfunc="sum")
    order = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    grid = grid.reindex(order)
    fig = go.Figure(
        go.Heatmap(
            z=grid.values,
            x=list(grid.columns),
            y=order,
            colorscale="Greens",
            xgap=3,
            ygap=3,
            hovertemplate="Week of %{x|%d %b}, %{y}: %{z} conversations<extra></extra>",
            showscale=False,
        )
    )
    fig.update_xaxes(type="date", tickformat="%d %b", title_text="")
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(title=title)
    return _layout(fig, 240)


def per_week_by_role(df: pd.DataFrame) -> go.Figure:
    title = "Conversations per week, by role"
    if df.empty:
        return _empty(title)
    data = df.assign(role=df["role"].map(ROLE_LABELS))
    fig = px.bar(
        data,
        x="week",
        y="conversations",
        color="role",
        title=title,
        labels={"week": "", "conversations": "Conversations"},
    )
    fig.update_xaxes(type="date", tickformat="%d %b %Y")
    return _layout(fig)


def new_vs_repeat(df: pd.DataFrame) -> go.Figure:
    title = "New people vs people you met again"
    if df.empty:
        return _empty(title)
    fig = px.bar(
        df,
        x="month",
        y="talks",
        color="kind",
        barmode="group",
        title=title,
        labels={"talks": "Talks", "kind": ""},
        color_discrete_map={"new": PALETTE[0], "repeat": PALETTE[1]},
    )
    return _layout(month_axis(fig))


def settings_mix(df: pd.DataFrame) -> go.Figure:
    title = "Where your conversations happen"
    if df.empty:
        return _empty(title)
    data = df.assign(setting=df["setting"].map(SETTING_LABELS))
    fig = px.pie(data, names="setting", values="conversations", hole=0.45, title=title)
    return _layout(fig)


def followthrough(df: pd.DataFrame) -> go.Figure:
    """Share followed up within two days (bars) and the median delay (line)."""
    title = "Follow-through by month"
    if df.empty:
        return _empty(title, "No follow-ups yet")
    months = pd.to_datetime(df["month"] + "-01")
    fig = go.Figure()
    fig.add_bar(x=months, y=df["share_on_time"] * 100, name="Followed up within 2 days (%)", marker_color=PALETTE[0])
    fig.add_scatter(
        x=months,
        y=df["median_delay_days"],
        name="Median delay (days)",
        yaxis="y2",
        mode="lines+markers",
        line={"color": PALETTE[1]},
    )
    fig.update_layout(
        title=title,
        yaxis={"title": "% on time", "range": [0, 100]},
        yaxis2={"title": "days", "overlaying": "y", "side": "right", "rangemode": "tozero"},
    )
    return _layout(month_axis(fig))


def quality_over_time(df: pd.DataFrame) -> go.Figure:
    title = "Conversation quality by month"
    if df.empty:
        return _empty(title)
    fig = px.line(
        df,
        x="month",
        y="quality",
        markers=True,
        title=title,
        labels={"quality": "Average quality (1-5)"},
        hover_data=["conversations"],
    )
    fig.update_yaxes(range=[1, 5.2])
    return _layout(month_axis(fig))


def organizations(df: pd.DataFrame) -> go.Figure:
    title = "Organizations reached"
    if df.empty:
        return _empty(title, "Add organizations to people to see this")
    fig = px.bar(
        member_labels(df, "organization").iloc[::-1],
        x="people",
        y="organization",
        orientation="h",
        title=title,
        labels={"people": "People met", "organization": ""},
        hover_data=["conversations"],
    )
    return _layout(fig, max(260, 28 * len(df) + 80))


def goal_history(df: pd.DataFrame) -> go.Figure:
    title = "Past months: done vs target"
    if df.empty:
        return _empty(title, "No goals set in past months")
    data = df.assign(metric=df["metric"].map(METRIC_LABELS), result=df["met"].map({True: "met", False: "missed"}))
    fig = px.bar(
        data,
        x="month",
        y="actual",
        color="metric",
        barmode="group",
        title=title,
        labels={"actual": "Done"},
        hover_data=["target", "result"],
        pattern_shape="result",
        pattern_shape_map={"met": "", "missed": "/"},
    )
    return _layout(month_axis(fig), 360)


def cohort_totals(totals: pd.DataFrame) -> go.Figure:
    """The coordinator's cohort totals by month: one line per measure, over the members who share."""
    title = "Cohort totals by month"
    if totals.empty:
        return _empty(title, "Nobody shares totals yet")
    long = totals.melt(id_vars="month", value_vars=list(COHORT_MEASURES), var_name="measure")
    long["measure"] = long["measure"].map(COHORT_MEASURES)
    fig = px.line(
        long,
        x="month",
        y="value",
        color="measure",
        markers=True,
        title=title,
        labels={"value": "Total", "measure": ""},
    )
    return _layout(month_axis(fig))
