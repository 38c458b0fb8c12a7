import { createDataTableColumnHelper, DataTable, type DataTablePaginationState, Input, useDataTable } from "@medusajs/ui"
import { useEffect, useMemo, useState } from "react"
import { useTranslation } from "react-i18next"
import { useRates, useTimeProfile } from "../../hooks/rate-cards"
import { toastError } from "../../lib/errors"
import type { Rate, RateCard, RateCardVersion } from "../../lib/types"
import { increments, money, selectClass } from "./format"

const PAGE_SIZE = 50
const columnHelper = createDataTableColumnHelper<Rate>()
/** select value for "rows with no band" ("" is also "all" in a select, so it needs its own token) */
const NO_BAND = "__none__"

type Props = { card: RateCard; version: RateCardVersion }

/** A version's rows, server-paged, searchable by prefix or destination, filtered by band and direction. */
export const RatesTable = ({ card, version }: Props) => {
  const { t } = useTranslation()
  const k = "callBilling.rateCards.rates"
  const [search, setSearch] = useState("")
  const [q, setQ] = useState("")
  const [band, setBand] = useState("")
  const [direction, setDirection] = useState<"" | "outbound" | "inbound">("")
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })
  const profile = useTimeProfile(card.time_profile_id)

  useEffect(() => {
    const h = setTimeout(() => {
      setQ(search.trim())
      setPagination((p) => ({ ...p, pageIndex: 0 }))
    }, 300)
    return () => clearTimeout(h)
  }, [search])

  useEffect(() => {
    setPagination((p) => ({ ...p, pageIndex: 0 }))
  }, [version.id, band, direction])

  const { data, isLoading, isError, error } = useRates(card.id, version.id, {
    q: q || undefined,
    band: band === "" ? undefined : band === NO_BAND ? "" : band,
    direction: direction || undefined,
    limit: pagination.pageSize,
    offset: pagination.pageIndex * pagination.pageSize,
  })
  useEffect(() => {
    if (isError) toastError(error)
  }, [isError, error])

  const bands = useMemo(() => {
    const p = profile.data?.time_profile
    const all = new Set<string>()
    for (const r of p?.rules ?? []) if (r.band) all.add(r.band)
    for (const h of p?.holidays ?? []) if (h.band) all.add(h.band)
    return [...all].sort()
  }, [profile.data])

  const currency = card.currency_code.toUpperCase()
  const columns = useMemo(
    () => [
      columnHelper.accessor("prefix", { header: t(`${k}.prefix`), cell: ({ getValue }) => <span className="font-mono">{getValue()}</span> }),
      columnHelper.accessor("destination", { header: t(`${k}.destination`), cell: ({ getValue }) => getValue() ?? "–" }),
      columnHelper.accessor("destination_group", { header: t(`${k}.group`), cell: ({ getValue }) => getValue() ?? "–" }),
      columnHelper.accessor("band", { header: t(`${k}.band`), cell: ({ getValue }) => getValue() || t(`${k}.anyBand`) }),
      columnHelper.accessor("direction", { header: t(`${k}.direction`), cell: ({ getValue }) => t(`callBilling.rateCards.direction.${getValue()}`) }),
      // exact strings from the API: never parsed to numbers
      columnHelper.accessor("rate", { header: t(`${k}.rate`), cell: ({ getValue }) => <span className="font-mono">{money(getValue(), currency)}</span> }),
      columnHelper.accessor("connect_fee", { header: t(`${k}.connectFee`), cell: ({ getValue }) => <span className="font-mono">{money(getValue(), currency)}</span> }),
      columnHelper.accessor("per_call", { header: t(`${k}.perCall`), cell: ({ getValue }) => <span className="font-mono">{money(getValue(), currency)}</span> }),
      columnHelper.display({ id: "increments", header: t(`${k}.increments`), cell: ({ row }) => <span className="font-mono">{increments(row.original)}</span> }),
      columnHelper.accessor("grace", { header: t(`${k}.grace`) }),
    ],
    [t, currency]
  )

  const table = useDataTable({
    data: data?.rates ?? [],
    columns,
    getRowId: (r) => r.id,
    rowCount: data?.count ?? 0,
    isLoading,
    pagination: { state: pagination, onPaginationChange: setPagination },
  })

  return (
    <div data-testid="rates-table" data-version={version.number}>
      <DataTable instance={table}>
        <DataTable.Toolbar className="flex flex-wrap items-center gap-2 px-6 py-4">
          <Input
            size="small"
            type="search"
            className="max-w-[260px]"
            placeholder={t(`${k}.searchPlaceholder`)}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            data-testid="rates-search"
          />
          <select
            aria-label={t(`${k}.band`)}
            className={`${selectClass} max-w-[180px]`}
            value={band}
            onChange={(e) => setBand(e.target.value)}
            data-testid="rates-band-filter"
            name="band"
          >
            <option value="">{t(`${k}.allBands`)}</option>
            <option value={NO_BAND}>{t(`${k}.anyBand`)}</option>
            {bands.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
          <select
            aria-label={t(`${k}.direction`)}
            className={`${selectClass} max-w-[180px]`}
            value={direction}
            onChange={(e) => setDirection(e.target.value as typeof direction)}
            data-testid="rates-direction-filter"
            name="direction"
          >
            <option value="">{t(`${k}.allDirections`)}</option>
            <option value="outbound">{t("callBilling.rateCards.direction.outbound")}</option>
            <option value="inbound">{t("callBilling.rateCards.direction.inbound")}</option>
          </select>
        </DataTable.Toolbar>
        <DataTable.Table emptyState={{ empty: { heading: t(`${k}.empty.title`), description: t(`${k}.empty.description`) } }} />
        <DataTable.Pagination />
      </DataTable>
    </div>
  )
}
