"""The models of the jury, one module per concern: judging, and publication of the works."""

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
    new_code,
)
from jury.models.publication import EntrantNotice, Publication

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
    "Publication",
    "RankBallot",
    "Round",
    "Score",
    "ShortlistVote",
    "new_code",
]
