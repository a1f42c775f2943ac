"""Audit log entries name the register's people by id, never by personal data.

Wagtail labels a log entry with `str(instance)`, which for a contact is the
person's name. Every log entry about a model listed in LABELLED_BY_ID is
relabelled before it is saved ("contact #12"), whichever code path writes it.
An entry about a page of many rows (`registry.audit.log_shown`) has the object
id SHOWN_MANY_OBJECT_ID and names the rows' ids in its data.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.models import ModelLogEntry

# Models whose str() can hold personal data (a name, a number, an IP address).
LABELLED_BY_ID = {
    "contact": "contact",
    "contactphone": "phone number",
    "contactweblink": "contact web link",
    "ipaddressseen": "IP address",
    "consent": "consent",
    "billingdetails": "billing details",
    "customerevent": "customer event",
    "membership": "membership",
}


# No row has id 0, and Wagtail's audit report looks object ids up as integers.
SHOWN_MANY_OBJECT_ID = "0"


def audit_label_for(model, pk):
    """The label an audit log entry gives to one row of `model`, e.g. "contact #12"."""
    noun = LABELLED_BY_ID.get(model._meta.model_name, model._meta.model_name)
    return f"{noun} #{pk}"


@receiver(pre_save, sender=ModelLogEntry, dispatch_uid="registry_label_log_entries_by_id")
def label_log_entry_by_id(sender, instance, raw=False, **kwargs):
    if raw:
        return
    content_type = ContentType.objects.get_for_id(instance.content_type_id)
    if instance.object_id == SHOWN_MANY_OBJECT_ID:
        return
    if content_type.app_label == "registry" and content_type.model in LABELLED_BY_ID:
        instance.label = audit_label_for(content_type.model_class(), instance.object_id)
