"""The register kept current from the Finnish Trade Register's open data (PRH / YTJ v3,
licence CC BY 4.0, credit: Patentti- ja rekisterihallitus).

client.py asks the API, records.py reads its answers, sync.py compares and writes one
organisation, refresh.py refreshes many, signals.py tells intake and the directory.
"""
