"""The jury demo: 114 approved artworks, five jurors, a closed round with a shortlist of 30, a
closed prize round and three prizes recorded after it; run twice, nothing doubles; no e-mail to the
made-up artists is left in the outbox."""

import io

from django.test import override_settings

from competitions import demo as competitions_demo
from competitions.models import Entry
from jury import demo
from jury.enums import AwardKind, RoundState
from jury.models import Advancement, Award, Jury, Round, Score
from mail.models import Message


@override_settings(DEBUG=True)
def test_demo_loads_idempotently(home):
    out = io.StringIO()
    competitions_demo.load(home, out)
    result = demo.load(home, out)
    assert sorted(result["logins"]) == ["juror1", "juror2", "juror3", "juror4", "juror5"]

    second = demo.load(home, out)
    assert second["logins"] == {}

    jury = Jury.objects.get()
    assert jury.chair.username == "juror1"
    assert jury.jurors.count() == 5
    assert Entry.objects.filter(form_token__startswith="demo-art3-").count() == 114
    first, prizes = Round.objects.order_by("position")
    assert (first.state, prizes.state) == (RoundState.CLOSED, RoundState.CLOSED)
    assert first.criteria.count() == 4
    assert Score.objects.filter(round=first).count() == 114 * 5 * 4
    assert Advancement.objects.filter(round=first).count() == 30
    assert sorted(Award.objects.values_list("kind", flat=True)) == sorted(
        [AwardKind.FIRST, AwardKind.SECOND, AwardKind.THIRD]
    )
    assert Score.objects.filter(round=prizes).count() == 30 * 5 * 4
    awarded = set(Award.objects.values_list("entry_id", flat=True))
    assert awarded <= set(
        Advancement.objects.filter(round=first).values_list("entry_id", flat=True)
    )
    # The artists are made up: their receipts and decisions are dropped, not sent.
    assert Message.objects.filter(to__icontains="artist").count() == 0
    assert Message.objects.filter(to__icontains="entrant1@example.com").exists()  # not the others
