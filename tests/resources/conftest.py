"""Resources fixtures: the library page."""

import pytest

from tests.factories.resources import ResourceIndexPageFactory


@pytest.fixture
def library(home):
    return ResourceIndexPageFactory(parent=home)
