// Chinese personal names, mobile numbers and trade names (字号) for the demo city.
import { type Rng, Weighted } from './prng.ts';

// Relative frequencies for a Shenzhen population: the national top surnames, with those common in
// Guangdong (陈 黄 林 梁 郑 罗 何 谢 钟 曾 赖 邱 廖 温 ...) weighted up and a few compound ones.
const SURNAMES = new Weighted<string>([
  ['陈', 70],
  ['李', 62],
  ['黄', 50],
  ['张', 50],
  ['刘', 45],
  ['王', 40],
  ['林', 35],
  ['杨', 28],
  ['吴', 27],
  ['梁', 25],
  ['郑', 22],
  ['周', 20],
  ['罗', 20],
  ['何', 20],
  ['谢', 18],
  ['叶', 16],
  ['赵', 14],
  ['朱', 14],
  ['徐', 14],
  ['许', 14],
  ['邓', 14],
  ['钟', 13],
  ['曾', 13],
  ['胡', 12],
  ['蔡', 12],
  ['彭', 12],
  ['孙', 11],
  ['马', 10],
  ['冯', 10],
  ['苏', 10],
  ['卢', 10],
  ['郭', 10],
  ['潘', 9],
  ['余', 9],
  ['赖', 9],
  ['邱', 8],
  ['廖', 8],
  ['唐', 8],
  ['高', 8],
  ['肖', 8],
  ['温', 7],
  ['谭', 7],
  ['杜', 6],
  ['方', 6],
  ['宋', 6],
  ['邹', 6],
  ['韩', 6],
  ['袁', 6],
  ['丁', 5],
  ['曹', 5],
  ['江', 5],
  ['龚', 4],
  ['戴', 4],
  ['汤', 4],
  ['魏', 4],
  ['姚', 4],
  ['莫', 4],
  ['庄', 4],
  ['熊', 4],
  ['程', 4],
  ['沈', 4],
  ['范', 4],
  ['石', 4],
  ['严', 3],
  ['傅', 3],
  ['伍', 3],
  ['关', 3],
  ['欧', 3],
  ['麦', 2],
  ['翁', 2],
  ['骆', 2],
  ['凌', 2],
  ['古', 2],
  ['巫', 2],
  ['甘', 2],
  ['欧阳', 2],
  ['邝', 1],
  ['冼', 1],
  ['司徒', 1],
]);

const MALE_GIVEN = [
  ...'伟强军明华建志勇杰涛斌超鹏辉俊峰磊浩宇文东海波林刚平鑫晨亮振永国庆锋嘉子轩博宏泽成豪家健耀荣炳锦彬坤生伦裕基扬德正毅立新春胜栋权旭晖铭然宁兴祥',
];
const FEMALE_GIVEN = [
  ...'丽芳敏静燕娟霞婷玲红艳娜琳萍雪慧婉颖倩欣怡佳梦晓秀兰凤美淑琴莉丹妍诗雨思梓涵雅彤嘉惠玉媚莹月桂珊蓉洁薇瑶婕璐琦晴楠',
];

export interface Person {
  name: string;
  surname: string;
  male: boolean;
}

/** A personal name: surname and one (about 30 %) or two given characters, chosen by sex. */
export function personName(rng: Rng, maleShare: number): Person {
  const male = rng.chance(maleShare);
  const pool = male ? MALE_GIVEN : FEMALE_GIVEN;
  const surname = SURNAMES.pick(rng);
  const given = rng.chance(0.3) ? rng.pick(pool) : rng.pick(pool) + rng.pick(pool);
  return { name: surname + given, surname, male };
}

const MOBILE_PREFIXES = [
  '130 131 132 133 134 135 136 137 138 139',
  '150 151 152 153 155 156 157 158 159',
  '170 173 175 176 177 178',
  '180 181 182 183 184 185 186 187 188 189',
  '191 193 195 198 199',
].flatMap((row) => row.split(' '));

/** An 11-digit mainland mobile number with a real operator prefix. */
export function mobileNumber(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(100_000_000)).padStart(8, '0');
}

// Characters that Chinese trade names (字号) are composed of: auspicious and modern-sounding characters,
// plus syllables common in transliterated brand names (诺 维 斯 特 凯 迈 ...). Any two or three of them
// read as a plausible 字号 (鑫华泰, 凯迪, 瑞丰源).
const TRADE_CHARS = [
  ...'华鑫达盛兴宏泰丰源恒信通安康美佳嘉德利顺海天星创新科博远航智联汇聚誉荣金银宝龙凤鹏瑞祥福富隆昌茂万众和合正明光辉耀晟昊睿卓越锦绣益永长久亿弘思宇泽润涛浩峰辰晨阳云雅诚立中东南亚欧环球世纪精优尚致维迪诺克斯特凯迈捷讯易铭蓝绿青紫鸿腾骏驰翔飞扬升威豪俊杰英贤仁乐欣悦怡逸臻艺匠赢盈沃禾森林泉石山川湾港邦家园景图志宁清泓瀚澜沣灏淼琪瑶璟珑玺钰铂锐钧彤晖旭昕晴昱煜烨炜熙曦麒麟鲲骐骁策微极元本真道途行桥数码芯盾舟帆赛奥贝莱普拓汉唐宋秦楚粤湘蜀闽深',
];

/** A 2- or 3-character 字号 without repeated characters. */
export function tradeName(rng: Rng): string {
  const first = rng.pick(TRADE_CHARS);
  let second = rng.pick(TRADE_CHARS);
  while (second === first) second = rng.pick(TRADE_CHARS);
  if (rng.chance(0.45)) return first + second;
  let third = rng.pick(TRADE_CHARS);
  while (third === first || third === second) third = rng.pick(TRADE_CHARS);
  return first + second + third;
}
