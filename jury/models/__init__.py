"""The models of the jury, one module per concern: judging, and the entrants' notices."""

from jury.models.judging import (
    CODE_ALPHABET,
    JURORS_GROUP,
    Advancement,
    AnonymousCode,
    Assignment,
    Award,
    ConflictDeclaration,
    Criterion,
    Jury,
    RankBallot,
    Round,
    Score,
    ShortlistVote,
    in_language,
    new_code,
)
from jury.models.notices import EntrantNotice

__all__ = [
    "CODE_ALPHABET",
    "JURORS_GROUP",
    "Advancement",
    "AnonymousCode",
    "Assignment",
    "Award",
    "ConflictDeclaration",
    "Criterion",
    "EntrantNotice",
    "Jury",
    "RankBallot",
    "Round",
    "Score",
    "ShortlistVote",
    "in_language",
    "new_code",
]
