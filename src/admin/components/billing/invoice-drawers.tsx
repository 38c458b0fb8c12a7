import { Button, Drawer, Heading, Input, Text, Textarea, toast } from "@medusajs/ui"
import { FormEvent, useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { useIssueCreditNote, useRecordPayment } from "../../hooks/billing"
import { toastError } from "../../lib/errors"
import { compareDecimals, creditableAmount, creditNoteProblems, currencyDecimals, localDate, money, paymentProblems, selectClass, type Problem } from "./format"
import { PAYMENT_METHODS, type InvoiceSummary, type PaymentMethod } from "./types"
import { Field } from "./ui"

type Common = { invoice: InvoiceSummary; open: boolean; onOpenChange: (open: boolean) => void }

/** Records money received against this invoice; any excess becomes account credit (the server allocates). */
export const RecordPaymentDrawer = ({ invoice, open, onOpenChange }: Common) => {
  const { t } = useTranslation()
  const k = "billing.invoices.payment"
  const record = useRecordPayment(invoice.account_id)
  const [form, setForm] = useState({ amount: "", method: "bank_transfer" as PaymentMethod, reference: "", received_at: "", note: "" })
  const [problems, setProblems] = useState<Problem[]>([])

  useEffect(() => {
    if (open) {
      setForm({ amount: String(invoice.amount_due ?? ""), method: "bank_transfer", reference: "", received_at: localDate(), note: "" })
      setProblems([])
    }
  }, [open, invoice.amount_due])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const found = paymentProblems(form)
    setProblems(found)
    if (found.length) return
    try {
      const result = await record.mutateAsync({
        amount: form.amount.trim(),
        method: form.method,
        ...(form.reference.trim() ? { reference: form.reference.trim() } : {}),
        ...(form.received_at.trim() ? { received_at: form.received_at.trim() } : {}),
        ...(form.note.trim() ? { note: form.note.trim() } : {}),
        allocations: [{ invoice_id: invoice.id }],
      })
      const extra = result?.unallocated && compareDecimals(result.unallocated, "0") > 0 ? result.unallocated : null
      toast.success(
        extra
          ? t(`${k}.doneWithCredit`, { amount: money(form.amount, invoice.currency_code), credit: money(extra, invoice.currency_code) })
          : t(`${k}.done`, { amount: money(form.amount, invoice.currency_code) })
      )
      onOpenChange(false)
    } catch (err) {
      toastError(err)
    }
  }

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <form onSubmit={submit} noValidate className="flex flex-1 flex-col overflow-hidden" data-testid="payment-form">
          <Drawer.Header>
            <Drawer.Title asChild>
              <Heading>{t(`${k}.title`)}</Heading>
            </Drawer.Title>
            <Drawer.Description className="sr-only">{t(`${k}.title`)}</Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-1 flex-col gap-y-4 overflow-y-auto">
            <Text size="small" className="text-ui-fg-subtle">
              {t(`${k}.description`, { due: money(invoice.amount_due, invoice.currency_code), number: invoice.number ?? "" })}
            </Text>
            <Field label={t(`${k}.amount`, { currency: invoice.currency_code.toUpperCase() })} htmlFor="payment-amount" problems={problems} path="amount">
              <Input id="payment-amount" name="amount" inputMode="decimal" value={form.amount} onChange={(e) => setForm({ ...form, amount: e.target.value })} />
            </Field>
            <Field label={t(`${k}.method`)} htmlFor="payment-method">
              <select id="payment-method" name="method" className={selectClass} value={form.method} onChange={(e) => setForm({ ...form, method: e.target.value as PaymentMethod })}>
                {PAYMENT_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {t(`billing.paymentMethods.${m}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t(`${k}.reference`)} htmlFor="payment-reference" hint={t(`${k}.referenceHint`)}>
              <Input id="payment-reference" name="reference" value={form.reference} onChange={(e) => setForm({ ...form, reference: e.target.value })} />
            </Field>
            <Field label={t(`${k}.receivedAt`)} htmlFor="payment-received-at" problems={problems} path="received_at">
              <Input id="payment-received-at" name="received_at" type="date" value={form.received_at} onChange={(e) => setForm({ ...form, received_at: e.target.value })} />
            </Field>
            <Field label={t(`${k}.note`)} htmlFor="payment-note">
              <Textarea id="payment-note" name="note" rows={2} value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} />
            </Field>
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                {t("billing.actions.cancel")}
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={record.isPending} data-testid="payment-submit">
              {t(`${k}.submit`)}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}

/** Issues a credit note for the whole remaining amount or part of it, with a reason. */
export const CreditNoteDrawer = ({ invoice, open, onOpenChange }: Common) => {
  const { t } = useTranslation()
  const k = "billing.invoices.creditNote"
  const issue = useIssueCreditNote(invoice.id)
  const creditable = creditableAmount(invoice)
  const [full, setFull] = useState(true)
  const [form, setForm] = useState({ amount: "", reason: "" })
  const [problems, setProblems] = useState<Problem[]>([])

  useEffect(() => {
    if (open) {
      setFull(true)
      setForm({ amount: "", reason: "" })
      setProblems([])
    }
  }, [open])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const values = { amount: full ? "" : form.amount, reason: form.reason }
    const found = creditNoteProblems(values, creditable, currencyDecimals(invoice.currency_code))
    if (!full && !form.amount.trim()) found.unshift({ path: "amount", key: "required" })
    setProblems(found)
    if (found.length) return
    try {
      const res = await issue.mutateAsync({ ...(full ? {} : { amount: form.amount.trim() }), reason: form.reason.trim() })
      toast.success(t(`${k}.done`, { number: res?.credit_note?.number ?? "" }))
      onOpenChange(false)
    } catch (err) {
      toastError(err)
    }
  }

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <form onSubmit={submit} noValidate className="flex flex-1 flex-col overflow-hidden" data-testid="credit-note-form">
          <Drawer.Header>
            <Drawer.Title asChild>
              <Heading>{t(`${k}.title`)}</Heading>
            </Drawer.Title>
            <Drawer.Description className="sr-only">{t(`${k}.hint`, { max: money(creditable, invoice.currency_code) })}</Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-1 flex-col gap-y-4 overflow-y-auto">
            <Text size="small" className="text-ui-fg-subtle">
              {t(`${k}.hint`, { max: money(creditable, invoice.currency_code) })}
            </Text>
            <div className="flex flex-col gap-y-2">
              <label className="txt-compact-small flex items-center gap-x-2">
                <input type="radio" name="scope" value="full" checked={full} onChange={() => setFull(true)} data-testid="credit-note-full" />
                {t(`${k}.full`, { amount: money(creditable, invoice.currency_code) })}
              </label>
              <label className="txt-compact-small flex items-center gap-x-2">
                <input type="radio" name="scope" value="partial" checked={!full} onChange={() => setFull(false)} data-testid="credit-note-partial" />
                {t(`${k}.partial`)}
              </label>
            </div>
            {!full && (
              <Field label={t(`${k}.amount`, { currency: invoice.currency_code.toUpperCase() })} htmlFor="credit-note-amount" problems={problems} path="amount">
                <Input id="credit-note-amount" name="amount" inputMode="decimal" value={form.amount} onChange={(e) => setForm({ ...form, amount: e.target.value })} />
              </Field>
            )}
            <Field label={t(`${k}.reason`)} htmlFor="credit-note-reason" problems={problems} path="reason">
              <Textarea id="credit-note-reason" name="reason" rows={3} value={form.reason} placeholder={t(`${k}.reasonPlaceholder`)} onChange={(e) => setForm({ ...form, reason: e.target.value })} />
            </Field>
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                {t("billing.actions.cancel")}
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={issue.isPending} data-testid="credit-note-submit">
              {t(`${k}.submit`)}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
