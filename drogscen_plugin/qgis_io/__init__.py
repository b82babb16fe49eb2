"""The only place where QGIS layers, features and CRSs meet the core's records."""
