/** @module Registers an application that asks for access: created in state `requested` with its partner request, test modes only. */
import type { CreatedApplication, PartnerRequest, Repositories } from '../store/index.js';

/** The application side of a request for access. */
export interface AccessRequestApplication {
  readonly name: string;
  readonly redirectUris: readonly string[];
  readonly defaultScope?: readonly string[];
  readonly plan?: string;
  /** As the timeline names actors. */
  readonly requestedBy: string;
}

/**
 * Creates the application in `requested` with nothing approved yet and stores the request, in one
 * transaction. Its credentials work at once for test and simulated Connect.
 */
export function requestAccess(repositories: Repositories, application: AccessRequestApplication, request: PartnerRequest): Promise<CreatedApplication> {
  return repositories.transaction(async (trx) => {
    const created = await trx.applications.createApplication({
      name: application.name,
      redirectUris: application.redirectUris,
      ...(application.defaultScope === undefined ? {} : { defaultScope: application.defaultScope }),
      ...(application.plan === undefined ? {} : { plan: application.plan }),
      lifecycleState: 'requested',
      approvedDataPackages: [],
      createdBy: application.requestedBy,
    });
    await trx.lifecycle.saveRequest(created.application.id, request);
    return created;
  });
}
