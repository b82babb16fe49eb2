"""The one feedback that keeps what an algorithm reports, for the dock, the
fetch dialog and the command line to show afterwards."""

from qgis.core import QgsProcessingFeedback


class CollectingFeedback(QgsProcessingFeedback):
    """Keeps ``errors`` (every error, the message of a failed run) and
    ``warnings`` (warnings and non-fatal errors, worth reading after a run that
    succeeded). With ``log`` False nothing goes to the QGIS message log."""

    def __init__(self, log=True):
        super().__init__(log)
        self.errors = []
        self.warnings = []

    def pushWarning(self, warning):  # noqa: N802 (QGIS API)
        self.warnings.append(warning)
        super().pushWarning(warning)

    def reportError(self, error, fatalError=False):  # noqa: N802, N803 (QGIS API)
        self.errors.append(error)
        if not fatalError:
            self.warnings.append(error)
        super().reportError(error, fatalError)

    def error_message(self, default):
        """The errors as one message, or ``default`` when there were none."""
        return "\n".join(error for error in self.errors if error) or default
