import { Button, Container, Drawer, Heading, Input, Table, Text, Textarea, toast } from "@medusajs/ui"
import Decimal from "decimal.js"
import { FormEvent, useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { usePostWalletEntry, useWallet } from "../../hooks/billing"
import { toastError } from "../../lib/errors"
import { formatDateTime, isDecimal, isPositiveDecimal, money, selectClass, type Problem } from "./format"
import type { AccountBilling, WalletEntryInput } from "./types"
import { Field, Row } from "./ui"

const k = "billing.account.wallet"

/** A prepaid account's wallet: balance, credit on hold for calls in progress, the last ledger entries, top-up. */
export const WalletCard = ({ account }: { account: AccountBilling }) => {
  const { t } = useTranslation()
  const { data, isLoading, isError, error } = useWallet(account.id, 10)
  const [open, setOpen] = useState(false)
  useEffect(() => {
    if (isError) toastError(error)
  }, [isError, error])
  const cur = data?.currency_code ?? account.currency_code
  const held = (data?.open_reservations ?? []).reduce((s, r) => s.plus(new Decimal(String(r.amount ?? "0"))), new Decimal(0))

  return (
    <Container className="divide-y p-0" data-testid="wallet-card">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">{t(`${k}.title`)}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t(`${k}.description`)}
          </Text>
        </div>
        <Button size="small" variant="secondary" onClick={() => setOpen(true)} data-testid="wallet-top-up">
          {t(`${k}.topUp`)}
        </Button>
      </div>
      {isLoading ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-4">
          {t("billing.loading")}
        </Text>
      ) : data ? (
        <>
          <div className="py-2">
            <Row label={t(`${k}.balance`)} value={<span data-value={data.balance}>{money(data.balance, cur)}</span>} testId="wallet-balance" />
            <Row label={t(`${k}.held`, { count: data.open_reservations?.length ?? 0 })} value={money(held.toFixed(), cur)} testId="wallet-held" />
            <Row label={t(`${k}.threshold`)} value={data.low_balance_threshold === null || data.low_balance_threshold === undefined ? "–" : money(data.low_balance_threshold, cur)} />
          </div>
          {data.entries.length === 0 ? (
            <Text size="small" className="text-ui-fg-muted px-6 py-4" data-testid="wallet-empty">
              {t(`${k}.empty`)}
            </Text>
          ) : (
            <Table data-testid="wallet-entries">
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>{t(`${k}.columns.date`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.columns.type`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.columns.reference`)}</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">{t(`${k}.columns.amount`)}</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {data.entries.map((e) => (
                  <Table.Row key={e.id} data-testid={`wallet-entry-${e.id}`}>
                    <Table.Cell>{formatDateTime(e.created_at)}</Table.Cell>
                    <Table.Cell>{t(`${k}.types.${e.type}`, { defaultValue: e.type.replace(/_/g, " ") })}</Table.Cell>
                    <Table.Cell>{e.reference ?? e.note ?? "–"}</Table.Cell>
                    <Table.Cell className="text-right tabular-nums">{money(e.amount, cur)}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          )}
        </>
      ) : null}
      <WalletEntryDrawer account={account} open={open} onOpenChange={setOpen} />
    </Container>
  )
}

const WalletEntryDrawer = ({ account, open, onOpenChange }: { account: AccountBilling; open: boolean; onOpenChange: (o: boolean) => void }) => {
  const { t } = useTranslation()
  const post = usePostWalletEntry(account.id)
  const [form, setForm] = useState({ type: "top_up" as WalletEntryInput["type"], amount: "", reference: "", note: "" })
  const [problems, setProblems] = useState<Problem[]>([])
  useEffect(() => {
    if (open) {
      setForm({ type: "top_up", amount: "", reference: "", note: "" })
      setProblems([])
    }
  }, [open])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const amount = form.amount.trim()
    // an adjustment may take money off (a sign); top-ups and refunds are positive amounts
    const unsigned = form.type === "adjustment" ? amount.replace(/^-/, "") : amount
    const ok = form.type === "adjustment" ? isDecimal(unsigned) && !new Decimal(unsigned).isZero() : isPositiveDecimal(amount)
    const found: Problem[] = ok ? [] : [{ path: "amount", key: form.type === "adjustment" ? "nonZeroDecimal" : "positiveDecimal" }]
    setProblems(found)
    if (found.length) return
    try {
      const res = await post.mutateAsync({
        type: form.type,
        amount,
        ...(form.reference.trim() ? { reference: form.reference.trim() } : {}),
        ...(form.note.trim() ? { note: form.note.trim() } : {}),
      })
      if (res.duplicate) toast.info(t(`${k}.duplicate`, { reference: form.reference.trim() }))
      else toast.success(t(`${k}.posted`, { balance: money(res.balance, account.currency_code) }))
      onOpenChange(false)
    } catch (err) {
      toastError(err)
    }
  }

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <form onSubmit={submit} noValidate className="flex flex-1 flex-col overflow-hidden" data-testid="wallet-form">
          <Drawer.Header>
            <Drawer.Title asChild>
              <Heading>{t(`${k}.formTitle`)}</Heading>
            </Drawer.Title>
            <Drawer.Description className="sr-only">{t(`${k}.formTitle`)}</Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-1 flex-col gap-y-4 overflow-y-auto">
            <Field label={t(`${k}.type`)} htmlFor="wallet-type">
              <select id="wallet-type" name="type" className={selectClass} value={form.type} onChange={(e) => setForm({ ...form, type: e.target.value as WalletEntryInput["type"] })}>
                {(["top_up", "refund", "adjustment"] as const).map((x) => (
                  <option key={x} value={x}>
                    {t(`${k}.types.${x}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t(`${k}.amount`, { currency: account.currency_code.toUpperCase() })} htmlFor="wallet-amount" problems={problems} path="amount" hint={t(`${k}.amountHint.${form.type}`)}>
              <Input id="wallet-amount" name="amount" inputMode="decimal" value={form.amount} onChange={(e) => setForm({ ...form, amount: e.target.value })} />
            </Field>
            <Field label={t(`${k}.reference`)} htmlFor="wallet-reference" hint={t(`${k}.referenceHint`)}>
              <Input id="wallet-reference" name="reference" value={form.reference} onChange={(e) => setForm({ ...form, reference: e.target.value })} />
            </Field>
            <Field label={t(`${k}.note`)} htmlFor="wallet-note">
              <Textarea id="wallet-note" name="note" rows={2} value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} />
            </Field>
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                {t("billing.actions.cancel")}
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={post.isPending} data-testid="wallet-submit">
              {t(`${k}.submit`)}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
