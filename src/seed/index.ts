// The demo-city generator behind `tianping seed`: pure and deterministic, so the same seed string always
// yields byte-identical rows. Loading them into the database is the loader's job.
export {
  buildCity,
  CITY_CODE,
  type City,
  DEPARTMENT_CODES,
  type DepartmentCode,
  type District,
  type OrgRow,
  type Street,
} from './city.ts';
export {
  type CreditClass,
  type EntityKind,
  type EntityRow,
  type EntityStatus,
  generateEntities,
} from './entities.ts';
export {
  type ConflictKind,
  type ConflictRow,
  DEMO_TODAY,
  generateConflicts,
  generateInspectors,
  type InspectorRow,
  type InspectorStatus,
} from './inspectors.ts';
export { TAG_QUALIFICATION, type Tag } from './trades.ts';

/** Shenzhen's scale (DOMAIN.md §8): objects in the directory and inspectors. */
export const SHENZHEN_SCALE = { entities: 6_430_000, inspectors: 8_452 } as const;
