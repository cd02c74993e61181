/** @module Records, for the joint-testing checklist, that an application used the data package of an endpoint it called successfully. */
import type { AppContext } from '../../app/services.js';
import { dataPackageOfPermission } from '../../catalog/permissions.js';
import type { CatalogEndpoint } from '../../catalog/endpoints/index.js';

/** A set lookup after the first call per package and process (see `LifecycleRepository.observe`). */
export async function observeUse(context: AppContext, applicationId: string, endpoint: CatalogEndpoint): Promise<void> {
  const dataPackage = endpoint.permission === null ? undefined : dataPackageOfPermission(endpoint.permission);
  if (dataPackage !== undefined) await context.repositories.lifecycle.observe(applicationId, 'data_package_used', dataPackage);
}
