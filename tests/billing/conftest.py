# The back office's regions and staff (a regional manager for Münsterland, the central office).
from tests.backoffice.conftest import (  # noqa: F401
    kreis_steinfurt,
    muensterland,
    network_client,
    network_manager,
    nrw,
    regional_client,
    regional_manager,
    saarland,
)
