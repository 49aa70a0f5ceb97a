import io

from flourish.accounts import demo
from flourish.accounts.factories import UserFactory
from flourish.accounts.rules import acts_for_with_consent


def test_the_demo_data_can_be_loaded_twice(db):
    demo.build(io.StringIO())
    demo.build(io.StringIO())

    tom = UserFactory(email="member@example.org")
    assert tom.consents_given.count() == 1
    assert acts_for_with_consent(UserFactory(email="organiser@example.org"), tom)
