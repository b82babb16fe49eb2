"""The analysis inside PostgreSQL/PostGIS: push-down of drogscen:overlap and publishing.

``ranges`` is pure Python (weekly schedules as int4multirange text);
``session`` opens a psycopg2 connection from a QGIS data source and checks
what the database offers; ``plan`` decides where a run goes; ``pushdown``
and ``publish`` run the SQL.
"""
