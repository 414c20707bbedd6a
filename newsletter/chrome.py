"""What the newsletter adds to every page (read by website.registry.chrome_includes)."""

FOOTER_INCLUDES = ("newsletter/includes/subscribe_form.html",)
