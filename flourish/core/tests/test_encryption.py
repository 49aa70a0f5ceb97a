import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from flourish.accounts.factories import UserFactory
from flourish.accounts.models import User
from flourish.core.models import AuditEvent

pytestmark = pytest.mark.django_db

KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()
KEY_C = Fernet.generate_key().decode()


def stored(person: User) -> tuple[str, str]:
    """What the database really holds for a person's encrypted fields."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone, access_needs FROM accounts_user WHERE id = %s", [person.pk])
        return cursor.fetchone()


def test_rotation_moves_every_value_to_the_new_key_so_the_old_one_can_go(settings):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_A]
    people = [
        UserFactory(phone=f"07700 90{n:04d}", access_needs=f"Needs number {n}") for n in range(7)
    ]
    no_phone = UserFactory(phone="", access_needs="")
    before = [stored(person) for person in people]

    settings.FIELD_ENCRYPTION_KEYS = [KEY_B, KEY_A]
    call_command("rotate_encryption_keys", "--batch-size", "3", stdout=(output := _Output()))

    settings.FIELD_ENCRYPTION_KEYS = [KEY_B]
    for n, person in enumerate(people):
        fresh = User.objects.get(pk=person.pk)
        assert fresh.phone == f"07700 90{n:04d}"
        assert fresh.access_needs == f"Needs number {n}"
        raw_phone, raw_needs = stored(person)
        assert (raw_phone, raw_needs) != before[n]
        assert "07700" not in raw_phone and "Needs" not in raw_needs
    assert stored(no_phone) == ("", "")
    assert "accounts.User: re-encrypted 14 values in 8 rows" in output.text
    event = AuditEvent.objects.get(action="core.encryption_keys_rotated")
    assert event.data["values"]["accounts.User"] == 14


def test_a_value_cannot_be_read_with_the_wrong_key(settings):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_A]
    person = UserFactory(phone="07700 900982")

    settings.FIELD_ENCRYPTION_KEYS = [KEY_C]
    with pytest.raises(ImproperlyConfigured, match="could not be read with any key"):
        User.objects.get(pk=person.pk)


def test_a_badly_formed_key_is_refused_with_instructions(settings):
    settings.FIELD_ENCRYPTION_KEYS = ["not-a-fernet-key"]

    with pytest.raises(ImproperlyConfigured, match="must be Fernet keys"):
        UserFactory(phone="07700 900982")


class _Output:
    def __init__(self) -> None:
        self.text = ""

    def write(self, message: str, *args: object, **kwargs: object) -> None:
        self.text += message

    def flush(self) -> None:
        pass
