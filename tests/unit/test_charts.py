"""Every chart reads well on a phone and matches the app: read off the figures' own settings.

A phone screen is about 360 px wide for a chart: legends must not sit on an
axis or the title, counts of people step by whole numbers, a colour scale
says what its colours mean, and the colours are the app's.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest

from netcoach.insights import charts, theme
from netcoach.models import GoalMetric, Role, Setting

REPO = Path(__file__).resolve().parents[2]
MONTHS = pd.to_datetime(["2026-09-01", "2026-10-01", "2026-11-01"])


def few_per_week() -> pd.DataFrame:
    weeks = pd.to_datetime(["2026-10-05", "2026-10-05", "2026-10-12"])
    roles = [Role.MENTOR.value, Role.COLLEAGUE.value, Role.MENTOR.value]
    return pd.DataFrame({"week": weeks, "role": roles, "conversations": [1, 2, 1]})


def few_new_vs_repeat() -> pd.DataFrame:
    return pd.DataFrame({"month": MONTHS[:2].repeat(2), "kind": ["new", "repeat"] * 2, "talks": [1, 2, 3, 1]})


def few_settings() -> pd.DataFrame:
    return pd.DataFrame({"setting": [Setting.COFFEE_CHAT.value, Setting.ONLINE.value], "conversations": [3, 1]})


def followthrough_frame() -> pd.DataFrame:
    """Median delays like 0.97 / 1.93 / 2.9 days are what used to come out as the right axis's ticks."""
    return pd.DataFrame(
        {
            "month": ["2026-09", "2026-10", "2026-11"],
            "needing": [3, 4, 2],
            "done": [3, 3, 2],
            "on_time": [1, 2, 2],
            "share_on_time": [1 / 3, 0.5, 1.0],
            "median_delay_days": [2.9, 1.93, 0.97],
        }
    )


def few_quality() -> pd.DataFrame:
    return pd.DataFrame({"month": MONTHS, "quality": [3.5, 4.0, 2.75], "conversations": [2, 3, 4]})


def few_organizations() -> pd.DataFrame:
    return pd.DataFrame({"organization": ["Quarry Labs", "Harborview Data"], "people": [2, 1], "conversations": [3, 1]})


def three_people_growth() -> pd.DataFrame:
    """Three people in three months: a y axis left alone steps 0.5 or 0.2 of a person here."""
    return pd.DataFrame({"month": MONTHS, "new_people": [1, 1, 1], "total": [1, 2, 3]})


def a_few_days() -> pd.DataFrame:
    dates = pd.date_range("2026-10-05", periods=10, freq="D")
    return pd.DataFrame({"date": dates, "conversations": [0, 1, 2, 0, 1, 0, 0, 3, 1, 0]})


def few_goals() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "month": MONTHS[:2].repeat(2),
            "metric": [GoalMetric.CONVERSATIONS.value, GoalMetric.NEW_PEOPLE.value] * 2,
            "target": [4, 2, 4, 2],
            "actual": [3, 2, 4, 1],
            "met": [False, True, True, False],
        }
    )


def small_cohort() -> pd.DataFrame:
    return pd.DataFrame(
        {"month": MONTHS, "conversations": [2, 3, 1], "new_people": [1, 2, 0], "events_attended": [0, 1, 1]}
    ).assign(goals_met=[0, 1, 2])


BUILDERS: dict[str, Callable[[], go.Figure]] = {
    "per week by role": lambda: charts.per_week_by_role(few_per_week()),
    "new vs repeat": lambda: charts.new_vs_repeat(few_new_vs_repeat()),
    "settings mix": lambda: charts.settings_mix(few_settings()),
    "follow-through": lambda: charts.followthrough(followthrough_frame()),
    "quality": lambda: charts.quality_over_time(few_quality()),
    "organizations": lambda: charts.organizations(few_organizations()),
    "network growth": lambda: charts.network_growth(three_people_growth()),
    "activity calendar": lambda: charts.activity_calendar(a_few_days()),
    "goal history": lambda: charts.goal_history(few_goals()),
    "cohort totals": lambda: charts.cohort_totals(small_cohort()),
    "empty": lambda: charts.network_growth(pd.DataFrame(columns=["month", "new_people", "total"])),
}
COUNT_AXES: dict[str, tuple[Callable[[], go.Figure], str]] = {
    "conversations per week": (BUILDERS["per week by role"], "yaxis"),
    "new vs repeat conversations": (BUILDERS["new vs repeat"], "yaxis"),
    "people met": (BUILDERS["network growth"], "yaxis"),
    "people per organization": (BUILDERS["organizations"], "xaxis"),
    "goal results": (BUILDERS["goal history"], "yaxis"),
    "cohort totals": (BUILDERS["cohort totals"], "yaxis"),
    "days to follow up": (BUILDERS["follow-through"], "yaxis2"),
}


def layout(fig: go.Figure) -> dict[str, Any]:
    return fig.to_dict()["layout"]


def config_theme(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text())["theme"]


# ------------------------------------------------------------- one theme
@pytest.mark.parametrize("name", list(BUILDERS))
def test_every_chart_is_drawn_with_the_apps_template(name: str) -> None:
    template = layout(BUILDERS[name]())["template"]["layout"]
    assert template["colorway"] == list(theme.PALETTE)
    assert template["font"]["family"] == theme.FONT_FAMILY
    assert template["xaxis"]["fixedrange"] and template["yaxis"]["fixedrange"]  # no zoom to get stuck in
    assert template["dragmode"] is False  # a finger on a chart scrolls the page


def test_the_streamlit_theme_and_the_chart_colours_are_one_set() -> None:
    wanted = theme.streamlit_theme()
    for path in (REPO / ".streamlit" / "config.toml", REPO / "deploy" / "config.toml"):
        configured = config_theme(path)
        assert {key: configured.get(key) for key in wanted} == wanted, path
    assert theme.PALETTE[0] == theme.PRIMARY
    assert len(theme.PALETTE) == len(theme.SEQUENTIAL) == 10  # Streamlit ignores any other number


def test_the_template_is_registered_once_under_its_own_name() -> None:
    import plotly.io as pio

    assert theme.register() == charts.TEMPLATE == "netcoach"
    assert pio.templates[charts.TEMPLATE].layout.colorway == tuple(theme.PALETTE)


def test_category_colours_come_from_the_palette() -> None:
    fig = BUILDERS["new vs repeat"]()
    assert [trace.marker.color for trace in fig.data] == [theme.PALETTE[0], theme.PALETTE[1]]
    assert [trace.name for trace in fig.data] == ["Someone new", "Someone met before"]
    roles = BUILDERS["per week by role"]()
    assert {trace.marker.color for trace in roles.data} <= set(theme.PALETTE)


# ------------------------------------------------------------ on a phone
def test_charts_are_shown_without_the_mode_bar() -> None:
    assert charts.CHART_CONFIG["displayModeBar"] is False


@pytest.mark.parametrize("name", [n for n in BUILDERS if n != "settings mix"])
def test_legends_sit_in_rows_under_the_title_and_above_the_plot(name: str) -> None:
    spec = layout(BUILDERS[name]())
    legend, title = spec["legend"], spec["title"]
    assert legend["orientation"] == "h"
    assert legend["yref"] == title["yref"] == "container"
    assert legend["yanchor"] == "top" and title["yanchor"] == "top"
    # The title's band is the top TITLE_SPACE pixels; the legend starts below it, so neither covers the other,
    # and a legend outside the plot area pushes the plot down instead of lying on an axis.
    height = spec["height"]
    assert legend["y"] == pytest.approx(1 - charts.TITLE_SPACE / height)
    assert title["y"] > legend["y"]
    assert spec["margin"]["t"] > charts.TITLE_SPACE


def test_the_doughnuts_legend_goes_under_it() -> None:
    spec = layout(BUILDERS["settings mix"]())
    assert spec["legend"]["orientation"] == "h"
    assert spec["legend"]["yref"] == "paper" and spec["legend"]["y"] < 0 and spec["legend"]["yanchor"] == "top"


@pytest.mark.parametrize("axis_of", list(COUNT_AXES))
def test_axes_that_count_step_by_whole_numbers(axis_of: str) -> None:
    build, axis = COUNT_AXES[axis_of]
    spec = layout(build())[axis]
    assert spec["tickformat"] == "d"
    assert spec["tickmode"] == "linear" and spec["tick0"] == 0
    assert isinstance(spec["dtick"], int) and spec["dtick"] >= 1


def test_three_people_are_counted_one_by_one() -> None:
    assert layout(BUILDERS["network growth"]())["yaxis"]["dtick"] == 1


def test_the_first_and_last_months_of_the_network_keep_their_labels() -> None:
    start, end = layout(BUILDERS["network growth"]())["xaxis"]["range"]
    assert pd.Timestamp(start) < MONTHS[0] and pd.Timestamp(end) > MONTHS[-1]


def test_the_follow_up_delay_axis_has_whole_days_and_no_grid_of_its_own() -> None:
    spec = layout(BUILDERS["follow-through"]())
    days = spec["yaxis2"]
    assert days["side"] == "right" and days["overlaying"] == "y"
    assert days["dtick"] == 1 and days["range"] == [0, 3]  # 0, 1, 2, 3 days: never 0.97 / 1.93 / 2.9
    assert days["showgrid"] is False
    assert spec["yaxis"]["range"] == [0, 100] and spec["yaxis"]["ticksuffix"] == "%"


def test_quality_is_read_on_the_one_to_five_scale_in_whole_steps() -> None:
    axis = layout(BUILDERS["quality"]())["yaxis"]
    assert axis["dtick"] == 1 and axis["tick0"] == 1
    assert axis["range"][0] < 1 and axis["range"][1] > 5


def test_the_activity_calendar_has_a_colour_key_with_a_title() -> None:
    fig = BUILDERS["activity calendar"]()
    heatmap = fig.to_dict()["data"][0]
    assert heatmap["showscale"] is True
    key = heatmap["colorbar"]
    assert key["title"]["text"] == "Conversations a day"
    assert key["tickformat"] == "d" and key["dtick"] == 1
    assert key["x"] >= 1 and key["xanchor"] == "left"  # beside the weeks, never on them
    assert key["title"]["side"] == "right"  # turned along the bar, so it costs the phone little width
    assert heatmap["zmin"] == 0 and heatmap["zmax"] == 3
    assert [colour for _, colour in heatmap["colorscale"]] == list(theme.SEQUENTIAL)


@pytest.mark.parametrize(
    ("peak", "step"), [(0, 1), (0.97, 1), (3, 1), (5, 1), (6, 2), (10, 2), (11, 5), (24, 5), (30, 10), (240, 50)]
)
def test_count_steps_are_whole_and_few(peak: float, step: int) -> None:
    assert charts.count_step(peak) == step


def test_goal_history_has_one_legend_entry_per_goal_and_says_what_stripes_mean() -> None:
    fig = BUILDERS["goal history"]()
    in_legend = [trace.name for trace in fig.data if trace.showlegend is not False]
    assert sorted(in_legend) == ["Conversations", "New people"]
    assert {trace.marker.pattern.shape for trace in fig.data} == {"", "/"}
    assert "striped" in charts.EXPLAIN["goals"]


def test_every_score_on_a_chart_is_explained_in_words() -> None:
    assert "1-5" in charts.EXPLAIN["quality"] and "rating" in charts.EXPLAIN["quality"]
    assert "two days" in charts.EXPLAIN["followthrough"] and "median" in charts.EXPLAIN["followthrough"]
    assert "darker" in charts.EXPLAIN["activity"]
