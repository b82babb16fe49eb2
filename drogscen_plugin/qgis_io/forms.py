"""Attribute-form set-up shared by the layers the plugin creates."""

from qgis.core import QgsEditorWidgetSetup, QgsFieldConstraints

_DATE_WIDGET = {
    "allow_null": True,
    "calendar_popup": True,
    "display_format": "yyyy-MM-dd",
    "field_format": "yyyy-MM-dd",
    "field_iso_format": False,
}


def hours_constraint(field):
    """Empty, or hours that parse; otherwise the parser's message shows as the
    constraint's evaluation error."""
    return (
        "coalesce(trim(\"{0}\"), '') = '' "
        'OR drogscen_normalize_hours("{0}") IS NOT NULL '
        'OR drogscen_check_hours("{0}")'
    ).format(field)


def set_aliases(layer, names, alias):
    fields = layer.fields()
    for name in names:
        layer.setFieldAlias(fields.indexOf(name), alias(name))


def constrain(layer, name, expression, description):
    """A hard expression constraint: the form refuses values that fail it."""
    index = layer.fields().indexOf(name)
    layer.setConstraintExpression(index, expression, description)
    layer.setFieldConstraint(
        index, QgsFieldConstraints.ConstraintExpression, QgsFieldConstraints.ConstraintStrengthHard
    )


def value_map(labels):
    """A value map widget from stored value -> label, in that order."""
    entries = [{label: code} for code, label in labels.items()]
    return QgsEditorWidgetSetup("ValueMap", {"map": entries})


def set_date_widgets(layer, names):
    for name in names:
        layer.setEditorWidgetSetup(
            layer.fields().indexOf(name), QgsEditorWidgetSetup("DateTime", dict(_DATE_WIDGET))
        )


def set_text_widgets(layer, single_line, multi_line):
    for names, multiline in ((single_line, False), (multi_line, True)):
        for name in names:
            layer.setEditorWidgetSetup(
                layer.fields().indexOf(name),
                QgsEditorWidgetSetup("TextEdit", {"IsMultiline": multiline}),
            )
