"""Shared by every test folder."""

from datetime import date

import pytest

from drogscen_plugin.core.period import Period

# A plain week: no public holiday in it or in the week before. The default
# period is the current week, and the tests that compare with the weekly
# figures must not depend on the day they run.
PLAIN_WEEK = Period(date(2026, 3, 2), date(2026, 3, 8))


@pytest.fixture(autouse=True)
def _plain_current_week(monkeypatch):
    monkeypatch.setattr(Period, "current_week", classmethod(lambda cls: PLAIN_WEEK))
