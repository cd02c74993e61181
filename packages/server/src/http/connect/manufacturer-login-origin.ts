/**
 * @module Where a flow's sign-in leaves Carport: the origin of the manufacturer's login page when
 * the flow's provider links accounts by redirect. The page whose form answers with that redirect
 * must name it in its CSP `form-action`, as browsers apply it to the whole redirect chain.
 */
import type { FlowState } from '../../connect/flow-state.js';
import type { ProviderRegistry } from '../../providers/provider-registry.js';

/** The manufacturer login origin of the flow's provider, or undefined when it signs owners in on Carport's own page. */
export function manufacturerLoginOrigin(providers: ProviderRegistry, flow: FlowState, callbackUrl: string): string | undefined {
  const linking = flow.make === null ? undefined : providers.find(flow.make, flow.mode)?.linking;
  if (linking?.kind !== 'oauth-redirect' || flow.make === null) return undefined;
  // Only the origin is used: the state, challenge and permissions do not change where the login page is.
  return linking.authorizationUrl({ make: flow.make, mode: flow.mode, redirectUri: callbackUrl, state: '', codeChallenge: '', permissions: [] }).origin;
}
