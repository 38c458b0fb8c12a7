import { Table } from "@medusajs/ui"
import type { Dispatch, SetStateAction } from "react"

type Props = {
  count: number
  pageSize: number
  pageIndex: number
  setPageIndex: Dispatch<SetStateAction<number>>
}

/** The footer of a server-paged table: "1 — 20 of N results", previous / next. */
export const PagePagination = ({ count, pageSize, pageIndex, setPageIndex }: Props) => {
  const pageCount = Math.max(1, Math.ceil(count / pageSize))
  return (
    <Table.Pagination
      count={count}
      pageSize={pageSize}
      pageIndex={pageIndex}
      pageCount={pageCount}
      canPreviousPage={pageIndex > 0}
      canNextPage={pageIndex + 1 < pageCount}
      previousPage={() => setPageIndex((p) => Math.max(0, p - 1))}
      nextPage={() => setPageIndex((p) => Math.min(pageCount - 1, p + 1))}
    />
  )
}
