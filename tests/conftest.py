"""Shared by every test folder."""

from datetime import date

import pytest

from drogscen_plugin.core.period import Period

# A plain week: no public holiday in it or in the week before. The default
# period is the current week, and the tests that compare with the weekly
# figures must not depend on the day they run.
PLAIN_WEEK = Period(date(2026, 3, 2), date(2026, 3, 8))


@pytest.fixture(scope="session", autouse=True)
def _plain_current_week():
    """For the whole session, so that session and module fixtures see it too."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Period, "current_week", classmethod(lambda cls: PLAIN_WEEK))
        yield
