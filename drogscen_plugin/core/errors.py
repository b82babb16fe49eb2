"""Typed errors of the core; callers map them to messages for the user."""


class DrogscenError(Exception):
    """Base class of every error the plugin raises on purpose."""


class ScheduleError(DrogscenError, ValueError):
    """Hours text that is not in the supported opening_hours subset.

    ``column`` is 1-based, pointing at the offending character.
    """

    def __init__(self, message, text="", column=None):
        super().__init__(message)
        self.text = text
        self.column = column


class AnalysisCanceled(DrogscenError):
    """The user canceled a running analysis."""


class InputError(DrogscenError):
    """Input data the analysis cannot use (wrong geometry type, missing field...)."""
