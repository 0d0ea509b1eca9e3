import type { Principal, Role } from '../../kernel/principal';
import { refusalCode } from '../../../test/support/refusal-code';
import { assertPurchasable, purchaseRefusal } from './purchase-rules';
import { assertMayTake, quoteStatusFor, selfServiceActions } from './self-service';

const customer = (role: Role): Principal => ({ kind: 'customer', sub: `u-${role}`, tenantId: 'ten_1', role, scopes: ['licensing:read', 'licensing:write'] });
const OPERATOR: Principal = { kind: 'operator', sub: 'op', scopes: ['licensing:provision'] };
const PURCHASABLE = true;
const NOT_PURCHASABLE = false;
const PARTNER: Principal = { kind: 'partner', sub: 'p', partnerId: 'par_1', scopes: ['licensing:read', 'licensing:write'] };

describe('R30 who may do what', () => {
  it('offers each role its actions', () => {
    expect(selfServiceActions(customer('OWNER'), PURCHASABLE)).toEqual(['SUBSCRIBE_NOW', 'REQUEST_QUOTE', 'START_TRIAL']);
    expect(selfServiceActions(customer('ADMIN'), PURCHASABLE)).toEqual(['REQUEST_QUOTE', 'START_TRIAL', 'REQUEST_FEATURE']);
    expect(selfServiceActions(customer('SUPERVISOR'), PURCHASABLE)).toEqual(['REQUEST_FEATURE']);
    expect(selfServiceActions(customer('AGENT'), PURCHASABLE)).toEqual([]);
    expect(selfServiceActions(PARTNER, PURCHASABLE)).toEqual([]);
    expect(selfServiceActions(OPERATOR, PURCHASABLE)).toEqual(['SUBSCRIBE_NOW', 'REQUEST_QUOTE', 'START_TRIAL']);
  });

  it('R31: no longer offers buying or a trial once self-service could not buy it (purchased, included, not offered)', () => {
    expect(selfServiceActions(customer('OWNER'), NOT_PURCHASABLE)).toEqual(['REQUEST_QUOTE']);
    expect(selfServiceActions(customer('ADMIN'), NOT_PURCHASABLE)).toEqual(['REQUEST_QUOTE', 'REQUEST_FEATURE']);
  });

  it('only owners (and operators for them) complete a purchase', () => {
    expect(() => assertMayTake(customer('OWNER'), 'SUBSCRIBE_NOW')).not.toThrow();
    expect(() => assertMayTake(OPERATOR, 'SUBSCRIBE_NOW')).not.toThrow();
    for (const role of ['ADMIN', 'SUPERVISOR', 'AGENT'] as const) expect(refusalCode(() => assertMayTake(customer(role), 'SUBSCRIBE_NOW'))).toBe('FORBIDDEN');
    expect(refusalCode(() => assertMayTake(PARTNER, 'SUBSCRIBE_NOW'))).toBe('FORBIDDEN');
    expect(refusalCode(() => assertMayTake(customer('AGENT'), 'REQUEST_FEATURE'))).toBe('FORBIDDEN');
    expect(refusalCode(() => assertMayTake(customer('SUPERVISOR'), 'REQUEST_QUOTE'))).toBe('FORBIDDEN');
  });

  it("an admin's quote request is a draft for an owner; an owner's is submitted", () => {
    expect(quoteStatusFor(customer('ADMIN'))).toBe('DRAFT');
    expect(quoteStatusFor(customer('OWNER'))).toBe('SUBMITTED');
    expect(quoteStatusFor(OPERATOR)).toBe('SUBMITTED');
  });
});

describe('R31 purchase rules', () => {
  const offered = { addOnKey: 'whatsapp', availability: ['ADD_ON'] as const, inSubscription: false, boughtBefore: false };
  it('buys an add-on the plan offers, once', () => {
    expect(() => assertPurchasable(offered)).not.toThrow();
    expect(refusalCode(() => assertPurchasable({ ...offered, boughtBefore: true }))).toBe('ALREADY_PURCHASED');
    expect(refusalCode(() => assertPurchasable({ ...offered, inSubscription: true }))).toBe('ALREADY_PURCHASED');
  });
  it('R31: the refusal decides what selfServiceActions offers: null exactly when it can be bought', () => {
    expect(purchaseRefusal(offered)).toBeNull();
    expect(purchaseRefusal({ ...offered, availability: ['INCLUDED'] })?.code).toBe('ALREADY_PURCHASED');
    expect(purchaseRefusal({ ...offered, availability: [] })?.code).toBe('BAD_USER_INPUT');
  });
  it('an add-on included in the plan is already purchased; one not offered cannot be bought', () => {
    expect(refusalCode(() => assertPurchasable({ ...offered, availability: ['INCLUDED'] }))).toBe('ALREADY_PURCHASED');
    expect(refusalCode(() => assertPurchasable({ ...offered, availability: ['UNAVAILABLE'] }))).toBe('BAD_USER_INPUT');
    expect(refusalCode(() => assertPurchasable({ ...offered, availability: [] }))).toBe('BAD_USER_INPUT');
  });
});
