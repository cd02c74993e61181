/** @module The grant screen: choose vehicles and review the data packages, then Approve or Deny on one page. */
import { findMake } from '../../../catalog/makes.js';
import type { FlowState } from '../../../connect/flow-state.js';
import { isCompatible, type VehicleChoice } from '../../../connect/grant-plan.js';
import { escapeHtml } from '../../html.js';
import { renderDataPackages } from './data-packages.js';
import { flowFields, renderPage } from './layout.js';

function vehicleLabel(choice: VehicleChoice): string {
  const make = findMake(choice.vehicle.ref.make)?.displayName ?? choice.vehicle.ref.make;
  return `${choice.vehicle.year} ${make} ${choice.vehicle.model}`;
}

export function renderGrantPage(basePath: string, flow: FlowState, applicationName: string, choices: readonly VehicleChoice[], problem: string | null): string {
  const inputType = flow.singleSelect ? 'radio' : 'checkbox';
  let firstCompatible = true;
  const vehicles = choices
    .map((choice, index) => {
      const compatible = isCompatible(choice);
      const checked = compatible && (!flow.singleSelect || firstCompatible);
      if (compatible) firstCompatible = false;
      const id = `vehicle-${index}`;
      const reason = compatible ? '' : `<br><span class="muted">Cannot be connected: it does not support ${escapeHtml(choice.missingRequired.join(', ') || 'any requested permission')}.</span>`;
      return `<label class="vehicle${compatible ? '' : ' incompatible'}" for="${id}"><input type="${inputType}" id="${id}" name="vehicle" value="${escapeHtml(choice.vehicle.ref.providerVehicleId)}"${checked ? ' checked' : ''}${compatible ? '' : ' disabled'}>
<span><strong>${escapeHtml(vehicleLabel(choice))}</strong><br><span class="muted">VIN ending ${escapeHtml(choice.vehicle.vin.slice(-6))}</span>${reason}</span></label>`;
    })
    .join('\n');
  const alert = problem === null ? '' : `<div class="alert" role="alert">${escapeHtml(problem)}</div>`;
  const name = escapeHtml(applicationName);
  return renderPage({
    basePath,
    title: `Allow ${applicationName} access`,
    content: `<h1>Allow ${name} access to your ${flow.singleSelect ? 'vehicle' : 'vehicles'}</h1>
${alert}<form method="post" action="${escapeHtml(basePath)}/connect/grant">
${flowFields(flow.flowId, flow.csrf)}
<fieldset class="vehicles"><legend>${flow.singleSelect ? 'Choose one vehicle' : 'Choose vehicles'}</legend>
${vehicles}
</fieldset>
<h2>${name} will be able to:</h2>
${renderDataPackages(flow.scope)}
<button type="submit" id="approval-button" class="primary" name="action" value="approve">Approve</button>
<button type="submit" id="deny-button" class="secondary" name="action" value="deny">Deny</button>
</form>`,
  });
}
