import { DomainError } from '../../kernel/domain-error';
import type { Principal, Role } from '../../kernel/principal';

export const SELF_SERVICE_ACTIONS = ['SUBSCRIBE_NOW', 'REQUEST_QUOTE', 'START_TRIAL', 'REQUEST_FEATURE'] as const;
export type SelfServiceAction = (typeof SELF_SERVICE_ACTIONS)[number];

/**
 * R30: what each role may do in the purchase journey. Owners buy, request quotes and
 * start trials; admins start trials, request the feature and prepare a quote for an
 * owner; supervisors request the feature; agents nothing. Operators act on an owner's
 * behalf; partners and analytics take no part in a customer's purchases.
 */
const BY_ROLE: Readonly<Record<Role, readonly SelfServiceAction[]>> = {
  OWNER: ['SUBSCRIBE_NOW', 'REQUEST_QUOTE', 'START_TRIAL'],
  ADMIN: ['REQUEST_QUOTE', 'START_TRIAL', 'REQUEST_FEATURE'],
  SUPERVISOR: ['REQUEST_FEATURE'],
  AGENT: [],
};
const OPERATOR: readonly SelfServiceAction[] = ['SUBSCRIBE_NOW', 'REQUEST_QUOTE', 'START_TRIAL'];

/**
 * The actions offered to the principal for an add-on. Buying it and a trial are offered
 * only while self-service could buy it (`purchasable`: R31's purchaseRefusal is null):
 * not once it is purchased (more seats come from assignment or an operator), included in
 * the plan, or not offered by the tenant's plans; a quote and a feature request stay.
 */
export function selfServiceActions(principal: Principal, purchasable: boolean): SelfServiceAction[] {
  const allowed = principal.kind === 'operator' ? OPERATOR : principal.kind === 'customer' ? BY_ROLE[principal.role] : [];
  return allowed.filter((action) => purchasable || (action !== 'SUBSCRIBE_NOW' && action !== 'START_TRIAL'));
}

/** FORBIDDEN unless the principal's role may take the action (R30). */
export function assertMayTake(principal: Principal, action: SelfServiceAction): void {
  if (selfServiceActions(principal, true).includes(action)) return;
  const who = principal.kind === 'customer' ? `a ${principal.role}` : `a ${principal.kind}`;
  throw new DomainError('FORBIDDEN', `${who} may not ${ACTION_WORDS[action]}`);
}

/** R30: an owner's (or an operator's) quote request goes to the vendor; an admin's waits for an owner. */
export function quoteStatusFor(principal: Principal): 'DRAFT' | 'SUBMITTED' {
  return principal.kind === 'customer' && principal.role === 'ADMIN' ? 'DRAFT' : 'SUBMITTED';
}

const ACTION_WORDS: Readonly<Record<SelfServiceAction, string>> = {
  SUBSCRIBE_NOW: 'purchase an add-on (owners only)',
  REQUEST_QUOTE: 'request a quote',
  START_TRIAL: 'start a trial',
  REQUEST_FEATURE: 'request a feature',
};
