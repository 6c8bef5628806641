"""What every factory module shares."""

import itertools

_sequence = itertools.count(1)


def unique(prefix: str) -> str:
    """A value no other call returns in this test run ("event-12"), for slugs and addresses."""
    return f"{prefix}-{next(_sequence)}"
