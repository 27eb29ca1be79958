"""A few realistic contacts in several scripts, for GUI tests."""

from __future__ import annotations

from relationsapp.core.account_service import AccountService
from relationsapp.core.choices import Channel, NameOrder, SizeBand
from relationsapp.core.contact_service import ContactService
from relationsapp.core.records import AccountDraft, ContactDraft, EmailEntry, PhoneEntry
from relationsapp.storage.database import Database


def seed_people(database: Database) -> dict[str, int]:
    """Five contacts at three accounts; returns ids by a short key."""
    accounts = AccountService(database)
    yamada = accounts.create(
        AccountDraft(
            name="株式会社山田製作所",
            name_latin="Yamada Seisakusho",
            country="JP",
            industry="Manufacturing",
            size_band=SizeBand.LARGE,
            tags=["key-account"],
        )
    )
    pumps = accounts.create(AccountDraft(name="Nordisk Pumpe A/S", country="DK", industry="Energy"))
    riyadh = accounts.create(
        AccountDraft(
            name="شركة الرياض للطاقة", name_latin="Riyadh Energy", country="SA", industry="Energy"
        )
    )
    contacts = ContactService(database)
    return {
        "taro": contacts.create(
            ContactDraft(
                given_name="太郎",
                family_name="山田",
                given_name_latin="Taro",
                family_name_latin="Yamada",
                name_order=NameOrder.FAMILY_FIRST,
                country="JP",
                time_zone="Asia/Tokyo",
                account_id=yamada,
                emails=[EmailEntry("taro.yamada@yamada.example.jp")],
                phones=[PhoneEntry("03-1234-5678")],
                preferred_channel=Channel.IN_PERSON,
            )
        ),
        "jorgen": contacts.create(
            ContactDraft(
                given_name="Jørgen",
                family_name="Sørensen",
                country="DK",
                time_zone="Europe/Copenhagen",
                account_id=pumps,
                tags=["vip"],
            )
        ),
        "mette": contacts.create(
            ContactDraft(
                given_name="Mette",
                family_name="Østergaard",
                country="DK",
                time_zone="Europe/Copenhagen",
                account_id=pumps,
            )
        ),
        "ahmed": contacts.create(
            ContactDraft(
                given_name="أحمد",
                family_name="العتيبي",
                given_name_latin="Ahmed",
                family_name_latin="Al-Otaibi",
                country="SA",
                time_zone="Asia/Riyadh",
                account_id=riyadh,
                preferred_channel=Channel.PHONE,
            )
        ),
        "aino": contacts.create(
            ContactDraft(
                given_name="Aino",
                family_name="Mäkinen",
                country="FI",
                time_zone="Europe/Helsinki",
                notes="Prefers Finnish",
            )
        ),
    }
