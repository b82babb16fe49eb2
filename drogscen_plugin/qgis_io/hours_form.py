"""The hours fields of the plugin's layers in the attribute form: an example in the
empty field and, under it, the parser's own message while the text cannot be read
(the ✘ of a failed constraint shows only a fixed hint), or the hours in the user's
language while they can.

QGIS calls ``open_form`` when the form of such a layer opens (the layer's form
init function); the stored value is what the user typed, canonical OSM. QGIS
finds the function by evaluating its name in Python's ``__main__``, where the
plugin puts this module while it is loaded: the name stays the same whatever
folder the plugin is installed in, and a saved style names no folder.
"""

import sys

from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QLabel, QLineEdit, QSizePolicy, QVBoxLayout

from ..core.errors import ScheduleError
from ..core.hours_display import display_hours
from ..core.schedule import Schedule
from ..i18n import tr
from .compat import FORM_INIT_FROM_ENVIRONMENT

HOURS_FIELDS_KEY = "drogscen/hours_fields"
MAIN_NAME = "drogscen_hours_form"
FORM_INIT = MAIN_NAME + ".open_form"
EXAMPLE = "Mo-Fr 18:00-02:00"
MESSAGE_SUFFIX = "_message"
ERROR_COLOR = "#c62828"


def set_hours_form(layer, names):
    """Explain the hours fields ``names`` of ``layer`` in its attribute form."""
    layer.setCustomProperty(HOURS_FIELDS_KEY, list(names))
    config = layer.editFormConfig()
    config.setInitCodeSource(FORM_INIT_FROM_ENVIRONMENT)
    config.setInitFunction(FORM_INIT)
    layer.setEditFormConfig(config)


def register_form_init():
    setattr(sys.modules["__main__"], MAIN_NAME, sys.modules[__name__])


def unregister_form_init():
    if hasattr(sys.modules["__main__"], MAIN_NAME):
        delattr(sys.modules["__main__"], MAIN_NAME)


def hours_note(text, language):
    """What to say under an hours field holding ``text``: (message, is_error)."""
    text = (text or "").strip()
    if not text or text == QgsApplication.nullRepresentation():
        return tr("For example {example}; empty when not known.").format(example=EXAMPLE), False
    try:
        # The whole syntax: dated hours, PH and SH are valid hours too.
        Schedule.parse(text)
    except ScheduleError as error:
        return str(error), True
    shown = display_hours(text, language)
    return ("" if shown == text else tr("Reads: {hours}").format(hours=shown)), False


def open_form(form, layer, feature):
    """The form init function: a placeholder and a note for each hours field."""
    names = layer.customProperty(HOURS_FIELDS_KEY) or []
    for name in [names] if isinstance(names, str) else names:
        for edit in form.findChildren(QLineEdit, name):
            explain(edit)


def explain(edit):
    """Put a note under ``edit`` that follows its text; returns the note's label."""
    edit.setPlaceholderText(tr("e.g. {example}").format(example=EXAMPLE))
    label = QLabel()
    label.setObjectName(edit.objectName() + MESSAGE_SUFFIX)
    label.setWordWrap(True)
    # The width the field has, and the height its wrapped lines need.
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
    row = edit.parentWidget().layout()
    index = row.indexOf(edit)
    # Taken as a layout item: removeWidget would hand the field to Python's collector.
    row.takeAt(index)
    column = QVBoxLayout()
    column.setContentsMargins(0, 0, 0, 0)
    row.insertLayout(index, column)
    column.setSpacing(2)
    column.addWidget(edit)
    column.addWidget(label)
    column.addStretch(1)
    # The field's own widgets keep the height of one line unless told otherwise.
    widget = edit.parentWidget()
    for _ in range(3):
        if widget is None:
            break
        policy = widget.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Minimum)
        widget.setSizePolicy(policy)
        widget = widget.parentWidget()
    language = QgsApplication.locale()

    def update(text):
        message, error = hours_note(text, language)
        label.setText(message)
        label.setStyleSheet("color: {};".format(ERROR_COLOR) if error else "color: palette(mid);")
        label.setVisible(bool(message))

    edit.textChanged.connect(update)
    update(edit.text())
    return label
