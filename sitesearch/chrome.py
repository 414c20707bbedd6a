"""What the site search adds to every page (read by website.registry.chrome_includes)."""

HEADER_INCLUDES = ("sitesearch/includes/header_search.html",)
