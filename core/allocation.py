"""Places that run out: one way to hand out a limited number of places safely.

Every allocation (event places, waiting-list offers, stand places, meeting slots) locks the
parent row with SELECT ... FOR UPDATE inside the transaction, then counts what is taken and
decides. Parallel requests on several app processes queue on the lock, so the count they
see is always the committed one and a capacity can never be exceeded.
"""

from django.db import models, transaction
from django.db.transaction import TransactionManagementError


def lock_for_allocation[M: models.Model](model: type[M], pk) -> M:
    """Lock and return the parent row; the caller must already be inside `transaction.atomic`.

    Outside a transaction the lock would be released at once, so that is refused loudly.
    """
    if not transaction.get_connection().in_atomic_block:
        raise TransactionManagementError(
            "lock_for_allocation() must be called inside transaction.atomic()."
        )
    return model._default_manager.select_for_update().get(pk=pk)


def places_left(capacity: int | None, taken: int) -> int | None:
    """Free places for a capacity (None means unlimited, answered with None)."""
    if capacity is None:
        return None
    return max(capacity - taken, 0)
