// The registers' dictionaries and lists for the demo city: the special libraries (专项库) with the
// qualification each requires, consistent with the trades that put businesses into them.
import { TAG_QUALIFICATION, type Tag } from './trades.ts';

export interface EntityTagRow {
  name: Tag;
  required_qualification: string;
  requires_expert: boolean;
  description: string;
}

const TAG_DESCRIPTIONS: Record<Tag, string> = {
  食品生产: '取得食品生产许可的生产者',
  食品经营: '取得食品经营许可或备案的经营者',
  餐饮服务: '餐馆、小吃店、食堂等餐饮服务提供者',
  药品生产: '药品生产企业',
  药品批发: '药品批发企业',
  药品零售: '零售药店',
  医疗器械: '医疗器械生产经营企业',
  化妆品: '化妆品生产经营者',
  特种设备: '使用锅炉、压力容器、电梯、起重机械等特种设备的单位',
  危险化学品: '危险化学品生产、经营、使用单位',
  加油站: '成品油零售经营单位',
  网吧: '互联网上网服务营业场所',
  娱乐场所: '歌舞、游艺娱乐场所',
  校外培训: '面向中小学生的校外培训机构',
  旅馆业: '旅馆、民宿、公寓式酒店',
  公共场所卫生: '住宿、美容美发、沐浴等公共场所',
  医疗机构: '医院、诊所等医疗机构',
};

/** Libraries whose inspections need an expert on the team as well as the qualification. */
const EXPERT_TAGS = new Set<Tag>(['危险化学品', '药品生产', '特种设备']);

export function entityTags(): EntityTagRow[] {
  return (Object.entries(TAG_QUALIFICATION) as [Tag, string][]).map(([name, qualification]) => ({
    name,
    required_qualification: qualification,
    requires_expert: EXPERT_TAGS.has(name),
    description: TAG_DESCRIPTIONS[name],
  }));
}
