from .applications import ListingApplication
from .counts import ListingDailyCount
from .listings import EditLink, Listing, Service
from .pages import DirectoryIndexPage
from .settings import DirectorySettings

__all__ = [
    "DirectoryIndexPage",
    "DirectorySettings",
    "EditLink",
    "Listing",
    "ListingApplication",
    "ListingDailyCount",
    "Service",
]
