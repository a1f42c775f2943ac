from .disclosures import Disclosure
from .ledger import ErasureLedgerEntry
from .notice import NumberedSection, PrivacyNoticePage
from .requests import DataSubjectRequest, ExportLink, RectificationRecord
from .retention import RetentionRun

__all__ = [
    "DataSubjectRequest",
    "Disclosure",
    "ErasureLedgerEntry",
    "ExportLink",
    "NumberedSection",
    "PrivacyNoticePage",
    "RectificationRecord",
    "RetentionRun",
]
