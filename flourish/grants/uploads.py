"""What an applicant may upload instead of writing, checked by type and size.

The type is checked twice: the file name's extension must be on the list, and the
first bytes must look like that kind of file, so a renamed program is refused."""

from django.core.files.uploadedfile import UploadedFile

MAX_BYTES = 25 * 1024 * 1024

# extension: the ways a file of that kind may start (empty: any text that reads as UTF-8)
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF",),
    "docx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "doc": (b"\xd0\xcf\x11\xe0",),
    "txt": (),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG",),
    "mp3": (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"),
    "wav": (b"RIFF",),
    "ogg": (b"OggS",),
    "webm": (b"\x1a\x45\xdf\xa3",),
    "m4a": (),
    "mp4": (),
    "mov": (),
}
# MPEG-4 family files say "ftyp" at bytes 4 to 8 rather than at the start.
FTYP = frozenset({"m4a", "mp4", "mov"})


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def looks_like(upload: UploadedFile, kind: str) -> bool:
    """True when the upload's first bytes match what a file of this kind starts with."""
    upload.seek(0)
    head = upload.read(512)
    upload.seek(0)
    if kind in FTYP:
        return head[4:8] == b"ftyp"
    if kind == "txt":
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return b"\x00" not in head
    return head.startswith(SIGNATURES[kind])
