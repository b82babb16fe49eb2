"""Render drogscen.svg to the 64x64 icon.png that metadata.txt names.

Run with the system Python that has PyQGIS: /usr/bin/python3 resources/icons/render_icon.py
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.PyQt.QtCore import Qt  # noqa: E402
from qgis.PyQt.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from qgis.PyQt.QtSvg import QSvgRenderer  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SIZE = 64


def main():
    app = QGuiApplication([])  # noqa: F841 (QPainter needs a GUI application)
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(os.path.join(HERE, "drogscen.svg")).render(painter)
    painter.end()
    if not image.save(os.path.join(HERE, "icon.png")):
        raise SystemExit("could not write icon.png")


if __name__ == "__main__":
    main()
