"""Helpers of the owner-link tests: asking for a link, opening it, posting the edit form."""

import re

from directory import edit_links


def request_link(client, page, listing, email):
    url = page.url + page.reverse_subpage("request_link", args=[listing.slug])
    return client.post(url, {"email": email})


def link_from(message):
    return re.search(r"https?://\S+/edit/\S+/", message.body).group(0)


def edit_url(page, listing):
    return page.url + page.reverse_subpage("owner_edit", args=[listing.slug])


def token_url(page, listing, token):
    return page.url + page.reverse_subpage("redeem_link", args=[listing.slug, token])


def open_link(client, page, listing):
    _link, token = edit_links.issue_edit_link(listing, listing.owner)
    response = client.get(token_url(page, listing, token))
    assert response.status_code == 302
    return response


def form_data(listing, **changes):
    data = {
        "listed": "on",
        "description": listing.description,
        "phone": listing.phone,
        "email": listing.email,
        "website": listing.website,
        "social_profiles": "\n".join(listing.social_profiles),
        "show_street_address": "on",
        "show_phone": "on",
        "show_email": "on",
        "show_website": "on",
        "show_social_profiles": "on",
        "show_contact_persons": "on",
        "save": "1",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
