"""One look for the app and its charts: colours, font and the Plotly template every figure uses.

`.streamlit/config.toml` (and `deploy/config.toml`, its copy for a hosted
instance) sets the same colours in its `[theme]` section, so Streamlit's own
widgets, its chart theme and these figures agree; a unit test holds the
files and this module together.
"""

from __future__ import annotations

from typing import Final

import plotly.graph_objects as go
import plotly.io as pio

PRIMARY: Final = "#2f6f5e"
"""The app's accent colour (buttons, links, progress bars) and the first colour of every chart."""
TEXT: Final = "#1f2a27"
BACKGROUND: Final = "#ffffff"
SECONDARY_BACKGROUND: Final = "#f1f5f3"
GRID: Final = "#e3e9e6"
MUTED: Final = "#6b7773"
FONT: Final = "sans-serif"
"""Streamlit's `theme.font`: its own sans-serif face, which the charts use too."""
FONT_FAMILY: Final = '"Source Sans", "Source Sans Pro", sans-serif'

PALETTE: Final = (
    PRIMARY,
    "#d9962b",  # amber
    "#4a78a8",  # blue
    "#c2573d",  # brick
    "#8667ad",  # violet
    "#7f913a",  # olive
    "#3b9cb0",  # teal blue
    "#b0607c",  # rose
    "#6f6f6f",  # grey
    "#9cc7b4",  # pale green
)
"""Colours for categories (roles, settings, goal metrics), in the order they are handed out."""

SEQUENTIAL: Final = (
    "#eef6f2",
    "#d4e9df",
    "#b8dacb",
    "#9bcab6",
    "#7fb9a1",
    "#64a78c",
    "#4d9479",
    "#3c8068",
    PRIMARY,
    "#225246",
)
"""Light to dark in the accent's hue, for amounts (the activity calendar)."""

TEMPLATE: Final = "netcoach"


def _template() -> go.layout.Template:
    axis = {
        "gridcolor": GRID,
        "linecolor": GRID,
        "zerolinecolor": GRID,
        "tickfont": {"color": MUTED},
        "title": {"font": {"color": MUTED}},
        "automargin": True,
        # No mode bar to reset a zoom with, and a finger dragging across a chart
        # on a phone should scroll the page, so the axes do not zoom or pan.
        "fixedrange": True,
    }
    return go.layout.Template(
        layout={
            "colorway": list(PALETTE),
            "colorscale": {"sequential": list(SEQUENTIAL), "sequentialminus": list(SEQUENTIAL)},
            "font": {"family": FONT_FAMILY, "color": TEXT, "size": 13},
            "title": {"font": {"size": 16, "color": TEXT}, "x": 0, "xanchor": "left"},
            "paper_bgcolor": BACKGROUND,
            "plot_bgcolor": BACKGROUND,
            "hoverlabel": {"font": {"family": FONT_FAMILY}},
            "xaxis": {**axis, "showgrid": False},
            "yaxis": {**axis, "showgrid": True},
            "dragmode": False,
        },
    )


def register() -> str:
    """Register the template with Plotly (once per process) and return its name for `template=`."""
    if TEMPLATE not in pio.templates:
        pio.templates[TEMPLATE] = _template()
    return TEMPLATE


def streamlit_theme() -> dict[str, object]:
    """The `[theme]` options of the Streamlit configuration that match these colours."""
    return {
        "primaryColor": PRIMARY,
        "backgroundColor": BACKGROUND,
        "secondaryBackgroundColor": SECONDARY_BACKGROUND,
        "textColor": TEXT,
        "font": FONT,
        "chartCategoricalColors": list(PALETTE),
        "chartSequentialColors": list(SEQUENTIAL),
    }
