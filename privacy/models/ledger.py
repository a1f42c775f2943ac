import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def ledger_key():
    """PRIVACY_ERASURE_LEDGER_KEY if set, else derived from SECRET_KEY.

    Set PRIVACY_ERASURE_LEDGER_KEY before rotating SECRET_KEY, or the ledger no
    longer recognises anyone.
    """
    base = getattr(settings, "PRIVACY_ERASURE_LEDGER_KEY", "") or settings.SECRET_KEY
    return hashlib.sha256(f"privacy.erasure-ledger:{base}".encode()).digest()


def identifier_hash(kind, value):
    """A keyed hash (HMAC-SHA256) of one normalised identifier; it cannot be reversed."""
    message = f"{kind}:{value.strip().lower()}".encode()
    return hmac.new(ledger_key(), message, hashlib.sha256).hexdigest()


class ErasureLedgerEntry(models.Model):
    """One identifier of an erased person, as a keyed hash: no personal data.

    After a database restore, `manage.py reapply_erasures` hashes the
    identifiers found in the data and erases again whoever matches.
    """

    identifier_hash = models.CharField(_("identifier hash"), max_length=64, unique=True)
    erased_at = models.DateTimeField(_("erased"), default=timezone.now)
    request_id_at_erasure = models.PositiveIntegerField(_("request number"), null=True, blank=True)
    reapplied_at = models.DateTimeField(_("last erased again"), null=True, blank=True)
    reapplied_count = models.PositiveIntegerField(_("times erased again"), default=0)

    class Meta:
        verbose_name = _("erasure ledger entry")
        verbose_name_plural = _("erasure ledger")
        ordering = ["-erased_at"]

    def __str__(self):
        return self.identifier_hash[:12]
