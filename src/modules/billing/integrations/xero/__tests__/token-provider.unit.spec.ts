import { startXeroStandIn, type XeroStandIn } from "../../../../../../integration-tests/stand-ins/xero"
import { XeroGateway } from "../client"
import { XeroRateLimiter } from "../rate-limiter"
import { XeroAuthError, XeroTokenProvider } from "../token-provider"

const TENANT = "tenant-tokens"

describe("XeroTokenProvider against the stand-in", () => {
  let xero: XeroStandIn
  beforeAll(async () => {
    xero = await startXeroStandIn({ tokenTtlSeconds: 1800 })
  })
  afterAll(async () => {
    await xero.close()
  })
  beforeEach(() => xero.reset())

  const provider = (extra: Partial<ConstructorParameters<typeof XeroTokenProvider>[0]> = {}) =>
    new XeroTokenProvider({ client_id: "test-client", client_secret: "test-secret", token_url: xero.token_url, ...extra })

  it("fetches one token for many concurrent callers and caches it", async () => {
    const tokens = provider()
    const got = await Promise.all(Array.from({ length: 10 }, () => tokens.getToken()))
    expect(new Set(got.map((t) => t.access_token)).size).toBe(1)
    expect(await tokens.getToken()).toBe(got[0])
    expect(xero.tokensIssued).toBe(1)
    expect(tokens.tokensFetched).toBe(1)
    expect(got[0].token_type).toBe("Bearer")
    expect(got[0].expires_at).toBeGreaterThan(Date.now() / 1000 + 1790)
    const tokenRequests = xero.requests.filter((r) => r.path === "/connect/token")
    expect(tokenRequests).toHaveLength(1)
    expect(tokenRequests[0]).toMatchObject({ method: "POST", status: 200 })
  })

  it("refreshes within 60 s of expiry, not before", async () => {
    let now = Date.now()
    const tokens = provider({ now: () => now })
    const first = await tokens.getToken()
    now += (1800 - 61) * 1000 // 61 s left: still good
    expect(await tokens.getToken()).toBe(first)
    now += 2000 // 59 s left: refresh
    const second = await tokens.getToken()
    expect(second.access_token).not.toBe(first.access_token)
    expect(xero.tokensIssued).toBe(2)
  })

  it("invalidate() forgets only the token that was refused", async () => {
    const tokens = provider()
    const a = await tokens.getToken()
    tokens.invalidate(a.access_token)
    const b = await tokens.getToken()
    expect(b.access_token).not.toBe(a.access_token)
    tokens.invalidate(a.access_token) // a late 401 for the old token: keep b
    expect(await tokens.getToken()).toBe(b)
    expect(xero.tokensIssued).toBe(2)
  })

  it("reports refused credentials as XeroAuthError", async () => {
    const err = await provider({ client_secret: "wrong" }).getToken().catch((e) => e)
    expect(err).toBeInstanceOf(XeroAuthError)
    expect(err).toMatchObject({ status: 401, retryable: false })
    const down = await new XeroTokenProvider({ client_id: "a", client_secret: "b", token_url: "http://127.0.0.1:1/connect/token" })
      .getToken()
      .catch((e) => e)
    expect(down).toMatchObject({ name: "XeroAuthError", status: null, retryable: true })
  })

  it("a gateway refreshes after a 401 and retries the call once", async () => {
    const gw = new XeroGateway(
      { client_id: "test-client", client_secret: "test-secret", tenant_id: TENANT, token_url: xero.token_url, api_base: xero.api_base },
      { limiter: new XeroRateLimiter() }
    )
    expect(await gw.getInvoicesByNumbers(["INV-1"])).toEqual([])
    expect(xero.tokensIssued).toBe(1)
    xero.revokeTokens() // e.g. the connection's tokens were revoked server-side
    expect(await gw.getInvoicesByNumbers(["INV-1"])).toEqual([])
    expect(xero.tokensIssued).toBe(2)
    expect(xero.apiRequests("/Invoices").map((r) => r.status)).toEqual([200, 401, 200])
  })

  it("a gateway refreshes an expiring token before calling (no 401 needed)", async () => {
    let now = Date.now()
    const tokens = provider({ now: () => now })
    const gw = new XeroGateway(
      { client_id: "test-client", client_secret: "test-secret", tenant_id: TENANT, token_url: xero.token_url, api_base: xero.api_base },
      { limiter: new XeroRateLimiter(), tokens }
    )
    await gw.getInvoicesByNumbers(["A"])
    now += 1800 * 1000
    await gw.getInvoicesByNumbers(["A"])
    expect(xero.tokensIssued).toBe(2)
    expect(xero.apiRequests().map((r) => r.status)).toEqual([200, 200])
  })

  it("a 401 that persists surfaces once (no loop) and a wrong tenant is 403", async () => {
    const strict = await startXeroStandIn({ tenants: ["only-this-one"] })
    try {
      const other = new XeroGateway(
        { client_id: "test-client", client_secret: "test-secret", tenant_id: "not-connected", token_url: strict.token_url, api_base: strict.api_base },
        { limiter: new XeroRateLimiter() }
      )
      const [res] = await other.createInvoices([
        { Type: "ACCREC", Contact: { ContactID: "c" }, InvoiceNumber: "INV-1", Reference: "r", Date: "2026-01-01", DueDate: "2026-01-01", CurrencyCode: "GBP", Status: "AUTHORISED", LineAmountTypes: "Exclusive", LineItems: [] },
      ])
      expect(res).toMatchObject({ ok: false, error: { code: "forbidden", status: 403, retryable: false } })

      // a token endpoint that issues tokens the API never accepts: one retry, then the 401 is reported
      const gw2 = new XeroGateway(
        { client_id: "test-client", client_secret: "test-secret", tenant_id: "only-this-one", token_url: strict.token_url, api_base: strict.api_base },
        { limiter: new XeroRateLimiter() }
      )
      const origGet = gw2.tokens.getToken.bind(gw2.tokens)
      gw2.tokens.getToken = async () => ({ ...(await origGet()), access_token: "never-valid" })
      const err = await gw2.getInvoicesByNumbers(["X"]).catch((e) => e)
      expect(JSON.parse(err).response.statusCode).toBe(401)
      expect(strict.apiRequests("/Invoices").filter((r) => r.status === 401)).toHaveLength(2)
    } finally {
      await strict.close()
    }
  })
})
