"""The command line's summary table: the affected schools of a run, worst first."""

from qgis.core import NULL

from .definitions.conflicts import conflict_label, conflict_rank
from .i18n import tr


def _hours(minutes):
    return "{:.1f}".format((minutes or 0) / 60)


def _text(value):
    return "" if value is None or value == NULL else str(value)


def summary_table(summary):
    """The affected schools of a summary layer as lines of text, worst first."""
    rows = []
    total = 0
    for feature in summary.getFeatures():
        total += 1
        if not feature["scene_count"]:
            continue
        rows.append(
            (
                conflict_rank(feature["worst_conflict"]),
                -(feature["concurrent_min"] or 0),
                -(feature["afterhours_min"] or 0),
                _text(feature["school_name"]),
                _text(feature["school_type"]),
                str(feature["scene_count"]),
                conflict_label(_text(feature["worst_conflict"])),
                _hours(feature["concurrent_min"]),
                _hours(feature["afterhours_min"]),
            )
        )
    if not rows:
        return [
            tr("None of the {total} schools has a scene within the distance.").format(total=total)
        ]
    rows.sort()
    header = (
        tr("School"),
        tr("Type"),
        tr("Scenes"),
        tr("Worst conflict"),
        tr("Concurrent h/week"),
        tr("After-hours h/week"),
    )
    cells = [header] + [row[3:] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    right = (False, False, True, False, True, True)

    def line(row):
        parts = [
            cell.rjust(width) if align else cell.ljust(width)
            for cell, width, align in zip(row, widths, right)
        ]
        return "  ".join(parts).rstrip()

    lines = [
        tr("{affected} of {total} schools have a scene within the distance.").format(
            affected=len(rows), total=total
        ),
        "",
    ]
    lines.append(line(header))
    lines.append("  ".join("-" * width for width in widths))
    lines.extend(line(row) for row in cells[1:])
    return lines
