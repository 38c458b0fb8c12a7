import { Badge, Drawer, Text } from "@medusajs/ui"
import { ReactNode } from "react"
import { useTranslation } from "react-i18next"
import { Link } from "react-router-dom"
import type { UsageCall } from "../../hooks/usage"
import { describeStoredCall } from "../../lib/trace"
import { formatDateTime, money } from "./format"

type Props = { call: UsageCall | null; onOpenChange: (open: boolean) => void }

/** One stored call: its rating in plain words, then every field with its lineage. */
export const CallDrawer = ({ call, onOpenChange }: Props) => {
  const { t } = useTranslation()
  const k = "callBilling.usage"
  const row = (label: string, value: ReactNode, testid?: string) => (
    <div className="grid grid-cols-2 gap-x-2 py-1.5" data-testid={testid}>
      <Text size="small" weight="plus" className="text-ui-fg-subtle">
        {label}
      </Text>
      <Text size="small" className="break-all">
        {value === null || value === undefined || value === "" ? "–" : value}
      </Text>
    </div>
  )
  return (
    <Drawer open={!!call} onOpenChange={onOpenChange}>
      <Drawer.Content data-testid="usage-call-drawer">
        <Drawer.Header>
          <Drawer.Title>{call ? t(`${k}.call.title`, { id: call.call_id }) : ""}</Drawer.Title>
        </Drawer.Header>
        {call && (
          <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
            <div className="bg-ui-bg-subtle rounded-md px-4 py-3">
              <Text size="xsmall" weight="plus" className="text-ui-fg-subtle mb-1">
                {t(`${k}.call.trace`)}
              </Text>
              <Text size="small" className="font-mono" data-testid="usage-call-trace">
                {describeStoredCall(call)}
              </Text>
            </div>
            <div className="divide-y">
              {row(t(`${k}.columns.account`), call.account_code)}
              {row(t(`${k}.columns.direction`), t(`callBilling.rateCards.direction.${call.direction}`, { defaultValue: call.direction }))}
              {row(t(`${k}.call.caller`), call.caller)}
              {row(t(`${k}.columns.number`), call.callee)}
              {row(t(`${k}.call.normalised`), <span className="font-mono">{call.number}</span>)}
              {row(t(`${k}.call.start`), formatDateTime(call.start_time))}
              {row(t(`${k}.columns.answered`), formatDateTime(call.answer_time))}
              {row(t(`${k}.call.end`), formatDateTime(call.end_time))}
              {row(t(`${k}.call.duration`), call.duration)}
              {row(t(`${k}.columns.billsec`), call.billsec)}
              {row(t(`${k}.columns.disposition`), call.disposition)}
              {row(t(`${k}.columns.ratedSeconds`), call.rated_seconds)}
              {row(t(`${k}.columns.charge`), <span className="font-mono">{money(call.charge, call.currency)}</span>, "usage-call-charge")}
              {row(t(`${k}.call.cost`), call.cost !== null && call.cost !== undefined ? <span className="font-mono">{money(call.cost, call.cost_currency ?? "")}</span> : null)}
              {row(t(`${k}.call.destination`), [call.prefix, call.destination].filter(Boolean).join(" "))}
              {row(t(`${k}.call.band`), call.band)}
              {row(t(`${k}.columns.campaign`), call.campaign)}
              {row(t(`${k}.columns.agent`), call.agent)}
              {row(t(`${k}.call.queue`), call.queue)}
              {row(t(`${k}.call.trunk`), call.trunk)}
              {row(t(`${k}.call.carrier`), call.carrier)}
              {row(
                t(`${k}.columns.status`),
                <Badge size="2xsmall" color={call.invoice_id ? "blue" : "green"}>
                  {call.invoice_id ? t(`${k}.status.invoiced`) : t(`${k}.status.rated`)}
                </Badge>
              )}
              {row(t(`${k}.call.ratedAt`), formatDateTime(call.rated_at))}
              {row(t(`${k}.call.source`), <span className="font-mono">{call.source}</span>)}
              {row(
                t(`${k}.call.importJob`),
                call.import_job_id ? (
                  <Link to={`/call-billing/imports/${call.import_job_id}`} className="text-ui-fg-interactive">
                    {call.import_job_id}
                    {call.line ? ` · ${t(`${k}.call.line`, { line: call.line })}` : ""}
                  </Link>
                ) : null
              )}
              {call.request_id ? row(t(`${k}.call.request`), <span className="font-mono">{call.request_id}</span>) : null}
              {call.metadata && Object.keys(call.metadata).length > 0
                ? row(t(`${k}.call.extra`), <span className="font-mono">{JSON.stringify(call.metadata)}</span>)
                : null}
            </div>
          </Drawer.Body>
        )}
      </Drawer.Content>
    </Drawer>
  )
}
