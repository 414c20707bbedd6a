from .documents import CustomDocument
from .images import CustomImage, CustomRendition
from .pages import HomePage, StandardPage, TranslatedPageMixin
from .site_settings import SiteSettings
from .snippets import Partner
from .taxonomy import Municipality, Region, Topic
from .users import User

__all__ = [
    "CustomDocument",
    "CustomImage",
    "CustomRendition",
    "HomePage",
    "Municipality",
    "Partner",
    "Region",
    "SiteSettings",
    "StandardPage",
    "Topic",
    "TranslatedPageMixin",
    "User",
]
