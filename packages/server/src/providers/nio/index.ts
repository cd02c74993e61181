/** @module The live NIO provider (NIO Vehicle API), registered when Carport is configured with a NIO client. */
export { NioProvider, type NioProviderOptions, type NioProviderStore } from './nio-provider.js';
export { nioCapabilities } from './nio-capabilities.js';
export { nioScopes, nioScopesFor } from './nio-scopes.js';
