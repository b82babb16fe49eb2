"""One translation helper for the whole plugin.

The core must stay free of qgis imports, so the Qt translator is installed
from outside (plugin load, Processing provider, CLI) through ``install``.
Always translate the template first and format afterwards:
``tr("Feature {fid}: {msg}").format(fid=..., msg=...)``.
"""

CONTEXT = "Drogscen"

_translate = None


def install(translate):
    """Route ``tr`` through ``translate(context, text)`` (e.g. QCoreApplication.translate)."""
    global _translate
    _translate = translate


def tr(text):
    if _translate is None:
        return text
    return _translate(CONTEXT, text)
