/**
 * Principals are `<door>:<name>` (`grpc:alice`, `nats:alice`): the same name through another door is the same
 * person, or maker-checker could be passed by creating through NATS and approving through gRPC.
 */
export function samePerson(a: string, b: string): boolean {
  const name = (principal: string) => principal.slice(principal.indexOf(":") + 1);
  return name(a) === name(b);
}

/** The engine's own components (the scheduler, the planner, reminders, effect results) act as `system:<name>`. */
export function isSystemPrincipal(principal: string): boolean {
  return principal.startsWith("system:");
}
