import { defineRouteConfig } from "@medusajs/admin-sdk"
import { PencilSquare, Trash } from "@medusajs/icons"
import { Badge, Button, Container, Heading, IconButton, Input, Table, Text, usePrompt, toast } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { Link, useNavigate } from "react-router-dom"
import { activeVersion, formatDateTime } from "../../../components/rate-cards/format"
import { RateCardFormDrawer } from "../../../components/rate-cards/rate-card-form-drawer"
import { useDeleteRateCard, useRateCards } from "../../../hooks/rate-cards"
import { toastError } from "../../../lib/errors"
import type { RateCard } from "../../../lib/types"
import { PagePagination } from "../../../components/common/page-pagination"

const PAGE_SIZE = 20

/** Sell and buy rate cards: search, page, create, edit and delete. */
const RateCardsPage = () => {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const prompt = usePrompt()
  const [search, setSearch] = useState("")
  const [q, setQ] = useState("")
  const [pageIndex, setPageIndex] = useState(0)
  const [drawer, setDrawer] = useState<{ open: boolean; card: RateCard | null }>({ open: false, card: null })
  const del = useDeleteRateCard()

  // debounce the search box; a new search starts at the first page
  useEffect(() => {
    const h = setTimeout(() => {
      setQ(search.trim())
      setPageIndex(0)
    }, 300)
    return () => clearTimeout(h)
  }, [search])

  const { data, isLoading, isError, error } = useRateCards({ q: q || undefined, limit: PAGE_SIZE, offset: pageIndex * PAGE_SIZE })
  useEffect(() => {
    if (isError) toastError(error)
  }, [isError, error])

  const cards = data?.rate_cards ?? []
  const count = data?.count ?? 0
  const k = "callBilling.rateCards"

  const onDelete = async (card: RateCard) => {
    const ok = await prompt({
      title: t(`${k}.delete.title`),
      description: t(`${k}.delete.description`, { code: card.code }),
      confirmText: t(`${k}.actions.delete`),
      cancelText: t(`${k}.actions.cancel`),
    })
    if (!ok) return
    try {
      await del.mutateAsync(card.id)
      toast.success(t(`${k}.delete.done`, { code: card.code }))
      if (cards.length === 1 && pageIndex > 0) setPageIndex(pageIndex - 1)
    } catch (e) {
      toastError(e)
    }
  }

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h1">{t(`${k}.title`)}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t(`${k}.description`)}
          </Text>
        </div>
        <Button size="small" variant="secondary" data-testid="rate-cards-create" onClick={() => setDrawer({ open: true, card: null })}>
          {t(`${k}.actions.create`)}
        </Button>
      </div>
      <div className="flex items-center justify-end px-6 py-4">
        <div className="w-full max-w-[280px]">
          <Input
            size="small"
            type="search"
            placeholder={t(`${k}.searchPlaceholder`)}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            data-testid="rate-cards-search"
          />
        </div>
      </div>
      {isLoading ? (
        <div className="px-6 py-8" data-testid="rate-cards-loading">
          <Text size="small" className="text-ui-fg-muted">
            {t(`${k}.loading`)}
          </Text>
        </div>
      ) : cards.length === 0 ? (
        <div className="flex flex-col items-center gap-y-2 px-6 py-12" data-testid="rate-cards-empty">
          <Text weight="plus">{q ? t(`${k}.emptySearch.title`) : t(`${k}.empty.title`)}</Text>
          <Text size="small" className="text-ui-fg-subtle">
            {q ? t(`${k}.emptySearch.description`, { q }) : t(`${k}.empty.description`)}
          </Text>
        </div>
      ) : (
        <div className="overflow-x-auto">
          <Table data-testid="rate-cards-table">
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>{t(`${k}.columns.name`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${k}.columns.code`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${k}.columns.kind`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${k}.columns.currency`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${k}.columns.carrier`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${k}.columns.activeVersion`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${k}.columns.effectiveFrom`)}</Table.HeaderCell>
                <Table.HeaderCell className="w-[1%]" />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {cards.map((card) => {
                const active = activeVersion(card.versions)
                return (
                  <Table.Row
                    key={card.id}
                    data-testid={`rate-card-row-${card.code}`}
                    className="cursor-pointer"
                    onClick={() => navigate(`/call-billing/rate-cards/${card.id}`)}
                  >
                    <Table.Cell>
                      <Link to={`/call-billing/rate-cards/${card.id}`} onClick={(e) => e.stopPropagation()} className="text-ui-fg-interactive">
                        {card.name}
                      </Link>
                    </Table.Cell>
                    <Table.Cell className="font-mono">{card.code}</Table.Cell>
                    <Table.Cell>
                      <Badge size="2xsmall" color={card.kind === "sell" ? "green" : "blue"}>
                        {t(`${k}.kind.${card.kind}`)}
                      </Badge>
                    </Table.Cell>
                    <Table.Cell>{card.currency_code.toUpperCase()}</Table.Cell>
                    <Table.Cell>{card.carrier ?? "–"}</Table.Cell>
                    <Table.Cell>{active ? `v${active.number}` : <span className="text-ui-fg-muted">{t(`${k}.noActiveVersion`)}</span>}</Table.Cell>
                    <Table.Cell>{active ? formatDateTime(active.effective_from) : "–"}</Table.Cell>
                    <Table.Cell onClick={(e) => e.stopPropagation()}>
                      <div className="flex items-center gap-x-1">
                        <IconButton
                          size="small"
                          variant="transparent"
                          aria-label={t(`${k}.actions.edit`)}
                          title={t(`${k}.actions.edit`)}
                          data-testid={`rate-card-edit-${card.code}`}
                          onClick={() => setDrawer({ open: true, card })}
                        >
                          <PencilSquare />
                        </IconButton>
                        <IconButton
                          size="small"
                          variant="transparent"
                          aria-label={t(`${k}.actions.delete`)}
                          title={t(`${k}.actions.delete`)}
                          data-testid={`rate-card-delete-${card.code}`}
                          onClick={() => onDelete(card)}
                        >
                          <Trash />
                        </IconButton>
                      </div>
                    </Table.Cell>
                  </Table.Row>
                )
              })}
            </Table.Body>
          </Table>
          <PagePagination count={count} pageSize={PAGE_SIZE} pageIndex={pageIndex} setPageIndex={setPageIndex} />
        </div>
      )}
      <RateCardFormDrawer
        open={drawer.open}
        card={drawer.card}
        onOpenChange={(open) => setDrawer((d) => ({ ...d, open }))}
      />
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Rate cards",
})

export default RateCardsPage
