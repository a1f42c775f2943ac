"""Directory search: one interface, two engines.

query (what is asked and answered), database and elasticsearch (the engines),
engines (which one answers a visitor, and the failover), sync (keeping every index in
line with the listings, and the backlog's replay).

Both engines answer `search()`, `suggest()`, `index()`, `remove()` and
`rebuild()` the same way; the shared contract tests in
tests/directory/test_search_contract.py hold them to it.

Only public listings are ever indexed, and only their always-public fields
(name, city, industry, services, description). A listing that stops being
public is removed from the index in the same request (see `sync_listing`).

The database engine is always kept up to date, in the request. With
`settings.ELASTICSEARCH_URL` set, Elasticsearch is updated too; an update it
does not take (the cluster is down) goes to the search-index backlog
(`ops.search_backlog`) and is replayed when it is back. Visitors' searches
(`search()`, `suggest()` below) go to Elasticsearch only while it answers and
the directory has nothing in the backlog; otherwise the database answers.
"""
