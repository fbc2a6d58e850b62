"""The one error that input which breaks the rules raises."""

from __future__ import annotations

from collections.abc import Iterable


class ValidationError(ValueError):
    """Every problem found in one piece of input, each as 'field: what is wrong'."""

    def __init__(self, problems: Iterable[str]):
        self.problems: list[str] = list(problems)
        super().__init__("; ".join(self.problems))
