/** @module The provider conformance suite, run for the simulated provider's vehicles of every make (one per model). */
import { describeProviderConformance } from './conformance.js';
import { allMakes, simulatedConformance } from './simulated-subject.js';

for (const make of allMakes) describeProviderConformance(`simulated ${make}`, simulatedConformance(make));
