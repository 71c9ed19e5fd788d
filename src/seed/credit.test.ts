import { describe, expect, it } from 'vitest';
import { type CreditEventRow, generateCreditEvents } from './credit.ts';
import { buildCity, DEMO_TODAY, type EntityRow, generateEntities } from './index.ts';

const city = buildCity('credit-test');
const entities: EntityRow[] = [...generateEntities('credit-test', 20_000, city)];
const events: CreditEventRow[] = [...generateCreditEvents('credit-test', entities)];
const byEntity = Map.groupBy(events, (e) => e.entity_id);

describe('demo credit events', () => {
  it('are the same for the same seed', () => {
    const again = [...generateCreditEvents('credit-test', entities.slice(0, 2000))];
    expect(again).toEqual(events.slice(0, again.length));
  });

  it('give each business as many complaints as the directory counts', () => {
    for (const e of entities.slice(0, 5000)) {
      const complaints = (byEntity.get(e.id) ?? []).filter((x) => x.kind === 'complaint');
      expect(complaints.length).toBe(e.complaint_count);
    }
  });

  it('enter every listed business on its lists, the serious list after the abnormal one', () => {
    for (const e of entities.filter((x) => x.abnormal_listed)) {
      const mine = byEntity.get(e.id) ?? [];
      const abnormal = mine.find((x) => x.kind === 'abnormal_list_in');
      expect(abnormal).toBeDefined();
      if (e.serious_listed) {
        const serious = mine.find((x) => x.kind === 'serious_list_in')!;
        expect(serious.occurred_on > abnormal!.occurred_on).toBe(true);
      }
    }
  });

  it('give risky businesses more and heavier penalties', () => {
    const share = (cls: string, test: (x: CreditEventRow) => boolean) => {
      const group = entities.filter((e) => e.credit_class === cls);
      return group.filter((e) => (byEntity.get(e.id) ?? []).some(test)).length / group.length;
    };
    const penalty = (x: CreditEventRow) => x.kind === 'penalty';
    const serious = (x: CreditEventRow) => x.kind === 'penalty' && x.severity === 3;
    expect(share('A', penalty)).toBeLessThan(0.03);
    expect(share('C', penalty)).toBeGreaterThan(0.6);
    expect(share('D', serious)).toBeGreaterThan(share('C', serious) * 3);
  });

  it('date every event in the past, with unique penalty numbers', () => {
    expect(events.every((e) => e.occurred_on <= DEMO_TODAY)).toBe(true);
    const refs = events.filter((e) => e.ref).map((e) => e.ref);
    expect(new Set(refs).size).toBe(refs.length);
  });
});
