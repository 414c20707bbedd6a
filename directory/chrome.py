"""What the help directory adds to every page (read by website.registry.chrome_includes):
the link to the directory under the help lines."""

HELP_LINES_INCLUDES = ("directory/includes/help_lines_directory.html",)
