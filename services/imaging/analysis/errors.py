"""Errors of the analysis input, whose message is the reason in words for the caller."""

import math
import re

# A filesystem path inside an exception's text (nibabel and OSError name the file): the caller
# must never see where the server keeps its data.
_PATH = re.compile(r"(?<![\w.:/])(?:[A-Za-z]:)?[\\/](?:[^\s'\"\\/]+[\\/])*[^\s'\"\\/,;)]*")


class InputError(ValueError):
    """The input cannot be analysed; the message says why, in words for the caller."""


class VolumeTooLarge(InputError):
    """The volume is larger than this service analyses."""


def check_volume_size(shape: tuple[int, ...], max_voxels: int | None) -> None:
    """Refuse a volume beyond the limit from its declared dimensions, before any of it is decoded:
    the dimensions are the sender's to claim (a few bytes of header can ask for terabytes), the
    memory is the service's."""
    voxels = math.prod(int(n) for n in shape)
    if max_voxels is not None and voxels > max_voxels:
        raise VolumeTooLarge(f"The volume has {voxels:,} voxels ({' x '.join(str(int(n)) for n in shape)}); "
                             f"this service analyses at most {max_voxels:,}")


def describe(exc: BaseException) -> str:
    """An exception as `Type: message` with any filesystem path in it replaced by "(file)"."""
    text = _PATH.sub("(file)", str(exc)).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
