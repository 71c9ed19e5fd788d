// One demo account per role, printed at start so a first-time user can sign in straight away.
import type { Role } from '../db/schema.ts';

export const DEMO_PASSWORD = 'Tianping2026';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  /** Code of the organisation the account belongs to. */
  orgCode: string;
  /** Inspector accounts are tied to an inspector of their organisation, business accounts to a business. */
  link?: 'inspector' | 'entity';
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', orgCode: '440300' },
  { username: 'coordinator', displayName: '市联席办 陈主任', role: 'coordinator', orgCode: '440300' },
  { username: 'dept_admin', displayName: '南山监管局 管理员', role: 'dept_admin', orgCode: '440305-SAMR' },
  { username: 'inspector', displayName: '', role: 'inspector', orgCode: '440305-SAMR', link: 'inspector' },
  { username: 'inspector2', displayName: '', role: 'inspector', orgCode: '440304-SAMR', link: 'inspector' },
  { username: 'reviewer', displayName: '南山监管局 审核员', role: 'reviewer', orgCode: '440305-SAMR' },
  { username: 'business', displayName: '', role: 'business', orgCode: '440305-SAMR', link: 'entity' },
];
