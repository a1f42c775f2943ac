from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """An email the site has sent, kept until the mail server has accepted it.

    ``ops.outbox_backend.OutboxEmailBackend`` stores every message here before anything is
    tried, so a mail server that is down loses nothing: ``ops.tasks.deliver_email``
    retries with back-off until it is accepted. Delivered messages are deleted
    ``OUTBOX_KEEP_SENT_DAYS`` after delivery (they may carry personal data).
    """

    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("body"), blank=True)
    html_body = models.TextField(_("HTML body"), blank=True)
    from_email = models.CharField(_("from"), max_length=320)
    to = models.JSONField(_("to"), default=list)
    cc = models.JSONField(_("cc"), default=list)
    bcc = models.JSONField(_("bcc"), default=list)
    reply_to = models.JSONField(_("reply to"), default=list)
    headers = models.JSONField(_("headers"), default=dict)
    # [{"filename": ..., "mimetype": ..., "base64": ...}], from EmailMessage.attach()
    attachments = models.JSONField(_("attachments"), default=list)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("delivery attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=200, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        indexes = [models.Index(fields=["sent_at", "next_attempt_at"])]

    def __str__(self):
        return f"outgoing email #{self.pk}"

    @property
    def recipients(self):
        return [*self.to, *self.cc, *self.bcc]


class PendingIndexUpdate(models.Model):
    """A search-index update Elasticsearch did not take, waiting to be replayed.

    One row per object and index: a later update of the same object replaces the
    earlier one, and the replay (``ops.search_backlog.replay``) reads the object's
    state from the database when it runs, so only the latest state is ever sent.
    While an index has rows here, its searches are answered by the database.
    The row holds ids only, never a field's value.
    """

    class Action(models.TextChoices):
        INDEX = "index", _("add or update")
        REMOVE = "remove", _("remove")

    # The name an app gave its index when it registered it (`search_backlog.register`).
    index = models.CharField(_("search index"), max_length=20)
    # The indexed model ("directory.listing", "wagtailcore.page") and the object's key.
    model = models.CharField(_("model"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    action = models.CharField(_("wanted action"), max_length=10, choices=Action.choices)
    created_at = models.DateTimeField(_("first queued at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last queued at"), auto_now=True)
    attempts = models.PositiveIntegerField(_("replay attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("pending search index update")
        verbose_name_plural = _("pending search index updates")
        constraints = [
            models.UniqueConstraint(
                fields=["index", "model", "object_id"], name="ops_one_pending_update_per_object"
            )
        ]

    def __str__(self):
        return f"{self.index}: {self.action} {self.model} #{self.object_id}"
