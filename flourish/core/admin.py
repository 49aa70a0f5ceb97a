"""What every admin page for sensitive records shares: opening one is written to the audit
trail, so the person it is about can see who looked (their "Who has looked" page)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from flourish.core.events import SENSITIVE_RECORD_READ
from flourish.core.fields import EncryptedTextField
from flourish.core.services import audit_record


def encrypted_field_names(model: Any) -> list[str]:
    return [
        field.name for field in model._meta.concrete_fields if isinstance(field, EncryptedTextField)
    ]


class SensitiveReadAuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """For any model with encrypted fields: each opening of a record is audited, naming
    the sensitive fields the page showed."""

    def shown_sensitive_fields(self, request: HttpRequest, obj: Any) -> list[str]:
        excluded = set(self.get_exclude(request, obj) or [])
        return [name for name in encrypted_field_names(self.model) if name not in excluded]

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        record = self.get_object(request, object_id)
        shown = self.shown_sensitive_fields(request, record) if record is not None else []
        if request.method == "GET" and shown:
            audit_record(
                actor=request.user,
                action=SENSITIVE_RECORD_READ,
                target=record,
                data={"fields": shown, "where": "admin"},
            )
        return super().change_view(request, object_id, form_url, extra_context)
