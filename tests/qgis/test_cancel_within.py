"""A Processing run looks at cancel inside long steps of the core, not only between features.

Every algorithm runs under the run's cancel clock (``processing/base.py``):
deep below, parsing a long hours text looks at cancel on the way. The
feedback here cancels at its first look from inside the parser; a run that
looked only between features would finish the one feature and succeed.
"""

import traceback

import processing
import pytest
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsVectorLayer,
)


class CancelInParser(QgsProcessingFeedback):
    """Cancels when asked from inside the hours parser; notes how it was asked."""

    def __init__(self):
        super().__init__()
        self.asked_in_parser = 0

    def isCanceled(self):  # noqa: N802 (QGIS API)
        inside = any(
            frame.filename.endswith("hours_syntax.py") for frame in traceback.extract_stack()
        )
        self.asked_in_parser += inside
        return inside or super().isCanceled()


def long_hours(rules):
    days = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
    return ", ".join(
        "{} {:02d}:{:02d}-{:02d}:30".format(days[n % 7], n % 23, n % 30, n % 23)
        for n in range(rules)
    )


def test_checkhours_is_canceled_while_parsing_one_long_text():
    # Length 0: no limit (the memory provider refuses texts over 255 characters otherwise).
    layer = QgsVectorLayer("Point?crs=EPSG:3006&field=hours:string(0)", "places", "memory")
    feature = QgsFeature(layer.fields())
    feature.setGeometry(QgsGeometry.fromWkt("POINT(674000 6580000)"))
    # 20,000 rules, about 300 kB: a parse of a few tenths of a second.
    feature.setAttributes([long_hours(20000)])
    assert layer.dataProvider().addFeatures([feature])[0]
    feedback = CancelInParser()
    with pytest.raises(QgsProcessingException, match="canceled"):
        processing.run(
            "drogscen:checkhours",
            {"INPUT": layer, "FIELD": "hours", "OUTPUT": "memory:"},
            feedback=feedback,
        )
    assert feedback.asked_in_parser == 1
