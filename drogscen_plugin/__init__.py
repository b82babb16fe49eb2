"""The Drogscen package.

Kept free of qgis imports so that ``drogscen_plugin.core`` works in plain Python.
"""
