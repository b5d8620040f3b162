"""Small-number suppression, as official statistics do: anything shown outside DfE (providers' reports, the API's
counts) says "fewer than 5" for a count of 1 to 4, so that nobody can be picked out of a figure. Zero is shown."""

THRESHOLD = 5
FEWER_THAN = f"fewer than {THRESHOLD}"


def suppressed(count):
    """The count as shown outside DfE: itself, or "fewer than 5" when it is 1 to 4."""
    return FEWER_THAN if 0 < count < THRESHOLD else count
