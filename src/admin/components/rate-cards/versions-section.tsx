import { ArrowDownTray, Trash } from "@medusajs/icons"
import { Button, clx, Heading, IconButton, StatusBadge, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { downloadVersionCsv, useDeleteVersion } from "../../hooks/rate-cards"
import { toastError } from "../../lib/errors"
import type { RateCard, RateCardVersion } from "../../lib/types"
import { activeVersion, formatDateTime } from "./format"
import { PublishVersionDialog } from "./publish-version-dialog"

type Props = {
  card: RateCard
  versions: RateCardVersion[]
  isLoading: boolean
  selectedId: string | null
  onSelect: (id: string | null) => void
}

/** The card's versions: select one to see its rows; publish, export or delete. */
export const VersionsSection = ({ card, versions, isLoading, selectedId, onSelect }: Props) => {
  const { t } = useTranslation()
  const prompt = usePrompt()
  const del = useDeleteVersion(card.id)
  const [publishing, setPublishing] = useState<RateCardVersion | null>(null)
  const [exporting, setExporting] = useState<string | null>(null)
  const k = "callBilling.rateCards.versions"
  const active = activeVersion(versions)

  const status = (v: RateCardVersion) => {
    if (v.status === "draft") return <StatusBadge color="orange">{t("callBilling.rateCards.status.draft")}</StatusBadge>
    if (active?.id === v.id) return <StatusBadge color="green">{t("callBilling.rateCards.status.active")}</StatusBadge>
    const future = v.effective_from && new Date(v.effective_from).getTime() > Date.now()
    return <StatusBadge color={future ? "blue" : "grey"}>{t(future ? "callBilling.rateCards.status.scheduled" : "callBilling.rateCards.status.published")}</StatusBadge>
  }

  const onExport = async (v: RateCardVersion) => {
    setExporting(v.id)
    try {
      await downloadVersionCsv(card.id, v, card.code)
    } catch (e) {
      toastError(e)
    } finally {
      setExporting(null)
    }
  }

  const onDelete = async (v: RateCardVersion) => {
    const ok = await prompt({
      title: t(`${k}.delete.title`, { number: v.number }),
      description: t(`${k}.delete.description`, { number: v.number }),
      confirmText: t("callBilling.rateCards.actions.delete"),
      cancelText: t("callBilling.rateCards.actions.cancel"),
    })
    if (!ok) return
    try {
      await del.mutateAsync(v.id)
      toast.success(t(`${k}.delete.done`, { number: v.number }))
      if (selectedId === v.id) onSelect(null)
    } catch (e) {
      toastError(e)
    }
  }

  return (
    <div className="flex flex-col">
      <div className="px-6 py-4">
        <Heading level="h2">{t(`${k}.title`)}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t(`${k}.description`)}
        </Text>
      </div>
      {isLoading ? (
        <Text size="small" className="text-ui-fg-muted px-6 pb-4">
          {t("callBilling.rateCards.loading")}
        </Text>
      ) : versions.length === 0 ? (
        <Text size="small" className="text-ui-fg-muted px-6 pb-4" data-testid="versions-empty">
          {t(`${k}.empty`)}
        </Text>
      ) : (
        <div className="overflow-x-auto">
          <Table data-testid="versions-table">
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>{t(`${k}.number`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${k}.status`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${k}.effectiveFrom`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${k}.effectiveTo`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${k}.rows`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${k}.filename`)}</Table.HeaderCell>
                <Table.HeaderCell className="w-[1%]" />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {versions.map((v) => (
                <Table.Row
                  key={v.id}
                  data-testid={`version-row-${v.number}`}
                  aria-selected={selectedId === v.id}
                  className={clx("cursor-pointer", selectedId === v.id && "bg-ui-bg-highlight")}
                  onClick={() => onSelect(v.id)}
                >
                  <Table.Cell>v{v.number}</Table.Cell>
                  <Table.Cell>{status(v)}</Table.Cell>
                  <Table.Cell>{formatDateTime(v.effective_from)}</Table.Cell>
                  <Table.Cell>{v.status === "published" && !v.effective_to ? t(`${k}.openEnded`) : formatDateTime(v.effective_to)}</Table.Cell>
                  <Table.Cell>{v.row_count}</Table.Cell>
                  <Table.Cell className="max-w-[240px] truncate">{v.source_filename ?? "–"}</Table.Cell>
                  <Table.Cell onClick={(e) => e.stopPropagation()}>
                    <div className="flex items-center justify-end gap-x-1">
                      {v.status === "draft" && (
                        <Button size="small" variant="secondary" onClick={() => setPublishing(v)} data-testid={`version-publish-${v.number}`}>
                          {t(`${k}.publish`)}
                        </Button>
                      )}
                      <IconButton
                        size="small"
                        variant="transparent"
                        aria-label={t(`${k}.export`)}
                        title={t(`${k}.export`)}
                        disabled={exporting === v.id}
                        onClick={() => onExport(v)}
                        data-testid={`version-export-${v.number}`}
                      >
                        <ArrowDownTray />
                      </IconButton>
                      {v.status === "draft" && (
                        <IconButton
                          size="small"
                          variant="transparent"
                          aria-label={t(`${k}.deleteDraft`)}
                          title={t(`${k}.deleteDraft`)}
                          onClick={() => onDelete(v)}
                          data-testid={`version-delete-${v.number}`}
                        >
                          <Trash />
                        </IconButton>
                      )}
                    </div>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <PublishVersionDialog cardId={card.id} version={publishing} onClose={() => setPublishing(null)} />
    </div>
  )
}
