"""Defaults: distance, analysis CRS and the field names the analysis looks for.

The default school and preschool hours live with the hours parser
(``core/hours.py``), which checks them.
"""

# How far from a school a scene counts, in metres.
DEFAULT_DISTANCE = 300.0
# SWEREF 99 TM: metres, and within 0.2 % all over Sweden.
ANALYSIS_CRS = "EPSG:3006"
WGS84 = "EPSG:4326"

# Fields of the scenes layer.
SCENE_NAME_FIELD = "name"
SCENE_HOURS_FIELD = "active_hours"
SCENE_FROM_FIELD = "first_seen"
SCENE_TO_FIELD = "closed_on"
SCENE_SOURCE_FIELD = "source"
# Fields of the schools layer.
SCHOOL_NAME_FIELD = "name"
SCHOOL_TYPE_FIELD = "type"
SCHOOL_HOURS_FIELD = "opening_hours"
# Field of the districts layer.
DISTRICT_NAME_FIELD = "name"
