/** @module The owner's battery capacity form: the listed capacities as radios, or a value entered by hand. */
import { findMake } from '../../../catalog/makes.js';
import { capacitySelection } from '../../../catalog/endpoints/index.js';
import { enteredChoice, optionValue, type CapacityOption } from '../../../connect/capacity-choice.js';
import type { CapacityTarget } from '../../../connect/capacity-target.js';
import { html, type SafeHtml } from '../../html.js';
import { renderPage } from './layout.js';

/** What the owner sent last time, so a refused form keeps it. */
export interface CapacityFormValues {
  readonly choice: string | undefined;
  readonly entered: string;
}

function optionLabel(option: CapacityOption): SafeHtml {
  return option.description === null ? html`<strong>${option.capacity} kWh</strong>` : html`<strong>${option.capacity} kWh</strong><br><span class="muted">${option.description}</span>`;
}

export function renderBatteryCapacityPage(basePath: string, target: CapacityTarget, csrf: string, problem: string | null, values: CapacityFormValues | null): string {
  const make = findMake(target.vehicle.ref.make)?.displayName ?? target.vehicle.ref.make;
  const vehicle = `${target.vehicle.year} ${make} ${target.vehicle.model}`;
  // A refused form keeps what the owner sent; a fresh one starts from their earlier choice, if any.
  const earlier = target.selected;
  const earlierListed = earlier !== null && target.options.some((option) => option.capacity === earlier);
  const chosen = values !== null ? values.choice : earlier === null ? undefined : earlierListed ? String(earlier) : enteredChoice;
  const entered = values !== null ? values.entered : earlier !== null && !earlierListed ? String(earlier) : '';
  const checked = (value: string): SafeHtml => (value === chosen ? html` checked` : html``);
  const radios = target.options.map(
    (option, index) => html`<label class="choice" for="capacity-${index}"><input type="radio" id="capacity-${index}" name="capacity" value="${optionValue(option)}"${checked(optionValue(option))}>
<span>${optionLabel(option)}</span></label>
`,
  );
  const { minimumKwh, maximumKwh } = capacitySelection;
  const link = target.subject;
  const content = html`<h1>Choose your battery’s capacity</h1>
<p>${target.applicationName} needs the nominal capacity of your ${vehicle}’s battery, and it could not be determined for certain. Pick the one your vehicle has; your vehicle’s documents or app show it.</p>
${problem === null ? html`` : html`<div class="alert" role="alert" id="capacity-error">${problem}</div>`}<form method="post" action="${basePath}/connect/battery-capacity">
<input type="hidden" name="vehicle_id" value="${link.vehicleId}"><input type="hidden" name="client_id" value="${link.clientId}"><input type="hidden" name="token" value="${target.token}">
<input type="hidden" name="response_type" value="${capacitySelection.responseType}"><input type="hidden" name="redirect_uri" value="${target.redirectUri}"><input type="hidden" name="csrf" value="${csrf}">
<fieldset class="vehicles"><legend>Battery capacity</legend>
${radios}<label class="choice" for="capacity-other"><input type="radio" id="capacity-other" name="capacity" value="${enteredChoice}"${checked(enteredChoice)}>
<span><strong>Another capacity</strong></span></label>
<label for="other-capacity">Capacity in kWh (${minimumKwh}–${maximumKwh})</label>
<input type="text" id="other-capacity" name="other_capacity" inputmode="decimal" autocomplete="off" value="${entered}"${problem === null ? html`` : html` aria-describedby="capacity-error"`}>
</fieldset>
<button type="submit" id="save-capacity-button" class="primary">Save and return to ${target.applicationName}</button>
</form>`;
  return renderPage({ basePath, title: 'Choose your battery’s capacity', content: content.value });
}
