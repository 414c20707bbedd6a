"""`python manage.py clean_image_library`: clean the images stored before the library cleaned
every upload (website/image_library.py) — turned upright, re-encoded without EXIF, XMP, IPTC or
GPS — and drop their renditions, which Wagtail makes again from the clean original.

Only files that still carry metadata are re-encoded (`website.images.carries_metadata`): running
it twice changes nothing the second time. Run once after deploying; `--dry-run` only counts.
"""

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand

from website import images
from website.models import CustomImage


class Command(BaseCommand):
    help = "Remove EXIF/XMP/IPTC/GPS from the images already in the library."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count.")

    def handle(self, *args, dry_run=False, **options):
        cleaned = refused = 0
        for image in CustomImage.objects.order_by("pk").iterator():
            with image.open_file() as stored:
                data = stored.read()
            if not images.carries_metadata(data):
                continue
            try:
                result = images.clean_image(
                    ContentFile(data), max_bytes=len(data), formats=images.LIBRARY_FORMATS
                )
            except images.ImageRejected as rejected:
                refused += 1
                self.stderr.write(f"Image {image.pk} ({image.file.name}): {rejected.code}")
                continue
            cleaned += 1
            if dry_run:
                continue
            old_name = image.file.name
            image.file.save(
                images.library_name(old_name, result), ContentFile(result.content), save=False
            )
            if (image.width, image.height) != (result.width, result.height):
                image.set_focal_point(None)  # it was set on the picture lying on its side
            image.width, image.height = result.width, result.height
            image._set_image_file_metadata()  # Wagtail's own size and hash
            image.save()
            image.file.storage.delete(old_name)
            image.renditions.all().delete()
        verb = "would be cleaned" if dry_run else "cleaned"
        self.stdout.write(f"{cleaned} images {verb}, {refused} could not be read.")
