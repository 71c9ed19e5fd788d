import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. Algorithm 2 is Argon2id (a const enum
// in the library's types, which type stripping cannot import).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Why a new password is refused, in Chinese and English; null when it is acceptable. */
export function passwordProblem(password: string): { zh: string; en: string } | null {
  if (password.length < 10)
    return { zh: '新密码至少需要10个字符', en: 'The new password needs at least 10 characters' };
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) {
    return { zh: '新密码须同时包含字母和数字', en: 'The new password must contain letters and digits' };
  }
  return null;
}
