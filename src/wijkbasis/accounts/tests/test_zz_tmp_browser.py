import pytest
from wijkbasis.accounts.tests.test_browser_accounts import *  # noqa
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

def test_debug(page, live_server, zutphen):
    email = "eva.brouwer@example.org"
    user = User.objects.create_user(email)
    member = TeamMember.objects.filter(user__isnull=True).first()
    member.user = user
    member.save(update_fields=["user"])
    page.goto(live_server.url + "/account/login/")
    page.get_by_role("textbox", name="E-mailadres").fill(email)
    submit(page, "Stuur mij een code")
    print(page.url)
    page.get_by_role("textbox", name="Code uit de e-mail").fill(code_from_mail(email))
    submit(page, "Bevestigen")
    print(page.url)
    print(page.locator("main").inner_text()[:2000])
    page.screenshot(path="/tmp/wb/staff.png", full_page=True)
    assert 0
