"""The admin's page search finds a page by its title in either language."""

import pytest

from stories.models import StoryIndexPage, StoryPage, StoryYearPage


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser(
        username="admin", email="admin@example.org", password="pw-not-used"
    )


@pytest.fixture
def story(home):
    index = home.add_child(
        instance=StoryIndexPage(
            title="Histori",
            title_sq="Histori",
            title_en="Stories",
            slug="histori",
            slug_sq="histori",
            slug_en="stories",
        )
    )
    year = index.add_child(
        instance=StoryYearPage(
            title="2020",
            title_sq="2020",
            title_en="2020",
            slug="2020",
            slug_sq="2020",
            slug_en="2020",
            year=2020,
        )
    )
    return year.add_child(
        instance=StoryPage(
            title="Ndërgjegjësimi në Dibër",
            title_sq="Ndërgjegjësimi në Dibër",
            title_en="Raising awareness in Dibra",
            slug="ndergjegjesimi-ne-diber",
            slug_sq="ndergjegjesimi-ne-diber",
            slug_en="raising-awareness-in-dibra",
            date="2020-11-17",
            summary_sq="Të rinjtë folën për rreziqet.",
            summary_en="Young people talked about the risks.",
        )
    )


@pytest.mark.parametrize("query", ["Raising awareness", "Ndërgjegjësimi", "Dibra", "Dibër"])
def test_admin_page_search_finds_a_story_by_its_title_in_either_language(
    client, admin, story, query
):
    client.force_login(admin)

    response = client.get("/admin/pages/search/", {"q": query})

    assert response.status_code == 200
    found = [page.pk for page in response.context["pages"]]
    assert found == [story.pk]
