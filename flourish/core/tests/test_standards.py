"""The standards' files are found beside the repository only, and their absence is a failure."""

import pytest
from django.conf import settings

from flourish.core.tests.standards import standards_dir
from flourish.directory.tests.openreferral import standard_dir
from flourish.grants.tests.test_threesixtygiving import _standards


def test_the_standards_are_found_in_shared_beside_the_repository():
    assert standards_dir("360giving") == settings.BASE_DIR.parent / "shared/standards/360giving"
    assert (standards_dir("360giving") / "360-giving-schema.json").is_file()


@pytest.mark.parametrize("find", [standard_dir, _standards], ids=["openreferral", "360giving"])
def test_a_repository_without_shared_beside_it_fails_with_a_message_saying_where_to_put_it(
    settings, tmp_path, find
):
    settings.BASE_DIR = tmp_path / "repository"

    with pytest.raises(pytest.fail.Exception, match="Put a copy of the project's shared/ folder"):
        find()
