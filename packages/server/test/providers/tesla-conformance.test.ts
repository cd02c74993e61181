/** @module The provider conformance suite for the live Tesla provider, against an emulated Tesla cloud on loopback. */
import { describeProviderConformance } from './conformance.js';
import { teslaConformance } from './tesla-subject.js';

describeProviderConformance('tesla (emulated Fleet API)', await teslaConformance());
