"""Jury set-up in the Wagtail admin, for Competition moderators (and superusers).

Who may: Wagtail's model permission policy on `Jury` and `Round` (add, change, delete, view),
which a migration gives the Competition moderators group; `jury.permissions.can_manage` names the
same rule for the jury room (`jury.change_round`)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from jury import services
from jury.models import Jury, Round


class JuryEditView(generic.EditView):
    """Saving the jury's members goes through the services, so that a juror removed mid-round
    hands their unmarked entries on and a new juror gets their list."""

    def save_instance(self):
        before = set(Jury.objects.get(pk=self.object.pk).jurors.all())
        instance = super().save_instance()
        after = set(instance.jurors.all())
        for juror in before - after:
            services.remove_juror(jury=instance, juror=juror, by=self.request.user)
        for juror in after - before:
            services.add_juror(jury=instance, juror=juror, by=self.request.user)
        return instance


class JuryViewSet(ModelViewSet):
    model = Jury
    icon = "group"
    menu_label = _("Juries")
    list_display = ["competition", "chair"]
    edit_view_class = JuryEditView
    inspect_view_enabled = False


class RoundViewSet(ModelViewSet):
    model = Round
    icon = "list-ol"
    menu_label = _("Jury rounds")
    list_display = ["__str__", "kind", "state", "opens_at", "closes_at"]
    list_filter = ["state", "kind"]


class JuryViewSetGroup(ModelViewSetGroup):
    items = (JuryViewSet("juries"), RoundViewSet("jury_rounds"))
    menu_label = _("Jury")
    menu_icon = "group"
    menu_order = 252
