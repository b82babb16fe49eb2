"""What the database must offer for the push-down, and what happens when it does not:
automatic falls back in one log line, always refuses before anything is written."""

import pytest
from test_pushdown import run

from drogscen_plugin.database import session

pytest.importorskip("psycopg2", reason="the database run needs psycopg2 (Debian: python3-psycopg2)")


@pytest.mark.parametrize(
    "number, version, lacking",
    [
        (90624, "9.6.24", "PostgreSQL 14 or newer (the server is 9.6.24)"),
        (130012, "13.12", "PostgreSQL 14 or newer (the server is 13.12)"),
        (140000, "14.0", ""),
        (150004, "15.4", ""),
        (170000, "17.0", ""),
    ],
)
def test_the_version_gate_decides_on_server_version_num(number, version, lacking):
    assert session.version_lacking(number, version) == lacking


def server_version(database):
    ((number, text),) = database.sql(
        "SELECT current_setting('server_version_num')::int, current_setting('server_version')"
    )
    return int(number), text


def test_this_server_passes_the_gate_and_lacks_nothing(postgis):
    number, _ = server_version(postgis)
    assert number >= session.MINIMUM_SERVER
    connection = session.connect(postgis.connection_uri)
    try:
        assert session.missing(connection, ["public"]) == []
    finally:
        connection.close()


def test_a_server_below_the_gate_falls_back_or_is_refused_before_writing(postgis, monkeypatch):
    """The real path on this server, with the gate set just above it."""
    number, text = server_version(postgis)
    monkeypatch.setattr(session, "MINIMUM_SERVER", number + 1)
    result, log = run(postgis, "scenes", "schools", "old_auto")
    lacking = "the database lacks PostgreSQL 14 or newer (the server is {})".format(text)
    fallback = [line for line in log if line.startswith("Running on this computer")]
    assert fallback == ["Running on this computer: {}.".format(lacking)]
    assert "\n" not in fallback[0]
    assert result["PAIR_COUNT"] > 5
    with pytest.raises(Exception) as error:
        run(postgis, "scenes", "schools", "old_always", mode=1)
    assert "Cannot run in the database (RUN_IN_DATABASE 'always'): {}.".format(lacking) in str(
        error.value
    )
    assert not postgis.exists("output_old_always") and not postgis.exists("summary_old_always")
