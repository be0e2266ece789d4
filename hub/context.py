"""The GraphQL context of one request: its scope, its loaders, and the process's services."""

from __future__ import annotations

from dataclasses import dataclass, field

from hub.events.notifier import EventNotifier
from hub.models import Category, MediaAsset
from hub.models.placement_reach import PlacementReach
from hub.services.preview import PreviewSigner
from hub.services.search import SearchService
from resolvers.dataloaders import Loaders
from resolvers.public_memory import PublicAnswers
from resolvers.row_memory import RowMemory
from schema.common import BadUserInput
from tenants.directory import TenantDirectory
from tenants.models import SLUG_PATTERN, Tenant
from tenants.scope import Scope


@dataclass(frozen=True)
class HubServices:
    """Long-lived helpers of one hub process, built by the app factory."""

    directory: TenantDirectory | None = None
    previews: PreviewSigner | None = None
    notifier: EventNotifier | None = None
    search: SearchService = field(default_factory=SearchService)
    # Which portals receive placements, remembered per process (None: ask the database).
    placement_reach: PlacementReach | None = None
    # Sections by id, remembered per process (None: ask the database).
    categories: RowMemory[Category] | None = None
    # Pictures and files by id with their renditions, for anonymous readers.
    media_assets: RowMemory[MediaAsset] | None = None
    # Public lists (a portal's sections, the units below it) kept for readers.
    public_answers: PublicAnswers | None = None


@dataclass
class HubContext:
    """What every resolver can reach through ``info.context``."""

    scope: Scope
    services: HubServices = field(default_factory=HubServices)
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        services = self.services
        self.loaders = Loaders(
            self.scope, services.directory, services.categories, services.media_assets
        )

    @property
    def directory(self) -> TenantDirectory | None:
        return self.services.directory

    @property
    def previews(self) -> PreviewSigner | None:
        return self.services.previews

    async def tenant(self, slug: str) -> Tenant | None:
        """A tenant by slug (validated first).

        Served from the process's tenant directory when there is one (tenant
        rows are public and change rarely; it refreshes every few seconds),
        which spares every tenant-scoped query a database round trip.
        """
        if not SLUG_PATTERN.match(slug):
            raise BadUserInput(f"invalid tenant slug: {slug[:70]!r}", "INVALID_SLUG")
        if self.directory is None:
            return await self.loaders.tenant_by_slug.load(slug)
        tenant = await self.directory.by_slug(slug)
        if tenant is not None:
            self.loaders.prime_tenant(tenant)
        return tenant


def make_context(scope: Scope, services: HubServices | None = None) -> HubContext:
    context = HubContext(scope=scope, services=services or HubServices())
    if scope.tenant is not None:
        context.loaders.prime_tenant(scope.tenant)
    return context
