import pytest

from .factories import UserFactory


@pytest.fixture
def editor(db):
    return UserFactory(groups=["Editors"])


@pytest.fixture
def registry_manager(db):
    return UserFactory(groups=["Registry managers"])


@pytest.fixture
def privacy_officer(db):
    return UserFactory(groups=["Privacy officer"])


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True)
