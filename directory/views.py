"""What the directory page shows (DirectoryPage.get_context calls this with the querysets).

It never imports directory.models (which imports it); it runs a fixed number of queries,
whatever the number of organisations.
"""

from directory.enums import ServiceKind

SERVICE_VALUES = {kind.value for kind in ServiceKind}


def directory_listing(params, *, organisations, regions):
    """The directory page's context from its GET parameters, given the organisations
    (an OrganisationQuerySet) and the regions. Unknown values are ignored: the reader gets the
    unfiltered list for that parameter, never an error."""
    regions = list(regions)
    service = params.get("service", "")
    service = service if service in SERVICE_VALUES else ""
    region_slug = params.get("region", "")
    region = next((r for r in regions if r.slug == region_slug), None)
    ignored = bool(params.get("service") and not service) or bool(region_slug and region is None)
    return {
        "organisations": list(organisations.offering(service).serving(region).for_listing()),
        "services": list(ServiceKind),
        "regions": regions,
        "selected_service": service,
        "selected_region": region.slug if region else "",
        "filtered": bool(service or region),
        "ignored_filter": ignored,
    }
