"""The Processing provider and its algorithms: names and full ids."""

PROVIDER = "drogscen"

OVERLAP_NAME = "overlap"
BUFFER_SCHOOLS_NAME = "bufferschools"
CHECK_HOURS_NAME = "checkhours"
FETCH_SCHOOLS_NAME = "fetchschools"
EXPORT_REPORT_NAME = "exportreport"
SCENE_TREND_NAME = "scenetrend"
MEASURE_COVERAGE_NAME = "measurecoverage"
PUBLISH_NAME = "publish"


def algorithm_id(name):
    return "{}:{}".format(PROVIDER, name)


OVERLAP = algorithm_id(OVERLAP_NAME)
BUFFER_SCHOOLS = algorithm_id(BUFFER_SCHOOLS_NAME)
CHECK_HOURS = algorithm_id(CHECK_HOURS_NAME)
FETCH_SCHOOLS = algorithm_id(FETCH_SCHOOLS_NAME)
EXPORT_REPORT = algorithm_id(EXPORT_REPORT_NAME)
SCENE_TREND = algorithm_id(SCENE_TREND_NAME)
MEASURE_COVERAGE = algorithm_id(MEASURE_COVERAGE_NAME)
PUBLISH = algorithm_id(PUBLISH_NAME)
