from .disclosures import Disclosure
from .ledger import ErasureLedgerEntry
from .notice import NumberedSection, PrivacyNoticePage
from .requests import DataSubjectRequest, RectificationRecord
from .retention import RetentionRun

__all__ = [
    "DataSubjectRequest",
    "Disclosure",
    "ErasureLedgerEntry",
    "NumberedSection",
    "PrivacyNoticePage",
    "RectificationRecord",
    "RetentionRun",
]
