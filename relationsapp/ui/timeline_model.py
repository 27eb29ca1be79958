"""Thin read-only models of one contact's or account's timeline: interactions and promises.

A timeline is short (the service returns at most a few hundred rows), so each model
holds plain records. Times are shown twice where it helps: in my zone, and in the
client's zone as it was then (the zone stored beside each interaction).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from babel.dates import format_skeleton, format_timedelta
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor

from relationsapp.core.choices import Direction, PromiseStatus, label
from relationsapp.core.deal_service import FeedbackKind, FeedbackRecord
from relationsapp.core.interaction_service import InteractionRecord
from relationsapp.core.promise_rules import JudgedPromise, PromiseState
from relationsapp.core.zones import canonical_zone, is_known_zone, to_local, zone_city
from relationsapp.i18n.formatting import format_time, format_weekday, ui_locale
from relationsapp.i18n.translate import _
from relationsapp.ui.feedback_labels import kind_text, score_colour, score_text
from relationsapp.ui.field_error_label import ERROR_COLOR
from relationsapp.ui.read_only_table_model import ModelIndex, ReadOnlyTableModel
from relationsapp.ui.roles import ID_ROLE

WHEN, KIND, SUMMARY, WITH = range(4)
WHAT, TO, DUE, STATE = range(4)
ANSWERED, FEEDBACK_KIND, SCORE, FROM, COMMENT = range(5)

#: Which way it went: ↙ the client reached me, ↗ I reached them.
ARROWS = {Direction.INBOUND: "↙", Direction.OUTBOUND: "↗", Direction.NONE: ""}


# --- texts shared with the interaction dialog ---------------------------------------------------


def short_date(day: dt.date, this_year: int | None = None) -> str:
    """``Fri 4 Dec`` (``fre. 4. dec.``), with the year when it is not ``this_year``."""
    skeleton = "MMMEd" if day.year == this_year else "yMMMEd"
    return format_skeleton(skeleton, day, locale=ui_locale())


def day_and_time(local: dt.datetime, this_year: int | None = None) -> str:
    """``Fri 4 Dec, 10:30``: the locale's own way of joining a date and a time."""
    pattern = str(ui_locale().datetime_formats.get("medium", "{1} {0}"))
    date_text, time_text = short_date(local.date(), this_year), format_time(local)
    return pattern.replace("'", "").replace("{1}", date_text).replace("{0}", time_text)


def weekday_and_time(local: dt.datetime) -> str:
    """``Fri 17:30``."""
    return _("%(weekday)s %(time)s") % {
        "weekday": format_weekday(local.date()),
        "time": format_time(local),
    }


def their_time(instant: dt.datetime, zone: str, with_weekday: bool = True) -> str:
    """``17:30 Fri in Tokyo``: the instant on the client's clock."""
    local = to_local(instant, zone)
    if with_weekday:
        return _("%(time)s %(weekday)s in %(city)s") % {
            "time": format_time(local),
            "weekday": format_weekday(local.date()),
            "city": zone_city(zone),
        }
    return _("%(time)s in %(city)s") % {"time": format_time(local), "city": zone_city(zone)}


def deadline_text(deadline: dt.datetime, due_on: dt.date, my_zone: str) -> str:
    """``due 09:00 your time``, with the weekday when that is not the due date for me."""
    local = to_local(deadline, my_zone)
    when = format_time(local) if local.date() == due_on else weekday_and_time(local)
    return _("due %(time)s your time") % {"time": when}


def delay_text(delay: dt.timedelta) -> str:
    """``3 hrs``, ``2 days`` (rounded the way people say it)."""
    return format_timedelta(delay, format="short", locale=ui_locale())


def state_text(promise: JudgedPromise) -> str:
    """Open / Due today / Overdue by 2 days / Kept / Kept 3 hrs late / Broken."""
    state = promise.state
    if state == PromiseState.DUE_TODAY:
        return _("Due today")
    if state == PromiseState.OVERDUE and promise.delay is not None:
        return _("Overdue by %(delay)s") % {"delay": delay_text(promise.delay)}
    if state == PromiseState.KEPT_LATE and promise.delay is not None:
        return _("Kept %(delay)s late") % {"delay": delay_text(promise.delay)}
    if state == PromiseState.BROKEN:
        return label(PromiseStatus.BROKEN)
    if state in (PromiseState.KEPT, PromiseState.KEPT_LATE):
        return label(PromiseStatus.KEPT)
    return label(PromiseStatus.OPEN)


def same_zone(first: str, second: str) -> bool:
    return canonical_zone(first) == canonical_zone(second)


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- interactions -------------------------------------------------------------------------------


class TimelineModel(ReadOnlyTableModel):
    """Interactions newest first: when (mine and theirs), kind and way, summary, with whom."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._records: list[InteractionRecord] = []
        self._names: dict[int, str] = {}
        self._my_zone = "UTC"
        self._this_year: int | None = None

    def set_records(
        self,
        records: list[InteractionRecord],
        names: dict[int, str],
        my_zone: str,
        now: dt.datetime,
    ) -> None:
        """Show ``records``; ``names`` names the other contacts who took part (id → name)."""
        self.beginResetModel()
        self._records, self._names, self._my_zone = list(records), dict(names), my_zone
        self._this_year = to_local(now, my_zone).year
        self.endResetModel()

    def record(self, row: int) -> InteractionRecord:
        return self._records[row]

    def row_of(self, interaction_id: int) -> int | None:
        return next((i for i, r in enumerate(self._records) if r.id == interaction_id), None)

    def headers(self) -> list[str]:
        return [_("When"), _("Kind"), _("Summary"), _("With")]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        if role == ID_ROLE:
            return record.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(record, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(record, index.column())
        return None

    def _display(self, record: InteractionRecord, column: int) -> str:
        draft = record.draft
        if column == WHEN:
            mine = to_local(draft.occurred_at, self._my_zone)
            text = day_and_time(mine, self._this_year)
            zone = draft.zone
            if zone and is_known_zone(zone) and not same_zone(zone, self._my_zone):
                theirs = to_local(draft.occurred_at, zone)
                if theirs.replace(tzinfo=None) != mine.replace(tzinfo=None):
                    text += " · " + their_time(
                        draft.occurred_at, zone, theirs.date() != mine.date()
                    )
            return text
        if column == KIND:
            arrow = ARROWS[draft.direction]
            text = " ".join(part for part in (arrow, label(draft.kind)) if part)
            # "↗ Call · sensitive": private, so printed briefings may leave its words out.
            return text + " · " + _("sensitive") if draft.sensitive else text
        if column == SUMMARY:
            parts = [_one_line(draft.summary), _one_line(draft.outcome)]
            return " — ".join(part for part in parts if part)
        if column == WITH:
            return ", ".join(self.people(record))
        return ""

    def people(self, record: InteractionRecord) -> list[str]:
        """Who it was with: the contact (or the account), then the others present."""
        first = record.contact_name or record.account_name
        others = [self._names.get(i, "") for i in record.draft.other_contact_ids]
        return [name for name in (first, *others, *record.draft.other_people) if name]

    def _tooltip(self, record: InteractionRecord, column: int) -> str:
        draft = record.draft
        if column == KIND:
            parts = [label(draft.direction)]
            if draft.channel is not None:
                parts.append(label(draft.channel))
            return " · ".join(parts)
        if column == SUMMARY:
            lines = [draft.summary]
            if draft.outcome:
                lines.append(_("Outcome: %(text)s") % {"text": draft.outcome})
            if draft.follow_up:
                lines.append(_("Follow-up: %(text)s") % {"text": draft.follow_up})
            return "\n".join(line for line in lines if line)
        if column == WITH and record.account_name:
            return record.account_name
        if column == WHEN and draft.zone:
            return draft.zone
        return ""


# --- promises -----------------------------------------------------------------------------------


class PromiseTableModel(ReadOnlyTableModel):
    """Promises with their due date in the client's calendar and where they stand now."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._promises: list[JudgedPromise] = []
        self._my_zone = "UTC"
        self._this_year: int | None = None

    def set_promises(self, promises: list[JudgedPromise], my_zone: str, now: dt.datetime) -> None:
        self.beginResetModel()
        self._promises, self._my_zone = list(promises), my_zone
        self._this_year = to_local(now, my_zone).year
        self.endResetModel()

    def promise(self, row: int) -> JudgedPromise:
        return self._promises[row]

    def row_of(self, promise_id: int) -> int | None:
        return next((i for i, p in enumerate(self._promises) if p.record.id == promise_id), None)

    def headers(self) -> list[str]:
        return [_("What"), _("To"), _("Due"), _("State")]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._promises)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._promises):
            return None
        promise = self._promises[index.row()]
        record = promise.record
        if role == ID_ROLE:
            return record.id
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == WHAT:
                return _one_line(record.draft.description)
            if index.column() == TO:
                return record.contact_name or record.account_name
            if index.column() == DUE:
                return _("%(date)s (%(deadline)s)") % {
                    "date": short_date(record.draft.due_on, self._this_year),
                    "deadline": deadline_text(promise.deadline, record.draft.due_on, self._my_zone),
                }
            if index.column() == STATE:
                return state_text(promise)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == DUE:
                return _("Due by the end of their working day: %(time)s") % {
                    "time": their_time(promise.deadline, promise.client_zone)
                }
            if index.column() == WHAT:
                return record.draft.description
            return None
        late = promise.state in (PromiseState.OVERDUE, PromiseState.BROKEN)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == STATE and late:
            return QColor(ERROR_COLOR)
        return None


# --- feedback -----------------------------------------------------------------------------------


class FeedbackTableModel(ReadOnlyTableModel):
    """CSAT and NPS answers, newest first: when, which kind, the score and what it means,
    who answered, what they said."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._answers: list[FeedbackRecord] = []
        self._names: dict[int, str] = {}
        self._this_year: int | None = None

    def set_answers(
        self, answers: list[FeedbackRecord], names: dict[int, str], this_year: int
    ) -> None:
        """Show ``answers``; ``names`` names who answered (contact id → name)."""
        self.beginResetModel()
        self._answers, self._names, self._this_year = list(answers), dict(names), this_year
        self.endResetModel()

    def answer(self, row: int) -> FeedbackRecord:
        return self._answers[row]

    def row_of(self, feedback_id: int) -> int | None:
        return next((i for i, a in enumerate(self._answers) if a.id == feedback_id), None)

    def headers(self) -> list[str]:
        return [_("Answered"), _("Kind"), _("Score"), _("From"), _("Comment")]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._answers)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._answers):
            return None
        answer = self._answers[index.row()]
        draft, column = answer.draft, index.column()
        if role == ID_ROLE:
            return answer.id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == ANSWERED:
                return short_date(draft.answered_on, self._this_year)
            if column == FEEDBACK_KIND:
                return kind_text(draft.kind)
            if column == SCORE:
                return score_text(draft.kind, draft.score)
            if column == FROM:
                return self._names.get(draft.contact_id, "") if draft.contact_id else ""
            if column == COMMENT:
                return _one_line(draft.comment)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COMMENT:
                return draft.comment
            if column == FEEDBACK_KIND:
                return (
                    _("Satisfaction, 1–5")
                    if draft.kind == FeedbackKind.CSAT
                    else _("Likelihood to recommend us, 0–10")
                )
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == SCORE:
            colour = score_colour(draft.kind, draft.score)
            return QColor(colour) if colour else None
        return None
