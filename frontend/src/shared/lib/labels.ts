import type { TFunction } from 'i18next';

export interface RoleLike {
  id: string;
  name: string;
  description: string;
  group: string;
  builtIn: boolean;
}

/** roleName shows a built-in role in the user's language, a custom one as typed. */
export function roleName(t: TFunction, role: RoleLike): string {
  return role.builtIn ? t(`roles.${role.id}.name`, { defaultValue: role.name }) : role.name;
}

/** roleDescription is roleName's counterpart for descriptions. */
export function roleDescription(t: TFunction, role: RoleLike): string {
  return role.builtIn ? t(`roles.${role.id}.description`, { defaultValue: role.description }) : role.description;
}

/** groupedRoleOptions builds grouped select data: core team, collaborators, outsiders. */
export function groupedRoleOptions(t: TFunction, roles: RoleLike[]) {
  const order = ['core', 'collaborator', 'external'];
  return order
    .map((group) => ({
      group: t(`roleGroups.${group}`),
      items: roles.filter((r) => r.group === group).map((r) => ({ value: r.id, label: roleName(t, r) })),
    }))
    .filter((g) => g.items.length > 0);
}

const fallbackZones = ['UTC', 'Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura', 'Asia/Singapore', 'Europe/Berlin', 'Europe/London', 'America/New_York'];

/** timeZones lists IANA zones the browser knows, always including extra. */
export function timeZones(...extra: string[]): string[] {
  let zones: string[] = fallbackZones;
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  if (typeof intl.supportedValuesOf === 'function') {
    try {
      zones = intl.supportedValuesOf('timeZone');
    } catch {
      zones = fallbackZones;
    }
  }
  const set = new Set([...zones, ...extra.filter(Boolean)]);
  return [...set].sort();
}
