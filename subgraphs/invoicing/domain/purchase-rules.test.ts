import { BOUNDS } from '../../kernel/bounds';
import { assertLicenceQuantity } from './purchase-rules';

describe('a purchase or quote quantity (R39)', () => {
  it('R39: is a whole number from 1 to the bound of a subscription item', () => {
    for (const ok of [1, 7, BOUNDS.licencesPerItem]) expect(() => assertLicenceQuantity(ok)).not.toThrow();
    for (const bad of [0, -1, 1.5, BOUNDS.licencesPerItem + 1, Number.NaN, Number.MAX_SAFE_INTEGER + 2]) {
      expect(() => assertLicenceQuantity(bad)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    }
  });
});
