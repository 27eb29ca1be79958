"""The services of one open file, made when first needed.

Built once per open file and passed to the window (no global registry). The ORM-backed
services import SQLAlchemy, so they are created on first use rather than at start-up:
the first window needs only the search, which reads with plain SQL.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from relationsapp.core.contact_search import IndexedContactSearch
from relationsapp.storage.database import Database

if TYPE_CHECKING:
    from relationsapp.core.account_service import AccountService
    from relationsapp.core.contact_service import ContactService
    from relationsapp.core.culture_notes import CultureNoteService
    from relationsapp.core.deal_service import DealService
    from relationsapp.core.interaction_service import InteractionService
    from relationsapp.core.meeting_service import MeetingService


class Services:
    def __init__(self, database: Database) -> None:
        self.database = database
        self.search = IndexedContactSearch(database)

    @cached_property
    def contacts(self) -> ContactService:
        from relationsapp.core.contact_service import ContactService

        return ContactService(self.database)

    @cached_property
    def meetings(self) -> MeetingService:
        from relationsapp.core.meeting_service import MeetingService

        return MeetingService(self.database)

    @cached_property
    def accounts(self) -> AccountService:
        from relationsapp.core.account_service import AccountService

        return AccountService(self.database)

    @cached_property
    def culture(self) -> CultureNoteService:
        from relationsapp.core.culture_notes import CultureNoteService

        return CultureNoteService(self.database)

    @cached_property
    def interactions(self) -> InteractionService:
        from relationsapp.core.interaction_service import InteractionService

        return InteractionService(self.database)

    @cached_property
    def deals(self) -> DealService:
        from relationsapp.core.deal_service import DealService

        return DealService(self.database)
