"""What the competitions add to every page (read by website.registry.chrome_includes)."""

FOOTER_LINKS = ("competitions/includes/footer_privacy_link.html",)
