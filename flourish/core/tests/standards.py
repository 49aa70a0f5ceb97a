"""Where the tests find the standards' own files (schemas, codelists): in `shared/standards/`
beside the repository, and nowhere else, so a missing copy fails loudly instead of a test
quietly checking against files from somewhere else."""

from pathlib import Path

import pytest
from django.conf import settings


def standards_dir(name: str) -> Path:
    """`../shared/standards/<name>` from the repository's root, or a failure that says why."""
    path = Path(settings.BASE_DIR).parent / "shared" / "standards" / name
    if not path.is_dir():
        pytest.fail(
            f"The {name} standard's files are missing: expected them in {path}. "
            "Put a copy of the project's shared/ folder beside the repository "
            "(CI does this) and run the tests again.",
            pytrace=False,
        )
    return path
