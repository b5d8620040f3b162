"""Bar charts drawn on the server as SVG (templates/reports/bar_chart.svg), readable without JavaScript: each has a
title and a description for screen readers, and points to the table beside it that holds the same figures."""

from dataclasses import dataclass

from core.formatting import number

# GOV.UK blue and red: each has a contrast of at least 4.5:1 on white, more than the 3:1 graphics need.
SERIES_COLOURS = ["#1d70b8", "#d4351c"]
WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 8, 12, 48
GAP = 0.3  # of each group's width, between groups


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str


def bar_chart(*, title, description, table_id, series, groups, label_every=1):
    """A grouped bar chart: groups is a list of (label, values), a value for each of series (their names). A value
    that is not a number (a suppressed one) has no bar; with no bar at all there is no chart (None), only the table."""
    plotted = [value for _, values in groups for value in values if isinstance(value, int)]
    if not any(plotted):
        return None
    top = _nice_top(max(plotted, default=0))
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    group_width = plot_width / max(len(groups), 1)
    bar_width = group_width * (1 - GAP) / max(len(series), 1)
    bars, labels = [], []
    for index, (label, values) in enumerate(groups):
        left = LEFT + index * group_width + group_width * GAP / 2
        for position, value in enumerate(values):
            if not isinstance(value, int) or value == 0:
                continue
            height = plot_height * value / top
            bars.append(
                Bar(
                    x=round(left + position * bar_width, 1),
                    y=round(TOP + plot_height - height, 1),
                    width=round(bar_width - 1, 1),
                    height=round(height, 1),
                    colour=SERIES_COLOURS[position],
                    title=f"{label}, {series[position]}: {number(value)}",
                )
            )
        if index % label_every == 0:
            labels.append({"x": round(left + group_width * (1 - GAP) / 2, 1), "text": label})
    ticks = [
        {"y": round(TOP + plot_height - plot_height * step / 4, 1), "text": number(top * step // 4)}
        for step in range(5)
    ]
    return {
        "id": f"chart-{table_id}",
        "title": title,
        "description": description,
        "table_id": table_id,
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "baseline": TOP + plot_height,
        "label_y": TOP + plot_height + 18,
        "bars": bars,
        "labels": labels,
        "ticks": ticks,
        "legend": [{"name": name, "colour": SERIES_COLOURS[i]} for i, name in enumerate(series)],
    }


def _nice_top(largest):
    """The axis's top: the largest value rounded up to 1, 2 or 5 times a power of ten, at least 4 (a whole number
    each quarter)."""
    top = 4
    while top < largest:
        for factor in (2, 2.5, 2):
            top = int(top * factor)
            if top >= largest:
                break
    return top
