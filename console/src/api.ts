/** Calls to the service's `/v1` API with the signed-in key as a bearer token. */
import { currentLanguage } from "./i18n.js";

const KEY_STORAGE = "vc-console-key";

/** The key lives in this tab's session storage only: never in a URL or a cookie. */
export const session = {
  key(): string | null {
    return sessionStorage.getItem(KEY_STORAGE);
  },
  signIn(key: string): void {
    sessionStorage.setItem(KEY_STORAGE, key);
  },
  signOut(): void {
    sessionStorage.removeItem(KEY_STORAGE);
  },
};

export interface FieldError {
  path: string;
  message: string;
}

/** An RFC 9457 problem the service answered with. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldError[],
  ) {
    super(detail || title);
  }
}

export interface Reply<T> {
  status: number;
  body: T;
  etag: string | null;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  accept?: string;
  /** Read the body as text (PIDF-LO, CSV). */
  text?: boolean;
  /** Let the answer set a cookie (only the /admin session does; every other call omits cookies). */
  acceptCookie?: boolean;
}

/** Called when the service says the key is not (or no longer) valid. */
let onUnauthorized: () => void = () => undefined;
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { accept: options.accept ?? "application/json", ...options.headers };
  const key = session.key();
  if (key) headers.authorization = `Bearer ${key}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] = "application/json";
  }
  // The answer's texts (problem titles, field messages) in the console's language.
  headers["accept-language"] ??= currentLanguage();
  const credentials = options.acceptCookie ? "same-origin" : "omit";
  const response = await fetch(path, { method, headers, body, cache: "no-store", credentials });
  const type = response.headers.get("content-type") ?? "";
  if (!response.ok) {
    let problem: { type?: string; title?: string; detail?: string; errors?: FieldError[] } = {};
    if (type.includes("json")) problem = (await response.json().catch(() => ({}))) as typeof problem;
    const code = (problem.type ?? "").split("/").pop() ?? "";
    if (response.status === 401) onUnauthorized();
    throw new ApiProblem(
      response.status,
      code,
      problem.title ?? response.statusText,
      problem.detail ?? "",
      problem.errors ?? [],
    );
  }
  const parsed: unknown = options.text
    ? await response.text()
    : type.includes("json")
      ? await response.json()
      : await response.text();
  return { status: response.status, body: parsed as T, etag: response.headers.get("etag") };
}

/** Path segments are ids from the API or the URL: always encoded. */
export function path(strings: TemplateStringsArray, ...values: string[]): string {
  return strings.reduce((out, part, i) => out + part + (i < values.length ? encodeURIComponent(values[i]!) : ""), "");
}
