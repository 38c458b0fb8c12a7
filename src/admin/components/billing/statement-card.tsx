import { ArrowDownTray } from "@medusajs/icons"
import { Button, Container, Heading, Input, Label, Text } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { billingFiles, downloadBillingFile, useStatement } from "../../hooks/billing"
import { toastError } from "../../lib/errors"
import { isDay, money } from "./format"
import { AGING_BUCKETS, type AccountBilling } from "./types"
import { Row } from "./ui"

const k = "billing.account.statement"

/** The account's statement: balances, what is overdue by age, and the statement as a PDF. */
export const StatementCard = ({ account }: { account: AccountBilling }) => {
  const { t } = useTranslation()
  const [from, setFrom] = useState("")
  const [to, setTo] = useState("")
  // a half-typed date is not sent
  const range = { from: isDay(from) ? from : undefined, to: isDay(to) ? to : undefined }
  const { data, isLoading, isError, error } = useStatement(account.id, range)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    if (isError) toastError(error)
  }, [isError, error])
  const cur = data?.currency_code ?? account.currency_code

  const pdf = async () => {
    setBusy(true)
    try {
      await downloadBillingFile(billingFiles.statementPdf(account.id, range), `statement-${account.code}.pdf`)
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="statement-card">
      <div className="flex flex-wrap items-end justify-between gap-3 px-6 py-4">
        <div>
          <Heading level="h2">{t(`${k}.title`)}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t(`${k}.description`)}
          </Text>
        </div>
        <div className="flex items-end gap-2">
          <div className="flex flex-col">
            <Label size="xsmall" htmlFor="statement-from">
              {t(`${k}.from`)}
            </Label>
            <Input id="statement-from" name="from" size="small" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div className="flex flex-col">
            <Label size="xsmall" htmlFor="statement-to">
              {t(`${k}.to`)}
            </Label>
            <Input id="statement-to" name="to" size="small" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
          <Button size="small" variant="secondary" onClick={pdf} isLoading={busy} data-testid="statement-pdf">
            <ArrowDownTray />
            {t(`${k}.pdf`)}
          </Button>
        </div>
      </div>
      {isLoading ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-4">
          {t("billing.loading")}
        </Text>
      ) : data ? (
        <>
          <div className="py-2">
            <Row label={t(`${k}.opening`)} value={money(data.opening_balance, cur)} testId="statement-opening" />
            <Row label={t(`${k}.closing`)} value={money(data.closing_balance, cur)} testId="statement-closing" />
            <Row label={t(`${k}.credit`)} value={money(data.credit_balance, cur)} testId="statement-credit" />
            <Row label={t(`${k}.entries`)} value={String(data.entries?.length ?? 0)} />
          </div>
          <div className="grid grid-cols-5 gap-2 px-6 py-4" data-testid="statement-aging">
            {AGING_BUCKETS.map((b) => (
              <div key={b} className="flex flex-col" data-testid={`statement-aging-${b}`}>
                <Text size="xsmall" className="text-ui-fg-subtle">
                  {t(`${k}.aging.${b}`)}
                </Text>
                <Text size="small" className="tabular-nums">
                  {money(data.aging?.[b] ?? "0", cur)}
                </Text>
              </div>
            ))}
          </div>
        </>
      ) : null}
    </Container>
  )
}
