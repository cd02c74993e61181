/**
 * @module The grant screen: choose vehicles (a page at a time) and review the data packages, then
 * Approve or Deny on one page. The two buttons stay in view at the bottom of the screen (sticky) while
 * the form is, so a phone need not scroll past the whole permission list to approve.
 */
import { findMake } from '../../../catalog/makes.js';
import { findPermission } from '../../../catalog/permissions.js';
import type { FlowState } from '../../../connect/flow-state.js';
import { isCompatible, type VehicleChoice } from '../../../connect/grant-plan.js';
import type { GrantPage, Selection } from '../../../connect/grant-selection.js';
import { escapeHtml } from '../../html.js';
import { renderDataPackages } from './data-packages.js';
import { flowFields, renderPage } from './layout.js';

/** What the screen shows of the owner's vehicles: one page, the choice so far, and how many there are. */
export interface GrantScreenVehicles {
  readonly page: GrantPage;
  readonly selection: Selection;
  readonly total: number;
  /** The requested permissions at least one connectable vehicle supports (see `offeredPermissions`). */
  readonly offered: readonly string[];
}

function vehicleLabel(choice: VehicleChoice): string {
  const make = findMake(choice.vehicle.ref.make)?.displayName ?? choice.vehicle.ref.make;
  return `${choice.vehicle.year} ${make} ${choice.vehicle.model}`;
}

/** What a connectable vehicle cannot give of what the screen lists, in the owner's words. */
function renderLacking(choice: VehicleChoice, offered: readonly string[]): string {
  const lacking = offered.filter((permission) => !choice.grantable.includes(permission)).map((permission) => findPermission(permission)?.description ?? permission);
  return lacking.length === 0 ? '' : `<br><span class="muted lacking">This vehicle cannot share: ${escapeHtml(lacking.join('; '))}.</span>`;
}

function renderVehicle(choice: VehicleChoice, index: number, checked: boolean, inputType: string, offered: readonly string[]): string {
  const compatible = isCompatible(choice);
  const id = `vehicle-${index}`;
  const reason = compatible
    ? renderLacking(choice, offered)
    : `<br><span class="muted">Cannot be connected: it does not support ${escapeHtml(choice.missingRequired.join(', ') || 'any requested permission')}.</span>`;
  return `<label class="vehicle${compatible ? '' : ' incompatible'}" for="${id}"><input type="${inputType}" id="${id}" name="vehicle" value="${escapeHtml(choice.vehicle.ref.providerVehicleId)}"${compatible && checked ? ' checked' : ''}${compatible ? '' : ' disabled'}>
<span><strong>${escapeHtml(vehicleLabel(choice))}</strong><br><span class="muted">VIN ending ${escapeHtml(choice.vehicle.vin.slice(-6))}</span>${reason}</span></label>`;
}

/**
 * Previous and next are submit buttons, so the boxes ticked on this page are kept when leaving it;
 * they follow Approve, which stays the form's default (Enter) button.
 */
function renderPager(vehicles: GrantScreenVehicles): string {
  const { page, total } = vehicles;
  if (page.pageCount <= 1) return '';
  const first = page.start + 1;
  const last = page.start + page.choices.length;
  const previous = page.number > 1 ? `<button type="submit" class="secondary" id="previous-vehicles" name="goto" value="${page.number - 1}">Previous page</button>` : '';
  const next = page.number < page.pageCount ? `<button type="submit" class="secondary" id="next-vehicles" name="goto" value="${page.number + 1}">Next page</button>` : '';
  return `<nav class="pager" aria-label="Vehicle pages"><p>Vehicles ${first}–${last} of ${total} (page ${page.number} of ${page.pageCount}); ${vehicles.selection.size} chosen on all pages.</p>
${previous}${next}</nav>`;
}

export function renderGrantPage(basePath: string, flow: FlowState, applicationName: string, vehicles: GrantScreenVehicles, problem: string | null): string {
  const inputType = flow.singleSelect ? 'radio' : 'checkbox';
  const { page, selection } = vehicles;
  const list = page.choices.map((choice, offset) => renderVehicle(choice, page.start + offset, selection.has(page.start + offset), inputType, vehicles.offered)).join('\n');
  const alert = problem === null ? '' : `<div class="alert" role="alert">${escapeHtml(problem)}</div>`;
  const name = escapeHtml(applicationName);
  return renderPage({
    basePath,
    title: `Allow ${applicationName} access`,
    content: `<h1>Allow ${name} access to your ${flow.singleSelect ? 'vehicle' : 'vehicles'}</h1>
${alert}<form method="post" action="${escapeHtml(basePath)}/connect/grant">
${flowFields(flow.flowId, flow.csrf)}<input type="hidden" name="page" value="${page.number}">
<fieldset class="vehicles"><legend>${flow.singleSelect ? 'Choose one vehicle' : 'Choose vehicles'}</legend>
${list}
</fieldset>
<h2>${name} will be able to:</h2>
${renderDataPackages(flow.scope, vehicles.offered)}
<div class="actions">
<button type="submit" id="approval-button" class="primary" name="action" value="approve">Approve</button>
<button type="submit" id="deny-button" class="secondary" name="action" value="deny">Deny</button>
</div>
${renderPager(vehicles)}
</form>`,
  });
}
