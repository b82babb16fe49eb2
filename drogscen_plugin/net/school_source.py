"""What a source of schools offers the fetch: the interface every source implements.

A new source is one module with a subclass of ``SchoolSource``, and its
instance added to ``SCHOOL_SOURCES`` in ``definitions/sources.py``; the
Processing algorithm, the dock's fetch dialog and the network settings read
that list.
"""


class SchoolSource:
    """One open-data source of schools and preschools."""

    # A stable code (settings, tests).
    id = ""
    # The value of the fetched layers' ``source`` field, also in their names.
    name = ""
    # Whether it is searched by extent; every source is searched by municipality.
    by_extent = True
    # The algorithm parameter with its address, the setting with the default
    # address, and the address when the setting is empty.
    url_parameter = ""
    url_setting = ""
    default_url = ""
    # Options of the HTTP client (net/http.py HttpClient) for its requests.
    client_options = {}

    def label(self):
        """The choice in the algorithm's list of sources."""
        raise NotImplementedError

    def short_label(self):
        """The choice in the dock's fetch dialog."""
        raise NotImplementedError

    def note(self):
        """What the dialog tells about the source (licence, what it lacks)."""
        raise NotImplementedError

    def url_label(self):
        raise NotImplementedError

    def url_help(self):
        raise NotImplementedError

    def municipality_only(self):
        """Why an extent is refused, for a source searched by municipality only."""
        return ""

    def asking(self, url, bbox, municipality):
        """The log line before the requests."""
        raise NotImplementedError

    def credit(self):
        """What users of the data must credit, beyond the attribution; may be empty."""
        return ""

    def fetch(self, client, url, bbox, municipality, progress, cache_folder):
        """A ``FetchResult`` (net/records.py) for ``bbox`` (south, west, north, east
        in EPSG:4326) or ``municipality`` (four digits); one of them is None.
        ``cache_folder`` is a folder the source may keep answers in."""
        raise NotImplementedError
