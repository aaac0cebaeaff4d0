/** Who did it, from where: passed from the HTTP layer to services as plain data. */
export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
}
