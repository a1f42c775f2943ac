from django_tasks import task

from . import edit_links, jobs


@task()
def send_requested_edit_link(listing_id, email_hash, page_id, page_url):
    """Look up the owner a visitor asked a link for and send it (see edit_links)."""
    return edit_links.send_requested_edit_link(listing_id, email_hash, page_id, page_url)


def request_edit_link(listing, email, page, page_url):
    """A visitor asks for an owner link: the same one enqueue, known address or not.

    Only a keyed hash of the address goes into the task queue; the lookup, the
    flood limit and the email happen in the background.
    """
    send_requested_edit_link.enqueue(
        listing.pk, edit_links.recipient_hash(email), page.pk, page_url
    )


@task()
def daily_upkeep():
    """Reminders, unconfirmed flags and old counts (see directory.jobs); enqueue daily."""
    return jobs.daily_upkeep()
