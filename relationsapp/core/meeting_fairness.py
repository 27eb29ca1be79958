"""Who carried the early or late hours last time: fairness for recurring meetings.

When two slots are equally good, the planner prefers the one whose early/late hours
fall on someone who has not had them before. "Before" is the meetings this group
already held: every past meeting that at least two of today's participants attended.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from relationsapp.core.day_grid import CellKind, classify
from relationsapp.core.meeting_participants import Participant
from relationsapp.core.meeting_service import MeetingAttendee, MeetingDetails

_BURDEN = (CellKind.EDGE, CellKind.NIGHT)


def _same_person(participant: Participant, attendee: MeetingAttendee) -> bool:
    if participant.contact_id is not None:
        return participant.contact_id == attendee.contact_id
    return attendee.contact_id is None and participant.label == attendee.label


def burden_counts(
    history: Sequence[MeetingDetails], participants: Sequence[Participant]
) -> dict[str, int]:
    """Label → how many shared past meetings fell early, late or at night for them."""
    counts: Counter[str] = Counter()
    for meeting in history:
        present = [
            participant
            for participant in participants
            if any(_same_person(participant, attendee) for attendee in meeting.draft.attendees)
        ]
        if len(present) < 2:
            continue  # not a meeting of this group
        for participant in present:
            kind, _holiday = classify(participant, meeting.draft.start_utc)
            if kind in _BURDEN:
                counts[participant.label] += 1
    return dict(counts)
