// Errors a user can act on: an HTTP status, a stable code, a message in Chinese and English,
// and the field it concerns when there is one.

export class DomainError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageEn: string;
  readonly field?: string;

  constructor(status: number, code: string, message: string, messageEn: string, field?: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.messageEn = messageEn;
    this.field = field;
  }
}

export const notFound = (what: string, whatEn: string) =>
  new DomainError(404, 'not_found', `${what}不存在`, `${whatEn} not found`);

export const forbidden = () =>
  new DomainError(
    403,
    'forbidden',
    '您的角色或数据范围不允许此操作',
    'Your role or data scope does not allow this',
  );

export const invalid = (field: string, message: string, messageEn: string) =>
  new DomainError(400, 'invalid', message, messageEn, field);

export const conflict = (message: string, messageEn: string, field?: string) =>
  new DomainError(409, 'conflict', message, messageEn, field);
