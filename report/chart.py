"""The landscape chart: response rate against grade ≥3 CRS (and ICANS), one point per cohort, as SVG."""

from __future__ import annotations

import io
import math
import re
from pathlib import PurePath

import matplotlib
from matplotlib import pyplot as plt

from .readout import EVENTS, Row

matplotlib.use("Agg")  # no display: draw to files only (pyplot picks its backend when first used)

LABEL_FONT = 7  # points
MAX_LABEL = 38  # characters
COLOURS = ("#3867d6", "#eb3b5a")
XML_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.S)


def landscape_svg(rows: list[Row]) -> str | None:
    """Two panels (CRS, ICANS) as an SVG element; None when no cohort has both figures for either."""
    panels = {event: _points(rows, event) for event in EVENTS}
    if not any(panels.values()):
        return None
    with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": "pressfacts", "font.size": 9}):
        figure, axes = plt.subplots(1, len(EVENTS), figsize=(11, 4.6), sharey=True, layout="constrained")
        for ax, (event, points), colour in zip(axes, panels.items(), COLOURS, strict=True):
            _draw_panel(ax, event, points, colour)
        axes[0].set_ylabel("main response rate (%)")
        figure.draw_without_rendering()  # settles the layout: labels are placed in its pixels
        for ax, points in zip(axes, panels.values(), strict=True):
            for x, y, label in _unhidden_labels(ax, points):
                ax.annotate(
                    label,
                    (x, y),
                    xytext=(4, 3),
                    textcoords="offset points",
                    fontsize=LABEL_FONT,
                    parse_math=False,
                )
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
        plt.close(figure)
    return XML_PROLOGUE.sub("", buffer.getvalue(), count=1)


def _points(rows: list[Row], event: str) -> list[tuple[float, float, float, str]]:
    """(grade ≥3 %, response %, patients treated, label) of each distinct cohort with both figures."""
    points = {
        (row.events[event][1].number, row.response.number, row.treated.number or 0.0, _label(row))
        for row in rows
        if row.events[event][1].number is not None and row.response.number is not None
    }
    return sorted(points, key=lambda p: (-p[2], p[3]))  # largest first: these get the labels


def _label(row: Row) -> str:
    """The first drug (else the trial, else the file) and the cohort, shortened."""
    name = row.drugs.split(", ")[0] or row.trial or PurePath(row.source).stem
    label = f"{name} · {row.cohort}" if row.cohort else name
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def _draw_panel(ax, event: str, points: list[tuple[float, float, float, str]], colour: str) -> None:
    ax.set_title(f"response rate vs grade ≥3 {event}")
    ax.set_xlabel(f"grade ≥3 {event} (% of patients)")
    ax.set_ylim(-5, 105)
    ax.grid(alpha=0.3)
    if not points:
        ax.text(0.5, 0.5, f"no cohort states both figures for {event}", ha="center", transform=ax.transAxes)
        return
    xs, ys, sizes, _ = zip(*points, strict=True)
    ax.scatter(xs, ys, s=[_area(n) for n in sizes], color=colour, alpha=0.55, edgecolors="white")
    ax.set_xlim(-2, max(10.0, max(xs) * 1.15))


def _unhidden_labels(ax, points: list[tuple[float, float, float, str]]) -> list[tuple[float, float, str]]:
    """Labels for the largest cohorts first, leaving out any that would cover one already placed."""
    placed: list[tuple[float, float, float, float]] = []  # label boxes in display pixels
    kept = []
    scale = ax.figure.dpi / 72  # points to pixels
    for x, y, _, label in points:
        left, bottom = ax.transData.transform((x, y)) + 3 * scale
        box = (left, bottom, left + 0.55 * LABEL_FONT * len(label) * scale, bottom + 1.3 * LABEL_FONT * scale)
        if not any(_overlap(box, other) for other in placed):
            placed.append(box)
            kept.append((x, y, label))
    return kept


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _area(patients: float) -> float:
    """Marker area in points²: grows with the square root of patients treated; unknown drawn small."""
    return 20 + 12 * math.sqrt(patients)
