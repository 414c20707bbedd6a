from django import forms
from django.utils.translation import gettext_lazy as _

from sitesearch.queries import MAX_QUERY_LENGTH, clean_query


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        strip=True,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _(
                "Your search is too long. Please use a few words (at most %(limit_value)d "
                "characters)."
            )
        },
    )

    def cleaned_query(self):
        """The words to search for, "" when there is nothing to search."""
        return clean_query(self.cleaned_data.get("q", ""))
