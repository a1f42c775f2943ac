"""From what a requester gives (an email, a phone number, a contact id) to the whole person.

A person's data is not all filed under the address they write from today: a
rectification or a staff edit changed it, an old form submission carries the
address they had then. `resolve()` follows what every provider knows of the
person (`BaseProvider.identifiers`) until nothing new turns up.
"""

from .providers import Subject, registered

# Each round adds what the last one found; a person's graph closes within a few.
MAX_ROUNDS = 6


def subject_from(identifier) -> Subject:
    """A Subject from an email, a phone number, a contact id (int or "#12") or a Subject."""
    if isinstance(identifier, Subject):
        return identifier
    if isinstance(identifier, int):
        return Subject.of(contact_id=identifier)
    value = str(identifier).strip()
    if "@" in value:
        return Subject.of(email=value)
    if value.lstrip("#").isdigit() and len(value.lstrip("#")) < 9:
        return Subject.of(contact_id=int(value.lstrip("#")))
    return Subject.of(phone=value)


def resolve(identifier) -> Subject:
    """The person's whole identity graph, starting from any one identifier."""
    subject = subject_from(identifier)
    for _round in range(MAX_ROUNDS):
        found = set()
        for provider in registered():
            found |= provider.identifiers(subject)
        grown = subject | Subject.from_identifiers(found)
        if grown == subject:
            break
        subject = grown
    return subject
