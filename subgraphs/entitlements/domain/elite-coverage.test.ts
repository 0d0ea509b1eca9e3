import { addOnRequirement, seatCoveredCap, SEAT_COVERED_UNDER_CONCURRENT } from './elite-coverage';

describe('Elite under concurrent licensing (R24)', () => {
  it('R24: 100 agents on 25 Elite concurrent seats need 75 QM and 75 WFM licences; with 50 bought the shortfall is 25', () => {
    expect(addOnRequirement(100, 25, 50)).toEqual({ usersNeedingAccess: 100, coveredBySeats: 25, required: 75, purchased: 50, shortfall: 25 });
    expect(addOnRequirement(100, 25, 80).shortfall).toBe(0);
    expect(addOnRequirement(20, 25, 0)).toEqual({ usersNeedingAccess: 20, coveredBySeats: 20, required: 0, purchased: 0, shortfall: 0 });
  });

  it('R24: QM and WFM are seat-covered, AI Expert Assist needs no extra licence; assignments are capped at seats + purchased', () => {
    expect([...SEAT_COVERED_UNDER_CONCURRENT].sort()).toEqual(['quality_management', 'workforce_management']);
    expect(SEAT_COVERED_UNDER_CONCURRENT).not.toContain('ai_expert_assist');
    expect(seatCoveredCap(25, 50)).toBe(75);
  });
});
