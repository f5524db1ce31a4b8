"""One thin adapter per remote API. No retries and no sleeping here: the sender decides."""
