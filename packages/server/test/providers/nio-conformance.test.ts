/** @module The provider conformance suite for the live NIO provider, against an emulated NIO cloud on loopback. */
import { describeProviderConformance } from './conformance.js';
import { nioConformance } from './nio-subject.js';

describeProviderConformance('nio (emulated NIO Vehicle API)', await nioConformance());
