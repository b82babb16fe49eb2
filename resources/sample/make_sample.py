"""Write the fictional Stockholm sample data set, drogscen_sample.gpkg.

Run with the system Python that has PyQGIS:

    /usr/bin/python3 resources/sample/make_sample.py [OUTPUT.gpkg]

Everything is fictional: places, names, hours and history are invented, only
the coordinate range (SWEREF 99 TM around Stockholm) is real. The output is
the same on every run (fixed seed, fixed dates).
"""

import math
import os
import random
import sqlite3
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
# A fixed order of the attributes in the saved style's XML.
os.environ["QT_HASH_SEED"] = "0"
# Fixed timestamps in the GeoPackage tables, so reruns write the same file.
TIMESTAMP = "2025-01-01T00:00:00.000Z"
os.environ["OGR_CURRENT_DATE"] = TIMESTAMP

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsField,
    QgsFillSymbol,
    QgsGeometry,
    QgsLayerMetadata,
    QgsPalLayerSettings,
    QgsPointXY,
    QgsProject,
    QgsSingleSymbolRenderer,
    QgsTextFormat,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import QDate  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

from drogscen_plugin.qgis_io.compat import FieldType  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUTPUT = os.path.join(HERE, "drogscen_sample.gpkg")
CRS = "EPSG:3006"
SEED = 20250212
XMIN, XMAX, YMIN, YMAX = 670000, 680000, 6575000, 6585000

FICTIONAL = (
    "Fictional sample data for the Drogscen QGIS plugin: all places, names, "
    "hours and dates are invented. Fiktiva exempeldata, inga verkliga platser."
)

# name, centre, active hours (None = not known), status, first seen, closed on, source, notes
SCENES = [
    (
        "Torgets tunnelbaneuppgång",
        (672300, 6578200),
        "Mo-Su 22:00-04:00",
        "active",
        (2021, 3, 15),
        None,
        "Polisens lägesbild",
        "Nattlig försäljning vid uppgången.",
    ),
    (
        "Parkeringshuset vid Ekdalsvägen",
        (674800, 6581300),
        "Mo-Fr 18:00-23:00",
        "active",
        (2022, 9, 1),
        None,
        "Socialtjänstens fältgrupp",
        "Kvällstid, mest vardagar.",
    ),
    (
        "Strandpromenaden",
        (677600, 6576900),
        "Fr-Sa 21:00-03:00",
        "active",
        (2023, 5, 20),
        None,
        "Trygghetsvandring",
        "Helgnätter sommartid.",
    ),
    (
        "Gångtunneln vid Lönnbacken",
        (671400, 6583200),
        "Mo-Fr 14:00-17:00",
        "active",
        (2024, 8, 19),
        None,
        "Skolans rapport",
        "Aktiv på eftermiddagen intill skolgården.",
    ),
    (
        "Bakgården vid Kvarngatan",
        (675900, 6579000),
        None,
        "active",
        (2025, 1, 10),
        None,
        "Medborgardialog",
        "Tiderna är inte kartlagda ännu.",
    ),
    (
        "Busstorget Norrby",
        (678700, 6583900),
        "Må-Fr 22-03",
        "active",
        (2023, 11, 2),
        None,
        "Trygghetsvandring",
        "Tider enligt fältgruppens anteckningar.",
    ),
    (
        "Skogsdungen bakom idrottsplatsen",
        (673600, 6576200),
        "Mo-Th 20:00-01:00; Fr-Sa 20:00-04:00",
        "closed",
        (2019, 6, 1),
        (2022, 10, 31),
        "Polisens lägesbild",
        "Upphörde efter ny belysning.",
    ),
    (
        "Lekparken vid Sjövik",
        (679200, 6578600),
        "Sa-Su 12:00-18:00",
        "closed",
        (2020, 4, 12),
        (2023, 3, 15),
        "Medborgardialog",
        "Dagtid på helger.",
    ),
    (
        "Pendeltågsstationens norra entré",
        (676500, 6584400),
        "Mo-Su 06:00-09:00",
        "active",
        (2024, 2, 5),
        None,
        "Socialtjänstens fältgrupp",
        "Morgonaktivitet när eleverna kommer.",
    ),
    (
        "Gallerians lastkaj",
        (672800, 6580700),
        "24/7",
        "closed",
        (2020, 1, 20),
        (2024, 6, 30),
        "Polisens lägesbild",
        "Dygnet runt fram till stängningen.",
    ),
    (
        "Kanalslänten",
        (670900, 6576100),
        "Mo-Fr 15:00-19:00, Sa 22:00-26:00",
        "active",
        (2025, 3, 3),
        None,
        "Skolans rapport",
        "Ny plats, tider preliminära.",
    ),
    (
        "Viaduktens underfart",
        (678100, 6581100),
        "Th-Sa 23:00-05:00",
        "closed",
        (2021, 8, 8),
        (2024, 11, 30),
        "Trygghetsvandring",
        "Flyttade efter avspärrning.",
    ),
]

# A scene that existed only in July 2026, beside a compulsory school (closed in the
# summer break) and far from every preschool (open then): it meets no open school.
# Its shape has a seed of its own, so the other scenes and the schools stay as they are.
JULY_SCENE = (
    "Badplatsens parkering",
    (675115, 6576860),
    "Mo-Su 12:00-22:00",
    "closed",
    (2026, 7, 1),
    (2026, 8, 1),
    "Trygghetsvandring",
    "Bara i juli, under sommarlovet.",
)

# kind, first day, last day, name: the EXAMPLE school year 2026/27 of the README
# (core/school_calendar.py), not any municipality's real dates.
SCHOOL_CALENDAR = [
    ("term", (2026, 8, 17), (2026, 12, 18), "Höstterminen (HT 2026)"),
    ("term", (2027, 1, 8), (2027, 6, 11), "Vårterminen (VT 2027)"),
    ("holiday", (2026, 10, 26), (2026, 10, 30), "Höstlov (vecka 44)"),
    ("holiday", (2026, 12, 21), (2027, 1, 7), "Jullov"),
    ("holiday", (2027, 3, 1), (2027, 3, 5), "Sportlov (vecka 9)"),
    ("holiday", (2027, 3, 29), (2027, 4, 2), "Påsklov"),
]
EXAMPLE_NOTE = "EXEMPEL – ersätt med kommunens egna datum / EXAMPLE – replace with your own dates"

PRESCHOOLS = [
    "Förskolan " + n
    for n in (
        "Vitsippan",
        "Blåklinten",
        "Rönnbäret",
        "Hasselnöten",
        "Lärkan",
        "Ekorren",
        "Myrstacken",
        "Trollsländan",
        "Kotten",
        "Solrosen",
        "Snäckan",
        "Humlan",
        "Tussilago",
        "Kastanjen",
        "Pärlan",
        "Regnbågen",
        "Stjärnan",
        "Fjärilen",
        "Ugglan",
        "Igelkotten",
        "Nyckelpigan",
        "Skogsbrynet",
        "Äppelgården",
        "Mossan",
        "Linnean",
        "Lingonet",
        "Klövern",
        "Bäcken",
        "Vindsnurran",
        "Gläntan",
        "Ankdammen",
        "Björnbäret",
        "Tranan",
        "Sländan",
    )
]
SCHOOLS = [
    "Ekdalsskolan",
    "Lönnbacksskolan",
    "Tallåsskolan",
    "Granhöjdsskolan",
    "Sjövikskolan",
    "Björkängsskolan",
    "Almdalsskolan",
    "Ängsbacksskolan",
    "Kvarnbacksskolan",
    "Stenhagsskolan",
    "Ljungskolan",
    "Sandvikskolan",
    "Klippanskolan",
    "Bergsäterskolan",
    "Lindängsskolan",
    "Solbacksskolan",
    "Vallmoskolan",
    "Åsbyskolan",
    "Norrbyskolan",
    "Söderdalsskolan",
    "Hamnviksskolan",
    "Mälarbacksskolan",
    "Österåsskolan",
]
UPPER_SECONDARY = [
    "Ekdals gymnasium",
    "Norrby gymnasium",
    "Österås gymnasium",
    "Västerholms gymnasium",
    "Tekniska gymnasiet Söderdal",
    "Estetiska gymnasiet Norrby",
    "Hamnens gymnasium",
    "Kvarnens gymnasium",
    "Sjöviks gymnasium",
]

# A few schools state their own hours; the others get the defaults by type.
EXPLICIT_HOURS = {
    "Förskolan Vitsippan": "Mo-Fr 06:00-18:00",
    "Förskolan Ugglan": "Mo-Fr 06:30-18:30; Fr 06:30-17:00",
    "Förskolan Gläntan": "Må-Fr 6-18",
    "Lönnbacksskolan": "Mo-Fr 07:00-17:30",
    "Ljungskolan": "Mo-Fr 07:30-17:00",
    "Ekdals gymnasium": "Mo-Fr 08:00-16:30",
    "Tekniska gymnasiet Söderdal": "Mo-Th 08:00-17:00; Fr 08:00-15:00",
}

# name, corner points (a ring, closed by the writer)
DISTRICTS = [
    (
        "Västerholm",
        [(XMIN, YMIN), (675000, YMIN), (675400, 6578000), (674800, 6580000), (XMIN, 6580000)],
    ),
    (
        "Söderdal",
        [(675000, YMIN), (XMAX, YMIN), (XMAX, 6579600), (674800, 6580000), (675400, 6578000)],
    ),
    (
        "Norrby",
        [(XMIN, 6580000), (674800, 6580000), (675200, 6582500), (674900, YMAX), (XMIN, YMAX)],
    ),
    (
        "Österås",
        [(674800, 6580000), (XMAX, 6579600), (XMAX, YMAX), (674900, YMAX), (675200, 6582500)],
    ),
]

POINT_SCHOOLS = 52
GROUND_SCHOOLS = 14


def blob(rng, centre, radius_min, radius_max, corners):
    """A star-shaped (hence valid) polygon around centre."""
    cx, cy = centre
    step = 2 * math.pi / corners
    ring = []
    for i in range(corners):
        angle = i * step + rng.uniform(-0.3, 0.3) * step
        radius = rng.uniform(radius_min, radius_max)
        ring.append(
            (round(cx + radius * math.cos(angle), 1), round(cy + radius * math.sin(angle), 1))
        )
    return ring


def rectangle(centre, width, height, angle):
    cx, cy = centre
    c, s = math.cos(angle), math.sin(angle)
    ring = []
    for dx, dy in (
        (-width / 2, -height / 2),
        (width / 2, -height / 2),
        (width / 2, height / 2),
        (-width / 2, height / 2),
    ):
        ring.append((round(cx + dx * c - dy * s, 1), round(cy + dx * s + dy * c, 1)))
    return ring


def around(rng, centre, distance_min, distance_max):
    angle = rng.uniform(0, 2 * math.pi)
    distance = rng.uniform(distance_min, distance_max)
    return (
        round(centre[0] + distance * math.cos(angle), 1),
        round(centre[1] + distance * math.sin(angle), 1),
    )


def polygon(ring):
    return QgsGeometry.fromPolygonXY([[QgsPointXY(x, y) for x, y in ring + ring[:1]]])


def school_places(rng, scenes):
    """Centres of the point schools and of the school grounds.

    About a third lie near a scene (some within the default 300 m, some just
    beyond), the rest are spread over the area.
    """
    grounds = []
    points = []
    # A school ground right next to the afternoon scene: the case the city worries about.
    afternoon = scenes[3][1]
    grounds.append((afternoon[0] + 190, afternoon[1] + 20))
    points.append((afternoon[0] - 150, afternoon[1] - 90))
    for index, (_, centre, *_rest) in enumerate(scenes):
        if index == 3:
            continue
        points.append(around(rng, centre, 120, 280))
        points.append(around(rng, centre, 300, 500))
        if index in (0, 5, 8):
            grounds.append(around(rng, centre, 150, 260))

    def far_enough(candidate, taken, spacing):
        return all(math.hypot(candidate[0] - x, candidate[1] - y) >= spacing for x, y in taken)

    while len(points) < POINT_SCHOOLS or len(grounds) < GROUND_SCHOOLS:
        candidate = (
            round(rng.uniform(XMIN + 300, XMAX - 300), 1),
            round(rng.uniform(YMIN + 300, YMAX - 300), 1),
        )
        if not far_enough(candidate, points + grounds, 250):
            continue
        if len(grounds) < GROUND_SCHOOLS and rng.random() < 0.3:
            grounds.append(candidate)
        elif len(points) < POINT_SCHOOLS:
            points.append(candidate)
    return points, grounds


def school_names(rng, count):
    kinds = (
        [(name, "förskola") for name in PRESCHOOLS]
        + [(name, "grundskola") for name in SCHOOLS]
        + [(name, "gymnasieskola") for name in UPPER_SECONDARY]
    )
    assert count <= len(kinds)
    rng.shuffle(kinds)
    return kinds[:count]


def date(parts):
    return QDate(*parts) if parts else None


def memory_layer(geometry, fields):
    layer = QgsVectorLayer("{}?crs={}".format(geometry, CRS), "sample", "memory")
    layer.dataProvider().addAttributes(fields)
    layer.updateFields()
    return layer


def add(layer, rows):
    features = []
    for geometry, attributes in rows:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(geometry)
        feature.setAttributes(attributes)
        features.append(feature)
    ok, _ = layer.dataProvider().addFeatures(features)
    assert ok


def scenes_layer(rng):
    layer = memory_layer(
        "Polygon",
        [
            QgsField("name", FieldType.STRING),
            QgsField("active_hours", FieldType.STRING),
            QgsField("status", FieldType.STRING),
            QgsField("first_seen", FieldType.DATE),
            QgsField("closed_on", FieldType.DATE),
            QgsField("source", FieldType.STRING),
            QgsField("notes", FieldType.STRING),
        ],
    )
    rows = []
    july_rng = random.Random(SEED + 1)
    for scene, shapes in [(scene, rng) for scene in SCENES] + [(JULY_SCENE, july_rng)]:
        name, centre, hours, status, first_seen, closed_on, source, notes = scene
        geometry = polygon(blob(shapes, centre, 50, 140, shapes.randint(6, 10)))
        rows.append(
            (geometry, [name, hours, status, date(first_seen), date(closed_on), source, notes])
        )
    add(layer, rows)
    return layer


def calendar_layer():
    """The example school calendar as a table: the ranges for SCHOOL_TERMS (kind
    term) and SCHOOL_HOLIDAYS (kind holiday)."""
    layer = memory_layer(
        "None",
        [
            QgsField("kind", FieldType.STRING),
            QgsField("first_day", FieldType.DATE),
            QgsField("last_day", FieldType.DATE),
            QgsField("name", FieldType.STRING),
            QgsField("note", FieldType.STRING),
        ],
    )
    add(
        layer,
        [
            (QgsGeometry(), [kind, date(first), date(last), name, EXAMPLE_NOTE])
            for kind, first, last, name in SCHOOL_CALENDAR
        ],
    )
    return layer


def school_fields():
    return [
        QgsField("name", FieldType.STRING),
        QgsField("type", FieldType.STRING),
        QgsField("opening_hours", FieldType.STRING),
    ]


def schools_layers(rng):
    points, grounds = school_places(rng, SCENES)
    names = school_names(rng, len(points) + len(grounds))
    point_layer = memory_layer("Point", school_fields())
    ground_layer = memory_layer("Polygon", school_fields())
    point_rows = []
    for (x, y), (name, kind) in zip(points, names):
        point_rows.append(
            (QgsGeometry.fromPointXY(QgsPointXY(x, y)), [name, kind, EXPLICIT_HOURS.get(name)])
        )
    ground_rows = []
    for centre, (name, kind) in zip(grounds, names[len(points) :]):
        ring = rectangle(
            centre, rng.uniform(70, 140), rng.uniform(60, 110), rng.uniform(0, math.pi)
        )
        ground_rows.append((polygon(ring), [name, kind, EXPLICIT_HOURS.get(name)]))
    add(point_layer, point_rows)
    add(ground_layer, ground_rows)
    return point_layer, ground_layer


def districts_layer():
    layer = memory_layer("Polygon", [QgsField("name", FieldType.STRING)])
    add(layer, [(polygon(ring), [name]) for name, ring in DISTRICTS])
    return layer


def metadata(title):
    meta = QgsLayerMetadata()
    meta.setTitle(title)
    meta.setAbstract(FICTIONAL)
    meta.setKeywords({"gmd:topicCategory": ["fictional", "sample"]})
    meta.setCrs(QgsCoordinateReferenceSystem(CRS))
    return meta


def write(layer, path, name, title, first):
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = name
    options.fileEncoding = "UTF-8"
    options.layerMetadata = metadata(title)
    options.saveMetadata = True
    options.actionOnExistingFile = (
        QgsVectorFileWriter.CreateOrOverwriteFile
        if first
        else QgsVectorFileWriter.CreateOrOverwriteLayer
    )
    error, message, _, _ = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, path, QgsProject.instance().transformContext(), options
    )
    if error != QgsVectorFileWriter.NoError:
        raise SystemExit("{}: {}".format(name, message))


def save_district_style(path):
    """Districts as outlines with their names, the default style of the layer in the
    file: a filled polygon would hide the map under the analysis."""
    layer = QgsVectorLayer("{}|layername=districts".format(path), "districts", "ogr")
    symbol = QgsFillSymbol.createSimple(
        {
            "style": "no",
            "outline_color": "80,80,80,255",
            "outline_width": "0.6",
            "outline_style": "dash",
        }
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    labels = QgsPalLayerSettings()
    labels.fieldName = "name"
    text = QgsTextFormat()
    text.setSize(11)
    text.setColor(QColor(80, 80, 80))
    labels.setFormat(text)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(labels))
    layer.setLabelsEnabled(True)
    message = layer.saveStyleToDatabase("districts", "Districts as outlines", True, "")
    if message:
        raise SystemExit("districts style: {}".format(message))


def main(argv):
    output = os.path.abspath(argv[1]) if len(argv) > 1 else DEFAULT_OUTPUT
    app = QgsApplication([], False)
    app.initQgis()
    rng = random.Random(SEED)
    scenes = scenes_layer(rng)
    schools, grounds = schools_layers(rng)
    layers = [
        (scenes, "scenes", "Open drug scenes (fictional)"),
        (schools, "schools", "Schools and preschools as points (fictional)"),
        (grounds, "school_grounds", "Schools and preschools as school grounds (fictional)"),
        (districts_layer(), "districts", "Districts (fictional)"),
        (calendar_layer(), "school_calendar", "EXAMPLE school calendar 2026/27 (fictional)"),
    ]
    for index, (layer, name, title) in enumerate(layers):
        write(layer, output, name, title, first=index == 0)
    save_district_style(output)
    # GDAL stamps the metadata links with the clock, whatever OGR_CURRENT_DATE says.
    with sqlite3.connect(output) as db:
        db.execute("UPDATE gpkg_metadata_reference SET timestamp = ?", (TIMESTAMP,))
        db.execute("UPDATE layer_styles SET update_time = ?", (TIMESTAMP,))
    db.close()
    print(output)


if __name__ == "__main__":
    main(sys.argv)
