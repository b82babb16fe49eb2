"""Fetching schools and preschools from open data over HTTP.

Plain requests and shapely, no qgis imports: the QGIS side reads the proxy and
the other settings (``qgis_io.proxy``) and writes the layers
(``qgis_io.fetched_layer``). Geometries are shapely objects in EPSG:4326
(longitude, latitude).
"""
