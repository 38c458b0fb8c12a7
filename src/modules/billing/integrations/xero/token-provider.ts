/**
 * Access tokens for a Xero custom connection (client-credentials grant).
 * We own this instead of xero-node's `XeroClient.initialize()/refreshToken()`
 * because those discover and call https://identity.xero.com, hard-coded: the
 * token URL must be configurable for the stand-in and for proxies.
 */

/** A token as the gateway hands it to `XeroClient.setTokenSet`. */
export type XeroAccessToken = {
  access_token: string
  token_type: string
  /** epoch seconds (what openid-client's TokenSet reads) */
  expires_at: number
}

export type XeroTokenProviderOptions = {
  client_id: string
  client_secret: string
  /** default https://identity.xero.com/connect/token */
  token_url?: string
  /** space-separated scopes; Xero uses the app's configured scopes when omitted */
  scope?: string
  /** refresh this long before expiry (default 60 000 ms) */
  refresh_margin_ms?: number
  /** injectable clock (ms since epoch) */
  now?: () => number
  /** injectable fetch (default: Node's global fetch) */
  fetch?: typeof fetch
  /** abort a token request after this long (default 15 000 ms) */
  timeout_ms?: number
}

export const DEFAULT_XERO_TOKEN_URL = "https://identity.xero.com/connect/token"

/**
 * The identity server refused or failed to issue a token.
 *
 * @example
 * try { await tokens.getToken() } catch (e) {
 *   if (e instanceof XeroAuthError && !e.retryable) alertOperator(e.message) // e.g. 401 invalid_client
 * }
 */
export class XeroAuthError extends Error {
  /** HTTP status of the token endpoint, or null when it could not be reached */
  readonly status: number | null
  /** whether trying again later may help (5xx, 429, network) */
  readonly retryable: boolean
  constructor(message: string, status: number | null) {
    super(message)
    this.name = "XeroAuthError"
    this.status = status
    this.retryable = status === null || status === 429 || status >= 500
  }
}

/**
 * Caches one client-credentials access token, fetches a new one when it is
 * within `refresh_margin_ms` of expiry or after `invalidate()`, and lets
 * concurrent callers share a single in-flight request.
 *
 * @example
 * const tokens = new XeroTokenProvider({ client_id: "…", client_secret: "…" })
 * const { access_token, expires_at } = await tokens.getToken()
 * // after a 401 from the API:
 * tokens.invalidate(access_token)
 */
export class XeroTokenProvider {
  private readonly options: Required<Omit<XeroTokenProviderOptions, "scope">> & { scope?: string }
  private current: XeroAccessToken | null = null
  private inflight: Promise<XeroAccessToken> | null = null
  private fetched = 0

  constructor(options: XeroTokenProviderOptions) {
    if (!options?.client_id || !options?.client_secret) throw new Error("XeroTokenProvider: client_id and client_secret are needed")
    this.options = {
      client_id: options.client_id,
      client_secret: options.client_secret,
      token_url: options.token_url || DEFAULT_XERO_TOKEN_URL,
      scope: options.scope,
      refresh_margin_ms: options.refresh_margin_ms ?? 60_000,
      now: options.now ?? Date.now,
      fetch: options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args)),
      timeout_ms: options.timeout_ms ?? 15_000,
    }
  }

  /** How many tokens this provider has fetched so far. */
  get tokensFetched(): number {
    return this.fetched
  }

  /**
   * A token valid for at least `refresh_margin_ms` more, from the cache or
   * freshly fetched.
   *
   * @example
   * const t = await tokens.getToken() // { access_token, token_type: "Bearer", expires_at }
   */
  async getToken(): Promise<XeroAccessToken> {
    const cur = this.current
    if (cur && cur.expires_at * 1000 - this.options.refresh_margin_ms > this.options.now()) return cur
    if (!this.inflight) {
      this.inflight = this.fetchToken().finally(() => {
        this.inflight = null
      })
    }
    return this.inflight
  }

  /**
   * Forgets the cached token so the next `getToken()` fetches a new one. Pass
   * the token that was refused: when another caller already replaced it, the
   * newer token is kept (so a burst of 401s causes one refresh, not many).
   *
   * @example
   * tokens.invalidate(refusedToken)
   */
  invalidate(staleAccessToken?: string): void {
    if (staleAccessToken !== undefined && this.current && this.current.access_token !== staleAccessToken) return
    this.current = null
  }

  private async fetchToken(): Promise<XeroAccessToken> {
    const { client_id, client_secret, token_url, scope, timeout_ms } = this.options
    const body = new URLSearchParams({ grant_type: "client_credentials" })
    if (scope) body.set("scope", scope)
    const startedAt = this.options.now()
    let res: Response
    try {
      res = await this.options.fetch(token_url, {
        method: "POST",
        headers: {
          authorization: "Basic " + Buffer.from(`${client_id}:${client_secret}`).toString("base64"),
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
        },
        body: body.toString(),
        signal: AbortSignal.timeout(timeout_ms),
      })
    } catch (e) {
      throw new XeroAuthError(`Xero token request failed: ${(e as Error)?.message ?? String(e)}`, null)
    }
    const text = await res.text()
    if (!res.ok) {
      throw new XeroAuthError(`Xero token endpoint answered ${res.status}: ${text.slice(0, 200)}`, res.status)
    }
    let json: any
    try {
      json = JSON.parse(text)
    } catch {
      throw new XeroAuthError("Xero token endpoint answered with something other than JSON", res.status)
    }
    if (typeof json?.access_token !== "string" || !json.access_token) {
      throw new XeroAuthError("Xero token endpoint answered without an access_token", res.status)
    }
    // Xero's tokens live 30 min; expires_in is counted from when we asked, to stay on the safe side
    const expiresIn = Number(json.expires_in) > 0 ? Number(json.expires_in) : 1800
    const token: XeroAccessToken = {
      access_token: json.access_token,
      token_type: typeof json.token_type === "string" && json.token_type ? json.token_type : "Bearer",
      expires_at: Math.floor(startedAt / 1000) + expiresIn,
    }
    this.current = token
    this.fetched++
    return token
  }
}
