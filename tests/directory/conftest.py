"""Directory fixtures: the taxonomy and the directory page."""

import pytest

from tests.factories.directory import DirectoryPageFactory
from website.demo import load_taxonomy


@pytest.fixture
def taxonomy(db):
    load_taxonomy()


@pytest.fixture
def directory_page(home):
    return DirectoryPageFactory(parent=home)
