from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """An email the site has sent, kept until the mail server has accepted it.

    ``ops.mail.OutboxEmailBackend`` stores every message here before anything is
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
