// What the person on this device may do, from their member's roles. The
// backend enforces every permission; the window uses this only to disable
// what would be refused and to say why beforehand.
import { useWorkspaceInfo } from './workspace';
import { useMembers, useRoles, type Permission } from './team';

export interface MemberLike {
  id: string;
  roles: string[];
}
export interface RoleLike {
  id: string;
  permissions: string[];
}

/** permissionsOf lists the permissions member's roles grant (none for an unknown member). */
export function permissionsOf(memberId: string, members: MemberLike[], roles: RoleLike[]): Set<Permission> {
  const out = new Set<Permission>();
  const m = members.find((x) => x.id === memberId);
  for (const id of m?.roles ?? []) for (const p of roles.find((r) => r.id === id)?.permissions ?? []) out.add(p as Permission);
  return out;
}

/**
 * useCan says whether this device's member may do perm: 'yes', 'no',
 * 'nobody' when no member is chosen on this device (or it was deleted), or
 * 'unknown' while loading (callers leave buttons enabled then; the backend
 * still decides).
 */
export function useCan(perm: Permission): 'yes' | 'no' | 'nobody' | 'unknown' {
  const info = useWorkspaceInfo();
  const members = useMembers();
  const roles = useRoles();
  if (!info.data || !members.data || !roles.data) return 'unknown';
  // No member chosen, or "me" deleted on another device: the backend lets
  // such a device act (so it is never locked out), and so does the window.
  if (!info.data.me || !members.data.some((m) => m.id === info.data.me)) return 'nobody';
  return permissionsOf(info.data.me, members.data, roles.data).has(perm) ? 'yes' : 'no';
}
