from .applications import ListingApplication
from .counts import ListingDailyCount
from .listings import TEXT_FIELDS, VISIBILITY_FIELDS, EditLink, Listing, Service
from .pages import DirectoryIndexPage
from .settings import DirectorySettings

__all__ = [
    "TEXT_FIELDS",
    "VISIBILITY_FIELDS",
    "DirectoryIndexPage",
    "DirectorySettings",
    "EditLink",
    "Listing",
    "ListingApplication",
    "ListingDailyCount",
    "Service",
]
