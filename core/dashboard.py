"""The panels of the back office's dashboard (the admin index), declared by the apps.

Each app declares its panels in its `dashboard.py` (see `core.portal`): a function of the
request that returns a `backoffice.dashboard.Panel`, registered with `@panel(position=…)`.
The back office shows them in that order.
"""

from collections.abc import Callable

from .portal import Registry

panels = Registry("dashboard panel")


def panel(*, position: int) -> Callable:
    """Register the decorated function of the request as a dashboard panel."""

    def register(build: Callable) -> Callable:
        return panels.register(f"{build.__module__}.{build.__qualname__}", build, position=position)

    return register
