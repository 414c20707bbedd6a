from .images import CustomImage, CustomRendition
from .pages import HomePage, StandardPage, TranslatedPageMixin
from .site_settings import SiteSettings
from .snippets import Partner
from .users import User

__all__ = [
    "CustomImage",
    "CustomRendition",
    "HomePage",
    "Partner",
    "SiteSettings",
    "StandardPage",
    "TranslatedPageMixin",
    "User",
]
