"""Coaching tips: the library, and what the member did with each tip."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from tinydb import where

from netcoach.coach import tips
from netcoach.models import TipProgress, parse_tip_progress, to_record
from netcoach.service.unit_of_work import NotFoundError, UnitOfWork


def _known_tip(tip_id: str) -> None:
    try:
        tips.tip_by_id(tip_id)
    except KeyError:
        raise NotFoundError(f"tip: no tip with id {tip_id!r}") from None


class TipService(UnitOfWork):
    @staticmethod
    def tips_library() -> tuple[tips.Tip, ...]:
        return tips.load_tips()

    def tip_progress(self) -> dict[str, TipProgress]:
        return {t.tip_id: t for t in self.snapshot().tips}

    def tips_due_for_review(self) -> list[tips.Tip]:
        return [tips.tip_by_id(i) for i in tips.due_for_review(self.tip_progress(), self.today)]

    def save_tip_progress(self, raw: Mapping[str, Any]) -> TipProgress:
        """Save what was done with a tip; fields not given keep their saved value (like the profile)."""
        progress = parse_tip_progress({**raw, "id": None})
        same_tip = where("tip_id") == progress.tip_id
        with self._work() as work:
            saved = work.tips.document_where(same_tip)
            if saved is not None:
                progress = parse_tip_progress({**saved, **raw, "id": None})
            progress_id = work.tips.upsert(progress, same_tip)
        return dataclasses.replace(progress, id=progress_id)

    def mark_tip_read(self, tip_id: str) -> TipProgress:
        _known_tip(tip_id)
        progress = tips.mark_read(self.tip_progress().get(tip_id), tip_id, self.today)
        return self.save_tip_progress(to_record(progress) | {"tip_id": tip_id})

    def mark_tip_tried(self, tip_id: str, reflection: str = "", useful: bool | None = None) -> TipProgress:
        _known_tip(tip_id)
        progress = tips.mark_tried(
            self.tip_progress().get(tip_id), tip_id, self.today, reflection=reflection, useful=useful
        )
        return self.save_tip_progress(to_record(progress) | {"tip_id": tip_id})

    def set_tip_useful(self, tip_id: str, useful: bool | None) -> TipProgress:
        _known_tip(tip_id)
        current = self.tip_progress().get(tip_id)
        base = to_record(current) if current else {"tip_id": tip_id}
        return self.save_tip_progress(base | {"useful": useful})
