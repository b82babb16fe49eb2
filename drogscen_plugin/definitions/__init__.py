"""One vocabulary for the whole plugin: every default, name and code in one place.

- ``defaults``: the default distance, the analysis CRS, the default field names.
- ``conflicts``: the conflict codes and their one label each (dock, CLI, report).
- ``algorithms``: the Processing provider's algorithm ids.
- ``parameters``: the algorithms' parameter and output keys.
- ``measures``: the measure types (need covered, label, symbol) and statuses.
- ``sources``: the school data sources the fetch offers.

No qgis imports here (``core/`` reads these too); labels are functions so
that ``tr()`` runs when the translator is installed.
"""
