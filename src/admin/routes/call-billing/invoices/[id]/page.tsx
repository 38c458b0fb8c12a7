import { ArrowDownTray } from "@medusajs/icons"
import { Button, Container, Heading, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { Link, useNavigate, useParams } from "react-router-dom"
import { formatDateTime, invoiceActions, lineDetails, money, periodLabel } from "../../../../components/billing/format"
import { CreditNoteDrawer, RecordPaymentDrawer } from "../../../../components/billing/invoice-drawers"
import { fractionToPercent } from "../../../../components/billing/tax-form"
import { InvoiceKindBadge, InvoiceStatusBadge, Row } from "../../../../components/billing/ui"
import { SyncStatusSection } from "../../../../components/collections/sync-status-section"
import { billingFiles, downloadBillingFile, type Invoice, type InvoiceAction, useInvoice, useInvoiceAction } from "../../../../hooks/billing"
import { toastError } from "../../../../lib/errors"

const k = "billing.invoices"

/** One invoice: lines, taxes, totals, payments and credit notes, and what can be done in its status. */
const InvoiceDetailPage = () => {
  const { id = "" } = useParams()
  const { t } = useTranslation()
  const { data, isLoading, isError, error } = useInvoice(id)
  useEffect(() => {
    if (isError) toastError(error)
  }, [isError, error])
  const invoice = data?.invoice

  if (isLoading) {
    return (
      <Container className="px-6 py-4">
        <Text size="small" className="text-ui-fg-muted">
          {t("billing.loading")}
        </Text>
      </Container>
    )
  }
  if (!invoice) {
    return (
      <Container className="flex flex-col gap-y-2 px-6 py-4">
        <Text>{t(`${k}.notFound`)}</Text>
        <Link to="/call-billing/invoices" className="text-ui-fg-interactive txt-compact-small">
          {t(`${k}.backToList`)}
        </Link>
      </Container>
    )
  }
  return <InvoiceDetail invoice={invoice} />
}

const InvoiceDetail = ({ invoice }: { invoice: Invoice }) => {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const prompt = usePrompt()
  const act = useInvoiceAction(invoice.id)
  const [drawer, setDrawer] = useState<"payment" | "credit" | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const actions = invoiceActions(invoice)
  const cur = invoice.currency_code
  const title = invoice.number ?? t(invoice.kind === "debit_note" ? `${k}.draftDebitNote` : `${k}.draftInvoice`)

  const run = async (action: InvoiceAction) => {
    const ok = await prompt({
      title: t(`${k}.confirm.${action}.title`),
      description: t(`${k}.confirm.${action}.description`, { number: title }),
      confirmText: t(`${k}.actions.${action}`),
      cancelText: t("billing.actions.cancel"),
    })
    if (!ok) return
    try {
      const res = await act.mutateAsync(action)
      const next = res?.invoice
      toast.success(t(`${k}.done.${action}`, { number: next?.number ?? title }))
      // regenerating replaces the draft with a new one, or with none (the period now carries forward)
      if (action === "regenerate" && !next) navigate("/call-billing/invoices", { replace: true })
      else if (next?.id && next.id !== invoice.id) navigate(`/call-billing/invoices/${next.id}`, { replace: true })
    } catch (e) {
      toastError(e)
    }
  }

  const download = async (key: string, path: string, name: string) => {
    setBusy(key)
    try {
      await downloadBillingFile(path, name)
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(null)
    }
  }
  const base = invoice.number ?? `draft-${invoice.id}`
  const files = [
    { key: "pdf", label: t(`${k}.files.pdf`), path: billingFiles.invoicePdf(invoice.id), name: `${base}.pdf` },
    { key: "pdf-calls", label: t(`${k}.files.pdfCalls`), path: billingFiles.invoicePdf(invoice.id, true), name: `${base}-calls.pdf` },
    { key: "csv", label: t(`${k}.files.csv`), path: billingFiles.invoiceCallsCsv(invoice.id), name: `${base}-calls.csv` },
    { key: "xlsx", label: t(`${k}.files.xlsx`), path: billingFiles.invoiceCallsXlsx(invoice.id), name: `${base}-calls.xlsx` },
  ]
  const notes = Array.isArray(invoice.notes) ? invoice.notes.map(String) : typeof invoice.notes === "string" && invoice.notes ? [invoice.notes] : []

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="flex flex-col gap-y-3 px-6 py-4">
          <Link to="/call-billing/invoices" className="text-ui-fg-interactive txt-small">
            ← {t(`${k}.title`)}
          </Link>
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div>
              <div className="flex items-center gap-x-2">
                <Heading level="h1" data-testid="invoice-number" className="font-mono">
                  {title}
                </Heading>
                <InvoiceStatusBadge status={invoice.status} testId="invoice-status" />
                <InvoiceKindBadge kind={invoice.kind} />
              </div>
              <Text size="small" className="text-ui-fg-subtle">
                <Link to={`/call-billing/billing-accounts/${invoice.account_id}`} className="text-ui-fg-interactive">
                  {invoice.account_code ?? invoice.account_id}
                </Link>{" "}
                · {t(`${k}.period`)} {periodLabel(invoice.period_start, invoice.period_end)}
              </Text>
            </div>
            <div className="flex flex-wrap gap-2" data-testid="invoice-actions">
              {actions.includes("finalize") && (
                <Button size="small" onClick={() => run("finalize")} isLoading={act.isPending && act.variables === "finalize"} data-testid="invoice-finalize">
                  {t(`${k}.actions.finalize`)}
                </Button>
              )}
              {actions.includes("regenerate") && (
                <Button size="small" variant="secondary" onClick={() => run("regenerate")} isLoading={act.isPending && act.variables === "regenerate"} data-testid="invoice-regenerate">
                  {t(`${k}.actions.regenerate`)}
                </Button>
              )}
              {actions.includes("record_payment") && (
                <Button size="small" onClick={() => setDrawer("payment")} data-testid="invoice-record-payment">
                  {t(`${k}.actions.recordPayment`)}
                </Button>
              )}
              {actions.includes("credit_note") && (
                <Button size="small" variant="secondary" onClick={() => setDrawer("credit")} data-testid="invoice-credit-note">
                  {t(`${k}.actions.creditNote`)}
                </Button>
              )}
              {actions.includes("uncollectible") && (
                <Button size="small" variant="secondary" onClick={() => run("uncollectible")} data-testid="invoice-uncollectible">
                  {t(`${k}.actions.uncollectible`)}
                </Button>
              )}
              {actions.includes("void") && (
                <Button size="small" variant="danger" onClick={() => run("void")} data-testid="invoice-void">
                  {t(`${k}.actions.void`)}
                </Button>
              )}
            </div>
          </div>
          <div className="flex flex-wrap gap-2" data-testid="invoice-files">
            {files.map((f) => (
              <Button key={f.key} size="small" variant="transparent" onClick={() => download(f.key, f.path, f.name)} isLoading={busy === f.key} data-testid={`invoice-download-${f.key}`}>
                <ArrowDownTray />
                {f.label}
              </Button>
            ))}
          </div>
        </div>
        <div className="grid grid-cols-1 divide-y md:grid-cols-2 md:divide-x md:divide-y-0">
          <div className="py-2">
            <Row label={t(`${k}.fields.issuedAt`)} value={formatDateTime(invoice.issued_at)} testId="invoice-issued-at" />
            <Row label={t(`${k}.fields.dueDate`)} value={invoice.due_date ?? "–"} testId="invoice-due-date" />
            <Row label={t(`${k}.fields.currency`)} value={cur.toUpperCase()} />
          </div>
          <div className="py-2" data-testid="invoice-totals">
            {(["subtotal", "tax_total", "total", "amount_paid", "amount_credited", "amount_due"] as const).map((f) => (
              <Row key={f} label={t(`${k}.totals.${f}`)} value={money(invoice[f], cur)} testId={`invoice-${f}`} />
            ))}
          </div>
        </div>
      </Container>

      <Container className="divide-y p-0">
        <div className="px-6 py-4">
          <Heading level="h2">{t(`${k}.lines.title`)}</Heading>
        </div>
        {invoice.lines.length === 0 ? (
          <Text size="small" className="text-ui-fg-muted px-6 py-4">
            {t(`${k}.lines.empty`)}
          </Text>
        ) : (
          <div className="overflow-x-auto">
            <Table data-testid="invoice-lines">
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell className="w-[1%]">#</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.lines.description`)}</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">{t(`${k}.lines.quantity`)}</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">{t(`${k}.lines.unitPrice`)}</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">{t(`${k}.lines.amount`)}</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {[...invoice.lines]
                  .sort((a, b) => a.position - b.position)
                  .map((l, i) => {
                    const details = lineDetails(l.details)
                    return (
                      <Table.Row key={`${l.position}-${i}`} data-testid={`invoice-line-${i}`} data-kind={l.kind}>
                        <Table.Cell className="text-ui-fg-muted">{i + 1}</Table.Cell>
                        <Table.Cell className="whitespace-normal py-2">
                          <Text size="small">{l.description}</Text>
                          <Text size="xsmall" className="text-ui-fg-subtle">
                            {t(`${k}.lineKinds.${l.kind}`, { defaultValue: l.kind.replace(/_/g, " ") })}
                            {details ? ` · ${details}` : ""}
                          </Text>
                        </Table.Cell>
                        <Table.Cell className="text-right tabular-nums">{l.quantity}</Table.Cell>
                        <Table.Cell className="text-right tabular-nums">{l.unit_price ?? "–"}</Table.Cell>
                        <Table.Cell className="whitespace-nowrap text-right tabular-nums">{money(l.amount, cur)}</Table.Cell>
                      </Table.Row>
                    )
                  })}
              </Table.Body>
            </Table>
          </div>
        )}
        {invoice.taxes.length > 0 && (
          <Table data-testid="invoice-taxes">
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>{t(`${k}.taxes.name`)}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t(`${k}.taxes.rate`)}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t(`${k}.taxes.taxable`)}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t(`${k}.taxes.amount`)}</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {invoice.taxes.map((tax) => (
                <Table.Row key={tax.code} data-testid={`invoice-tax-${tax.code}`}>
                  <Table.Cell>{tax.name}</Table.Cell>
                  <Table.Cell className="text-right tabular-nums">{fractionToPercent(tax.rate)} %</Table.Cell>
                  <Table.Cell className="text-right tabular-nums">{money(tax.taxable_amount, cur)}</Table.Cell>
                  <Table.Cell className="text-right tabular-nums">{money(tax.amount, cur)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
        {notes.length > 0 && (
          <div className="px-6 py-4" data-testid="invoice-notes">
            {notes.map((n, i) => (
              <Text key={i} size="small" className="text-ui-fg-subtle">
                {n}
              </Text>
            ))}
          </div>
        )}
      </Container>

      <Container className="divide-y p-0" data-testid="invoice-payments">
        <div className="px-6 py-4">
          <Heading level="h2">{t(`${k}.payments.title`)}</Heading>
        </div>
        {invoice.payments.length === 0 ? (
          <Text size="small" className="text-ui-fg-muted px-6 py-4">
            {t(`${k}.payments.empty`)}
          </Text>
        ) : (
          invoice.payments.map((p) => (
            <div key={p.payment_id} className="flex items-center justify-between px-6 py-3" data-testid={`invoice-payment-${p.payment_id}`}>
              <Text size="small">
                {formatDateTime(p.received_at)} · {t(`billing.paymentMethods.${p.method}`, { defaultValue: p.method })}
                {p.reference ? ` · ${p.reference}` : ""}
              </Text>
              <div className="flex items-center gap-x-2">
                <Text size="small" className="tabular-nums">
                  {money(p.amount, cur)}
                </Text>
                <Button size="small" variant="transparent" onClick={() => download(`receipt-${p.payment_id}`, billingFiles.receiptPdf(p.payment_id), `receipt-${p.payment_id}.pdf`)} isLoading={busy === `receipt-${p.payment_id}`}>
                  <ArrowDownTray />
                  {t(`${k}.payments.receipt`)}
                </Button>
              </div>
            </div>
          ))
        )}
      </Container>

      <Container className="divide-y p-0" data-testid="invoice-credit-notes">
        <div className="px-6 py-4">
          <Heading level="h2">{t(`${k}.creditNotes.title`)}</Heading>
        </div>
        {invoice.credit_notes.length === 0 ? (
          <Text size="small" className="text-ui-fg-muted px-6 py-4">
            {t(`${k}.creditNotes.empty`)}
          </Text>
        ) : (
          invoice.credit_notes.map((c) => (
            <div key={c.id} className="flex items-center justify-between px-6 py-3" data-testid={`invoice-credit-note-${c.number}`}>
              <div>
                <Text size="small" className="font-mono">
                  {c.number}
                </Text>
                <Text size="xsmall" className="text-ui-fg-subtle">
                  {formatDateTime(c.issued_at)} · {c.reason}
                </Text>
              </div>
              <div className="flex items-center gap-x-2">
                <Text size="small" className="tabular-nums">
                  {money(c.total, cur)}
                </Text>
                <Button size="small" variant="transparent" onClick={() => download(`cn-${c.id}`, billingFiles.creditNotePdf(c.id), `${c.number}.pdf`)} isLoading={busy === `cn-${c.id}`}>
                  <ArrowDownTray />
                  {t(`${k}.files.pdf`)}
                </Button>
              </div>
            </div>
          ))
        )}
      </Container>

      <SyncStatusSection recordId={invoice.id} />

      <RecordPaymentDrawer invoice={invoice} open={drawer === "payment"} onOpenChange={(o) => setDrawer(o ? "payment" : null)} />
      <CreditNoteDrawer invoice={invoice} open={drawer === "credit"} onOpenChange={(o) => setDrawer(o ? "credit" : null)} />
    </div>
  )
}

export default InvoiceDetailPage
