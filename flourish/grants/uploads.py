"""What an applicant may upload instead of writing, checked by type, content and size.

The name's extension must be on the list, and libmagic (the library behind the `file`
command) must find that kind of content in the file. Two things libmagic alone lets
through are refused as well: a file that starts like a program, and a file with web-page
markup anywhere in it (a PDF header followed by HTML is both a PDF and a web page). An
applicant never needs to send either, and both could harm whoever opens them."""

import codecs
import contextlib
import re
from types import ModuleType
from typing import Any

from django.core import checks
from django.core.files.uploadedfile import UploadedFile

MAX_BYTES = 25 * 1024 * 1024

# libmagic reads the start of a file; this much is enough for every kind below.
HEAD_BYTES = 64 * 1024
CHUNK_BYTES = 1024 * 1024

MPEG4 = frozenset(
    {"video/mp4", "audio/mp4", "audio/x-m4a", "video/quicktime", "video/3gpp", "video/x-m4v"}
)
# extension: what libmagic may call a file of that kind (phones label MPEG-4 clips loosely)
KINDS: dict[str, frozenset[str]] = {
    "pdf": frozenset({"application/pdf"}),
    "docx": frozenset({"application/vnd.openxmlformats-officedocument.wordprocessingml.document"}),
    "odt": frozenset({"application/vnd.oasis.opendocument.text"}),
    "doc": frozenset({"application/msword", "application/vnd.ms-office", "application/CDFV2"}),
    "txt": frozenset({"text/plain"}),
    "jpg": frozenset({"image/jpeg"}),
    "jpeg": frozenset({"image/jpeg"}),
    "png": frozenset({"image/png"}),
    "mp3": frozenset({"audio/mpeg"}),
    "wav": frozenset({"audio/x-wav", "audio/wav", "audio/vnd.wave"}),
    "ogg": frozenset({"audio/ogg", "video/ogg", "application/ogg"}),
    "webm": frozenset({"video/webm", "audio/webm"}),
    "m4a": MPEG4,
    "mp4": MPEG4,
    "mov": MPEG4,
}
FTYP = frozenset({"m4a", "mp4", "mov"})

# Windows, Linux and macOS programs, and scripts.
PROGRAM_STARTS = (
    b"MZ",
    b"\x7fELF",
    b"\xca\xfe\xba\xbe",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"#!",
)
# Tags a browser would run or render as a page. XML inside documents (<w:body>, <rdf:RDF>)
# does not match, and compressed data is vanishingly unlikely to.
MARKUP = re.compile(rb"<(?:script|html|body|iframe|svg|object|embed|!doctype)\b", re.IGNORECASE)
MARKUP_OVERLAP = 16

LIBMAGIC_MISSING = checks.Error(
    "Flourish checks uploaded files with libmagic, which is not installed.",
    hint=(
        "pip installs it with Flourish (pylibmagic) where it has a build for your machine; "
        "elsewhere install it, then start again: `sudo apt-get install libmagic1` on Debian "
        "or Ubuntu, `brew install libmagic` on macOS."
    ),
    id="grants.E001",
)


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _magic() -> ModuleType:
    # pylibmagic ships libmagic inside its wheel, so pip alone sets Flourish up; where it
    # has no wheel for the machine, python-magic finds the system's libmagic instead.
    # Imported here so a machine with neither gets the system check's message at start-up
    # rather than python-magic's bare ImportError.
    with contextlib.suppress(ImportError, OSError):
        import pylibmagic  # noqa: F401
    import magic

    return magic


def content_type(head: bytes) -> str:
    """What libmagic finds in the first bytes of a file, as a MIME type."""
    return str(_magic().from_buffer(head, mime=True))


def libmagic_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Refuse to start without libmagic, saying how to install it."""
    try:
        _magic()
    except ImportError:
        return [LIBMAGIC_MISSING]
    return []


def _is_mpeg4_box(head: bytes) -> bool:
    # An MPEG-4 file opens with an "ftyp" box: its size, "ftyp", a brand, a version, then
    # whole 4-byte brands. A program with "ftyp" at byte 4 has no such size.
    size = int.from_bytes(head[:4], "big")
    return head[4:8] == b"ftyp" and 16 <= size <= min(len(head), 1024) and size % 4 == 0


def _body_is_clean(upload: UploadedFile, kind: str) -> bool:
    """No web-page markup anywhere, and a text file is UTF-8 throughout."""
    decoder = codecs.getincrementaldecoder("utf-8")() if kind == "txt" else None
    tail = b""
    for chunk in upload.chunks(CHUNK_BYTES):
        window = tail + chunk
        if MARKUP.search(window):
            return False
        tail = window[-MARKUP_OVERLAP:]
        if decoder is not None:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                return False
    return decoder is None or _ends_cleanly(decoder)


def _ends_cleanly(decoder: codecs.IncrementalDecoder) -> bool:
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def content_matches(upload: UploadedFile, kind: str) -> bool:
    """True when the file's content is what its name says, and nothing that could harm the
    person who opens it."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    if head.startswith(PROGRAM_STARTS):
        return False
    if content_type(head) not in KINDS[kind]:
        return False
    if kind in FTYP and not _is_mpeg4_box(head):
        return False
    clean = _body_is_clean(upload, kind)
    upload.seek(0)
    return clean
