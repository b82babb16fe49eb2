"""``python3 -m drogscen_plugin``: the headless command line."""

try:
    from .cli import main
except ModuleNotFoundError as error:
    if (error.name or "").split(".")[0] != "qgis":
        raise
    import sys

    from .i18n import tr

    print(
        tr(
            "drogscen: error: PyQGIS not found; run this with the Python that QGIS uses, "
            "e.g. /usr/bin/python3"
        ),
        file=sys.stderr,
    )
    raise SystemExit(2) from None

raise SystemExit(main())
