// The one way the browser talks to the server: JSON over fetch with the session cookie, the CSRF
// token on writes, and the server's error shape turned into an ApiError.
import type { Locale } from '../i18n/index.tsx';

/** An error the server explained: `{ error, message, messageEn, field? }`, or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageEn: string;
  readonly field?: string;

  constructor(status: number, code: string, message: string, messageEn: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.messageEn = messageEn;
    this.field = field;
  }

  /** The message in the interface language: the server sends both. */
  text(locale: Locale): string {
    return locale === 'en' ? this.messageEn : this.message;
  }
}

/** The error text for anything thrown, in the interface language. */
export function errorText(error: unknown, locale: Locale): string {
  if (error instanceof ApiError) return error.text(locale);
  return locale === 'en' ? 'Something went wrong: try again' : '出现错误，请重试';
}

let csrfToken: string | undefined;
let onSessionLost: () => void = () => {};

/** The session's CSRF token, sent with every write; set when a session is loaded or started. */
export function setCsrfToken(token: string | undefined) {
  csrfToken = token;
}

/** What to do when the server says the session is gone (expired, signed out elsewhere). */
export function setSessionLostHandler(handler: () => void) {
  onSessionLost = handler;
}

type Query = Record<string, string | number | boolean | undefined | null>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const form = body instanceof FormData;
  // A form (a file upload) sets its own multipart content type.
  if (body !== undefined && !form) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(withQuery(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(
      0,
      'network',
      '无法连接服务器，请检查网络后重试',
      'Cannot reach the server: check the network and try again',
    );
  }
  const data = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok) {
    const e = (data ?? {}) as { error?: string; message?: string; messageEn?: string; field?: string };
    // Only a lost session sends the user to sign in; a wrong password at login is also a 401
    // but has its own code.
    if (response.status === 401 && e.error === 'unauthenticated') onSessionLost();
    throw new ApiError(
      response.status,
      e.error ?? 'http',
      e.message ?? `服务器错误（${response.status}）`,
      e.messageEn ?? `Server error (${response.status})`,
      e.field,
    );
  }
  return data as T;
}

/** An error response of a request whose body is not JSON (uploads, downloads). */
async function failure(response: Response): Promise<ApiError> {
  const e = (await response.json().catch(() => ({}))) as {
    error?: string;
    message?: string;
    messageEn?: string;
    field?: string;
  };
  if (response.status === 401 && e.error === 'unauthenticated') onSessionLost();
  return new ApiError(
    response.status,
    e.error ?? 'http',
    e.message ?? `服务器错误（${response.status}）`,
    e.messageEn ?? `Server error (${response.status})`,
    e.field,
  );
}

const networkError = () =>
  new ApiError(
    0,
    'network',
    '无法连接服务器，请检查网络后重试',
    'Cannot reach the server: check the network and try again',
  );

/** The file name a download's Content-Disposition gives (RFC 5987 first). */
function downloadName(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  return encoded ? decodeURIComponent(encoded) : fallback;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),

  /** A multipart upload: one file in the part named "file", or a FormData built by the caller. */
  upload<T>(path: string, content: File | FormData, query?: Query): Promise<T> {
    let form = content;
    if (form instanceof File) {
      form = new FormData();
      form.append('file', content as File, (content as File).name);
    }
    return request<T>('POST', path, form, query);
  },

  /**
   * Downloads a file and hands it to the browser under the server's name. Resolves with whether
   * the server cut the export short (x-export-truncated).
   */
  async download(
    path: string,
    query: Query | undefined,
    fallbackName: string,
  ): Promise<{ truncated: boolean }> {
    let response: Response;
    try {
      response = await fetch(withQuery(path, query), { credentials: 'same-origin' });
    } catch {
      throw networkError();
    }
    if (!response.ok) throw await failure(response);
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = downloadName(response, fallbackName);
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return { truncated: response.headers.get('x-export-truncated') === 'true' };
  },
};
