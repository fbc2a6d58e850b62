"""DataFrame in, plotly Figure out. No Streamlit, no data access.

Month columns hold the first day of the month as a timestamp; the axes are
set to dates with a month format so Plotly never guesses "2026-01" is a
day or a category.
"""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from netcoach.insights import theme
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
PALETTE = list(theme.PALETTE)
TEMPLATE = theme.register()
"""Every figure here is drawn with the app's template: its colours, font and axes."""

CHART_CONFIG: dict[str, object] = {"displayModeBar": False, "displaylogo": False, "scrollZoom": False}
"""Plotly's browser options for every chart.

No mode bar: on a touch screen Plotly shows it all the time, over the
chart's title; Streamlit's own element toolbar still offers full screen.
"""

EXPLAIN = {
    "quality": "Quality is your own 1-5 rating of how a conversation went, given when you logged it "
    "(3 is an ordinary chat). Each point is that month's average.",
    "followthrough": "Bars: of the conversations with a follow-up, the share you followed up within two days. "
    "Line: the typical (median) number of days you took.",
    "activity": "Each square is a day; the darker it is, the more conversations you logged that day.",
    "goals": "Each bar is what you did in a month; a striped bar is a goal you missed. Hover a bar for its target.",
    "network": "Everyone you have talked to at least once, counted from the month you first met.",
}
"""One line under a chart for each score it shows, in the member's terms."""

TITLE_SPACE = 40
"""Pixels at the top of every chart for its title: legends and colour keys start below them."""


def _below_title(height: int) -> float:
    return 1 - TITLE_SPACE / height


def _legend_above(height: int) -> dict[str, object]:
    """Legends sit in rows between the title and the plot, so they never cover an axis or the title and
    leave the full width to the plot on a phone."""
    return {
        "orientation": "h",
        "xref": "container",
        "x": 0,
        "xanchor": "left",
        "yref": "container",
        "y": _below_title(height),
        "yanchor": "top",
        "title_text": "",
    }


def _layout(fig: go.Figure, height: int = 320, *, legend_below: bool = False) -> go.Figure:
    legend = _legend_above(height)
    if legend_below:  # a chart without axes (the doughnut): the legend goes under it
        legend.update(xref="paper", yref="paper", y=-0.02)
    fig.update_layout(
        template=TEMPLATE,
        height=height,
        margin={"l": 10, "r": 10, "t": TITLE_SPACE + 12, "b": 10, "autoexpand": True},
        legend=legend,
        title={"yref": "container", "y": 1 - 8 / height, "yanchor": "top", "x": 0, "xref": "container"},
    )
    return fig


def count_step(maximum: float, ticks: int = 5) -> int:
    """A whole-number tick step (1, 2, 5, 10, 20, ...) giving at most about `ticks` steps up to `maximum`.

    Axes that count people or conversations never show 0.2 of a person.
    """
    wanted = max(float(maximum), 1.0) / ticks
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= wanted:
                return step * factor
        step *= 10


def count_axis(fig: go.Figure, maximum: float, axis: str = "y") -> go.Figure:
    """Whole-number ticks from zero for an axis of counts (`axis` is "x", "y" or "y2")."""
    settings = {
        "tickmode": "linear",
        "tick0": 0,
        "dtick": count_step(maximum),
        "tickformat": "d",
        "rangemode": "tozero",
    }
    if axis == "x":
        fig.update_xaxes(**settings)
    elif axis == "y":
        fig.update_yaxes(**settings)
    else:
        fig.update_layout({f"yaxis{axis[1:]}": settings})
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
    fig.add_annotation(text=message, showarrow=False, font={"size": 14, "color": theme.MUTED})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(title=title)
    return _layout(fig, 220)


def _peak(values: pd.Series) -> float:
    return float(values.max()) if len(values) else 0.0


def network_growth(df: pd.DataFrame) -> go.Figure:
    title = "Your network over time"
    if df.empty:
        return _empty(title)
    fig = px.area(
        df,
        x="month",
        y="total",
        title=title,
        labels={"total": "People met", "month": "", "new_people": "New that month"},
        markers=True,
        hover_data={"new_people": True},
        template=TEMPLATE,
    )
    # Half a month either side, so the first and last months keep their labels at the chart's edges.
    first, last = pd.to_datetime(df["month"]).agg(["min", "max"])
    fig.update_xaxes(range=[first - pd.Timedelta(days=15), last + pd.Timedelta(days=15)])
    return _layout(count_axis(month_axis(fig), _peak(df["total"])))


CALENDAR_HEIGHT = 280


def activity_calendar(df: pd.DataFrame) -> go.Figure:
    """A week-by-weekday heat map of conversations, like a contribution calendar, with its colour key."""
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
    peak = max(_peak(df["conversations"]), 1.0)
    fig = go.Figure(
        go.Heatmap(
            z=grid.values,
            x=list(grid.columns),
            y=order,
            colorscale=[[i / (len(theme.SEQUENTIAL) - 1), c] for i, c in enumerate(theme.SEQUENTIAL)],
            zmin=0,
            zmax=peak,
            xgap=3,
            ygap=3,
            hovertemplate="Week of %{x|%d %b}, %{y}: %{z} conversations<extra></extra>",
            showscale=True,
            colorbar={
                "title": {"text": "Conversations a day", "side": "right"},
                "orientation": "v",
                "thickness": 10,
                "len": 1,
                "x": 1,
                "xanchor": "left",
                "xpad": 8,
                "tickmode": "linear",
                "tick0": 0,
                "dtick": count_step(peak, ticks=4),
                "tickformat": "d",
                "outlinewidth": 0,
            },
        )
    )
    fig.update_xaxes(type="date", tickformat="%d %b", title_text="")
    fig.update_yaxes(autorange="reversed", showgrid=False)
    fig.update_layout(title=title)
    return _layout(fig, CALENDAR_HEIGHT)


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
        labels={"week": "", "conversations": "Conversations", "role": "Role"},
        template=TEMPLATE,
    )
    fig.update_xaxes(type="date", tickformat="%d %b %Y")
    return _layout(count_axis(fig, _peak(df.groupby("week")["conversations"].sum())), 360)


NEW_VS_REPEAT_LABELS = {"new": "Someone new", "repeat": "Someone met before"}


def new_vs_repeat(df: pd.DataFrame) -> go.Figure:
    title = "New people vs people you met again"
    if df.empty:
        return _empty(title)
    data = df.assign(kind=df["kind"].map(NEW_VS_REPEAT_LABELS).fillna(df["kind"]))
    fig = px.bar(
        data,
        x="month",
        y="talks",
        color="kind",
        barmode="group",
        title=title,
        labels={"talks": "Conversations", "kind": ""},
        color_discrete_map={NEW_VS_REPEAT_LABELS["new"]: PALETTE[0], NEW_VS_REPEAT_LABELS["repeat"]: PALETTE[1]},
        template=TEMPLATE,
    )
    return _layout(count_axis(month_axis(fig), _peak(df["talks"])))


def settings_mix(df: pd.DataFrame) -> go.Figure:
    title = "Where your conversations happen"
    if df.empty:
        return _empty(title)
    data = df.assign(setting=df["setting"].map(SETTING_LABELS))
    fig = px.pie(data, names="setting", values="conversations", hole=0.45, title=title, template=TEMPLATE)
    fig.update_traces(textposition="inside", texttemplate="%{percent:.0%}", sort=True)
    return _layout(fig, 380, legend_below=True)


def followthrough(df: pd.DataFrame) -> go.Figure:
    """Share followed up within two days (bars, left axis) and the median delay in whole days (line, right axis)."""
    title = "Follow-through by month"
    if df.empty:
        return _empty(title, "No follow-ups yet")
    months = pd.to_datetime(df["month"] + "-01")
    delay = df["median_delay_days"]
    fig = go.Figure()
    fig.add_bar(
        x=months,
        y=df["share_on_time"] * 100,
        name="Followed up within 2 days",
        marker_color=PALETTE[0],
        hovertemplate="%{x|%b %Y}: %{y:.0f}% within 2 days<extra></extra>",
    )
    fig.add_scatter(
        x=months,
        y=delay,
        name="Typical days to follow up",
        yaxis="y2",
        mode="lines+markers",
        line={"color": PALETTE[1], "width": 3},
        hovertemplate="%{x|%b %Y}: typically %{y:.1f} days<extra></extra>",
    )
    peak = max(_peak(delay.dropna()), 1.0)
    step = count_step(peak, ticks=4)
    fig.update_layout(
        title=title,
        yaxis={"title": {"text": "% on time"}, "range": [0, 100], "dtick": 25, "ticksuffix": "%"},
        yaxis2={
            "title": {"text": "days"},
            "overlaying": "y",
            "side": "right",
            "range": [0, step * -(-peak // step)],
            "tickmode": "linear",
            "tick0": 0,
            "dtick": step,
            "tickformat": "d",
            "showgrid": False,
            "fixedrange": True,
            "automargin": True,
        },
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
        labels={"quality": "Average quality (1-5)", "conversations": "Conversations"},
        hover_data={"conversations": True, "quality": ":.1f"},
        template=TEMPLATE,
    )
    fig.update_yaxes(range=[0.8, 5.2], tickmode="linear", tick0=1, dtick=1, tickformat="d")
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
        labels={"people": "People met", "organization": "", "conversations": "Conversations"},
        hover_data=["conversations"],
        template=TEMPLATE,
    )
    fig.update_xaxes(showgrid=True)
    fig.update_yaxes(showgrid=False)
    return _layout(count_axis(fig, _peak(df["people"]), axis="x"), max(260, 28 * len(df) + 100))


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
        labels={"actual": "Done", "metric": "Goal", "target": "Target", "result": "Result"},
        hover_data=["target", "result"],
        pattern_shape="result",
        pattern_shape_map={"met": "", "missed": "/"},
        template=TEMPLATE,
    )
    # One legend entry per goal in its colour; the stripes of a missed month are said in words under the chart.
    shown: set[str] = set()
    for trace in sorted(fig.data, key=lambda t: t.name.endswith("missed")):
        goal = trace.name.rsplit(", ", 1)[0]
        trace.update(name=goal, legendgroup=goal, showlegend=goal not in shown)
        shown.add(goal)
    return _layout(count_axis(month_axis(fig), _peak(df["actual"])), 380)


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
        template=TEMPLATE,
    )
    return _layout(count_axis(month_axis(fig), _peak(long["value"])))


def cohort_health(buckets: pd.DataFrame) -> go.Figure:
    """How many sharing members are in each health bucket (columns: bucket, members); small ones come merged."""
    title = "Cohort health"
    if buckets.empty:
        return _empty(title, "Shown once at least 5 members share")
    fig = px.bar(
        buckets,
        x="members",
        y="bucket",
        orientation="h",
        title=title,
        text="members",
        labels={"members": "Members", "bucket": ""},
        template=TEMPLATE,
        color="bucket",
        color_discrete_sequence=PALETTE,
    )
    fig.update_layout(showlegend=False)
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(buckets["bucket"])))
    return _layout(count_axis(fig, _peak(buckets["members"]), axis="x"), 60 + 60 * len(buckets) + TITLE_SPACE)
