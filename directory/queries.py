"""Reads for the help directory. Each runs a fixed number of queries, whatever the data size."""

from django.db.models import Q

from directory.enums import ServiceKind

SERVICE_VALUES = {kind.value for kind in ServiceKind}


def organisations(*, service: str = "", region=None):
    """Organisations offering `service` (a ServiceKind value) in `region` (a Region or None).
    An organisation that works across Albania counts for every region."""
    from directory.models import Organisation

    found = Organisation.objects.all()
    if service:
        found = found.filter(
            pk__in=Organisation.services.through.objects.filter(service__code=service).values(
                "organisation_id"
            )
        )
    if region is not None:
        served = Organisation.regions.through.objects.filter(region=region).values(
            "organisation_id"
        )
        found = found.filter(Q(pk__in=served) | Q(nationwide=True))
    return found.order_by("name").prefetch_related("services", "regions")


def directory_listing(params):
    """The directory page's context from its GET parameters. Unknown values are ignored:
    the reader gets the unfiltered list for that parameter, never an error."""
    from website.models import Region

    regions = list(Region.objects.all())
    service = params.get("service", "")
    service = service if service in SERVICE_VALUES else ""
    region_slug = params.get("region", "")
    region = next((r for r in regions if r.slug == region_slug), None)
    ignored = bool(params.get("service") and not service) or bool(region_slug and region is None)
    return {
        "organisations": list(organisations(service=service, region=region)),
        "services": list(ServiceKind),
        "regions": regions,
        "selected_service": service,
        "selected_region": region.slug if region else "",
        "filtered": bool(service or region),
        "ignored_filter": ignored,
    }


def directory_page():
    from directory.models import DirectoryPage

    return DirectoryPage.objects.live().first()


def directory_page_url(request=None):
    """The directory page's URL in the active language, "" when there is none live."""
    page = directory_page()
    if page is None:
        return ""
    return page.get_url(request) or ""
