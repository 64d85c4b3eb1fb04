"""Deflated DICOM (transfer syntax 1.2.840.10008.1.2.1.99) inflated on disk, within bounds.

The whole dataset of such a file, pixels included, is one deflate stream: pydicom inflates all
of it in memory even to read the header, and a few hundred KB of zeros can declare and hold
hundreds of MB. Here the stream is inflated chunk by chunk into an Explicit VR Little Endian file
(the same dataset, uncompressed) in place of the original, and refused once it grows beyond
`max_ratio` times the file's size: no real CT compresses that well, a decompression bomb does.
"""

import os
import zlib
from pathlib import Path

from pydicom.filebase import DicomBytesIO
from pydicom.filereader import _read_file_meta_info, read_preamble
from pydicom.filewriter import write_file_meta_info
from pydicom.uid import DeflatedExplicitVRLittleEndian, ExplicitVRLittleEndian

from services.imaging.analysis.errors import InputError

DEFAULT_MAX_RATIO = 100.0
RATIO_FLOOR = 1 << 20  # below a MiB inflated, the ratio is not held against a file
CHUNK = 1 << 16


class TooCompressed(InputError):
    """A file inflates beyond the ratio allowed: a decompression bomb."""


def inflate_in_place(path: Path, max_ratio: float = DEFAULT_MAX_RATIO) -> bool:
    """Rewrite a Deflated file as Explicit VR Little Endian; False (untouched) for any other file.
    TooCompressed when it inflates beyond max_ratio times its size."""
    with open(path, "rb") as source:
        try:
            read_preamble(source, False)
            meta = _read_file_meta_info(source)
        except Exception:  # not a DICOM file (or no preamble): read_headers says so
            return False
        if meta.get("TransferSyntaxUID") != DeflatedExplicitVRLittleEndian:
            return False
        budget = max(RATIO_FLOOR, int(path.stat().st_size * max_ratio))
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        head = DicomBytesIO()
        head.write(b"\0" * 128 + b"DICM")
        write_file_meta_info(head, meta, enforce_standard=True)
        target = path.with_name(path.name + ".inflating")
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        written = 0
        try:
            with open(target, "wb") as out:
                out.write(head.getvalue())
                while not inflater.eof and (chunk := source.read(CHUNK)):
                    while chunk and not inflater.eof:  # bytes after the stream's end are ignored
                        data = inflater.decompress(chunk, CHUNK)
                        written += len(data)
                        if written > budget:
                            raise TooCompressed(f"A Deflated DICOM file inflates to more than {max_ratio:g} times "
                                                "its size; it is refused as a decompression bomb")
                        out.write(data)
                        chunk = inflater.unconsumed_tail
                out.write(inflater.flush(CHUNK))
            os.replace(target, path)
        finally:
            target.unlink(missing_ok=True)
    return True
