// Addresses in the demo city: real Shenzhen roads and urban villages (城中村) per district, with house
// numbers, buildings, floors and rooms in the forms that registration records carry.
import type { District, Street } from './city.ts';
import { tradeName } from './names.ts';
import type { Rng } from './prng.ts';

const list = (words: string): readonly string[] => words.split(' ');

const ROADS: Record<string, readonly string[]> = {
  '440303': list(
    '深南东路 人民南路 建设路 解放路 东门中路 宝安南路 爱国路 太宁路 翠竹路 文锦中路 布心路 黄贝路 春风路 嘉宾路 沿河南路 罗沙路 贝丽北路 泥岗东路 笋岗路 湖贝路',
  ),
  '440304': list(
    '深南中路 深南大道 福华路 福中路 益田路 金田路 彩田路 华强北路 华富路 红荔路 莲花路 新洲路 皇岗路 滨河大道 上步中路 福强路 香蜜湖路 梅林路 景田路 农林路 泰然九路 八卦路',
  ),
  '440305': list(
    '深南大道 科苑路 南海大道 后海大道 工业八路 沙河西路 南山大道 桃园路 学府路 高新南一道 高新南九道 滨海大道 留仙大道 沙河东路 创业路 文心五路 望海路 北环大道 丽山路 登良路 南新路 龙珠大道',
  ),
  '440306': list(
    '宝安大道 新安六路 建安一路 创业一路 创业二路 前进一路 前进二路 西乡大道 宝源路 航城大道 福永大道 凤塘大道 沙井路 新沙路 松岗大道 松白路 宝石南路 广深路 裕安一路 洪浪北路 海秀路 新湖路 兴业路',
  ),
  '440307': list(
    '龙岗大道 深惠路 龙翔大道 布吉路 布澜路 坂雪岗大道 吉华路 平湖大街 龙城大道 清林路 黄阁路 宝荷路 龙平西路 爱南路 横坪公路 鹏飞路 葵涌大道 南澳大道 坪西路',
  ),
  '440308': list('沙盐路 深盐路 海景二路 北山道 盐梅路 东海道 沙深路 环梅路 梧桐路 海山路 明珠道 盐葵路'),
  '440309': list(
    '人民路 和平路 东环一路 东环二路 梅龙大道 民治大道 龙华大道 布龙路 观澜大道 华荣路 华宁路 清龙路 建设东路 腾龙路 五和大道 新区大道',
  ),
  '440310': list(
    '深汕路 坪山大道 东纵路 金牛西路 金牛东路 锦绣中路 锦绣东路 比亚迪路 丹梓大道 兰景北路 新和路 翠景路 龙兴北路',
  ),
  '440311': list(
    '光明大道 华夏路 光侨路 松白路 东长路 观光路 公常路 华裕路 科裕路 圳园路 光辉大道 河心路 南环大道',
  ),
};

// Zones whose own roads are well known; other streets use their district's roads.
const ZONE_ROADS: Record<string, readonly string[]> = {
  '440304400': ['桃花路', '紫荆道', '市花路', '红棉道', '槟榔道'],
  '440305400': ['梦海大道', '前湾一路', '桂湾五路', '听海大道', '临海大道'],
};

// Urban villages where many shops and small workshops are registered.
const VILLAGES: Record<string, readonly string[]> = {
  '440303': ['湖贝', '蔡屋围', '黄贝岭', '木头龙', '草埔'],
  '440304': ['岗厦', '皇岗', '上沙', '下沙', '石厦', '新洲', '沙尾', '水围'],
  '440305': ['白石洲', '大冲', '向南', '南园', '大磡', '麻磡', '塘朗', '南头'],
  '440306': ['固戍', '臣田', '黄田', '怀德', '凤凰', '沙井', '新桥', '上寮', '塘尾', '钟屋'],
  '440307': ['南岭', '岗头', '坂田', '新木', '白泥坑', '大芬', '丹竹头', '四联'],
  '440308': ['沙头角', '盐田', '大梅沙', '小梅沙', '三家'],
  '440309': ['清湖', '上塘', '白石龙', '大浪', '龙胜', '樟坑径', '牛湖'],
  '440310': ['沙湖', '六联', '坑梓', '碧岭', '石井', '汤坑'],
  '440311': ['塘家', '甲子塘', '合水口', '田寮', '玉律', '东周'],
};

/** 前海合作区, where many companies register without operating there. */
export const QIANHAI = '440305400';

/** The secretary address that a large share of the companies registered in 前海 use. */
export const QIANHAI_SECRETARY = '深圳市前海深港合作区前湾一路1号A栋201室（入驻深圳市前海商务秘书有限公司）';

const BLOCKS = [...'ABCDEF'];

/** Addresses within one street. */
export class AddressMaker {
  private readonly prefix: string;
  private readonly roads: readonly string[];
  private readonly villages: readonly string[];

  constructor(district: District, street: Street) {
    // 深圳市南山区 + 粤海街道 / 前海合作区 / 宝安国际机场 (zones named 深圳… lose the repeated city name).
    this.prefix = `深圳市${district.region.name}${street.region.name.replace(/^深圳市?/, '')}`;
    this.roads = ZONE_ROADS[street.region.code] ?? ROADS[district.region.code];
    this.villages = VILLAGES[district.region.code];
    if (!this.roads || !this.villages) throw new Error(`no roads for district ${district.region.code}`);
  }

  /** House number on a road: small numbers are common, arteries run into the thousands. */
  private road(rng: Rng): string {
    const n = rng.chance(0.6) ? rng.between(1, 199) : rng.between(200, 3999);
    return `${rng.pick(this.roads)}${n}号`;
  }

  /** Office or factory address of a company: road, number, building, floor and room. */
  enterprise(rng: Rng, factory: boolean): string {
    const place = this.road(rng);
    const name = tradeName(rng).slice(0, 2);
    const floor = rng.between(1, 32);
    const room = `${floor}${String(rng.between(1, 20)).padStart(2, '0')}`;
    if (factory || rng.chance(0.08)) {
      return `${this.prefix}${place}${name}工业区${rng.between(1, 30)}栋${rng.between(1, 6)}楼`;
    }
    switch (rng.int(5)) {
      case 0:
        return `${this.prefix}${place}${name}大厦${room}`;
      case 1:
        return `${this.prefix}${place}${name}大厦${rng.pick(BLOCKS)}座${room}`;
      case 2:
        return `${this.prefix}${place}${name}科技园${rng.pick(BLOCKS)}栋${rng.between(1, 4)}单元${room}`;
      case 3:
        return `${this.prefix}${place}${name}商务中心${room}`;
      default:
        return `${this.prefix}${place}${name}广场${rng.between(1, 3)}栋${room}`;
    }
  }

  /** Shop or stall address: a ground-floor unit on a road, or a house in an urban village. */
  shop(rng: Rng): string {
    if (rng.chance(0.35)) {
      const village = rng.pick(this.villages);
      return rng.chance(0.5)
        ? `${this.prefix}${village}村${rng.between(1, 30)}巷${rng.between(1, 40)}号`
        : `${this.prefix}${village}新村${rng.between(1, 120)}栋${rng.between(101, 106)}`;
    }
    const place = this.road(rng);
    switch (rng.int(3)) {
      case 0:
        return `${this.prefix}${place}${rng.between(101, 112)}`;
      case 1:
        return `${this.prefix}${place}${rng.between(1, 30)}号铺`;
      default:
        return `${this.prefix}${place}一楼`;
    }
  }

  /** Farm or cooperative address in a village. */
  village(rng: Rng): string {
    return `${this.prefix}${rng.pick(this.villages)}村${rng.between(1, 200)}号`;
  }
}
