import type { MiddlewareRoute } from "@medusajs/framework/http"

export const adminExceptionRoutesMiddlewares: MiddlewareRoute[] = []
