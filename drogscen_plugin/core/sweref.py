"""SWEREF 99 TM (EPSG:3006) to latitude and longitude, without a projection library.

The inverse Gauss-Krüger formulas Lantmäteriet publishes for its national
grids (series in the third flattening, to the fourth order: well under a
millimetre within Sweden). SWEREF 99 and WGS 84 agree to within a metre,
which the register's use here allows.
"""

import math

# GRS 80 and the projection's parameters.
_A = 6378137.0
_F = 1 / 298.257222101
_CENTRAL_MERIDIAN = 15.0
_SCALE = 0.9996
_FALSE_NORTHING = 0.0
_FALSE_EASTING = 500000.0

_E2 = _F * (2 - _F)
_N = _F / (2 - _F)
_A_ROOF = _A / (1 + _N) * (1 + _N**2 / 4 + _N**4 / 64)
_DELTAS = (
    _N / 2 - 2 * _N**2 / 3 + 37 * _N**3 / 96 - _N**4 / 360,
    _N**2 / 48 + _N**3 / 15 - 437 * _N**4 / 1440,
    17 * _N**3 / 480 - 37 * _N**4 / 840,
    4397 * _N**4 / 161280,
)
_LATITUDE_SERIES = (
    _E2 + _E2**2 + _E2**3 + _E2**4,
    -(7 * _E2**2 + 17 * _E2**3 + 30 * _E2**4) / 6,
    (224 * _E2**3 + 889 * _E2**4) / 120,
    -(4279 * _E2**4) / 1260,
)


def to_wgs84(northing, easting):
    """``(latitude, longitude)`` in degrees of a SWEREF 99 TM position in metres."""
    xi = (northing - _FALSE_NORTHING) / (_SCALE * _A_ROOF)
    eta = (easting - _FALSE_EASTING) / (_SCALE * _A_ROOF)
    xi_prime, eta_prime = xi, eta
    for order, delta in enumerate(_DELTAS, start=1):
        xi_prime -= delta * math.sin(2 * order * xi) * math.cosh(2 * order * eta)
        eta_prime -= delta * math.cos(2 * order * xi) * math.sinh(2 * order * eta)
    conformal = math.asin(math.sin(xi_prime) / math.cosh(eta_prime))
    longitude = _CENTRAL_MERIDIAN + math.degrees(
        math.atan(math.sinh(eta_prime) / math.cos(xi_prime))
    )
    sine = math.sin(conformal) ** 2
    a, b, c, d = _LATITUDE_SERIES
    latitude = conformal + math.sin(conformal) * math.cos(conformal) * (
        a + sine * (b + sine * (c + sine * d))
    )
    return math.degrees(latitude), longitude
