import { Button, Container, Heading, Input, Label, Text, toast } from "@medusajs/ui"
import { FormEvent, useState } from "react"
import { useTranslation } from "react-i18next"
import { useBillingAccounts } from "../../hooks/billing-accounts"
import type { RateCallInput } from "../../hooks/rating"

export const SELECT =
  "bg-ui-bg-field shadow-borders-base txt-compact-small h-8 w-full rounded-md px-2 text-ui-fg-base outline-none focus:shadow-borders-interactive-with-active"

const DISPOSITIONS = ["ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION"] as const

/** "2026-05-01T09:00" (read as UTC) → "2026-05-01T09:00:00.000Z", or null. */
export function localInputToUtcIso(v: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/.exec(v.trim())
  if (!m) return null
  const d = new Date(`${m[1]}T${m[2]}${m[3] ?? ":00"}Z`)
  return isNaN(d.getTime()) ? null : d.toISOString()
}

function nowUtcInput(): string {
  return new Date().toISOString().slice(0, 16)
}

/** The call to rate: account, number, direction, answer time (UTC), billsec, disposition. */
export const RateCallForm = ({ busy, onSubmit }: { busy: boolean; onSubmit: (call: RateCallInput) => void }) => {
  const { t } = useTranslation()
  const accounts = useBillingAccounts({ limit: 1000 })
  const [v, setV] = useState({
    account_id: "",
    number: "",
    direction: "outbound",
    answer_time: nowUtcInput(),
    billsec: "60",
    disposition: "ANSWERED",
  })
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value })

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const problems: string[] = []
    if (!v.account_id) problems.push(t("callBilling.rateACall.errors.account"))
    if (!v.number.trim()) problems.push(t("callBilling.rateACall.errors.number"))
    const at = localInputToUtcIso(v.answer_time)
    if (!at) problems.push(t("callBilling.rateACall.errors.answerTime"))
    if (!/^\d+$/.test(v.billsec.trim()) || Number(v.billsec) > 7 * 24 * 3600) problems.push(t("callBilling.rateACall.errors.billsec"))
    if (problems.length || !at) {
      toast.error(problems[0])
      return
    }
    onSubmit({
      account_id: v.account_id,
      number: v.number.trim(),
      direction: v.direction as RateCallInput["direction"],
      answer_time: at,
      billsec: Number(v.billsec.trim()),
      disposition: v.disposition as RateCallInput["disposition"],
    })
  }

  const list = accounts.data?.billing_accounts ?? []

  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h1">{t("callBilling.rateACall.title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">{t("callBilling.rateACall.description")}</Text>
      </div>
      <form data-testid="rate-call-form" onSubmit={submit} className="grid grid-cols-1 gap-4 px-6 py-4 md:grid-cols-3">
        <div>
          <Label size="small" htmlFor="rc-account">{t("callBilling.rateACall.account")}</Label>
          <select id="rc-account" name="account_id" className={SELECT} value={v.account_id} onChange={set("account_id")}>
            <option value="">
              {accounts.isLoading ? t("callBilling.rateACall.loadingAccounts") : t("callBilling.rateACall.chooseAccount")}
            </option>
            {list.map((a) => (
              <option key={a.id} value={a.id}>
                {a.code} — {a.name} ({a.currency_code})
              </option>
            ))}
          </select>
        </div>
        <div>
          <Label size="small" htmlFor="rc-number">{t("callBilling.rateACall.number")}</Label>
          <Input id="rc-number" name="number" placeholder="+44 7700 900123" value={v.number} onChange={set("number")} />
        </div>
        <div>
          <Label size="small" htmlFor="rc-direction">{t("callBilling.rateACall.direction")}</Label>
          <select id="rc-direction" name="direction" className={SELECT} value={v.direction} onChange={set("direction")}>
            <option value="outbound">{t("callBilling.rateACall.outbound")}</option>
            <option value="inbound">{t("callBilling.rateACall.inbound")}</option>
          </select>
        </div>
        <div>
          <Label size="small" htmlFor="rc-answer">{t("callBilling.rateACall.answerTime")}</Label>
          <Input id="rc-answer" type="datetime-local" name="answer_time" value={v.answer_time} onChange={set("answer_time")} />
        </div>
        <div>
          <Label size="small" htmlFor="rc-billsec">{t("callBilling.rateACall.billsec")}</Label>
          <Input id="rc-billsec" type="number" min={0} name="billsec" value={v.billsec} onChange={set("billsec")} />
        </div>
        <div>
          <Label size="small" htmlFor="rc-disposition">{t("callBilling.rateACall.disposition")}</Label>
          <select id="rc-disposition" name="disposition" className={SELECT} value={v.disposition} onChange={set("disposition")}>
            {DISPOSITIONS.map((d) => (
              <option key={d} value={d}>{d}</option>
            ))}
          </select>
        </div>
        <div className="md:col-span-3 flex justify-end">
          <Button type="submit" size="small" isLoading={busy} data-testid="rate-call-submit">
            {t("callBilling.rateACall.submit")}
          </Button>
        </div>
      </form>
    </Container>
  )
}
