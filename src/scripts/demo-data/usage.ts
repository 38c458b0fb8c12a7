/**
 * A month of demo calls for the three demo tenants, as a generic CDR file
 * (FORMATS.md): deterministic call ids (so a second seed finds them all
 * duplicates, whatever day it runs), times spread over the 30 days before `now` in business
 * hours and evenings, numbers dialled the way each tenant dials (national,
 * international access code, or +E.164), and a few bad lines so the
 * exception queue has something to show (an unknown account, a number in
 * letters, billsec above duration).
 */

const DESTINATIONS: Record<string, string[]> = {
  // ACME, London: national and international
  ACME: ["020 7946 0{n3}", "07700 900{n3}", "0161 496 0{n3}", "+49 30 1234 5{n3}", "00 33 1 23 45 6{n2}", "+1 212 555 0{n3}", "+91 98 1234 5{n3}"],
  // SUNRISE, New York: NANP ten-digit and 011 international
  SUNRISE: ["212 555 0{n3}", "1 415 555 0{n3}", "011 44 20 7946 0{n3}", "011 52 55 1234 5{n3}", "+44 7700 900{n3}"],
  // KOALA, Sydney: national with trunk 0 and 0011 international
  KOALA: ["02 9876 5{n3}", "0412 345 {n3}", "0011 44 20 7946 0{n3}", "0011 64 9 123 4{n3}", "+61 3 9123 4{n3}"],
}

const CAMPAIGNS = ["spring-offer", "renewals", "support"]
const DISPOSITIONS: Array<[string, number]> = [["ANSWERED", 84], ["NO ANSWER", 9], ["BUSY", 5], ["FAILED", 2]]

/** A small deterministic PRNG (mulberry32), so the same seed writes the same file. */
function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const HEADER = "call_id,account,direction,caller,callee,answer_time,start_time,end_time,duration,billsec,disposition,campaign,agent,queue,trunk,carrier"

/**
 * The demo CDR file's text: `perTenant` calls per tenant, ending at `now`.
 *
 * @example
 * demoCdrCsv(new Date(), 600).split("\n").length // 1 + 3 × 600 + 3 bad lines
 */
export function demoCdrCsv(now: Date, perTenant = 600): string {
  const rand = prng(20261122)
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]
  const lines = [HEADER]
  const day = 24 * 3600 * 1000
  for (const tenant of Object.keys(DESTINATIONS)) {
    for (let i = 1; i <= perTenant; i++) {
      const start = new Date(now.getTime() - Math.floor(rand() * 30 * day))
      start.setUTCSeconds(Math.floor(rand() * 60))
      const roll = rand() * 100
      let acc = 0
      let disposition = "ANSWERED"
      for (const [d, w] of DISPOSITIONS) if (roll < (acc += w)) { disposition = d; break }
      const answered = disposition === "ANSWERED"
      const ring = 3 + Math.floor(rand() * 15)
      const billsec = answered ? Math.floor(Math.pow(rand(), 2) * 900) + 5 : 0
      const answer = new Date(start.getTime() + ring * 1000)
      const end = new Date(answer.getTime() + billsec * 1000)
      const number = pick(DESTINATIONS[tenant])
        .replace("{n3}", String(Math.floor(rand() * 1000)).padStart(3, "0"))
        .replace("{n2}", String(Math.floor(rand() * 100)).padStart(2, "0"))
      lines.push(
        [
          `demo-${tenant.toLowerCase()}-${String(i).padStart(5, "0")}`,
          tenant,
          "outbound",
          "",
          `"${number}"`,
          answered ? answer.toISOString() : "",
          start.toISOString(),
          end.toISOString(),
          ring + billsec,
          billsec,
          disposition,
          pick(CAMPAIGNS),
          `agent-${String(1 + Math.floor(rand() * 12)).padStart(2, "0")}`,
          "sales",
          "sip-trunk-1",
          pick(["carrier-a", "carrier-b"]),
        ].join(",")
      )
    }
  }
  const t = new Date(now.getTime() - 2 * day).toISOString()
  lines.push(`demo-globex-00001,GLOBEX,outbound,,+44 20 7946 0001,${t},${t},${t},60,60,ANSWERED,renewals,agent-01,sales,sip-trunk-1,carrier-a`)
  lines.push(`demo-acme-letters,ACME,outbound,,0800 CALL NOW,${t},${t},${t},30,30,ANSWERED,renewals,agent-02,sales,sip-trunk-1,carrier-a`)
  lines.push(`demo-acme-bad-billsec,ACME,outbound,,020 7946 0002,${t},${t},${t},30,95,ANSWERED,renewals,agent-03,sales,sip-trunk-1,carrier-a`)
  return lines.join("\n") + "\n"
}
